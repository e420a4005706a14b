package se.council.hub.store;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import se.council.hub.audit.AuditLog;
import se.council.hub.intake.Channel;
import se.council.hub.intake.IntakeStore;
import se.council.hub.outbox.OutboundCalendar;
import se.council.hub.outbox.OutboundMail;
import se.council.hub.outbox.Outbox;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionTemplate;
import java.util.Optional;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.jms.Connection;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import se.council.hub.config.HubProperties;
import se.council.hub.mailserver.EmbeddedMailServer;
import se.council.hub.support.HubApi;
import se.council.hub.support.TestFiles;
import se.council.hub.support.TestHubConfiguration;
import se.council.hub.support.TestMail;

/**
 * The schema and the intake flow on a real PostgreSQL, started from the machine's binaries: the
 * Flyway migrations apply, and a mail and a queue message become stored submissions with their files.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(TestHubConfiguration.class)
@TestPropertySource(locations = "classpath:hub-test.properties", properties = "hub.test.database=postgres")
class PostgresIT {

    @Autowired
    TestRestTemplate rest;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    EmbeddedMailServer server;
    @Autowired
    HubProperties properties;

    @Test
    void theMigrationsBuildTheSchemaOnPostgres() {
        assertThat(jdbc.sql("SELECT version()").query(String.class).single()).startsWith("PostgreSQL");
        List<String> tables = jdbc.sql("""
                SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name""")
                .query(String.class).list();
        assertThat(tables).contains("agency", "person", "council", "council_member", "meeting", "inbound_message",
                "submission", "attachment", "agenda_item", "rejection", "outbound_mail", "audit_log", "flyway_schema_history");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM council_member WHERE council_code = 'NRP'").query(Integer.class).single()).isEqualTo(15);
        assertThat(jdbc.sql("SELECT name FROM agency WHERE id = 'lof'").query(String.class).single())
                .isEqualTo("Löf regionernas ömsesidiga försäkringsbolag");
    }

    @Autowired
    Outbox outbox;
    @Autowired
    TransactionTemplate tx;

    @Test
    void aStepEnqueuedTwiceLeavesItsTransactionUsableOnPostgres() {
        // PostgreSQL aborts a whole transaction at a failed statement; the second enqueue of one step
        // must not, so the state written after it in the same transaction still commits.
        String key = "postgres-it:twice:" + System.nanoTime();
        Optional<Integer> after = tx.execute(status -> {
            OutboundMail mail = new OutboundMail(key, OutboundMail.Kind.CALL, null, null, "eva.sjoberg@ivo.example",
                    "Eva Sjöberg", "Inbjudan", "Text", null, null);
            assertThat(outbox.enqueue(mail)).contains(Outbox.State.PENDING);
            assertThat(outbox.enqueue(mail)).isEmpty();
            return Optional.of(jdbc.sql("SELECT COUNT(*) FROM outbound_mail WHERE dedup_key = ?").param(key)
                    .query(Integer.class).single());
        });
        assertThat(after).contains(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM outbound_mail WHERE dedup_key = ?").param(key)
                .query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void aBatchOfInvitationsWithOneStepEnqueuedBeforeFallsBackToOneByOneOnPostgres() {
        String run = "postgres-it:batch:" + System.nanoTime();
        OutboundCalendar calendar = new OutboundCalendar("REQUEST",
                "BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nUID:" + run + "\r\nEND:VCALENDAR\r\n", "<p>Inbjudan</p>");
        List<Outbox.CalendarMail> mails = java.util.stream.IntStream.range(0, 4)
                .mapToObj(i -> new Outbox.CalendarMail(new OutboundMail(run + ":" + i, OutboundMail.Kind.INVITATION, null, null,
                        "person" + i + "@ivo.example", "Person " + i, "Inbjudan", "Text", null, null), calendar))
                .toList();
        List<String> enqueued = tx.execute(status -> {
            // The second mail's step had its mail already (another round side by side): the batch meets its key.
            assertThat(outbox.enqueue(mails.get(1).mail(), calendar)).contains(Outbox.State.PENDING);
            List<String> recipients = outbox.enqueueAll(mails).stream().map(OutboundMail::recipient).toList();
            // The transaction is still usable after the batch's failed statement.
            assertThat(jdbc.sql("SELECT COUNT(*) FROM outbound_mail WHERE dedup_key LIKE ?").param(run + ":%")
                    .query(Integer.class).single()).isEqualTo(4);
            return recipients;
        });
        assertThat(enqueued).containsExactly("person0@ivo.example", "person2@ivo.example", "person3@ivo.example");
        assertThat(jdbc.sql("SELECT COUNT(DISTINCT message_id) FROM outbound_mail WHERE dedup_key LIKE ? AND calendar_method = 'REQUEST'")
                .param(run + ":%").query(Integer.class).single()).isEqualTo(4);
    }

    @Autowired
    IntakeStore intake;
    @Autowired
    AuditLog audit;

    @Test
    void anInputDeliveredTwiceAtOnceLeavesTheLaterTransactionUsableOnPostgres() throws Exception {
        // Two deliveries of one queue message race: neither finds its record, the first inserts it, and the
        // second's insert waits on the unique key until the first commits, then fails on it. The second takes
        // the first's record and goes on in its transaction (here: its audit row, as QueueIntake writes).
        String key = "postgres-it-race-" + System.nanoTime();
        String messageId = "ID:" + key;
        ExecutorService secondDelivery = Executors.newSingleThreadExecutor();
        try {
            AtomicReference<Future<IntakeStore.Inbound>> second = new AtomicReference<>();
            IntakeStore.Inbound first = tx.execute(status -> {
                IntakeStore.Inbound recorded = receive(key, messageId, "first delivery");
                int firstBackend = jdbc.sql("SELECT pg_backend_pid()").query(Integer.class).single();
                second.set(secondDelivery.submit(() -> tx.execute(s -> receive(key, messageId, "second delivery"))));
                // Commit only once the second delivery's INSERT waits for this transaction.
                await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
                        "SELECT COUNT(*) FROM pg_locks WHERE NOT granted AND ? = ANY(pg_blocking_pids(pid))")
                        .param(firstBackend).query(Integer.class).single() > 0);
                return recorded;
            });
            IntakeStore.Inbound raced = second.get().get(30, TimeUnit.SECONDS);

            assertThat(raced.id()).isEqualTo(first.id());
            assertThat(raced.state()).isEqualTo(IntakeStore.State.RECEIVED);
            assertThat(jdbc.sql("SELECT COUNT(*) FROM inbound_message WHERE channel = 'QUEUE' AND content_key = ?")
                    .param(key).query(Integer.class).single()).isEqualTo(1);
            assertThat(jdbc.sql("SELECT summary FROM audit_log WHERE message_id = ? ORDER BY id").param(messageId)
                    .query(String.class).list()).containsExactly("first delivery", "second delivery");
        } finally {
            secondDelivery.shutdownNow();
        }
    }

    @Autowired
    InsertOnce insertOnce;

    @Test
    void anInsertOnceNeedsTheCallersTransaction() {
        // Without a transaction there is no savepoint to roll back to, and the row would commit on its own.
        String messageId = "postgres-it-alone-" + System.nanoTime();
        assertThatThrownBy(() -> insertOnce.insert(() -> audit.record(AuditLog.Direction.IN, "QUEUE", messageId,
                "ivo", null, "outside a transaction"))).isInstanceOf(IllegalTransactionStateException.class);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE message_id = ?").param(messageId)
                .query(Integer.class).single()).isZero();
    }

    private IntakeStore.Inbound receive(String key, String messageId, String summary) {
        String body = "{\"text\":\"Tillsyn pågår.\"}";
        IntakeStore.Inbound recorded = intake.recordInbound(Channel.QUEUE, key, messageId, null, body,
                body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length, "ivo", "STATUS_UPDATE",
                java.time.Instant.parse("2026-11-20T09:00:00Z"));
        audit.record(AuditLog.Direction.IN, "QUEUE", messageId, "ivo", null, summary);
        return recorded;
    }

    @Test
    void mailAndQueueSubmissionsAreStoredOnPostgres() throws Exception {
        HubApi api = new HubApi(rest);
        JsonNode meeting = api.meeting("2026-12-15");
        long id = meeting.path("id").asLong();

        // A mail without a reference tag: the only open meeting of the agency's council is used.
        byte[] deck = TestFiles.pptx("Läkemedelsverket – lägesrapport");
        new TestMail(server, properties).deliverToHub(TestFiles.mail("Mikael Strand <mikael.strand@lakemedelsverket.example>",
                "Lägesrapport inför rådets möte", "<pg-mail@lakemedelsverket.example>", "Se bifogad presentation.",
                "Lägesrapport.pptx", deck, TestFiles.PPTX));

        byte[] pdfLike = TestFiles.pptx("IVO via kö");
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + properties.broker().embedded().port());
        try (Connection connection = factory.createConnection("ivo", TestHubConfiguration.IVO_BROKER_PASSWORD)) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createQueue("council.intake.status-updates"));
            producer.send(session.createTextMessage("""
                    {"meeting":"%s","text":"Tillsyn pågår.","attachments":[{"name":"IVO.pptx","contentBase64":"%s"}]}"""
                    .formatted(meeting.path("reference").asText(), Base64.getEncoder().encodeToString(pdfLike))));
        }

        await().atMost(Duration.ofSeconds(30)).until(() ->
                api.submissionsOf(id, "lakemedelsverket").path("state").asText().equals("RECEIVED")
                        && api.submissionsOf(id, "ivo").path("state").asText().equals("RECEIVED"));
        JsonNode mailFile = api.submissionsOf(id, "lakemedelsverket").path("submissions").get(0).path("attachments").get(0);
        assertThat(mailFile.path("name").asText()).isEqualTo("Lägesrapport.pptx");
        assertThat(mailFile.path("sha256").asText()).isEqualTo(TestFiles.sha256(deck));
        JsonNode queued = api.submissionsOf(id, "ivo").path("submissions").get(0);
        assertThat(queued.path("channel").asText()).isEqualTo("QUEUE");
        assertThat(queued.path("sender").asText()).isEqualTo("ivo");
        assertThat(queued.path("attachments").get(0).path("sha256").asText()).isEqualTo(TestFiles.sha256(pdfLike));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE direction = 'IN'").query(Integer.class).single()).isGreaterThanOrEqualTo(2);
    }
}
