package se.council.hub.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import se.council.hub.config.HubProperties;
import se.council.hub.mailserver.EmbeddedMailServer;
import se.council.hub.support.HubIntegrationTest;
import se.council.hub.support.TestMail;

/**
 * The route outbox-dispatch sends a page of due mails on hub.outbox.senders threads side by side:
 * mails to one person must still arrive in the order they were enqueued (an invitation before its
 * CANCEL), and one page holds a bounded number of mails.
 */
@HubIntegrationTest
class OutboxDispatchIT {

    @Autowired
    Outbox outbox;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    EmbeddedMailServer server;
    @Autowired
    HubProperties properties;

    @Test
    void aPageHoldsOnlyTheOldestDueMailOfEachRecipientAndAtMostAPagesWorth() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        // Not committed: the route never sees these rows, due() in the same transaction does.
        transactions.executeWithoutResult(tx -> {
            List<Long> first = new ArrayList<>();
            List<Long> later = new ArrayList<>();
            for (String person : List.of("a", "b", "c")) {
                for (int i = 1; i <= 3; i++) {
                    long id = enqueue(run, person + "-" + run + "@order.example", person + " " + i);
                    (i == 1 ? first : later).add(id);
                }
            }
            List<Long> due = outbox.due();
            assertThat(due).containsAll(first).doesNotContainAnyElementsOf(later);
            assertThat(due).isSorted();

            for (int i = 0; i < Outbox.PAGE + 20; i++) {
                enqueue(run, "p" + i + "-" + run + "@page.example", "page " + i);
            }
            assertThat(outbox.due()).hasSize(Outbox.PAGE);
            tx.setRollbackOnly();
        });
    }

    @Test
    void mailsToOnePersonArriveInTheOrderTheyWereEnqueuedWhileOthersAreSentBesideThem() {
        assertThat(properties.outbox().senders()).isGreaterThan(1);
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> people = List.of("eva-" + run + "@order.example", "olle-" + run + "@order.example",
                "maja-" + run + "@order.example");
        transactions.executeWithoutResult(tx -> {
            for (int i = 1; i <= 6; i++) {
                for (String person : people) {
                    enqueue(run, person, "Meddelande " + i);
                }
            }
        });
        TestMail mail = new TestMail(server, properties);
        await().atMost(Duration.ofSeconds(30)).until(() -> people.stream().allMatch(p -> mail.receivedBy(p).size() == 6));
        for (String person : people) {
            assertThat(mail.receivedBy(person)).extracting(TestMail::subjectOf).containsExactly(
                    "Meddelande 1", "Meddelande 2", "Meddelande 3", "Meddelande 4", "Meddelande 5", "Meddelande 6");
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM outbound_mail WHERE dedup_key LIKE ? AND state = 'SENT'")
                .param("order-" + run + "%").query(Integer.class).single()).isEqualTo(18);
        assertThat(jdbc.sql("""
                SELECT COUNT(*) FROM audit_log a JOIN outbound_mail o ON o.message_id = a.message_id
                WHERE o.dedup_key LIKE ? AND a.direction = 'OUT' AND a.summary = 'sent: ' || o.subject
                AND a.counterpart = o.recipient""").param("order-" + run + "%").query(Integer.class).single()).isEqualTo(18);
    }

    private long enqueue(String run, String recipient, String subject) {
        String key = "order-" + run + ":" + recipient + ":" + subject;
        assertThat(outbox.enqueue(new OutboundMail(key, OutboundMail.Kind.CALL, null, null, recipient, "Testperson",
                subject, "Text.", null, null))).contains(Outbox.State.PENDING);
        return jdbc.sql("SELECT id FROM outbound_mail WHERE dedup_key = ?").param(key).query(Long.class).single();
    }
}
