package se.council.hub.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;
import se.council.hub.broker.BrokerCredentials;
import se.council.hub.support.HubIntegrationTest;

/**
 * Completion when every adjuster has approved happens in the step of the last approval, not at
 * the schedule's next tick, and only once: two last approvals on the page side by side, and a
 * round whose immediate completion was lost then completed by several callers at once, each
 * issue the final protocol once (one event, one mail per recipient, one audit record).
 */
@HubIntegrationTest
class ProtocolCompletionIT extends ProtocolTestBase {

    @Autowired
    BrokerCredentials credentials;

    @Test
    void theLastTwoApprovalsSideBySideOnThePageAdjustTheProtocolAtOnceAndOnce() throws Exception {
        long id = api.meeting("2027-05-06").path("id").asLong();
        kit.attendance(id, List.of("anna.lind@ivo.example=PRESENT", "ingrid.palm@sbu.example=PRESENT"), List.of());
        api.post("/api/meetings/" + id + "/protocol", null);
        api.post("/api/meetings/" + id + "/protocol/adjustment", null);
        String v1 = "[NRP-2027-05-06 justering v1]";
        String annaToken = AdjustmentKit.link(mail.awaitMail("anna.lind@ivo.example", v1));
        String ingridToken = AdjustmentKit.link(mail.awaitMail("ingrid.palm@sbu.example", v1));
        String annaCheck = check(annaToken);
        String ingridCheck = check(ingridToken);

        try (Connection events = events()) {
            MessageConsumer announcements = announcements(events);
            List<ResponseEntity<String>> answers = sideBySide(
                    () -> kit.pageForm(annaToken, annaCheck, "approve", null),
                    () -> kit.pageForm(ingridToken, ingridCheck, "approve", null));
            assertThat(answers).allSatisfy(a -> assertThat(a.getStatusCode().value()).isEqualTo(200));

            // No tick: the page's answer returned only after the round was completed.
            JsonNode state = kit.state(id);
            assertThat(state.path("state").asText()).isEqualTo("ADJUSTED");
            assertThat(state.path("completion").asText()).isEqualTo("ALL_APPROVED");
            assertThat(state.path("adjusters").findValuesAsText("channel")).containsOnly("WEB");
            assertThat(answers.stream().map(ResponseEntity::getBody)).anySatisfy(b -> assertThat(b).contains("Protokollet är justerat"));
            assertThat(adjustedEvents(announcements, "NRP-2027-05-06")).isEqualTo(1);
            tick();
            assertThat(adjustedEvents(announcements, "NRP-2027-05-06")).isZero();
        }
        assertIssuedOnce(id, "NRP-2027-05-06");
    }

    @Test
    void aRoundWhoseCompletionWasLostIsCompletedOnceByCallersSideBySide() throws Exception {
        long id = api.meeting("2027-05-07").path("id").asLong();
        kit.attendance(id, List.of("anna.lind@ivo.example=PRESENT", "ingrid.palm@sbu.example=PRESENT"), List.of());
        api.post("/api/meetings/" + id + "/protocol", null);
        api.post("/api/meetings/" + id + "/protocol/adjustment", null);
        long protocolId = jdbc.sql("SELECT id FROM protocol_version WHERE meeting_id = ? AND version = 1").param(id)
                .query(Long.class).single();
        // Both approvals committed, and the hub stopped before the completion that follows them.
        jdbc.sql("UPDATE protocol_adjuster SET state = 'APPROVED', channel = 'MAIL', answered_at = CURRENT_TIMESTAMP"
                + " WHERE protocol_id = ?").param(protocolId).update();

        try (Connection events = events()) {
            MessageConsumer announcements = announcements(events);
            sideBySide(() -> camel.requestBody(ProtocolCompletion.ROUTE, protocolId), () -> camel.requestBody(ProtocolCompletion.ROUTE, protocolId),
                    () -> camel.requestBody("direct:protocol-due", (Object) "tick"), () -> camel.requestBody(ProtocolCompletion.ROUTE, protocolId));
            assertThat(kit.state(id).path("state").asText()).isEqualTo("ADJUSTED");
            assertThat(adjustedEvents(announcements, "NRP-2027-05-07")).isEqualTo(1);
        }
        assertIssuedOnce(id, "NRP-2027-05-07");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE meeting_ref = ? AND summary LIKE 'protocol step failed%'")
                .param("NRP-2027-05-07").query(Integer.class).single()).isZero();
    }

    /** One mail per recipient (both adjusters and the secretariat), and one audit record of the completion. */
    private void assertIssuedOnce(long meetingId, String reference) {
        List<String> recipients = jdbc.sql("SELECT recipient FROM outbound_mail WHERE meeting_id = ? AND kind = 'PROTOCOL'")
                .param(meetingId).query(String.class).list();
        assertThat(recipients).doesNotHaveDuplicates()
                .contains("anna.lind@ivo.example", "ingrid.palm@sbu.example", "johan.westerlund@socialstyrelsen.example");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE meeting_ref = ? AND summary LIKE 'protocol version 1 adjusted%'")
                .param(reference).query(Integer.class).single()).isEqualTo(1);
    }

    /** Runs the calls at the same moment on their own threads; returns their results in order. */
    @SafeVarargs
    private static <T> List<T> sideBySide(Callable<T>... calls) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(calls.length);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> running = new ArrayList<>();
            for (Callable<T> call : calls) {
                running.add(threads.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : running) {
                results.add(f.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            threads.shutdownNow();
        }
    }

    private Connection events() throws Exception {
        Connection c = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + properties.broker().embedded().port())
                .createConnection("hub", credentials.hubPassword());
        c.start();
        return c;
    }

    private static MessageConsumer announcements(Connection events) throws Exception {
        Session session = events.createSession(false, Session.AUTO_ACKNOWLEDGE);
        return session.createConsumer(session.createTopic("council.events"));
    }

    /** protocol.adjusted events for the meeting received until none comes for a second. */
    private int adjustedEvents(MessageConsumer announcements, String reference) throws Exception {
        int n = 0;
        TextMessage m;
        while ((m = (TextMessage) announcements.receive(1_000)) != null) {
            JsonNode event = api.tree(ResponseEntity.ok(m.getText()));
            if (event.path("type").asText().equals("protocol.adjusted") && event.path("meeting").asText().equals(reference)) {
                n++;
            }
        }
        return n;
    }

    private void tick() {
        camel.requestBody("direct:protocol-due", (Object) "tick");
    }

    private String check(String token) {
        return rest.getForEntity("/protocol-adjustment/" + token, String.class).getBody()
                .replaceAll("(?s).*name=\"check\" value=\"([^\"]+)\".*", "$1");
    }
}
