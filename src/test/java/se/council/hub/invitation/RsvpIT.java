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
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import se.council.hub.broker.BrokerCredentials;
import se.council.hub.invitation.ReplyMails.Layout;
import se.council.hub.support.HubIntegrationTest;
import se.council.hub.support.TestMail;

/**
 * Replies to the hub's invitations arriving in its mailbox, as the clients write them: what counts
 * changes the attendance list (or the counter proposals), anything else changes nothing and is a
 * rejected record. Each test invites its own meeting: the first through {@code POST …/invitations},
 * the others through {@link InvitedMeeting} (why, see there); InvitationRoundTripIT answers the hub's
 * own invitation mails end to end.
 */
@HubIntegrationTest
class RsvpIT extends InvitationTestBase {

    @Autowired
    BrokerCredentials credentials;

    @Test
    void anOutlookAcceptanceIsRecordedWithItsCommentAuditedAndAnnounced() throws Exception {
        JsonNode created = api.meeting("2027-04-06");
        // Invited the real way: Anna Lind is in the registry, so the hub's own invitation reaches her.
        api.post("/api/meetings/" + created.path("id").asLong() + "/invitations", java.util.Map.of());
        InvitedMeeting meeting = InvitedMeeting.sent(jdbc, created.path("id").asLong());
        String uid = meeting.uid();
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
    void aGoogleReplyMailAsGoogleSendsItIsRecordedAndItsAutomaticSenderNeverAnswered() {
        long id = api.meeting("2027-04-22").path("id").asLong();
        InvitedMeeting meeting = InvitedMeeting.invite(jdbc, id, "14ef516ad2e6ce325d5c8efcf9d7ddbfa30f9d15", 0)
                .person("eva.lund@folkhalsomyndigheten.example", "Eva Lund", "folkhalsomyndigheten");
        // The whole mail: Sender calendar-notification@google.com, Auto-Submitted, the object inline and as invite.ics
        mail.deliverToHub(sample("google-accepted.eml").getBytes(java.nio.charset.StandardCharsets.US_ASCII));

        InvitedMeeting.Row row = awaitAnswer(meeting, "eva.lund@folkhalsomyndigheten.example");
        assertThat(row.partstat()).isEqualTo("ACCEPTED");
        assertThat(row.replyDtstamp()).isEqualTo(Instant.parse("2012-05-30T07:56:52Z"));
        await().atMost(Duration.ofSeconds(10)).until(() -> mail.seenInHubMailbox("<00504502c30547588004c13c4b33@google.com>"));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM outbound_mail WHERE recipient = 'eva.lund@folkhalsomyndigheten.example'")
                .query(Integer.class).single()).isZero();
    }

    @Test
    void wholeMailsFromAnIphoneAndOutlookForMacAreRecorded() {
        InvitedMeeting apple = InvitedMeeting.invite(jdbc, api.meeting("2027-04-23").path("id").asLong(), "b84ce20", 0)
                .person("maja.berg@sbu.example", "Maja Berg", "sbu");
        InvitedMeeting outlook = InvitedMeeting.invite(jdbc, api.meeting("2027-04-26").path("id").asLong(),
                "F3B82EDE-26A7-48AF-B90C-3F99A005964C", 0).person("oskar.ahl@forte.example", "Oskar Ahl", "forte");
        // Apple: the calendar quoted-printable, its Content-Type parameters separated by tabs
        mail.deliverToHub(sample("apple-ios-accepted.eml").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        // Outlook for Mac: "method=REPLY" first in the Content-Type, a display-name time zone, MAILTO in capitals
        mail.deliverToHub(sample("outlook-mac-declined.eml").getBytes(java.nio.charset.StandardCharsets.US_ASCII));

        assertThat(awaitAnswer(apple, "maja.berg@sbu.example").partstat()).isEqualTo("ACCEPTED");
        InvitedMeeting.Row declined = awaitAnswer(outlook, "oskar.ahl@forte.example");
        assertThat(declined.partstat()).isEqualTo("DECLINED");
        assertThat(declined.replyDtstamp()).isEqualTo(Instant.parse("2012-05-27T18:14:00Z"));
    }

    @Test
    void aCapturedExchangeReplyWithoutOrganizerAndWithAnEmptyCommentIsRecorded() {
        String uid = "3f6a1c2e-8b4d-4e7a-9c51-0d2e7b9a4f18";
        InvitedMeeting meeting = InvitedMeeting.invite(jdbc, api.meeting("2027-04-27").path("id").asLong(), uid, 0)
                .person("mikael.strand@lakemedelsverket.example", "Mikael Strand", "lakemedelsverket");
        // Exchange 2010's own reply (SOURCES.md): no ORGANIZER, MAILTO in capitals, long lines unfolded,
        // "COMMENT;LANGUAGE=en-US:\n" for an empty note, a Windows zone with its 1601 VTIMEZONE.
        mail.deliverToHub(reply("Mikael Strand <mikael.strand@lakemedelsverket.example>", "Accepted: Meet for Cofee",
                "<exchange-pacific@lakemedelsverket.example>", sample("exchange-pacific-accepted.ics"), Layout.INLINE));

        InvitedMeeting.Row row = awaitAnswer(meeting, "mikael.strand@lakemedelsverket.example");
        assertThat(row.partstat()).isEqualTo("ACCEPTED");
        assertThat(row.comment()).isNull();
        assertThat(row.replySequence()).isZero();
        assertThat(row.replyDtstamp()).isEqualTo(Instant.parse("2014-07-23T17:26:04Z"));
        assertThat(inboundState("<exchange-pacific@lakemedelsverket.example>")).isEqualTo("PROCESSED");
    }

    @Test
    void aReplySentBySomeoneElseChangesNothingAndTheSenderIsTold() {
        long id = api.meeting("2027-04-07").path("id").asLong();
        String uid = "rsvp-spoof@council.example";
        InvitedMeeting meeting = InvitedMeeting.invite(jdbc, id, uid, 0)
                .person("anna.lind@ivo.example", "Anna Lind", "ivo").person("olof.ek@ivo.example", "Olof Ek", "ivo");
        // Olof sends a reply that speaks for Anna.
        mail.deliverToHub(reply("olof.ek@ivo.example", "Avböjt: rådets möte", "<spoof-1@ivo.example>",
                withUid(sample("zimbra-declined.ics"), uid), Layout.INLINE));

        JsonNode rejection = awaitRejection("<spoof-1@ivo.example>", "olof.ek@ivo.example");
        assertThat(rejection.path("code").asText()).isEqualTo("RSVP_NOT_FOR_SENDER");
        assertThat(rejection.path("reason").asText()).contains("anna.lind@ivo.example").contains("olof.ek@ivo.example");
        assertThat(meeting.row("anna.lind@ivo.example").partstat()).isEqualTo("NEEDS-ACTION");
        MimeMessage notice = mail.awaitMail("olof.ek@ivo.example", "Ej mottaget / Not accepted: Avböjt: rådets möte");
        assertThat(TestMail.text(notice)).contains("Svaret gäller en annan person än avsändaren")
                .contains("The reply is for someone other than its sender");
    }

    @Test
    void aReplyFromSomeoneTakenOffTheInvitationChangesNothing() {
        long id = api.meeting("2027-04-21").path("id").asLong();
        String uid = "rsvp-removed@council.example";
        InvitedMeeting meeting = InvitedMeeting.invite(jdbc, id, uid, 0).person("rut.berg@ivo.example", "Rut Berg", "ivo")
                .removed("rut.berg@ivo.example");
        mail.deliverToHub(reply("rut.berg@ivo.example", "Accepterat", "<removed-1@ivo.example>",
                withUid(as(sample("outlook-windows-accepted.ics"), "Anna.Lind@ivo.example", "rut.berg@ivo.example"), uid),
                Layout.INLINE));
        JsonNode rejection = awaitRejection("<removed-1@ivo.example>", "rut.berg@ivo.example");
        assertThat(rejection.path("code").asText()).isEqualTo("RSVP_NOT_FOR_SENDER");
        assertThat(rejection.path("reason").asText()).contains("rut.berg@ivo.example is not invited");
        assertThat(meeting.row("rut.berg@ivo.example").partstat()).isEqualTo("NEEDS-ACTION");
    }

    @Test
    void aReplyFailingDmarcChangesNothing() {
        long id = api.meeting("2027-04-08").path("id").asLong();
        String uid = "rsvp-dmarc@council.example";
        InvitedMeeting meeting = InvitedMeeting.invite(jdbc, id, uid, 0).person("lisa.ek@ivo.example", "Lisa Ek", "ivo");
        mail.deliverToHub(reply("lisa.ek@ivo.example", "Avböjt", "<dmarc-1@elsewhere.example>",
                withUid(as(sample("outlook-windows-accepted.ics"), "Anna.Lind@ivo.example", "lisa.ek@ivo.example"), uid),
                Layout.INLINE,
                "Authentication-Results", "mx.council.example; dkim=fail header.d=ivo.example; spf=fail smtp.mailfrom=ivo.example; dmarc=fail header.from=ivo.example"));

        JsonNode rejection = awaitRejection("<dmarc-1@elsewhere.example>", "lisa.ek@ivo.example");
        assertThat(rejection.path("code").asText()).isEqualTo("SENDER_NOT_VERIFIED");
        assertThat(rejection.path("reason").asText()).contains("dmarc=fail");
        assertThat(meeting.row("lisa.ek@ivo.example").partstat()).isEqualTo("NEEDS-ACTION");
        assertThat(meeting.row("lisa.ek@ivo.example").respondedAt()).isNull();
    }

    @Test
    void aReplyToAnUnknownInvitationIsRejectedAndAnOutsiderIsNeverAnswered() {
        // Maja is invited to another meeting, so the hub knows her and may answer her.
        InvitedMeeting.invite(jdbc, api.meeting("2027-04-20").path("id").asLong(), "rsvp-known@council.example", 0)
                .person("maja.lund@sbu.example", "Maja Lund", "sbu");
        mail.deliverToHub(reply("maja.lund@sbu.example", "Accepterat: ett annat möte", "<unknown-uid@sbu.example>",
                withUid(sample("apple-ios-accepted.ics"), "never-sent@elsewhere.example"), Layout.INLINE));
        JsonNode rejection = awaitRejection("<unknown-uid@sbu.example>", "maja.lund@sbu.example");
        assertThat(rejection.path("code").asText()).isEqualTo("UNKNOWN_INVITATION");
        assertThat(rejection.path("reason").asText()).contains("never-sent@elsewhere.example");
        MimeMessage notice = mail.awaitMail("maja.lund@sbu.example", "Ej mottaget / Not accepted: Accepterat: ett annat möte");
        assertThat(TestMail.text(notice)).contains("Svaret gäller ingen inbjudan").contains("does not answer any invitation");

        mail.deliverToHub(reply("nobody.rsvp@elsewhere.example", "Accepted: something", "<outsider-1@elsewhere.example>",
                withUid(sample("google-accepted.ics"), "never-sent-2@elsewhere.example"), Layout.GOOGLE));
        assertThat(awaitRejection("<outsider-1@elsewhere.example>", "nobody.rsvp@elsewhere.example").path("code").asText())
                .isEqualTo("UNKNOWN_INVITATION");
        await().atMost(Duration.ofSeconds(10)).until(() -> mail.seenInHubMailbox("<outsider-1@elsewhere.example>"));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM outbound_mail WHERE recipient = 'nobody.rsvp@elsewhere.example'")
                .query(Integer.class).single()).isZero();
    }

    @Test
    void anOlderReplyChangesNothingByItsSequenceOrItsDtstamp() {
        long id = api.meeting("2027-04-09").path("id").asLong();
        String uid = "rsvp-stale@council.example";
        InvitedMeeting meeting = InvitedMeeting.invite(jdbc, id, uid, 1).person("nils.holm@folkhalsomyndigheten.example",
                "Nils Holm", "folkhalsomyndigheten");
        String thunderbird = withUid(as(sample("thunderbird-tentative.ics"), "nils.akesson@folkhalsomyndigheten.example",
                "nils.holm@folkhalsomyndigheten.example"), uid);
        mail.deliverToHub(reply("nils.holm@folkhalsomyndigheten.example", "Kanske: rådets möte", "<stale-1@fohm.example>",
                withVersion(thunderbird, 1, "20261121T084410Z"), Layout.ATTACHMENT));
        assertThat(awaitAnswer(meeting, "nils.holm@folkhalsomyndigheten.example").partstat()).isEqualTo("TENTATIVE");

        // An answer to the first version (SEQUENCE 0) arriving late
        mail.deliverToHub(reply("nils.holm@folkhalsomyndigheten.example", "Accepterat: rådets möte", "<stale-2@fohm.example>",
                withVersion(thunderbird.replace("PARTSTAT=TENTATIVE", "PARTSTAT=ACCEPTED"), 0, "20261122T080000Z"),
                Layout.ATTACHMENT));
        JsonNode toOldVersion = awaitRejection("<stale-2@fohm.example>", "nils.holm@folkhalsomyndigheten.example");
        assertThat(toOldVersion.path("code").asText()).isEqualTo("RSVP_OUTDATED");
        assertThat(toOldVersion.path("reason").asText()).contains("answers version (SEQUENCE) 0 of the invitation, the current one is 1");
        // The same SEQUENCE, stamped before the one recorded
        mail.deliverToHub(reply("nils.holm@folkhalsomyndigheten.example", "Avböjt: rådets möte", "<stale-3@fohm.example>",
                withVersion(thunderbird.replace("PARTSTAT=TENTATIVE", "PARTSTAT=DECLINED"), 1, "20261121T080000Z"),
                Layout.ATTACHMENT));
        assertThat(awaitRejection("<stale-3@fohm.example>", "nils.holm@folkhalsomyndigheten.example").path("reason").asText())
                .contains("SEQUENCE 1, DTSTAMP 2026-11-21T08:00:00Z").contains("already recorded: SEQUENCE 1, DTSTAMP 2026-11-21T08:44:10Z");
        assertThat(meeting.row("nils.holm@folkhalsomyndigheten.example").partstat()).isEqualTo("TENTATIVE");

        // A newer answer counts
        mail.deliverToHub(reply("nils.holm@folkhalsomyndigheten.example", "Accepterat: rådets möte", "<stale-4@fohm.example>",
                withVersion(thunderbird.replace("PARTSTAT=TENTATIVE", "PARTSTAT=ACCEPTED"), 1, "20261122T090000Z"),
                Layout.ATTACHMENT));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> meeting.row("nils.holm@folkhalsomyndigheten.example").partstat().equals("ACCEPTED"));
        assertThat(meeting.row("nils.holm@folkhalsomyndigheten.example").replyDtstamp())
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
        InvitedMeeting meeting = InvitedMeeting.invite(jdbc, id, uid, 0).person("karl.vik@ivo.example", "Karl Vik", "ivo");
        clock.set(Instant.parse("2026-11-21T13:00:00Z"));
        byte[] raw = reply("karl.vik@ivo.example", "Avböjt: rådets möte", "<twice-1@ivo.example>",
                withUid(as(sample("outlook-windows-accepted.ics"), "Anna.Lind@ivo.example", "karl.vik@ivo.example"), uid), Layout.INLINE);
        mail.deliverToHub(raw);
        InvitedMeeting.Row first = awaitAnswer(meeting, "karl.vik@ivo.example");
        await().atMost(Duration.ofSeconds(10)).until(() -> mail.seenInHubMailbox("<twice-1@ivo.example>"));

        clock.set(Instant.parse("2026-11-21T14:00:00Z"));
        mail.deliverToHub(raw);
        // The same reply in a new mail (the client sent it again)
        mail.deliverToHub(reply("karl.vik@ivo.example", "Avböjt: rådets möte", "<twice-2@ivo.example>",
                withUid(as(sample("outlook-windows-accepted.ics"), "Anna.Lind@ivo.example", "karl.vik@ivo.example"), uid), Layout.INLINE));
        assertThat(awaitRejection("<twice-2@ivo.example>", "karl.vik@ivo.example").path("code").asText()).isEqualTo("RSVP_OUTDATED");
        await().atMost(Duration.ofSeconds(10)).until(() -> mail.unseenInHubMailbox() == 0);

        assertThat(meeting.row("karl.vik@ivo.example")).isEqualTo(first);
        assertThat(first.respondedAt()).isEqualTo(Instant.parse("2026-11-21T13:00:00Z"));
        assertThat(audit("<twice-1@ivo.example>").stream().filter(s -> s.startsWith("RSVP"))).hasSize(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM rejection WHERE inbound_id IN (SELECT id FROM inbound_message WHERE message_id = ?)")
                .param("<twice-1@ivo.example>").query(Integer.class).single()).isZero();
    }

    @Test
    void brokenCalendarDataClaimingToBeAReplyGetsAClearAnswer() {
        long id = api.meeting("2027-04-16").path("id").asLong();
        InvitedMeeting.invite(jdbc, id, "rsvp-broken@council.example", 0)
                .person("eva.dahl@folkhalsomyndigheten.example", "Eva Dahl", "folkhalsomyndigheten");
        mail.deliverToHub(reply("eva.dahl@folkhalsomyndigheten.example", "Accepterat: rådets möte", "<broken-1@fohm.example>",
                withUid(sample("broken-truncated.ics"), "rsvp-broken@council.example"), Layout.INLINE));
        JsonNode rejection = awaitRejection("<broken-1@fohm.example>", "eva.dahl@folkhalsomyndigheten.example");
        assertThat(rejection.path("code").asText()).isEqualTo("INVALID_CALENDAR");
        assertThat(rejection.path("reason").asText()).contains("cannot be read");
        MimeMessage notice = mail.awaitMail("eva.dahl@folkhalsomyndigheten.example", "Ej mottaget / Not accepted: Accepterat: rådets möte");
        assertThat(TestMail.text(notice)).contains("Kalenderdelen i svaret kunde inte läsas")
                .contains("The calendar part of the reply could not be read").contains("Detaljer: the calendar data cannot be read");
    }

    @Test
    void aReplyForSeveralPeopleIsRejected() {
        long id = api.meeting("2027-04-19").path("id").asLong();
        String uid = "rsvp-several@council.example";
        InvitedMeeting meeting = InvitedMeeting.invite(jdbc, id, uid, 0)
                .person("sven.ahl@ivo.example", "Sven Ahl", "ivo").person("tora.ahl@ivo.example", "Tora Ahl", "ivo");
        String both = withUid(as(sample("outlook-windows-accepted.ics"), "ATTENDEE;PARTSTAT=ACCEPTED;CN=\"Lind, Anna\":mailto:Anna.Lind@ivo.example",
                "ATTENDEE;PARTSTAT=ACCEPTED:mailto:sven.ahl@ivo.example\r\nATTENDEE;PARTSTAT=ACCEPTED:mailto:tora.ahl@ivo.example"), uid);
        mail.deliverToHub(reply("sven.ahl@ivo.example", "Accepterat", "<several-1@ivo.example>", both, Layout.INLINE));
        JsonNode rejection = awaitRejection("<several-1@ivo.example>", "sven.ahl@ivo.example");
        assertThat(rejection.path("code").asText()).isEqualTo("RSVP_SEVERAL_ATTENDEES");
        assertThat(rejection.path("reason").asText()).contains("sven.ahl@ivo.example, tora.ahl@ivo.example");
        assertThat(meeting.row("sven.ahl@ivo.example").partstat()).isEqualTo("NEEDS-ACTION");
        assertThat(meeting.row("tora.ahl@ivo.example").partstat()).isEqualTo("NEEDS-ACTION");
    }

    // ---------------------------------------------------------------- helpers

    /** The sample with one text replaced (an attendee's address, say); fails when the text is not there. */
    private static String as(String ics, String from, String to) {
        assertThat(ics).contains(from);
        return ics.replace(from, to);
    }

    private InvitedMeeting.Row awaitAnswer(InvitedMeeting meeting, String email) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> meeting.row(email),
                r -> r != null && r.respondedAt() != null);
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
