package se.council.hub.cycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;
import se.council.hub.config.HubProperties;
import se.council.hub.mailserver.EmbeddedMailServer;
import se.council.hub.registry.CouncilRegistry;
import se.council.hub.support.HubApi;
import se.council.hub.support.HubIntegrationTest;
import se.council.hub.support.MutableClock;
import se.council.hub.support.TestFiles;
import se.council.hub.support.TestHubConfiguration;
import se.council.hub.support.TestMail;

/**
 * The call for contributions and the reminders: sent on their days to the right people, at once
 * for a meeting registered late, only to agencies without an accepted submission, never twice.
 */
@HubIntegrationTest
class CycleIT {

    @Autowired
    TestRestTemplate rest;
    @Autowired
    Cycle cycle;
    @Autowired
    MutableClock clock;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    CouncilRegistry registry;
    @Autowired
    EmbeddedMailServer server;
    @Autowired
    HubProperties properties;

    HubApi api;
    TestMail mail;

    @BeforeEach
    void setUp() {
        api = new HubApi(rest);
        mail = new TestMail(server, properties);
    }

    @AfterEach
    void resetClock() {
        clock.set(TestHubConfiguration.START);
    }

    @Test
    void theCallGoesOutTwentyOneDaysBeforeToEveryPersonOfEveryMemberAgencyAndOnlyOnce() {
        JsonNode meeting = api.meeting("2027-01-20");
        long id = meeting.path("id").asLong();
        assertThat(outbound(id, "CALL")).as("no call 61 days before").isZero();

        clock.set(Instant.parse("2026-12-30T09:00:00Z"));
        cycle.dispatchDue();
        int people = registry.members("NRP").stream().mapToInt(a -> a.people().size()).sum();
        assertThat(outbound(id, "CALL")).isEqualTo(people);
        cycle.dispatchDue();
        cycle.dispatchDue();
        assertThat(outbound(id, "CALL")).as("a step is never sent twice").isEqualTo(people);

        MimeMessage call = mail.awaitMail("tove.hellstrom@shk.example", "[NRP-2027-01-20] Inbjudan att lämna bidrag");
        assertThat(TestMail.text(call)).contains("rådets " + meeting.path("ordinal").asText() + " möte")
                .contains("onsdag 13 januari 2027 kl. 12.00").contains(properties.mail().address())
                .contains("[NRP-2027-01-20] Ärende:").contains("council.intake.status-updates");
        assertThat(TestMail.header(call, "Auto-Submitted")).isEqualTo("auto-generated");
    }

    @Test
    void aMeetingRegisteredLateGetsItsCallAtOnce() {
        long id = api.meeting("2026-12-02").path("id").asLong();
        assertThat(outbound(id, "CALL")).isEqualTo(registry.members("NRP").stream().mapToInt(a -> a.people().size()).sum());
        assertThat(outbound(id, "REMINDER")).as("reminder days before registration are covered by the call").isZero();
    }

    @Test
    void remindersGoOnlyToAgenciesWithoutAnAcceptedSubmission() {
        JsonNode meeting = api.meeting("2027-01-27");
        long id = meeting.path("id").asLong();
        clock.set(Instant.parse("2027-01-06T09:00:00Z"));
        cycle.dispatchDue();
        mail.deliverToHub(TestFiles.mail("anna.lind@ivo.example", "[NRP-2027-01-27] Lägesrapport", "<cycle-ivo@ivo.example>",
                "IVO:s lägesrapport."));
        await().atMost(Duration.ofSeconds(30)).until(() -> api.submissionsOf(id, "ivo").path("state").asText().equals("RECEIVED"));

        clock.set(Instant.parse("2027-01-20T08:30:00Z"));
        cycle.dispatchDue();
        List<String> reminded = jdbc.sql("SELECT DISTINCT agency_id FROM outbound_mail WHERE meeting_id = ? AND kind = 'REMINDER'")
                .param(id).query(String.class).list();
        assertThat(reminded).hasSize(14).doesNotContain("ivo").contains("sbu", "shk", "socialstyrelsen");
        int sent = outbound(id, "REMINDER");
        cycle.dispatchDue();
        assertThat(outbound(id, "REMINDER")).isEqualTo(sent);
        MimeMessage reminder = mail.awaitMail("ingrid.palm@sbu.example", "[NRP-2027-01-27] Påminnelse");
        assertThat(TestMail.text(reminder)).contains("Vi har ännu inte fått något bidrag");

        JsonNode now = api.tree(api.call(HttpMethod.POST, "/api/meetings/" + id + "/reminders", Map.of()));
        assertThat(now.path("meeting").asText()).isEqualTo("NRP-2027-01-27");
        assertThat(now.path("agencies")).hasSize(14);
        assertThat(now.path("agencies").toString()).doesNotContain("\"ivo\"").contains("\"sbu\"");
        assertThat(outbound(id, "REMINDER")).isEqualTo(sent * 2);
    }

    private int outbound(long meetingId, String kind) {
        return jdbc.sql("SELECT COUNT(*) FROM outbound_mail WHERE meeting_id = ? AND kind = ?").params(meetingId, kind)
                .query(Integer.class).single();
    }

}
