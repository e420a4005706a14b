package se.council.hub.intake.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.camel.test.spring.junit5.UseAdviceWith;
import org.junit.jupiter.api.BeforeEach;
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
 * Crash safety of the mail intake, with faults woven into the route intake-mail around its processing
 * step: a crash after the database commit but before the mail is flagged on the server must not
 * store or answer the mail twice, and a mail whose processing keeps failing must neither block the
 * mails behind it nor come back forever: after hub.broker.max-delivery-attempts it becomes a
 * rejected record the secretariat can see, and is flagged.
 */
@HubIntegrationTest
@CamelSpringBootTest
@UseAdviceWith
// A context of its own (the Camel annotations alone do not change Spring's cache key): its routes are advised.
@TestPropertySource(properties = "hub.test.context=mail-crash")
class MailCrashIT {

    /** Subject marker of the mail whose processing "crashes" once, after its outcome was committed. */
    private static final String CRASH_ONCE = "CRASH-AFTER-COMMIT";
    /** Subject marker of the mail whose processing fails every time, before anything is committed. */
    private static final String ALWAYS_FAILS = "ALWAYS-FAILS";
    private static final String MARKED = "test.crashOnce";
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static final AtomicBoolean crashed = new AtomicBoolean();

    @Autowired
    CamelContext camelContext;
    @Autowired
    TestRestTemplate rest;
    @Autowired
    EmbeddedMailServer server;
    @Autowired
    HubProperties properties;
    @Autowired
    JdbcClient jdbc;

    HubApi api;
    TestMail mail;

    @BeforeEach
    void adviseOnceAndStart() throws Exception {
        api = new HubApi(rest);
        mail = new TestMail(server, properties);
        if (camelContext.isStarted()) {
            return;
        }
        AdviceWith.adviceWith(camelContext, "intake-mail", route -> {
            route.weaveById("intake-mail-read").before().process(exchange -> {
                MailIntake.InboundMail inbound = exchange.getMessage().getBody(MailIntake.InboundMail.class);
                String raw = new String(inbound.raw(), StandardCharsets.ISO_8859_1);
                if (raw.contains(ALWAYS_FAILS)) {
                    throw new IllegalStateException("simulated fault while processing " + inbound.inbound().messageId());
                }
                exchange.setProperty(MARKED, raw.contains(CRASH_ONCE));
            });
            route.weaveById("intake-mail-process").after().process(exchange -> {
                if (exchange.getProperty(MARKED, false, Boolean.class) && crashed.compareAndSet(false, true)) {
                    throw new IllegalStateException("simulated crash between the database commit and the IMAP flag");
                }
            });
        });
        camelContext.start();
    }

    @Test
    void aCrashBetweenCommitAndFlagStoresAndAnswersTheMailOnlyOnce() {
        long meeting = api.meeting("2026-12-10").path("id").asLong();
        String sender = "sofia.wikstrom@skr.example";
        String id = "<crash-once@skr.example>";
        mail.deliverToHub(TestFiles.mail("Sofia Wikström <" + sender + ">", "[NRP-2026-12-10] Lägesrapport SKR " + CRASH_ONCE,
                id, "Rapporten ligger i bilagan.", "Lägesrapport SKR.pptx", TestFiles.pptx("SKR"), TestFiles.PPTX));

        await().atMost(WAIT).until(crashed::get);
        await().atMost(WAIT).until(() -> mail.unseenInHubMailbox() == 0);

        assertThat(count("SELECT COUNT(*) FROM submission WHERE original_message_id = ?", id)).isEqualTo(1);
        assertThat(api.submissionsOf(meeting, "skr").path("submissions")).hasSize(1);
        assertThat(count("SELECT COUNT(*) FROM inbound_message WHERE message_id = ?", id)).isEqualTo(1);
        assertThat(jdbc.sql("SELECT state FROM inbound_message WHERE message_id = ?").param(id).query(String.class).single())
                .isEqualTo("PROCESSED");
        assertThat(count("SELECT COUNT(*) FROM rejection r JOIN inbound_message i ON i.id = r.inbound_id WHERE i.message_id = ?", id))
                .isZero();
        assertThat(count("SELECT COUNT(*) FROM outbound_mail WHERE kind = 'RECEIPT' AND recipient = ?", sender)).isEqualTo(1);
        // The one receipt arrives, and no second one follows.
        await().atMost(WAIT).until(() -> receiptsTo(sender) == 1);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> receiptsTo(sender) == 1);
    }

    @Test
    void aMailThatAlwaysFailsBlocksNoOtherAndEndsAsAVisibleRejection() {
        long meeting = api.meeting("2026-12-10").path("id").asLong();
        String failing = "<always-fails@sbu.example>";
        String good = "<after-the-failing-one@ssm.example>";
        mail.deliverToHub(TestFiles.mail("Ingrid Palm <ingrid.palm@sbu.example>", "[NRP-2026-12-10] SBU " + ALWAYS_FAILS,
                failing, "Detta brev går inte att behandla."));
        mail.deliverToHub(TestFiles.mail("Lars Engström <lars.engstrom@ssm.example>", "[NRP-2026-12-10] Lägesrapport SSM",
                good, "Strålsäkerhetsmyndighetens rapport."));

        await().atMost(WAIT).until(() -> api.submissionsOf(meeting, "ssm").path("state").asText().equals("RECEIVED"));
        assertThat(count("SELECT COUNT(*) FROM submission WHERE original_message_id = ?", good)).isEqualTo(1);

        await().atMost(WAIT).until(() -> "REJECTED".equals(jdbc.sql("SELECT state FROM inbound_message WHERE message_id = ?")
                .param(failing).query(String.class).optional().orElse(null)));
        await().atMost(WAIT).until(() -> mail.unseenInHubMailbox() == 0);

        Map<String, Object> inbound = jdbc.sql("SELECT * FROM inbound_message WHERE message_id = ?").param(failing)
                .query().singleRow();
        assertThat(inbound.get("ATTEMPTS")).isEqualTo(properties.broker().maxDeliveryAttempts()).isEqualTo(3);
        Map<String, Object> rejection = jdbc.sql("SELECT * FROM rejection WHERE inbound_id = ?").param(inbound.get("ID"))
                .query().singleRow();
        assertThat(rejection.get("REASON_CODE")).isEqualTo("PROCESSING_FAILED");
        assertThat(rejection.get("CHANNEL")).isEqualTo("MAIL");
        assertThat(rejection.get("SENDER")).isEqualTo("ingrid.palm@sbu.example");
        assertThat((String) rejection.get("REASON")).contains("simulated fault while processing " + failing);
        assertThat(count("SELECT COUNT(*) FROM submission WHERE original_message_id = ?", failing)).isZero();
        assertThat(api.get("/api/rejections").findValuesAsText("code")).contains("PROCESSING_FAILED");
        assertThat(api.submissionsOf(meeting, "sbu").path("state").asText()).isEqualTo("MISSING");
    }

    private long receiptsTo(String address) {
        return mail.receivedBy(address).stream().filter(m -> "RECEIPT".equals(TestMail.header(m, "X-Council-Hub-Kind"))).count();
    }

    private int count(String sql, Object param) {
        return jdbc.sql(sql).param(param).query(Integer.class).single();
    }
}
