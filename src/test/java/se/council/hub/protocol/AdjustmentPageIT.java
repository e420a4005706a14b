package se.council.hub.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import se.council.hub.cycle.Cycle;
import se.council.hub.support.HubIntegrationTest;
import se.council.hub.support.TestHubConfiguration;

/**
 * A meeting registered after the fact, its round answered on the adjusters' page (no login, the
 * signed link is the authorisation; a forged form, a tampered or an expired link is refused), and
 * the reminder to the one still pending, whose reply to the reminder counts.
 */
@HubIntegrationTest
class AdjustmentPageIT extends ProtocolTestBase {

    @Autowired
    Cycle cycle;

    @Test
    void aPastMeetingsRoundAnsweredOnThePageAndByReplyToTheReminder() {
        // Registered after the fact: accepted, and no call for contributions goes out for it.
        JsonNode meeting = api.meeting("2026-11-05");
        long id = meeting.path("id").asLong();
        assertThat(meeting.path("sequenceNumber").asInt()).isPositive();
        cycle.dispatchDue();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM outbound_mail WHERE meeting_id = ? AND kind IN ('CALL', 'REMINDER')")
                .param(id).query(Integer.class).single()).isZero();

        kit.attendance(id, List.of("mikael.strand@lakemedelsverket.example=PRESENT", "per.oberg@ivo.example=PRESENT",
                "nils.akesson@folkhalsomyndigheten.example=PRESENT"), List.of());
        assertThat(api.call(HttpMethod.PUT, "/api/meetings/" + id + "/attendance",
                java.util.Map.of("people", List.of(java.util.Map.of("email", "nobody@unknown.example", "presence", "PRESENT"))))
                .getStatusCode().value()).isEqualTo(400);
        assertThat(api.call(HttpMethod.POST, "/api/meetings/" + id + "/protocol", null).getStatusCode().value()).isEqualTo(201);
        api.post("/api/meetings/" + id + "/protocol/adjustment", null);
        String v1 = "[NRP-2026-11-05 justering v1]";
        String mikaelToken = AdjustmentKit.link(mail.awaitMail("mikael.strand@lakemedelsverket.example", v1));
        String perToken = AdjustmentKit.link(mail.awaitMail("per.oberg@ivo.example", v1));
        assertThat(mikaelToken).isNotEqualTo(perToken);

        // The page, without any login.
        TestRestTemplate anonymous = rest;
        ResponseEntity<String> page = anonymous.getForEntity("/protocol-adjustment/" + mikaelToken, String.class);
        assertThat(page.getStatusCode().value()).isEqualTo(200);
        assertThat(page.getHeaders().getContentType().toString()).startsWith("text/html");
        assertThat(page.getBody()).contains("Mikael Strand", "Version 1", "Godkänn protokollet / Approve the minutes",
                "name=\"check\"", "väntar på svar / pending").doesNotContain("<script");
        assertThat(anonymous.getForEntity("/protocol-adjustment/" + mikaelToken + "/protocol.pdf", byte[].class).getBody())
                .startsWith("%PDF".getBytes());
        String check = page.getBody().replaceAll("(?s).*name=\"check\" value=\"([^\"]+)\".*", "$1");

        // A form posted from elsewhere (no check value, or another link's) changes nothing.
        assertThat(kit.pageForm(mikaelToken, null, "approve", null).getStatusCode().value()).isEqualTo(403);
        String perCheck = anonymous.getForEntity("/protocol-adjustment/" + perToken, String.class).getBody()
                .replaceAll("(?s).*name=\"check\" value=\"([^\"]+)\".*", "$1");
        assertThat(kit.pageForm(mikaelToken, perCheck, "approve", null).getStatusCode().value()).isEqualTo(403);
        // A tampered or foreign token is refused.
        String tampered = mikaelToken.substring(0, mikaelToken.length() - 3) + (mikaelToken.endsWith("AAA") ? "BBB" : "AAA");
        assertThat(anonymous.getForEntity("/protocol-adjustment/" + tampered, String.class).getStatusCode().value()).isEqualTo(403);
        assertThat(kit.pageForm(tampered, check, "approve", null).getStatusCode().value()).isEqualTo(403);
        String forged = perToken.substring(0, perToken.indexOf('.')) + mikaelToken.substring(mikaelToken.indexOf('.'));
        assertThat(anonymous.getForEntity("/protocol-adjustment/" + forged, String.class).getStatusCode().value()).isEqualTo(403);
        assertThat(AdjustmentKit.adjuster(kit.state(id), "mikael.strand@lakemedelsverket.example").path("state").asText()).isEqualTo("PENDING");

        // Mikael approves on the page; Per writes corrections there.
        ResponseEntity<String> approved = kit.pageForm(mikaelToken, check, "approve", null);
        assertThat(approved.getStatusCode().value()).isEqualTo(200);
        assertThat(approved.getBody()).contains("Ditt godkännande är registrerat", "godkänt / approved");
        JsonNode mikael = AdjustmentKit.adjuster(kit.state(id), "mikael.strand@lakemedelsverket.example");
        assertThat(mikael.path("state").asText()).isEqualTo("APPROVED");
        assertThat(mikael.path("channel").asText()).isEqualTo("WEB");
        assertThat(AdjustmentKit.body(mail.awaitMail("mikael.strand@lakemedelsverket.example", "Mottaget / Received: " + v1))).contains("godkännande");
        assertThat(kit.pageForm(perToken, perCheck, "corrections", " ").getStatusCode().value()).isEqualTo(400);
        ResponseEntity<String> corrected = kit.pageForm(perToken, perCheck, "corrections", "Punkt 2: IVO:s text ska nämna tandvården. <b>");
        assertThat(corrected.getStatusCode().value()).isEqualTo(200);
        assertThat(corrected.getBody()).contains("ändringar inskickade / corrections sent").doesNotContain("<b>");
        JsonNode per = AdjustmentKit.adjuster(kit.state(id), "per.oberg@ivo.example");
        assertThat(per.path("state").asText()).isEqualTo("CORRECTIONS");
        assertThat(per.path("text").asText()).isEqualTo("Punkt 2: IVO:s text ska nämna tandvården. <b>");

        // Two days before the deadline (2026-11-27 23:59 Stockholm) the one still pending is reminded, once.
        String reminder = v1 + " Påminnelse";
        clock.set(Instant.parse("2026-11-25T22:00:00Z"));
        tick();
        assertThat(kit.mails("nils.akesson@folkhalsomyndigheten.example", reminder)).isEmpty();
        clock.set(Instant.parse("2026-11-25T23:00:00Z"));
        tick();
        MimeMessage reminded = mail.awaitMail("nils.akesson@folkhalsomyndigheten.example", reminder);
        assertThat(AdjustmentKit.body(reminded)).contains("fredag 27 november 2026 kl. 23.59", "/protocol-adjustment/");
        tick();
        assertThat(kit.mails("nils.akesson@folkhalsomyndigheten.example", reminder)).hasSize(1);
        assertThat(kit.mails("mikael.strand@lakemedelsverket.example", reminder)).isEmpty();
        assertThat(kit.mails("per.oberg@ivo.example", reminder)).isEmpty();
        mail.deliverToHub(AdjustmentKit.reply("nils.akesson@folkhalsomyndigheten.example", reminded, "Godkänd", null));
        kit.awaitAdjuster(id, "nils.akesson@folkhalsomyndigheten.example", "APPROVED");

        // Per's correction is open: not adjusted at the deadline (every adjuster must approve in this council).
        clock.set(Instant.parse("2026-11-28T08:00:00Z"));
        tick();
        assertThat(kit.state(id).path("state").asText()).isEqualTo("IN_ADJUSTMENT");

        // The link expires (hub.protocol.link-valid-days after sending).
        clock.set(TestHubConfiguration.START.plus(Duration.ofDays(14)));
        assertThat(anonymous.getForEntity("/protocol-adjustment/" + perToken, String.class).getStatusCode().value()).isEqualTo(403);
        assertThat(kit.pageForm(perToken, perCheck, "approve", null).getStatusCode().value()).isEqualTo(403);
        // The API itself still needs the secretariat's login.
        assertThat(anonymous.getForEntity("/api/meetings/" + id + "/protocol", String.class).getStatusCode().value()).isEqualTo(401);
    }

    private void tick() {
        camel.requestBody("direct:protocol-due", (Object) "tick");
    }
}
