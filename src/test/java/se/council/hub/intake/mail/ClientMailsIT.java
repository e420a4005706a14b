package se.council.hub.intake.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import se.council.hub.config.HubProperties;
import se.council.hub.mailserver.EmbeddedMailServer;
import se.council.hub.store.BlobStore;
import se.council.hub.support.HubApi;
import se.council.hub.support.HubIntegrationTest;
import se.council.hub.support.TestFiles;
import se.council.hub.support.TestMail;

/**
 * Real client mails end to end: each fixture in src/test/resources/mail is delivered over SMTP to the
 * running hub, unchanged, and the test checks what the hub stored (the submission with its files,
 * byte for byte as the originals in mail/files, or the rejected record with its code) and what it
 * answered (receipt or bilingual notice, to whom, in reply to what), and that automatic replies get no
 * answer. The context is shared with the other integration tests, so everything is looked up by the
 * fixture's Message-ID, never assumed to be the only row.
 *
 * <p>Senders: anna.lind@ivo.example is registered in config/council.yml; karl.nord (ivo), sara.nystrom
 * (socialstyrelsen), karin.berg (folkhalsomyndigheten), johan.ek (lof), eva.strand (lakemedelsverket)
 * and lena.aberg (sbu) are not, and count for their agency by domain only.
 */
@HubIntegrationTest
class ClientMailsIT {

    private static final String PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation";
    private static final String PDF = "application/pdf";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Autowired
    TestRestTemplate rest;
    @Autowired
    EmbeddedMailServer server;
    @Autowired
    HubProperties properties;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    BlobStore blobs;

    HubApi api;
    TestMail mail;
    long meeting;

    @BeforeEach
    void setUp() {
        api = new HubApi(rest);
        mail = new TestMail(server, properties);
        meeting = api.meeting("2026-12-10").path("id").asLong();
    }

    @Test
    void outlookStatusUpdateIsStoredWithItsWindows1252NamedDeckAndWithoutTheSignatureLogo() {
        String id = deliver("outlook-status-update.eml");

        JsonNode submission = acceptedSubmission(id, "ivo");
        assertThat(submission.path("kind").asText()).isEqualTo("STATUS_UPDATE");
        assertThat(submission.path("channel").asText()).isEqualTo("MAIL");
        assertThat(submission.path("sender").asText()).isEqualTo("anna.lind@ivo.example");
        assertThat(submission.path("text").asText()).startsWith("Hej,\n\nHär kommer IVO:s lägesrapport inför rådets möte");
        assertFiles(submission, "Lägesrapport Q4.pptx", PPTX, "outlook-lagesrapport-q4.pptx");
        assertThat(verification(id)).isEqualTo("dmarc=pass (mx.council.example)");

        MimeMessage receipt = awaitReply("anna.lind@ivo.example", id);
        assertThat(subject(receipt)).isEqualTo("Mottaget: [NRP-2026-12-10] Lägesrapport från IVO inför mötet");
        assertThat(TestMail.text(receipt)).contains("  - Lägesrapport Q4.pptx (")
                .contains(original("outlook-lagesrapport-q4.pptx").length + " byte)")
                .contains("Inspektionen för vård och omsorg (IVO)").contains("Avsändare: anna.lind@ivo.example")
                .doesNotContain("image001.png");
        assertThat(TestMail.header(receipt, "References")).endsWith(id);
        assertThat(TestMail.header(receipt, "Auto-Submitted")).isEqualTo("auto-replied");
    }

    @Test
    void outlookWinmailIsUnpackedIntoTheDeckAndThePdfWithTheirLongNames() {
        String id = deliver("outlook-winmail.eml");

        JsonNode submission = acceptedSubmission(id, "ivo");
        assertThat(submission.path("sender").asText()).isEqualTo("karl.nord@ivo.example");
        assertThat(submission.path("text").asText()).startsWith("Hej,\n\nBifogar IVO:s lägesrapport för november");
        assertFiles(submission, "Lägesrapport november.pptx", PPTX, "tnef-lagesrapport.pptx",
                "Bilaga – tillsynsresultat.pdf", PDF, "tnef-bilaga.pdf");
        assertThat(TestMail.text(awaitReply("karl.nord@ivo.example", id)))
                .contains("  - Lägesrapport november.pptx (").contains("  - Bilaga – tillsynsresultat.pdf (")
                .doesNotContain("winmail.dat");
    }

    @Test
    void gmailPdfWithAnRfc2231NameKeepsItsÅäöByteExact() {
        String id = deliver("gmail-status-update.eml");

        JsonNode submission = acceptedSubmission(id, "folkhalsomyndigheten");
        assertThat(submission.path("sender").asText()).isEqualTo("karin.berg@folkhalsomyndigheten.example");
        String name = "Lägesrapport Folkhälsomyndigheten – Öppna jämförelser för vårdskador.pdf";
        assertFiles(submission, name, PDF, "gmail-lagesrapport.pdf");
        assertThat(submission.path("attachments").get(0).path("name").asText().getBytes(StandardCharsets.UTF_8))
                .isEqualTo(name.getBytes(StandardCharsets.UTF_8));
        assertThat(submission.path("text").asText()).endsWith("Hälsningar\nKarin Berg");

        MimeMessage receipt = awaitReply("karin.berg@folkhalsomyndigheten.example", id);
        assertThat(subject(receipt)).isEqualTo("Mottaget: [NRP-2026-12-10] Lägesrapport Folkhälsomyndigheten");
        assertThat(TestMail.text(receipt)).contains("  - " + name + " (").contains("Folkhälsomyndigheten (Folkhälsomyndigheten)");
    }

    @Test
    void appleMailKeepsTheDecomposedFileNameAsSent() {
        String id = deliver("apple-mail-status-update.eml");

        JsonNode submission = acceptedSubmission(id, "socialstyrelsen");
        assertThat(submission.path("sender").asText()).isEqualTo("sara.nystrom@socialstyrelsen.example");
        String nfd = Normalizer.normalize("Lägesrapport Socialstyrelsen.pptx", Normalizer.Form.NFD);
        assertFiles(submission, nfd, PPTX, "apple-lagesrapport.pptx");
        assertThat(submission.path("attachments").get(0).path("name").asText()).startsWith("La\u0308gesrapport");
        assertThat(submission.path("text").asText()).contains("Här är vår lägesrapport").endsWith("Sara Nyström\nSocialstyrelsen");

        assertThat(TestMail.text(awaitReply("sara.nystrom@socialstyrelsen.example", id))).contains("  - " + nfd + " (");
    }

    @Test
    void thunderbirdAgendaItemBecomesAProposedItemWithItsUnderlag() {
        String id = deliver("thunderbird-agenda-item.eml");

        JsonNode submission = acceptedSubmission(id, "lof");
        assertThat(submission.path("kind").asText()).isEqualTo("AGENDA_ITEM");
        assertThat(submission.path("title").asText()).isEqualTo("Säkerhetskultur i kommunal vård");
        // Johan Ek is not in the registry: the display name of the mail is the presenter.
        assertThat(submission.path("presenters").asText()).isEqualTo("Johan Ek");
        assertThat(submission.path("text").asText()).contains("Föredragande: Johan Ek och Lisa Öberg, Löf.");
        assertFiles(submission, "Ärende Säkerhetskultur i kommunal vård - underlag.pdf", PDF, "thunderbird-underlag.pdf");
        assertThat(api.get("/api/meetings/" + meeting).path("agenda").findValuesAsText("title"))
                .contains("Säkerhetskultur i kommunal vård");

        MimeMessage receipt = awaitReply("johan.ek@lof.example", id);
        assertThat(TestMail.text(receipt)).contains("Föreslaget ärende: Säkerhetskultur i kommunal vård")
                .contains("  - Ärende Säkerhetskultur i kommunal vård - underlag.pdf (");
    }

    @Test
    void aMailForwardedAsAttachmentYieldsTheInnerDeck() {
        String id = deliver("forwarded-as-attachment.eml");

        JsonNode submission = acceptedSubmission(id, "lakemedelsverket");
        assertThat(submission.path("sender").asText()).isEqualTo("eva.strand@lakemedelsverket.example");
        assertFiles(submission, "Underlag patientsäkerhet.pptx", PPTX, "forwarded-underlag.pptx");
        assertThat(submission.path("text").asText()).contains("---------- Forwarded message ----------");
        MimeMessage receipt = awaitReply("eva.strand@lakemedelsverket.example", id);
        assertThat(subject(receipt)).isEqualTo("Mottaget: VB: [NRP-2026-12-10] Lägesrapport Läkemedelsverket");
    }

    @Test
    void aGmailInlineForwardKeepsTheForwardedFile() {
        String id = deliver("forwarded-inline-gmail.eml");

        JsonNode submission = acceptedSubmission(id, "sbu");
        assertThat(submission.path("sender").asText()).isEqualTo("lena.aberg@sbu.example");
        assertFiles(submission, "SBU lägesrapport december.pdf", PDF, "gmail-lagesrapport.pdf");
        awaitReply("lena.aberg@sbu.example", id);
    }

    @Test
    void aBrokenPartAmongGoodOnesRefusesTheWholeMailAndNamesTheBrokenFile() {
        String id = deliver("broken-part.eml");

        Map<String, Object> rejection = rejection(id);
        assertThat(rejection.get("reason_code")).isEqualTo("ATTACHMENT_REFUSED");
        assertThat(rejection.get("agency_id")).isEqualTo("lakemedelsverket");
        assertThat(rejection.get("meeting_ref")).isEqualTo("NRP-2026-12-10");
        assertThat((String) rejection.get("reason")).contains("anteckningar.pptx").contains("corrupt base64")
                .doesNotContain("rapport.pdf:").doesNotContain("bilder.pptx:");
        assertThat(submissionCount(id)).isZero();

        MimeMessage notice = awaitReply("eva.strand@lakemedelsverket.example", id);
        assertThat(subject(notice)).isEqualTo("Ej mottaget / Not accepted: [NRP-2026-12-10] Rapport med bilagor");
        assertBilingual(notice);
        assertThat(TestMail.text(notice)).contains("anteckningar.pptx");
    }

    @Test
    void aSpoofedSenderIsRejectedAndOnlyTheRegisteredAddressItClaimedIsTold() {
        String id = deliver("spoofed-sender.eml");

        Map<String, Object> rejection = rejection(id);
        assertThat(rejection.get("reason_code")).isEqualTo("SENDER_NOT_VERIFIED");
        assertThat(rejection.get("sender")).isEqualTo("anna.lind@ivo.example");
        assertThat((String) rejection.get("reason")).contains("dmarc=fail (mx.council.example)");
        assertThat(submissionCount(id)).isZero();

        MimeMessage notice = awaitReply("anna.lind@ivo.example", id);
        assertThat(recipients(notice)).containsExactly("anna.lind@ivo.example");
        assertThat(subject(notice)).isEqualTo("Ej mottaget / Not accepted: [NRP-2026-12-10] Ny version av lägesrapporten");
        assertBilingual(notice);
        assertThat(outboundRepliesTo(id)).containsExactly("anna.lind@ivo.example");
    }

    /**
     * With hub.mail.trusted-authserv-ids empty (the default, and these tests) every Authentication-Results
     * header counts, so the sender's own forged "dmarc=pass" is taken as a pass, since no counted header
     * says fail: SenderVerification documents this trade-off. The stored verification names the header
     * it came from, so the secretariat can see it.
     */
    @Test
    void aForgedPassCountsWhenNoAuthservIdIsTrustedAndNoHeaderSaysFail() {
        assertThat(properties.mail().trustedAuthservIds()).isEmpty();
        String id = deliver("spoofed-forged-results.eml");

        JsonNode submission = acceptedSubmission(id, "ivo");
        assertThat(submission.path("text").asText()).isEqualTo("Se uppdaterad rapport.");
        assertThat(submission.path("attachments")).isEmpty();
        assertThat(verification(id)).isEqualTo("dmarc=pass (mx.ivo-secure.example)");
        assertThat(TestMail.text(awaitReply("anna.lind@ivo.example", id))).contains("Filer: inga (endast text)");
    }

    @Test
    void anOutOfOfficeReplyIsRecordedButNeverAnswered() {
        String id = deliver("auto-reply.eml");

        Map<String, Object> rejection = rejection(id);
        assertThat(rejection.get("reason_code")).isEqualTo("INVALID_MESSAGE");
        assertThat(rejection.get("agency_id")).isEqualTo("ivo");
        assertThat((String) rejection.get("reason")).contains("automatic reply");
        assertThat(submissionCount(id)).isZero();
        // The outcome and any answer are committed together, so no answer now means none ever.
        assertThat(outboundRepliesTo(id)).isEmpty();
        await().atMost(WAIT).until(() -> mail.unseenInHubMailbox() == 0);
        assertThat(mail.receivedBy("anna.lind@ivo.example")).noneMatch(m -> id.equals(TestMail.header(m, "In-Reply-To")));
    }

    @Test
    void anOutlookReplyWithATagButUnknownThreadIdsLandsByItsTag() {
        String id = deliver("reply-with-references.eml");

        JsonNode submission = acceptedSubmission(id, "ivo");
        assertThat(submission.path("text").asText()).startsWith("Hej,\n\nVi skickar vår lägesrapport senast den 3 december.");
        // The receipt goes to the verified sender, not to the Reply-To the mail names.
        MimeMessage receipt = awaitReply("anna.lind@ivo.example", id);
        assertThat(recipients(receipt)).containsExactly("anna.lind@ivo.example");
        assertThat(outboundRepliesTo(id)).containsExactly("anna.lind@ivo.example");
    }

    @Test
    void aReplyToTheHubsCallFindsItsMeetingWithoutATagWhileSeveralMeetingsAreOpen() throws Exception {
        long other = api.meeting("2026-12-11").path("id").asLong();
        assertThat(openNrpMeetings()).contains(meeting, other);
        String person = "tove.hellstrom@shk.example";
        String callId = jdbc.sql("SELECT message_id FROM outbound_mail WHERE kind = 'CALL' AND meeting_id = ? AND recipient = ?")
                .params(meeting, person).query(String.class).single();
        MimeMessage call = await().atMost(WAIT).until(() -> mail.receivedBy(person).stream()
                .filter(m -> callId.equals(header(m, "Message-ID"))).findFirst(), Optional::isPresent).get();
        assertThat(subject(call)).startsWith("[NRP-2026-12-10] Inbjudan att lämna bidrag");

        // An Outlook reply as the fixture, answering the call the hub really sent, its subject without the tag.
        String id = "<AS8PR09MB6331C0FFEE0123456789ABCDEF01@AS8PR09MB6331.eurprd09.prod.outlook.example>";
        String reply = new String(TestFiles.fixture("/mail/reply-with-references.eml"), StandardCharsets.ISO_8859_1)
                .replaceFirst("(?m)^From: .*$", "From: =?iso-8859-1?Q?Tove_Hellstr=F6m?= <" + person + ">")
                .replace("header.d=ivo.example", "header.d=shk.example")
                .replace("smtp.mailfrom=anna.lind@ivo.example", "smtp.mailfrom=" + person)
                .replace("header.from=ivo.example", "header.from=shk.example")
                .replaceFirst("(?m)^Subject: .*$", "Subject: =?iso-8859-1?Q?SV:_Inbjudan_att_l=E4mna_bidrag?=")
                .replaceFirst("(?m)^Message-ID: .*$", "Message-ID: " + id)
                .replaceFirst("(?m)^References: .*\\r\\n .*$", "References: " + callId)
                .replaceFirst("(?m)^In-Reply-To: .*$", "In-Reply-To: " + callId)
                .replaceFirst("(?m)^Reply-To: .*\\r\\n", "");
        assertThat(reply).doesNotContain("Subject: [NRP").contains("In-Reply-To: " + callId);
        mail.deliverToHub(reply.getBytes(StandardCharsets.ISO_8859_1));

        JsonNode submission = acceptedSubmission(id, "shk");
        assertThat(submission.path("sender").asText()).isEqualTo(person);
        assertThat(jdbc.sql("SELECT meeting_id FROM submission WHERE original_message_id = ?").param(id)
                .query(Long.class).single()).isEqualTo(meeting);
        MimeMessage receipt = awaitReply(person, id);
        assertThat(subject(receipt)).isEqualTo("Mottaget: SV: Inbjudan att lämna bidrag");
        assertThat(TestMail.text(receipt)).contains("(NRP-2026-12-10)").contains("Statens haverikommission (SHK)");
        assertThat(TestMail.header(receipt, "References")).contains(callId).endsWith(id);
    }

    // ---------------------------------------------------------------------------------------------

    /** Delivers a fixture unchanged; returns its Message-ID. */
    private String deliver(String fixture) {
        byte[] raw = TestFiles.fixture("/mail/" + fixture);
        String id = MailIdentity.messageId(raw);
        assertThat(id).as("Message-ID of %s", fixture).isNotNull();
        mail.deliverToHub(raw);
        return id;
    }

    /** Waits until the hub has decided on the mail; returns the inbound record's state. */
    private String awaitHandled(String messageId) {
        return await().atMost(WAIT).until(() -> jdbc.sql("SELECT state FROM inbound_message WHERE message_id = ?")
                .param(messageId).query(String.class).optional().orElse("NOT YET"), s -> !s.equals("NOT YET") && !s.equals("RECEIVED"));
    }

    /** The mail's submission as the secretariat sees it under the agency, after the hub accepted it. */
    private JsonNode acceptedSubmission(String messageId, String agency) {
        assertThat(awaitHandled(messageId)).as("state of %s", messageId).isEqualTo("PROCESSED");
        long id = jdbc.sql("SELECT id FROM submission WHERE original_message_id = ?").param(messageId).query(Long.class).single();
        for (JsonNode s : api.submissionsOf(meeting, agency).path("submissions")) {
            if (s.path("id").asLong() == id) {
                return s;
            }
        }
        throw new AssertionError("submission " + id + " of " + messageId + " is not listed under " + agency);
    }

    private Map<String, Object> rejection(String messageId) {
        assertThat(awaitHandled(messageId)).as("state of %s", messageId).isEqualTo("REJECTED");
        return jdbc.sql("""
                SELECT r.* FROM rejection r JOIN inbound_message i ON i.id = r.inbound_id WHERE i.message_id = ?""")
                .param(messageId).query().listOfRows().stream()
                .map(row -> row.entrySet().stream().collect(java.util.stream.Collectors.toMap(
                        e -> e.getKey().toLowerCase(java.util.Locale.ROOT), e -> e.getValue() == null ? "" : e.getValue())))
                .reduce((a, b) -> {
                    throw new AssertionError("more than one rejection for " + messageId);
                }).orElseThrow();
    }

    private int submissionCount(String messageId) {
        return jdbc.sql("SELECT COUNT(*) FROM submission WHERE original_message_id = ?").param(messageId).query(Integer.class).single();
    }

    private String verification(String messageId) {
        return jdbc.sql("SELECT verification FROM submission WHERE original_message_id = ?").param(messageId)
                .query(String.class).single();
    }

    private List<String> outboundRepliesTo(String messageId) {
        return jdbc.sql("SELECT recipient FROM outbound_mail WHERE in_reply_to = ?").param(messageId).query(String.class).list();
    }

    private List<Long> openNrpMeetings() {
        return api.get("/api/meetings").findParents("reference").stream()
                .filter(m -> m.path("council").asText().equals("NRP") && m.path("state").asText().equals("SCHEDULED")
                        && m.path("date").asText().compareTo("2026-11-20") > 0)
                .map(m -> m.path("id").asLong()).toList();
    }

    /** Checks the files in order: name, media type and original (in mail/files), by triples. */
    private void assertFiles(JsonNode submission, String... nameTypeOriginal) {
        JsonNode files = submission.path("attachments");
        assertThat(files).hasSize(nameTypeOriginal.length / 3);
        for (int i = 0; i < nameTypeOriginal.length; i += 3) {
            JsonNode file = files.get(i / 3);
            byte[] original = original(nameTypeOriginal[i + 2]);
            assertThat(file.path("name").asText()).isEqualTo(nameTypeOriginal[i]);
            assertThat(file.path("mediaType").asText()).isEqualTo(nameTypeOriginal[i + 1]);
            assertThat(file.path("size").asLong()).isEqualTo(original.length);
            assertThat(file.path("sha256").asText()).isEqualTo(TestFiles.sha256(original));
            assertThat(blobs.get(file.path("sha256").asText())).isEqualTo(original);
        }
    }

    /** The hub's answer to a mail: the one mail to that address in reply to it. */
    private MimeMessage awaitReply(String to, String inReplyTo) {
        MimeMessage reply = await().atMost(WAIT).until(() -> mail.receivedBy(to).stream()
                .filter(m -> inReplyTo.equals(TestMail.header(m, "In-Reply-To"))).toList(), l -> !l.isEmpty()).get(0);
        assertThat(mail.receivedBy(to).stream().filter(m -> inReplyTo.equals(TestMail.header(m, "In-Reply-To")))).hasSize(1);
        return reply;
    }

    private static void assertBilingual(MimeMessage notice) {
        assertThat(TestMail.text(notice)).contains("Ert meddelande kunde inte tas emot").contains("Så gör du:")
                .contains("Your message could not be accepted").contains("What to do:");
        assertThat(TestMail.header(notice, "Auto-Submitted")).isEqualTo("auto-replied");
    }

    private static byte[] original(String file) {
        return TestFiles.fixture("/mail/files/" + file);
    }

    private static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String header(MimeMessage m, String name) {
        return TestMail.header(m, name);
    }

    private static List<String> recipients(MimeMessage m) {
        try {
            return Arrays.stream(m.getAllRecipients()).map(a -> ((InternetAddress) a).getAddress()).toList();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
