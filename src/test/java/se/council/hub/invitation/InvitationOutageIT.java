package se.council.hub.invitation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.camel.test.spring.junit5.UseAdviceWith;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import se.council.hub.support.HubIntegrationTest;
import se.council.hub.support.TestMail;

/**
 * Invitations through an SMTP outage and a crash, with faults woven into the route outbox-dispatch
 * around its SMTP step: while the server is unreachable nothing is lost and nothing is sent; after it
 * the same mail goes out (Message-ID, Date, calendar bytes). A crash after the server took a mail but
 * before the outbox recorded it re-sends that very mail, never a second version.
 */
@HubIntegrationTest
@CamelSpringBootTest
@UseAdviceWith
@TestPropertySource(properties = "hub.test.context=invitation-outage")
class InvitationOutageIT extends InvitationTestBase {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final AtomicBoolean outage = new AtomicBoolean();
    /** Recipient whose first delivery "crashes" after the SMTP server accepted it. */
    private static final AtomicReference<String> crashAfterSendTo = new AtomicReference<>();

    @Autowired
    CamelContext camelContext;

    @BeforeEach
    void adviseOnceAndStart() throws Exception {
        if (camelContext.isStarted()) {
            return;
        }
        AdviceWith.adviceWith(camelContext, "outbox-dispatch", route -> {
            route.weaveByToUri("smtp*").before().process(exchange -> {
                if (outage.get()) {
                    throw new java.net.ConnectException("simulated SMTP outage");
                }
            });
            route.weaveByToUri("smtp*").after().process(exchange -> {
                MimeMessage sent = exchange.getMessage().getBody(MimeMessage.class);
                String to = sent == null ? null : sent.getAllRecipients()[0].toString();
                if (to != null && to.contains(String.valueOf(crashAfterSendTo.get()))
                        && crashAfterSendTo.compareAndSet(crashAfterSendTo.get(), null)) {
                    throw new IllegalStateException("simulated crash after the SMTP server took the mail");
                }
            });
        });
        camelContext.start();
    }

    @AfterEach
    void reset() {
        outage.set(false);
        crashAfterSendTo.set(null);
    }

    @Test
    void anOutageDelaysTheInvitationsAndTheRetrySendsTheSameMails() throws Exception {
        outage.set(true);
        long id = api.meeting("2027-02-03").path("id").asLong();
        api.post("/api/meetings/" + id + "/invitations", Map.of());
        int people = rows(id).size();
        assertThat(people).isGreaterThan(10);
        await().atMost(WAIT).until(() -> rows(id).stream().allMatch(r -> ((Number) r.get("attempts")).intValue() >= 1));
        assertThat(rows(id)).allSatisfy(r -> {
            assertThat(r.get("state")).isEqualTo("PENDING");
            assertThat((String) r.get("last_error")).contains("simulated SMTP outage");
        });
        assertThat(invitationsReceived(id)).isEmpty();

        outage.set(false);
        clock.advance(Duration.ofHours(2));
        await().atMost(WAIT).until(() -> rows(id).stream().allMatch(r -> "SENT".equals(r.get("state"))));
        await().atMost(WAIT).until(() -> invitationsReceived(id).size() == people);
        String ics = null;
        for (var row : rows(id)) {
            List<MimeMessage> copies = invitationsReceived(id).stream()
                    .filter(m -> messageId(m).equals(row.get("message_id"))).toList();
            assertThat(copies).as("one copy to %s", row.get("recipient")).hasSize(1);
            String calendar = InvitationMails.read(copies.get(0)).calendar();
            ics = ics == null ? calendar : ics;
            assertThat(calendar).as("one version of the object for everyone").isEqualTo(ics);
        }
        String stored = jdbc.sql("SELECT DISTINCT calendar_sha256 FROM outbound_mail WHERE meeting_id = ? AND kind = 'INVITATION'")
                .param(id).query(String.class).single();
        assertThat(se.council.hub.store.BlobStore.sha256(ics.getBytes(java.nio.charset.StandardCharsets.UTF_8))).isEqualTo(stored);
    }

    @Test
    void aCrashAfterTheServerTookTheMailResendsTheIdenticalMail() throws Exception {
        String person = "anna.lind@ivo.example";
        crashAfterSendTo.set(person);
        long id = api.meeting("2027-02-17").path("id").asLong();
        api.post("/api/meetings/" + id + "/invitations", Map.of());
        await().atMost(WAIT).until(() -> jdbc.sql("""
                SELECT attempts FROM outbound_mail WHERE meeting_id = ? AND recipient = ? AND kind = 'INVITATION'""")
                .params(id, person).query(Integer.class).single() >= 1);
        clock.advance(Duration.ofHours(2));
        await().atMost(WAIT).until(() -> "SENT".equals(jdbc.sql(
                "SELECT state FROM outbound_mail WHERE meeting_id = ? AND recipient = ? AND kind = 'INVITATION'")
                .params(id, person).query(String.class).single()));
        List<MimeMessage> copies = await().atMost(WAIT).until(() -> mail.receivedBy(person).stream()
                .filter(m -> TestMail.subjectOf(m).startsWith("[NRP-2027-02-17] Inbjudan")).toList(), l -> l.size() == 2);
        assertThat(messageId(copies.get(0))).isEqualTo(messageId(copies.get(1)));
        assertThat(copies.get(0).getHeader("Date")).isEqualTo(copies.get(1).getHeader("Date"));
        assertThat(InvitationMails.read(copies.get(0)).attachment()).isEqualTo(InvitationMails.read(copies.get(1)).attachment());
        assertThat(InvitationMails.read(copies.get(0)).text()).isEqualTo(InvitationMails.read(copies.get(1)).text());
        assertThat(jdbc.sql("SELECT COUNT(*) FROM outbound_mail WHERE meeting_id = ? AND recipient = ? AND kind = 'INVITATION'")
                .params(id, person).query(Integer.class).single()).as("one step, one mail").isEqualTo(1);
    }

    private List<Map<String, Object>> rows(long meetingId) {
        return jdbc.sql("SELECT * FROM outbound_mail WHERE meeting_id = ? AND kind = 'INVITATION' ORDER BY id")
                .param(meetingId).query().listOfRows();
    }

    private List<MimeMessage> invitationsReceived(long meetingId) {
        String ref = jdbc.sql("SELECT reference FROM meeting WHERE id = ?").param(meetingId).query(String.class).single();
        return java.util.Arrays.stream(server.greenMail().getReceivedMessages())
                .filter(m -> TestMail.subjectOf(m).startsWith("[" + ref + "] Inbjudan")).toList();
    }

    private static String messageId(MimeMessage m) {
        try {
            return m.getMessageID();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
