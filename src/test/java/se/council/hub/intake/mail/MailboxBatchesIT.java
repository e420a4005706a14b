package se.council.hub.intake.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import se.council.hub.config.HubProperties;
import se.council.hub.mailserver.EmbeddedMailServer;
import se.council.hub.support.HubApi;
import se.council.hub.support.HubIntegrationTest;
import se.council.hub.support.TestFiles;
import se.council.hub.support.TestMail;

/**
 * More mails than one poll takes: the mailbox fetches the next batch while one is taken in and flags
 * a batch's mails together. Each mail must still be taken in exactly once, flagged once its outcome
 * is committed, and of one agency's status updates the one the server received last is current. A
 * poll that found mails is followed at once by the next, so the backlog drains without the poll delay.
 */
@HubIntegrationTest
// A poll delay longer than the test: only a poll right after one that found mails (greedy) gets them all in.
@TestPropertySource(properties = {"hub.mail.max-messages-per-poll=3", "hub.mail.poll-delay=600000"})
class MailboxBatchesIT {

    private static final int MAILS = 11;

    @Autowired
    TestRestTemplate rest;
    @Autowired
    EmbeddedMailServer server;
    @Autowired
    HubProperties properties;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    CamelContext camel;

    @Test
    void mailsOverSeveralBatchesAreTakenInOnceEachAtOnceAndTheLastReceivedIsCurrent() throws Exception {
        HubApi api = new HubApi(rest);
        TestMail mail = new TestMail(server, properties);
        long meeting = api.meeting("2027-01-13").path("id").asLong();
        // The mails wait in the mailbox for the first poll after the route starts (its initial delay is a second).
        camel.getRouteController().stopRoute("intake-mail");
        for (int i = 1; i <= MAILS; i++) {
            mail.deliverToHub(TestFiles.mail("Anna Lind <anna.lind@ivo.example>", "[NRP-2027-01-13] Lägesrapport IVO " + i,
                    "<batch-" + i + "@ivo.example>", "Version " + i + "."));
        }
        camel.getRouteController().startRoute("intake-mail");

        await().atMost(Duration.ofSeconds(60)).until(() -> api.submissionsOf(meeting, "ivo").path("submissions").size() == MAILS);
        await().atMost(Duration.ofSeconds(20)).until(() -> mail.unseenInHubMailbox() == 0);

        // One record per mail, each taken in at the first attempt: no mail was fetched while it was in progress.
        List<Map<String, Object>> inbound = jdbc.sql("SELECT message_id, state, attempts FROM inbound_message WHERE message_id LIKE ?")
                .param("<batch-%").query().listOfRows();
        assertThat(inbound).hasSize(MAILS)
                .allSatisfy(row -> {
                    assertThat(row.get("STATE")).isEqualTo("PROCESSED");
                    assertThat(((Number) row.get("ATTEMPTS")).intValue()).isZero();
                });
        assertThat(jdbc.sql("SELECT COUNT(*) FROM submission WHERE original_message_id LIKE ?").param("<batch-%")
                .query(Integer.class).single()).isEqualTo(MAILS);
        assertThat(jdbc.sql("SELECT original_message_id FROM submission WHERE meeting_id = ? AND agency_id = 'ivo' AND state = 'ACCEPTED'")
                .param(meeting).query(String.class).list()).containsExactly("<batch-" + MAILS + "@ivo.example>");
        for (int i = 1; i <= MAILS; i++) {
            assertThat(mail.seenInHubMailbox("<batch-" + i + "@ivo.example>")).as("mail %d flagged", i).isTrue();
        }
    }
}
