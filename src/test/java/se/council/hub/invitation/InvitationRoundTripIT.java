package se.council.hub.invitation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static se.council.hub.invitation.CalendarReplyReaderTest.sample;
import static se.council.hub.invitation.ReplyMails.reply;
import static se.council.hub.invitation.ReplyMails.withUid;
import static se.council.hub.invitation.ReplyMails.withVersion;

import biweekly.Biweekly;
import biweekly.component.VEvent;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import se.council.hub.broker.BrokerCredentials;
import se.council.hub.invitation.ReplyMails.Layout;
import se.council.hub.support.HubIntegrationTest;

/**
 * Invitation and reply end to end, with nothing written into the database by the test: the hub
 * invites through {@code POST /api/meetings/{id}/invitations}, the participant takes the invitation
 * from their mailbox (GreenMail), answers it as a calendar client does and mails the answer to the
 * hub, and the attendance list, the events topic and the rejected records show what became of it.
 */
@HubIntegrationTest
class InvitationRoundTripIT extends InvitationTestBase {

    private static final String ANNA = "anna.lind@ivo.example";
    private static final String PER = "per.oberg@ivo.example";
    private static final String MARIA = "maria.ekholm@socialstyrelsen.example";

    @Autowired
    BrokerCredentials credentials;

    @Test
    void answersToTheReceivedInvitationCountAndAMoveAsksEveryoneAgain() throws Exception {
        JsonNode created = api.meeting("2027-06-02");
        long id = created.path("id").asLong();
        String ref = created.path("reference").asText();
        JsonNode sent = api.post("/api/meetings/" + id + "/invitations", Map.of());
        int everyone = sent.path("requested").size();
        assertThat(everyone).isGreaterThan(3);

        String invitation = InvitationMails.read(mail.awaitMail(ANNA, "[" + ref + "] Inbjudan: ")).calendar();
        VEvent invited = Biweekly.parse(invitation).first().getEvents().get(0);
        assertThat(invited.getSequence().getValue()).isZero();
        String uid = invited.getUid().getValue();

        clock.set(Instant.parse("2026-11-21T10:20:00Z"));
        try (Connection events = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + properties.broker().embedded().port())
                .createConnection("hub", credentials.hubPassword())) {
            events.start();
            Session session = events.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer topic = session.createConsumer(session.createTopic("council.events"));

            String accept = replyTo(invitation, ANNA, "ACCEPTED", "Jag kommer, men måste gå 15.00.", "20261121T101900Z");
            mail.deliverToHub(reply("Anna Lind <anna.lind@ivo.example>", "Accepterat: " + ref, "<rt-accept@ivo.example>",
                    accept, Layout.INLINE));

            JsonNode anna = awaitPartstat(id, ANNA, "ACCEPTED");
            assertThat(anna.path("comment").asText()).isEqualTo("Jag kommer, men måste gå 15.00.");
            assertThat(Instant.parse(anna.path("respondedAt").asText())).isEqualTo(Instant.parse("2026-11-21T10:20:00Z"));
            JsonNode event = awaitEvent(topic, ref);
            assertThat(event.path("email").asText()).isEqualTo(ANNA);
            assertThat(event.path("partstat").asText()).isEqualTo("ACCEPTED");
            assertThat(event.path("respondedAt").asText()).isEqualTo("2026-11-21T10:20:00Z");
        }

        // Per declines his own copy, as Thunderbird sends it (the object as the attachment invite.ics).
        String perInvitation = InvitationMails.read(mail.awaitMail(PER, "[" + ref + "] Inbjudan: ")).calendar();
        mail.deliverToHub(reply("Per Öberg <per.oberg@ivo.example>", "Avböjt: " + ref, "<rt-decline@ivo.example>",
                replyTo(perInvitation, PER, "DECLINED", "Förhindrad; Anna Lind företräder IVO", "20261121T102100Z"),
                Layout.ATTACHMENT));
        assertThat(awaitPartstat(id, PER, "DECLINED").path("comment").asText())
                .isEqualTo("Förhindrad; Anna Lind företräder IVO");

        // Anna answers for Maria from her own address: nothing changes for Maria, a rejected record says why.
        String forMaria = replyTo(invitation, MARIA, "ACCEPTED", null, "20261121T102200Z");
        mail.deliverToHub(reply("Anna Lind <anna.lind@ivo.example>", "Accepterat: " + ref, "<rt-spoof@ivo.example>",
                forMaria, Layout.INLINE));
        assertThat(awaitRejection("<rt-spoof@ivo.example>", ANNA).path("code").asText()).isEqualTo("RSVP_NOT_FOR_SENDER");

        JsonNode view = api.get("/api/meetings/" + id + "/attendance");
        assertThat(person(view, MARIA).path("partstat").asText()).isEqualTo("NEEDS-ACTION");
        assertThat(view.path("people")).hasSize(everyone);
        assertThat(view.path("totals").path("ACCEPTED").asInt()).isEqualTo(1);
        assertThat(view.path("totals").path("DECLINED").asInt()).isEqualTo(1);
        assertThat(view.path("totals").path("TENTATIVE").asInt()).isZero();
        assertThat(view.path("totals").path("NEEDS-ACTION").asInt()).isEqualTo(everyone - 2);

        // The meeting moves an hour: SEQUENCE 1 to everyone, and the answers for the old time no longer count.
        clock.set(Instant.parse("2026-11-22T08:00:00Z"));
        assertThat(api.call(HttpMethod.PATCH, "/api/meetings/" + id, Map.of("start", "10:00")).getStatusCode().value())
                .isEqualTo(200);
        String update = InvitationMails.read(mail.awaitMail(ANNA, "[" + ref + "] Ändrad inbjudan: ")).calendar();
        VEvent moved = Biweekly.parse(update).first().getEvents().get(0);
        assertThat(moved.getUid().getValue()).isEqualTo(uid);
        assertThat(moved.getSequence().getValue()).isEqualTo(1);
        view = api.get("/api/meetings/" + id + "/attendance");
        assertThat(person(view, ANNA).path("partstat").asText()).isEqualTo("NEEDS-ACTION");
        assertThat(person(view, ANNA).path("comment").asText()).as("the comment stays").isEqualTo("Jag kommer, men måste gå 15.00.");
        assertThat(person(view, PER).path("partstat").asText()).isEqualTo("NEEDS-ACTION");
        assertThat(view.path("totals").path("ACCEPTED").asInt()).isZero();
        assertThat(view.path("totals").path("DECLINED").asInt()).isZero();
        assertThat(view.path("totals").path("NEEDS-ACTION").asInt()).isEqualTo(everyone);
        assertThat(previousPartstat(id, ANNA)).isEqualTo("ACCEPTED");
        assertThat(previousPartstat(id, PER)).isEqualTo("DECLINED");
        assertThat(person(view, ANNA).path("previousPartstat").asText()).as("shown to the secretariat").isEqualTo("ACCEPTED");
        assertThat(person(view, PER).path("previousPartstat").asText()).isEqualTo("DECLINED");

        // A late answer to SEQUENCE 0 (written before the move, delivered after) is outdated.
        mail.deliverToHub(reply("Anna Lind <anna.lind@ivo.example>", "Accepterat: " + ref, "<rt-late@ivo.example>",
                replyTo(invitation, ANNA, "ACCEPTED", null, "20261122T080500Z"), Layout.INLINE));
        assertThat(awaitRejection("<rt-late@ivo.example>", ANNA).path("code").asText()).isEqualTo("RSVP_OUTDATED");
        assertThat(person(api.get("/api/meetings/" + id + "/attendance"), ANNA).path("partstat").asText())
                .isEqualTo("NEEDS-ACTION");

        // Her Outlook answers the new version: a real Outlook (Windows) reply with this UID and SEQUENCE 1.
        clock.set(Instant.parse("2026-11-22T09:00:00Z"));
        String outlook = withVersion(withUid(sample("outlook-windows-accepted.ics"), uid), 1, "20261122T085500Z");
        mail.deliverToHub(reply("\"Lind, Anna\" <Anna.Lind@ivo.example>", "Accepterat: " + ref, "<rt-outlook@ivo.example>",
                outlook, Layout.INLINE));
        JsonNode again = awaitPartstat(id, ANNA, "ACCEPTED");
        assertThat(Instant.parse(again.path("respondedAt").asText())).isEqualTo(Instant.parse("2026-11-22T09:00:00Z"));
        assertThat(again.path("comment").asText()).isEqualTo("Jag kommer, men måste gå 15.00.");
        assertThat(jdbc.sql("SELECT reply_sequence FROM attendee WHERE meeting_id = ? AND email = ?").params(id, ANNA)
                .query(Integer.class).single()).isEqualTo(1);
        assertThat(api.get("/api/meetings/" + id + "/attendance").path("totals").path("ACCEPTED").asInt()).isEqualTo(1);
    }

    /**
     * A change of place keeps the answers (the event is where it was in everyone's calendar, only the
     * room moved); a change of date resets them, a delegation stays and the delegate is asked again.
     */
    @Test
    void aNewPlaceKeepsTheAnswersAndANewDateAsksAgain() throws Exception {
        JsonNode created = api.meeting("2027-06-09");
        long id = created.path("id").asLong();
        String ref = created.path("reference").asText();
        api.post("/api/meetings/" + id + "/invitations", Map.of());
        String annas = InvitationMails.read(mail.awaitMail(ANNA, "[" + ref + "] Inbjudan: ")).calendar();
        String pers = InvitationMails.read(mail.awaitMail(PER, "[" + ref + "] Inbjudan: ")).calendar();
        String marias = InvitationMails.read(mail.awaitMail(MARIA, "[" + ref + "] Inbjudan: ")).calendar();

        clock.set(Instant.parse("2026-11-21T10:00:00Z"));
        mail.deliverToHub(reply(ANNA, "Accepterat", "<rt-place-accept@ivo.example>",
                replyTo(annas, ANNA, "ACCEPTED", null, "20261121T095900Z"), Layout.INLINE));
        mail.deliverToHub(reply(PER, "Preliminärt", "<rt-place-tentative@ivo.example>",
                replyTo(pers, PER, "TENTATIVE", "Kanske", "20261121T095900Z"), Layout.INLINE));
        // Maria sends Johan in her place (RFC 5546 delegation); Johan accepts the REQUEST he then gets.
        mail.deliverToHub(reply(MARIA, "Delegerat", "<rt-place-delegate@socialstyrelsen.example>",
                replyTo(marias, MARIA, "DELEGATED", null, "20261121T095900Z")
                        .replace("PARTSTAT=DELEGATED", "PARTSTAT=DELEGATED;DELEGATED-TO=\"mailto:johan.westerlund@socialstyrelsen.example\""),
                Layout.INLINE));
        awaitPartstat(id, ANNA, "ACCEPTED");
        awaitPartstat(id, PER, "TENTATIVE");
        awaitPartstat(id, MARIA, "DELEGATED");
        String johan = "johan.westerlund@socialstyrelsen.example";
        String johans = InvitationMails.read(mail.awaitMail(johan, "[" + ref + "] Inbjudan: ")).calendar();
        mail.deliverToHub(reply(johan, "Accepterat", "<rt-place-delegate-accept@socialstyrelsen.example>",
                replyTo(johans, johan, "ACCEPTED", null, "20261121T100100Z"), Layout.INLINE));
        awaitPartstat(id, johan, "ACCEPTED");

        assertThat(api.call(HttpMethod.PATCH, "/api/meetings/" + id, Map.of("location", "Socialstyrelsen, sal Ängen, Stockholm"))
                .getStatusCode().value()).isEqualTo(200);
        assertThat(sequence(id)).isEqualTo(1);
        JsonNode view = api.get("/api/meetings/" + id + "/attendance");
        assertThat(person(view, ANNA).path("partstat").asText()).as("a new room keeps the answer").isEqualTo("ACCEPTED");
        assertThat(person(view, PER).path("partstat").asText()).isEqualTo("TENTATIVE");
        assertThat(person(view, johan).path("partstat").asText()).isEqualTo("ACCEPTED");
        assertThat(view.path("totals").path("ACCEPTED").asInt()).isEqualTo(2);
        assertThat(previousPartstat(id, ANNA)).isNull();

        assertThat(api.call(HttpMethod.PATCH, "/api/meetings/" + id, Map.of("date", "2027-06-10")).getStatusCode().value())
                .isEqualTo(200);
        assertThat(sequence(id)).isEqualTo(2);
        view = api.get("/api/meetings/" + id + "/attendance");
        assertThat(person(view, ANNA).path("partstat").asText()).isEqualTo("NEEDS-ACTION");
        assertThat(person(view, PER).path("partstat").asText()).isEqualTo("NEEDS-ACTION");
        assertThat(person(view, PER).path("comment").asText()).isEqualTo("Kanske");
        assertThat(person(view, MARIA).path("partstat").asText()).as("the delegation stands").isEqualTo("DELEGATED");
        assertThat(person(view, johan).path("partstat").asText()).as("the delegate is asked again").isEqualTo("NEEDS-ACTION");
        assertThat(view.path("totals").path("ACCEPTED").asInt()).isZero();
        assertThat(view.path("totals").path("TENTATIVE").asInt()).isZero();
        assertThat(previousPartstat(id, ANNA)).isEqualTo("ACCEPTED");
        assertThat(previousPartstat(id, PER)).isEqualTo("TENTATIVE");
        assertThat(previousPartstat(id, johan)).isEqualTo("ACCEPTED");
        assertThat(previousPartstat(id, MARIA)).isNull();
        VEvent moved = Biweekly.parse(InvitationMails.read(mail.awaitMail(johan, "[" + ref + "] Ändrad inbjudan: ")).calendar())
                .first().getEvents().get(0);
        assertThat(moved.getSequence().getValue()).isEqualTo(1);
    }

    // ---------------------------------------------------------------- helpers

    /**
     * The REPLY a calendar client builds from the invitation it received (RFC 5546 3.2.3): METHOD:REPLY,
     * the VTIMEZONE and the event's UID, SEQUENCE, DTSTART, DTEND, ORGANIZER and SUMMARY as received,
     * the one ATTENDEE who answers with the new PARTSTAT (RSVP dropped), a COMMENT and a new DTSTAMP.
     */
    static String replyTo(String invitation, String email, String partstat, String comment, String dtstamp) {
        String unfolded = invitation.replaceAll("\r\n[ \t]", "");
        List<String> out = new ArrayList<>();
        boolean inEvent = false;
        int attendees = 0;
        for (String line : unfolded.split("\r\n")) {
            String name = line.split("[;:]", 2)[0].toUpperCase(Locale.ROOT);
            if (line.equals("BEGIN:VEVENT")) {
                inEvent = true;
                out.add(line);
                continue;
            }
            if (!inEvent) {
                out.add(switch (name) {
                    case "METHOD" -> "METHOD:REPLY";
                    case "PRODID" -> "PRODID:-//Example//Calendar client 1.0//EN";
                    default -> line;
                });
                continue;
            }
            switch (name) {
                case "UID", "SEQUENCE", "DTSTART", "DTEND", "ORGANIZER", "SUMMARY" -> out.add(line);
                case "DTSTAMP" -> out.add("DTSTAMP:" + dtstamp);
                case "ATTENDEE" -> {
                    if (line.toLowerCase(Locale.ROOT).endsWith(":mailto:" + email)) {
                        assertThat(line).contains("PARTSTAT=NEEDS-ACTION");
                        out.add(line.replace("PARTSTAT=NEEDS-ACTION", "PARTSTAT=" + partstat).replace(";RSVP=TRUE", ""));
                        attendees++;
                    }
                }
                case "END" -> {
                    if (comment != null && line.equals("END:VEVENT")) {
                        out.add("COMMENT:" + comment.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,"));
                    }
                    out.add(line);
                    inEvent = !line.equals("END:VEVENT");
                }
                default -> {
                    if (name.startsWith("BEGIN")) {
                        out.add(line);
                    }
                }
            }
        }
        assertThat(attendees).as(email + " on the invitation").isEqualTo(1);
        return String.join("\r\n", out) + "\r\n";
    }

    private JsonNode awaitPartstat(long id, String email, String partstat) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> person(api.get("/api/meetings/" + id + "/attendance"), email),
                p -> partstat.equals(p.path("partstat").asText()));
    }

    private static JsonNode person(JsonNode view, String email) {
        for (JsonNode p : view.path("people")) {
            if (email.equals(p.path("email").asText())) {
                return p;
            }
        }
        throw new AssertionError("no " + email + " in " + view);
    }

    private String previousPartstat(long id, String email) {
        return jdbc.sql("SELECT previous_partstat FROM attendee WHERE meeting_id = ? AND email = ?").params(id, email)
                .query((rs, n) -> rs.getString(1)).list().get(0);
    }

    private int sequence(long id) {
        return jdbc.sql("SELECT sequence FROM invitation WHERE meeting_id = ?").param(id).query(Integer.class).single();
    }
}
