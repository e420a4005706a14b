package se.council.hub.agenda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import se.council.hub.config.HubProperties;
import se.council.hub.mailserver.EmbeddedMailServer;
import se.council.hub.support.HubApi;
import se.council.hub.support.HubIntegrationTest;
import se.council.hub.support.TestFiles;
import se.council.hub.support.TestMail;

/**
 * The secretariat sets the agenda: proposals from agencies are accepted (with their files), edited,
 * ordered or declined, new items added; numbers follow the order; bad lines get a clear 400.
 */
@HubIntegrationTest
class AgendaIT {

    @Autowired
    TestRestTemplate rest;
    @Autowired
    EmbeddedMailServer server;
    @Autowired
    HubProperties properties;

    HubApi api;

    @BeforeEach
    void setUp() {
        api = new HubApi(rest);
    }

    @Test
    void theSecretariatAcceptsEditsOrdersAndDeclinesItems() {
        long id = api.meeting("2027-03-17").path("id").asLong();
        TestMail mail = new TestMail(server, properties);
        byte[] slides = TestFiles.pptx("Säkerhetskultur");
        mail.deliverToHub(TestFiles.mail("Camilla Forsberg <camilla.forsberg@nsg-patientsakerhet.example>",
                "[NRP-2027-03-17] Ärende: Säkerhetskultur i kommunerna", "<agenda-nsg@nsg.example>", "20 minuter.",
                "underlag.pptx", slides, TestFiles.PPTX));
        mail.deliverToHub(TestFiles.mail("lars.engstrom@ssm.example", "[NRP-2027-03-17] Agenda item: Radiation incidents",
                "<agenda-ssm@ssm.example>", "10 minutes."));
        JsonNode agenda = await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/api/meetings/" + id).path("agenda"),
                a -> a.findValuesAsText("state").stream().filter("PROPOSED"::equals).count() == 2);
        long opening = idOf(agenda, "Mötet öppnas");
        long round = idOf(agenda, "Aktuellt per aktör");
        long next = idOf(agenda, "Nästa möte");
        long closing = idOf(agenda, "Avslutning");
        long nsg = idOf(agenda, "Säkerhetskultur i kommunerna");
        long ssm = idOf(agenda, "Radiation incidents");

        List<Map<String, Object>> lines = new ArrayList<>();
        lines.add(Map.of("id", opening));
        lines.add(Map.of("id", round));
        lines.add(Map.of("id", nsg, "title", "Säkerhetskultur i kommunal vård", "presenters", "Camilla Forsberg, NSG"));
        Map<String, Object> added = new LinkedHashMap<>();
        added.put("title", "Planering av rådets möten 2028");
        added.put("presenters", "Maria Ekholm");
        lines.add(added);
        lines.add(Map.of("id", next));
        lines.add(Map.of("id", closing));
        ResponseEntity<String> put = api.call(HttpMethod.PUT, "/api/meetings/" + id + "/agenda", lines);
        assertThat(put.getStatusCode().value()).isEqualTo(200);

        JsonNode result = api.get("/api/meetings/" + id).path("agenda");
        List<String> accepted = new ArrayList<>();
        result.forEach(i -> {
            if (i.path("state").asText().equals("ACCEPTED")) {
                accepted.add(i.path("number").asInt() + ". " + i.path("title").asText());
            }
        });
        assertThat(accepted).containsExactly("1. Mötet öppnas", "2. Aktuellt per aktör", "3. Säkerhetskultur i kommunal vård",
                "4. Planering av rådets möten 2028", "5. Nästa möte", "6. Avslutning");
        JsonNode accepteddNsg = item(result, nsg);
        assertThat(accepteddNsg.path("presenters").asText()).isEqualTo("Camilla Forsberg, NSG");
        assertThat(accepteddNsg.path("agency").asText()).isEqualTo("nsg-patientsakerhet");
        assertThat(accepteddNsg.path("attachments").get(0).path("sha256").asText()).isEqualTo(TestFiles.sha256(slides));
        JsonNode declined = item(result, ssm);
        assertThat(declined.path("state").asText()).isEqualTo("DECLINED");
        assertThat(declined.has("number")).isFalse();
    }

    @Test
    void anAgendaWithUnknownOrRepeatedItemsIsRefusedWithTheReason() {
        long id = api.meeting("2027-03-18").path("id").asLong();
        long opening = idOf(api.get("/api/meetings/" + id).path("agenda"), "Mötet öppnas");
        ResponseEntity<String> put = api.call(HttpMethod.PUT, "/api/meetings/" + id + "/agenda",
                List.of(Map.of("id", opening), Map.of("id", opening), Map.of("id", 999_999), Map.of("presenters", "x")));
        assertThat(put.getStatusCode().value()).isEqualTo(400);
        assertThat(api.tree(put).path("error").asText()).contains("line 2: item " + opening + " is listed twice")
                .contains("line 3: item 999999 is not on this meeting's agenda").contains("line 4: a new item needs a title");
        assertThat(api.get("/api/meetings/" + id).path("agenda").findValuesAsText("state")).containsOnly("ACCEPTED");
    }

    private static long idOf(JsonNode agenda, String title) {
        for (JsonNode i : agenda) {
            if (i.path("title").asText().equals(title)) {
                return i.path("id").asLong();
            }
        }
        throw new AssertionError("no item " + title + " in " + agenda);
    }

    private static JsonNode item(JsonNode agenda, long id) {
        for (JsonNode i : agenda) {
            if (i.path("id").asLong() == id) {
                return i;
            }
        }
        throw new AssertionError("no item " + id);
    }
}
