package se.council.hub.invitation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static se.council.hub.invitation.CalendarReplyReaderTest.sample;
import static se.council.hub.invitation.ReplyMails.reply;
import static se.council.hub.invitation.ReplyMails.withUid;
import static se.council.hub.invitation.ReplyMails.withVersion;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import se.council.hub.broker.BrokerCredentials;
import se.council.hub.config.HubProperties;
import se.council.hub.invitation.ReplyMails.Layout;
import se.council.hub.mailserver.EmbeddedMailServer;
import se.council.hub.support.HubApi;
import se.council.hub.support.HubIntegrationTest;
import se.council.hub.support.MutableClock;
import se.council.hub.support.TestHubConfiguration;
import se.council.hub.support.TestMail;

/**
 * Replies to the hub's invitations arriving in its mailbox, as the clients write them: what counts
 * changes the attendance list (or the counter proposals), anything else changes nothing and is a
 * rejected record. Each test invites its own meeting (see {@link InvitedMeeting}).
 */
@HubIntegrationTest
class RsvpIT {

    @Autowired
    TestRestTemplate rest;
    @Autowired
    EmbeddedMailServer server;
    @Autowired
    HubProperties properties;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MutableClock clock;
    @Autowired
    BrokerCredentials credentials;

    HubApi api;
    TestMail mail;

    @BeforeEach
    void setUp() {
        api = new HubApi(rest);
        mail = new TestMail(server, properties);
        clock.set(TestHubConfiguration.START);
    }

    @Test
    void anOutlookAcceptanceIsRecordedWithItsCommentAuditedAndAnnounced() throws Exception {
        JsonNode created = api.meeting("2027-04-06");
        String uid = "rsvp-outlook-accept@council.example";
        InvitedMeeting meeting = InvitedMeeting.invite(jdbc, created.path("id").asLong(), uid, 0)
                .person("anna.lind@ivo.example", "Anna Lind", "ivo");
        clock.set(Instant.parse("2026-11-21T10:20:00Z"));
        try (Connection events = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + properties.broker().embedded().port())
                .createConnection("hub", credentials.hubPassword())) {
            events.start();
            Session session = events.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer topic = session.createConsumer(session.createTopic("council.events"));

            // Outlook writes the address as "Anna.Lind@…": mailto matches case-insensitively.
            mail.deliverToHub(reply("\"Lind, Anna\" <Anna.Lind@ivo.example>", "Accepterat: Nationella rådet för patientsäkerhet",
                    "<outlook-accept@ivo.example>", withUid(sample("outlook-windows-accepted.ics"), uid), Layout.INLINE));

            InvitedMeeting.Row row = awaitAnswer(meeting, "anna.lind@ivo.example");
            assertThat(row.partstat()).isEqualTo("ACCEPTED");
            assertThat(row.comment()).isEqualTo("Jag kommer, men måste gå 15.00.");
            assertThat(row.respondedAt()).isEqualTo(Instant.parse("2026-11-21T10:20:00Z"));
            assertThat(row.replySequence()).isZero();
            assertThat(row.replyDtstamp()).isEqualTo(Instant.parse("2026-11-21T10:15:32Z"));

            JsonNode event = awaitEvent(topic, created.path("reference").asText());
            assertThat(event.path("type").asText()).isEqualTo("rsvp.received");
            assertThat(event.path("email").asText()).isEqualTo("anna.lind@ivo.example");
            assertThat(event.path("partstat").asText()).isEqualTo("ACCEPTED");
            assertThat(event.path("respondedAt").asText()).isEqualTo("2026-11-21T10:20:00Z");
        }
        assertThat(audit("<outlook-accept@ivo.example>")).singleElement().asString()
                .contains("ACCEPTED").contains("anna.lind@ivo.example");
        assertThat(inboundState("<outlook-accept@ivo.example>")).isEqualTo("PROCESSED");
        await().atMost(Duration.ofSeconds(10)).until(() -> mail.seenInHubMailbox("<outlook-accept@ivo.example>"));
    }

    @Test
    void aReplySentBySomeoneElseChangesNothingAndTheSenderIsTold() {
        long id = api.meeting("2027-04-07").path("id").asLong();
        String uid = "rsvp-spoof@council.example";
        InvitedMeeting meeting = InvitedMeeting.invite(jdbc, id, uid, 0)
                .person("anna.lind@ivo.example", "Anna Lind", "ivo").person("per.oberg@ivo.example", "Per Öberg", "ivo");
        // Per sends a reply that speaks for Anna.
        mail.deliverToHub(reply("per.oberg@ivo.example", "Avböjt: rådets möte", "<spoof-1@ivo.example>",
                withUid(sample("zimbra-declined.ics"), uid), Layout.INLINE));

        JsonNode rejection = awaitRejection("<spoof-1@ivo.example>", "per.oberg@ivo.example");
        assertThat(rejection.path("code").asText()).isEqualTo("RSVP_NOT_FOR_SENDER");
        assertThat(rejection.path("reason").asText()).contains("anna.lind@ivo.example").contains("per.oberg@ivo.example");
        assertThat(meeting.row("anna.lind@ivo.example").partstat()).isEqualTo("NEEDS-ACTION");
        MimeMessage notice = mail.awaitMail("per.oberg@ivo.example", "Ej mottaget / Not accepted: Avböjt: rådets möte");
        assertThat(TestMail.text(notice)).contains("Svaret gäller en annan person än avsändaren")
                .contains("The reply is for someone other than its sender");
    }

    @Test
    void aReplyFailingDmarcChangesNothing() {
        long id = api.meeting("2027-04-08").path("id").asLong();
        String uid = "rsvp-dmarc@council.example";
        InvitedMeeting meeting = InvitedMeeting.invite(jdbc, id, uid, 0).person("anna.lind@ivo.example", "Anna Lind", "ivo");
        mail.deliverToHub(reply("anna.lind@ivo.example", "Avböjt", "<dmarc-1@elsewhere.example>",
                withUid(sample("zimbra-declined.ics"), uid), Layout.INLINE,
                "Authentication-Results", "mx.council.example; dkim=fail header.d=ivo.example; spf=fail smtp.mailfrom=ivo.example; dmarc=fail header.from=ivo.example"));

        JsonNode rejection = awaitRejection("<dmarc-1@elsewhere.example>", "anna.lind@ivo.example");
        assertThat(rejection.path("code").asText()).isEqualTo("SENDER_NOT_VERIFIED");
        assertThat(meeting.row("anna.lind@ivo.example").partstat()).isEqualTo("NEEDS-ACTION");
        assertThat(meeting.row("anna.lind@ivo.example").respondedAt()).isNull();
    }

    @Test
    void aReplyToAnUnknownInvitationIsRejectedAndAnOutsiderIsNeverAnswered() {
        mail.deliverToHub(reply("ingrid.palm@sbu.example", "Accepterat: ett annat möte", "<unknown-uid@sbu.example>",
                withUid(sample("apple-ios-accepted.ics"), "never-sent@elsewhere.example"), Layout.INLINE));
        JsonNode rejection = awaitRejection("<unknown-uid@sbu.example>", "ingrid.palm@sbu.example");
        assertThat(rejection.path("code").asText()).isEqualTo("UNKNOWN_INVITATION");
        assertThat(rejection.path("reason").asText()).contains("never-sent@elsewhere.example");
        MimeMessage notice = mail.awaitMail("ingrid.palm@sbu.example", "Ej mottaget / Not accepted: Accepterat: ett annat möte");
        assertThat(TestMail.text(notice)).contains("Svaret gäller ingen inbjudan").contains("does not answer any invitation");

        mail.deliverToHub(reply("stranger@elsewhere.example", "Accepted: something", "<outsider-1@elsewhere.example>",
                withUid(sample("google-accepted.ics"), "never-sent-2@elsewhere.example"), Layout.GOOGLE));
        assertThat(awaitRejection("<outsider-1@elsewhere.example>", "stranger@elsewhere.example").path("code").asText())
                .isEqualTo("UNKNOWN_INVITATION");
        assertThat(mail.receivedBy("stranger@elsewhere.example")).isEmpty();
    }

    @Test
    void anOlderReplyChangesNothingByItsSequenceOrItsDtstamp() {
        long id = api.meeting("2027-04-09").path("id").asLong();
        String uid = "rsvp-stale@council.example";
        InvitedMeeting meeting = InvitedMeeting.invite(jdbc, id, uid, 1).person("nils.akesson@folkhalsomyndigheten.example",
                "Nils Åkesson", "folkhalsomyndigheten");
        String thunderbird = withUid(sample("thunderbird-tentative.ics"), uid);
        mail.deliverToHub(reply("nils.akesson@folkhalsomyndigheten.example", "Kanske: rådets möte", "<stale-1@fohm.example>",
                withVersion(thunderbird, 1, "20261121T084410Z"), Layout.ATTACHMENT));
        assertThat(awaitAnswer(meeting, "nils.akesson@folkhalsomyndigheten.example").partstat()).isEqualTo("TENTATIVE");

        // An answer to the first version (SEQUENCE 0) arriving late
        mail.deliverToHub(reply("nils.akesson@folkhalsomyndigheten.example", "Accepterat: rådets möte", "<stale-2@fohm.example>",
                withVersion(thunderbird.replace("PARTSTAT=TENTATIVE", "PARTSTAT=ACCEPTED"), 0, "20261122T080000Z"),
                Layout.ATTACHMENT));
        assertThat(awaitRejection("<stale-2@fohm.example>", "nils.akesson@folkhalsomyndigheten.example").path("code").asText())
                .isEqualTo("RSVP_OUTDATED");
        // The same SEQUENCE, stamped before the one recorded
        mail.deliverToHub(reply("nils.akesson@folkhalsomyndigheten.example", "Avböjt: rådets möte", "<stale-3@fohm.example>",
                withVersion(thunderbird.replace("PARTSTAT=TENTATIVE", "PARTSTAT=DECLINED"), 1, "20261121T080000Z"),
                Layout.ATTACHMENT));
        assertThat(awaitRejection("<stale-3@fohm.example>", "nils.akesson@folkhalsomyndigheten.example").path("reason").asText())
                .contains("SEQUENCE 1, DTSTAMP 2026-11-21T08:00:00Z").contains("already recorded: SEQUENCE 1, DTSTAMP 2026-11-21T08:44:10Z");
        assertThat(meeting.row("nils.akesson@folkhalsomyndigheten.example").partstat()).isEqualTo("TENTATIVE");

        // A newer answer counts
        mail.deliverToHub(reply("nils.akesson@folkhalsomyndigheten.example", "Accepterat: rådets möte", "<stale-4@fohm.example>",
                withVersion(thunderbird.replace("PARTSTAT=TENTATIVE", "PARTSTAT=ACCEPTED"), 1, "20261122T090000Z"),
                Layout.ATTACHMENT));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> meeting.row("nils.akesson@folkhalsomyndigheten.example").partstat().equals("ACCEPTED"));
        assertThat(meeting.row("nils.akesson@folkhalsomyndigheten.example").replyDtstamp())
                .isEqualTo(Instant.parse("2026-11-22T09:00:00Z"));
    }

    @Test
    void aDelegationAddsTheDelegateWhoseOwnAnswerThenCounts() {
        long id = api.meeting("2027-04-12").path("id").asLong();
        String uid = "rsvp-delegated@council.example";
        InvitedMeeting meeting = InvitedMeeting.invite(jdbc, id, uid, 0).person("anna.lind@ivo.example", "Anna Lind", "ivo");
        mail.deliverToHub(reply("anna.lind@ivo.example", "Delegerat: rådets möte", "<delegate-1@ivo.example>",
                withUid(sample("rfc5546-delegated.ics"), uid), Layout.INLINE));

        InvitedMeeting.Row anna = awaitAnswer(meeting, "anna.lind@ivo.example");
        assertThat(anna.partstat()).isEqualTo("DELEGATED");
        assertThat(anna.delegatedTo()).isEqualTo("per.oberg@ivo.example");
        InvitedMeeting.Row per = meeting.row("per.oberg@ivo.example");
        assertThat(per).isNotNull();
        assertThat(per.partstat()).isEqualTo("NEEDS-ACTION");
        assertThat(per.delegatedFrom()).isEqualTo("anna.lind@ivo.example");
        assertThat(per.invited()).isTrue();
        assertThat(jdbc.sql("SELECT name FROM attendee WHERE meeting_id = ? AND email = 'per.oberg@ivo.example'").param(id)
                .query(String.class).single()).isEqualTo("Per Öberg");

        // The delegate answers for themself, from Outlook
        mail.deliverToHub(reply("per.oberg@ivo.example", "Accepterat: rådets möte", "<delegate-2@ivo.example>",
                withUid(sample("outlook-windows-accepted.ics"), uid).replace("CN=\"Lind, Anna\":mailto:Anna.Lind@ivo.example",
                        "CN=\"Öberg, Per\":mailto:per.oberg@ivo.example"), Layout.INLINE));
        assertThat(awaitAnswer(meeting, "per.oberg@ivo.example").partstat()).isEqualTo("ACCEPTED");
    }

    @Test
    void aCounterProposalIsKeptForTheSecretariatAndChangesNoAnswer() {
        JsonNode created = api.meeting("2027-04-13");
        long id = created.path("id").asLong();
        String uid = "rsvp-counter@council.example";
        InvitedMeeting meeting = InvitedMeeting.invite(jdbc, id, uid, 0)
                .person("ulrika.nystrom@lof.example", "Ulrika Nyström", "lof").person("per.oberg@ivo.example", "Per Öberg", "ivo");
        clock.set(Instant.parse("2026-11-21T12:30:00Z"));
        // Google: the COUNTER sits in a part labelled method=REPLY, and again as invite.ics
        mail.deliverToHub(reply("ulrika.nystrom@lof.example", "Nytt tidsförslag: rådets möte", "<counter-1@lof.example>",
                withUid(sample("google-counter.ics"), uid), Layout.GOOGLE, "Auto-Submitted", "auto-generated"));
        // Outlook: "Propose new time" in Romance Standard Time
        mail.deliverToHub(reply("per.oberg@ivo.example", "Nytt tidsförslag: rådets möte", "<counter-2@ivo.example>",
                withUid(sample("outlook-windows-counter.ics"), uid), Layout.INLINE));

        JsonNode proposals = await().atMost(Duration.ofSeconds(30)).until(
                () -> api.get("/api/meetings/" + id + "/counter-proposals"), p -> p.size() == 2);
        JsonNode per = find(proposals, "per.oberg@ivo.example");
        assertThat(per.path("proposedStart").asText()).isEqualTo("2026-12-10T09:00:00Z");
        assertThat(per.path("proposedEnd").asText()).isEqualTo("2026-12-10T15:00:00Z");
        assertThat(per.path("comment").asText()).startsWith("Kan vi börja en timme senare?");
        assertThat(per.path("name").asText()).isEqualTo("Per Öberg");
        assertThat(per.path("agency").asText()).isEqualTo("ivo");
        assertThat(per.path("receivedAt").asText()).isEqualTo("2026-11-21T12:30:00Z");
        JsonNode ulrika = find(proposals, "ulrika.nystrom@lof.example");
        assertThat(ulrika.path("proposedStart").asText()).isEqualTo("2021-01-13T18:45:00Z");
        assertThat(meeting.row("per.oberg@ivo.example").partstat()).isEqualTo("NEEDS-ACTION");
        assertThat(meeting.row("ulrika.nystrom@lof.example").partstat()).isEqualTo("NEEDS-ACTION");
        assertThat(audit("<counter-2@ivo.example>")).singleElement().asString().startsWith("COUNTER");
    }

    @Test
    void repliesAreReadInlineAsAttachmentAndAsApplicationIcs() {
        long id = api.meeting("2027-04-14").path("id").asLong();
        String uid = "rsvp-layouts@council.example";
        InvitedMeeting meeting = InvitedMeeting.invite(jdbc, id, uid, 0)
                .person("ingrid.palm@sbu.example", "Ingrid Palm", "sbu")
                .person("karin.blomqvist@arbetsmiljoverket.example", "Karin Blomqvist", "arbetsmiljoverket")
                .person("eva.sjoberg@folkhalsomyndigheten.example", "Eva Sjöberg", "folkhalsomyndigheten")
                .person("anders.holm@ehalsomyndigheten.example", "Anders Holm", "ehalsomyndigheten")
                .person("henrik.dahl@forte.example", "Henrik Dahl", "forte");
        mail.deliverToHub(reply("ingrid.palm@sbu.example", "Accepterat", "<layout-apple@sbu.example>",
                withUid(sample("apple-ios-accepted.ics"), uid), Layout.INLINE));
        mail.deliverToHub(reply("Karin Blomqvist <karin.blomqvist@arbetsmiljoverket.example>", "Accepted", "<layout-mac@av.example>",
                withUid(sample("outlook-mac-accepted.ics"), uid), Layout.ATTACHMENT));
        mail.deliverToHub(reply("eva.sjoberg@folkhalsomyndigheten.example", "Accepted", "<layout-google@fohm.example>",
                withUid(sample("google-accepted-organizer-listed.ics"), uid), Layout.GOOGLE, "Auto-Submitted", "auto-generated"));
        mail.deliverToHub(reply("anders.holm@ehalsomyndigheten.example", "Accepted", "<layout-nextcloud@ehm.example>",
                withUid(sample("nextcloud-accepted.ics"), uid), Layout.APPLICATION_ICS));
        mail.deliverToHub(reply("henrik.dahl@forte.example", "Declined", "<layout-mac2@forte.example>",
                withUid(sample("outlook-mac-declined.ics"), uid), Layout.INLINE));

        assertThat(awaitAnswer(meeting, "ingrid.palm@sbu.example").partstat()).isEqualTo("ACCEPTED");
        assertThat(awaitAnswer(meeting, "karin.blomqvist@arbetsmiljoverket.example").partstat()).isEqualTo("ACCEPTED");
        assertThat(awaitAnswer(meeting, "eva.sjoberg@folkhalsomyndigheten.example").partstat()).isEqualTo("ACCEPTED");
        InvitedMeeting.Row nextcloud = awaitAnswer(meeting, "anders.holm@ehalsomyndigheten.example");
        assertThat(nextcloud.partstat()).isEqualTo("ACCEPTED");
        assertThat(nextcloud.replySequence()).isEqualTo(3);
        assertThat(awaitAnswer(meeting, "henrik.dahl@forte.example").partstat()).isEqualTo("DECLINED");
    }

    @Test
    void theSameReplyTwiceChangesNothing() {
        long id = api.meeting("2027-04-15").path("id").asLong();
        String uid = "rsvp-twice@council.example";
        InvitedMeeting meeting = InvitedMeeting.invite(jdbc, id, uid, 0).person("anna.lind@ivo.example", "Anna Lind", "ivo");
        clock.set(Instant.parse("2026-11-21T13:00:00Z"));
        byte[] raw = reply("anna.lind@ivo.example", "Avböjt: rådets möte", "<twice-1@ivo.example>",
                withUid(sample("zimbra-declined.ics"), uid), Layout.INLINE);
        mail.deliverToHub(raw);
        InvitedMeeting.Row first = awaitAnswer(meeting, "anna.lind@ivo.example");
        await().atMost(Duration.ofSeconds(10)).until(() -> mail.seenInHubMailbox("<twice-1@ivo.example>"));

        clock.set(Instant.parse("2026-11-21T14:00:00Z"));
        mail.deliverToHub(raw);
        // The same reply in a new mail (the client sent it again)
        mail.deliverToHub(reply("anna.lind@ivo.example", "Avböjt: rådets möte", "<twice-2@ivo.example>",
                withUid(sample("zimbra-declined.ics"), uid), Layout.INLINE));
        assertThat(awaitRejection("<twice-2@ivo.example>", "anna.lind@ivo.example").path("code").asText()).isEqualTo("RSVP_OUTDATED");
        await().atMost(Duration.ofSeconds(10)).until(() -> mail.unseenInHubMailbox() == 0);

        assertThat(meeting.row("anna.lind@ivo.example")).isEqualTo(first);
        assertThat(first.respondedAt()).isEqualTo(Instant.parse("2026-11-21T13:00:00Z"));
        assertThat(audit("<twice-1@ivo.example>").stream().filter(s -> s.startsWith("RSVP"))).hasSize(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM rejection WHERE inbound_id IN (SELECT id FROM inbound_message WHERE message_id = ?)")
                .param("<twice-1@ivo.example>").query(Integer.class).single()).isZero();
    }

    @Test
    void brokenCalendarDataClaimingToBeAReplyGetsAClearAnswer() {
        long id = api.meeting("2027-04-16").path("id").asLong();
        InvitedMeeting.invite(jdbc, id, "14ef516ad2e6ce325d5c8efcf9d7ddbfa30f9d15", 0)
                .person("eva.sjoberg@folkhalsomyndigheten.example", "Eva Sjöberg", "folkhalsomyndigheten");
        mail.deliverToHub(reply("eva.sjoberg@folkhalsomyndigheten.example", "Accepterat: rådets möte", "<broken-1@fohm.example>",
                sample("broken-truncated.ics"), Layout.INLINE));
        JsonNode rejection = awaitRejection("<broken-1@fohm.example>", "eva.sjoberg@folkhalsomyndigheten.example");
        assertThat(rejection.path("code").asText()).isEqualTo("INVALID_CALENDAR");
        assertThat(rejection.path("reason").asText()).contains("cannot be read");
        MimeMessage notice = mail.awaitMail("eva.sjoberg@folkhalsomyndigheten.example", "Ej mottaget / Not accepted: Accepterat: rådets möte");
        assertThat(TestMail.text(notice)).contains("Kalenderdelen i svaret kunde inte läsas")
                .contains("The calendar part of the reply could not be read").contains("Detaljer: the calendar data cannot be read");
    }

    @Test
    void aReplyForSeveralPeopleIsRejected() {
        long id = api.meeting("2027-04-19").path("id").asLong();
        String uid = "rsvp-several@council.example";
        InvitedMeeting meeting = InvitedMeeting.invite(jdbc, id, uid, 0)
                .person("anna.lind@ivo.example", "Anna Lind", "ivo").person("per.oberg@ivo.example", "Per Öberg", "ivo");
        String both = withUid(sample("zimbra-declined.ics"), uid).replace("ORGANIZER:mailto:hub@council.example",
                "ATTENDEE;CN=Per Öberg;PARTSTAT=DECLINED:mailto:per.oberg@ivo.example\nORGANIZER:mailto:hub@council.example");
        mail.deliverToHub(reply("anna.lind@ivo.example", "Avböjt", "<several-1@ivo.example>", both, Layout.INLINE));
        JsonNode rejection = awaitRejection("<several-1@ivo.example>", "anna.lind@ivo.example");
        assertThat(rejection.path("code").asText()).isEqualTo("RSVP_SEVERAL_ATTENDEES");
        assertThat(meeting.row("anna.lind@ivo.example").partstat()).isEqualTo("NEEDS-ACTION");
        assertThat(meeting.row("per.oberg@ivo.example").partstat()).isEqualTo("NEEDS-ACTION");
    }

    // ---------------------------------------------------------------- helpers

    private InvitedMeeting.Row awaitAnswer(InvitedMeeting meeting, String email) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> meeting.row(email),
                r -> r != null && r.respondedAt() != null);
    }

    /** The rejected record of the mail with this Message-ID (by its sender and inbound record). */
    private JsonNode awaitRejection(String messageId, String sender) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> {
            List<Long> inbound = jdbc.sql("SELECT id FROM inbound_message WHERE message_id = ?").param(messageId)
                    .query(Long.class).list();
            List<Long> ids = inbound.isEmpty() ? List.of() : jdbc.sql("SELECT id FROM rejection WHERE inbound_id = ?")
                    .param(inbound.get(0)).query(Long.class).list();
            for (JsonNode r : api.get("/api/rejections")) {
                if (ids.contains(r.path("id").asLong()) && sender.equals(r.path("sender").asText())) {
                    return r;
                }
            }
            return null;
        }, Objects::nonNull);
    }

    private JsonNode awaitEvent(MessageConsumer topic, String meetingReference) throws Exception {
        long until = System.currentTimeMillis() + 15_000;
        while (System.currentTimeMillis() < until) {
            TextMessage message = (TextMessage) topic.receive(1_000);
            if (message != null) {
                JsonNode event = api.tree(ResponseEntity.ok(message.getText()));
                if (meetingReference.equals(event.path("meeting").asText()) && "rsvp.received".equals(event.path("type").asText())) {
                    return event;
                }
            }
        }
        throw new AssertionError("no rsvp.received for " + meetingReference);
    }

    private List<String> audit(String messageId) {
        return jdbc.sql("SELECT summary FROM audit_log WHERE message_id = ? AND summary NOT LIKE 'received mail%' ORDER BY id")
                .param(messageId).query(String.class).list();
    }

    private String inboundState(String messageId) {
        return jdbc.sql("SELECT state FROM inbound_message WHERE message_id = ?").param(messageId).query(String.class).single();
    }

    private static JsonNode find(JsonNode proposals, String email) {
        for (JsonNode p : proposals) {
            if (email.equals(p.path("email").asText())) {
                return p;
            }
        }
        throw new AssertionError("no proposal from " + email + " in " + proposals);
    }
}
