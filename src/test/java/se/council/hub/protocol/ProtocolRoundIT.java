package se.council.hub.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import se.council.hub.broker.BrokerCredentials;
import se.council.hub.support.HubIntegrationTest;
import se.council.hub.support.TestFiles;
import se.council.hub.support.TestHubConfiguration;
import se.council.hub.support.TestMail;

/**
 * The protocol's adjustment round end to end over GreenMail: drafted from the meeting, its
 * attendance and its status updates; item texts put; sent with PDF, DOCX and a personal link;
 * approvals, a quoted "Godkänd", corrections in text and as an edited DOCX, a spoofed approval, a
 * non-adjuster, a digest to the secretariat; version 3 re-sent to everyone with earlier approvals
 * not carried over, a stale approval refused; all approve and the final protocol is mailed,
 * announced on council.events, its header and participant lists matching the attendance, and locked.
 */
@HubIntegrationTest
class ProtocolRoundIT extends ProtocolTestBase {

    private static final String SPOOFED = "Authentication-Results: mx.council.example; dkim=fail header.d=socialstyrelsen.example;"
            + " spf=fail smtp.mailfrom=socialstyrelsen.example; dmarc=fail header.from=socialstyrelsen.example\r\n";

    @Autowired
    BrokerCredentials credentials;

    @Test
    void aWholeRoundFromDraftToTheAdjustedProtocol() throws Exception {
        JsonNode meeting = api.meeting("2027-03-04");
        long id = meeting.path("id").asLong();
        // Before the meeting: two status updates, IVO's with slides.
        mail.deliverToHub(TestFiles.mail("anna.lind@ivo.example", "[NRP-2027-03-04] Lägesrapport IVO", "<proto-ivo@ivo.example>",
                "Tillsynen av hemförlossningar har inletts.", "IVO.pptx", TestFiles.pptx("IVO"), TestFiles.PPTX));
        mail.deliverToHub(TestFiles.mail("ingrid.palm@sbu.example", "[NRP-2027-03-04] Lägesrapport SBU", "<proto-sbu@sbu.example>",
                "SBU har fått ett regeringsuppdrag om utmönstring."));
        await().atMost(Duration.ofSeconds(30)).until(() -> api.submissionsOf(id, "ivo").path("state").asText().equals("RECEIVED")
                && api.submissionsOf(id, "sbu").path("state").asText().equals("RECEIVED"));
        // The invitation side's rows: invited, with their answers.
        invited(id, "karin.blomqvist@arbetsmiljoverket.example", "Karin Blomqvist", "arbetsmiljoverket", "ACCEPTED");
        invited(id, "tove.hellstrom@shk.example", "Tove Hellström", "shk", "DECLINED");
        invited(id, "henrik.dahl@forte.example", "Henrik Dahl", "forte", "NEEDS-ACTION");
        invited(id, "sofia.wikstrom@skr.example", "Sofia Wikström", "skr", "ACCEPTED");

        clock.set(Instant.parse("2027-03-05T08:00:00Z"));
        kit.attendance(id, List.of("maria.ekholm@socialstyrelsen.example=PRESENT", "anna.lind@ivo.example=PRESENT",
                        "ingrid.palm@sbu.example=PRESENT", "lars.engstrom@ssm.example=PARTLY_PRESENT:under punkt 2",
                        "sofia.wikstrom@skr.example=ABSENT"),
                List.of(Map.of("name", "Eva Gästsson", "organisation", "Uppsala universitet", "note", "under punkt tre")));

        // Version 1, drafted from the meeting; a second POST is refused.
        ResponseEntity<String> drafted = api.call(HttpMethod.POST, "/api/meetings/" + id + "/protocol", Map.of("diaryNumber", "3.5-862/2027"));
        assertThat(drafted.getStatusCode().value()).isEqualTo(201);
        JsonNode state = api.tree(drafted);
        assertThat(state.path("version").asInt()).isEqualTo(1);
        assertThat(state.path("state").asText()).isEqualTo("DRAFT");
        assertThat(api.call(HttpMethod.POST, "/api/meetings/" + id + "/protocol", null).getStatusCode().value()).isEqualTo(409);
        String draftText = AdjustmentKit.docxText(kit.download("/api/meetings/" + id + "/protocol/1/protocol.docx"));
        assertThat(draftText).contains("3.5-862/2027", "Anna Lind", "Karin Blomqvist", "Tillsynen av hemförlossningar har inletts.",
                "Se ppt", "SBU har fått ett regeringsuppdrag om utmönstring.", "Eva Gästsson");
        assertThat(AdjustmentKit.pdfText(kit.download("/api/meetings/" + id + "/protocol/latest/protocol.pdf")))
                .contains("Anna Lind", "Ingrid Palm");

        // The secretariat's texts make version 2.
        ResponseEntity<String> items = api.call(HttpMethod.PUT, "/api/meetings/" + id + "/protocol/items",
                Map.of("items", List.of(Map.of("number", 1, "text", "Ordföranden öppnar mötet. Agenda presenteras."))));
        assertThat(items.getStatusCode().value()).isEqualTo(201);
        assertThat(api.tree(items).path("version").asInt()).isEqualTo(2);
        assertThat(api.call(HttpMethod.PUT, "/api/meetings/" + id + "/protocol/items",
                Map.of("items", List.of(Map.of("number", 99, "text", "x")))).getStatusCode().value()).isEqualTo(400);

        // Sent: to everyone present with an address (the guest has none), with PDF, DOCX and a link.
        state = api.post("/api/meetings/" + id + "/protocol/adjustment", null);
        assertThat(state.path("state").asText()).isEqualTo("IN_ADJUSTMENT");
        assertThat(state.path("deadline").asText()).isEqualTo("2027-03-12T22:59:59Z");
        assertThat(state.path("adjusters").findValuesAsText("email")).containsExactlyInAnyOrder(
                "maria.ekholm@socialstyrelsen.example", "anna.lind@ivo.example", "ingrid.palm@sbu.example",
                "lars.engstrom@ssm.example", "karin.blomqvist@arbetsmiljoverket.example");
        assertThat(state.path("adjusters").findValuesAsText("state")).containsOnly("PENDING");
        String v2 = "[NRP-2027-03-04 justering v2]";
        MimeMessage toAnna = mail.awaitMail("anna.lind@ivo.example", v2);
        String text = AdjustmentKit.body(toAnna);
        assertThat(text).contains("Godkänd", "Approved", "senast fredag 12 mars 2027 kl. 23.59", "no later than Friday 12 March 2027",
                "/protocol-adjustment/");
        Map<String, String> types = new HashMap<>();
        Map<String, byte[]> files = AdjustmentKit.attachments(toAnna, types);
        assertThat(files.keySet()).containsExactly("NRP-2027-03-04-protokoll-v2.pdf", "NRP-2027-03-04-protokoll-v2.docx");
        assertThat(types.get("NRP-2027-03-04-protokoll-v2.docx")).isEqualTo(AdjustmentKit.DOCX_TYPE);
        byte[] sentDocx = files.get("NRP-2027-03-04-protokoll-v2.docx");
        assertThat(AdjustmentKit.docxText(sentDocx)).contains("Ordföranden öppnar mötet. Agenda presenteras.");

        // Anna approves; Ingrid's reply only quotes "Godkänd" (a correction); Karin sends an edited DOCX.
        mail.deliverToHub(AdjustmentKit.reply("anna.lind@ivo.example", toAnna, "Godkänd\n\nHälsningar\nAnna", null));
        MimeMessage toIngrid = mail.awaitMail("ingrid.palm@sbu.example", v2);
        mail.deliverToHub(AdjustmentKit.reply("ingrid.palm@sbu.example", toIngrid,
                "Under punkt 2 ska SBU:s uppdrag gälla hela 2027.\n\n> För att godkänna: svara med \"Godkänd\"\n> Godkänd\n", null));
        MimeMessage toKarin = mail.awaitMail("karin.blomqvist@arbetsmiljoverket.example", v2);
        byte[] edited = AdjustmentKit.editDocx(sentDocx, "Ordföranden öppnar mötet.", "Ordföranden öppnar rådets möte.");
        mail.deliverToHub(AdjustmentKit.reply("karin.blomqvist@arbetsmiljoverket.example", toKarin, "Se bifogad fil.", null,
                "protokoll-v2-KB.docx", edited, AdjustmentKit.DOCX_TYPE));
        // A spoofed approval in Maria's name, and one from someone who is not an adjuster.
        MimeMessage toMaria = mail.awaitMail("maria.ekholm@socialstyrelsen.example", v2);
        mail.deliverToHub(AdjustmentKit.reply("maria.ekholm@socialstyrelsen.example", toMaria, "Godkänd", SPOOFED));
        mail.deliverToHub(AdjustmentKit.reply("erik.lundgren@skr.example", toAnna, "Godkänd", null));

        JsonNode anna = kit.awaitAdjuster(id, "anna.lind@ivo.example", "APPROVED");
        assertThat(anna.path("channel").asText()).isEqualTo("MAIL");
        assertThat(anna.path("at").asText()).isEqualTo("2027-03-05T08:00:00Z");
        JsonNode ingrid = kit.awaitAdjuster(id, "ingrid.palm@sbu.example", "CORRECTIONS");
        assertThat(ingrid.path("text").asText()).isEqualTo("Under punkt 2 ska SBU:s uppdrag gälla hela 2027.");
        JsonNode karin = kit.awaitAdjuster(id, "karin.blomqvist@arbetsmiljoverket.example", "CORRECTIONS");
        assertThat(karin.path("text").asText()).startsWith("Se bifogad fil.")
                .contains("Ordföranden öppnar rådets möte. Agenda presenteras.");
        await().atMost(Duration.ofSeconds(30)).until(() -> rejections("maria.ekholm@socialstyrelsen.example", "SENDER_NOT_VERIFIED") == 1
                && rejections("erik.lundgren@skr.example", "PROTOCOL_NOT_ADJUSTER") == 1);
        assertThat(AdjustmentKit.adjuster(kit.state(id), "maria.ekholm@socialstyrelsen.example").path("state").asText()).isEqualTo("PENDING");
        String stored = jdbc.sql("SELECT changes FROM protocol_response WHERE email = ?")
                .param("karin.blomqvist@arbetsmiljoverket.example").query(String.class).single();
        assertThat(stored).contains("CHANGED", "Ordföranden öppnar rådets möte.");
        // Every answer gets a receipt, in its thread.
        MimeMessage receipt = mail.awaitMail("anna.lind@ivo.example", "Mottaget / Received: SV: " + v2);
        assertThat(AdjustmentKit.body(receipt)).contains("godkännande", "approval");
        assertThat(TestMail.header(receipt, "In-Reply-To")).startsWith("<").endsWith("@ivo.example>");
        assertThat(AdjustmentKit.body(mail.awaitMail("karin.blomqvist@arbetsmiljoverket.example", "Mottaget / Received: SV: " + v2)))
                .contains("1 ändrade stycken");
        mail.awaitMail("erik.lundgren@skr.example", "Ej mottaget / Not accepted: SV: " + v2);

        // The schedule: a digest of the corrections to the secretariat, once per content.
        tick();
        MimeMessage digest = mail.awaitMail("johan.westerlund@socialstyrelsen.example", v2 + " Ändringar i protokollet (2)");
        assertThat(AdjustmentKit.body(digest)).contains("Ingrid Palm", "Under punkt 2 ska SBU:s uppdrag gälla hela 2027.",
                "Karin Blomqvist", "Ordföranden öppnar rådets möte.", "Godkänt: 1   Ändringar: 2   Väntar: 2");
        tick();
        assertThat(kit.mails("johan.westerlund@socialstyrelsen.example", v2 + " Ändringar")).hasSize(1);
        assertThat(kit.state(id).path("state").asText()).isEqualTo("IN_ADJUSTMENT");

        // Version 3 answers the corrections: an edited DOCX uploaded, re-sent to everyone, approvals not carried over.
        byte[] secretariatEdit = AdjustmentKit.editDocx(sentDocx, "Ordföranden öppnar mötet.", "Ordföranden öppnar rådets möte.");
        state = upload(id, secretariatEdit);
        assertThat(state.path("version").asInt()).isEqualTo(3);
        assertThat(state.path("state").asText()).isEqualTo("DRAFT");
        assertThat(state.path("inAdjustment").asInt()).isEqualTo(2);
        assertThat(AdjustmentKit.pdfText(kit.download("/api/meetings/" + id + "/protocol/3/protocol.pdf")))
                .contains("Ordföranden öppnar rådets möte.");
        state = api.post("/api/meetings/" + id + "/protocol/adjustment", null);
        assertThat(state.path("version").asInt()).isEqualTo(3);
        assertThat(state.path("adjusters").findValuesAsText("state")).containsOnly("PENDING");
        String v3 = "[NRP-2027-03-04 justering v3]";
        assertThat(AdjustmentKit.body(mail.awaitMail("anna.lind@ivo.example", v3))).contains("Version 3 ersätter den tidigare");

        // Anna answers the old mail again: stale, refused with a notice; her state for version 3 stays pending.
        mail.deliverToHub(AdjustmentKit.reply("anna.lind@ivo.example", toAnna, "Godkänd", null));
        await().atMost(Duration.ofSeconds(30)).until(() -> rejections("anna.lind@ivo.example", "PROTOCOL_STALE_VERSION") == 1);
        assertThat(AdjustmentKit.body(kit.awaitMails("anna.lind@ivo.example", "Ej mottaget / Not accepted: SV: " + v2, 1)))
                .contains("äldre version", "earlier version");
        assertThat(AdjustmentKit.adjuster(kit.state(id), "anna.lind@ivo.example").path("state").asText()).isEqualTo("PENDING");

        try (Connection events = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + properties.broker().embedded().port())
                .createConnection("hub", credentials.hubPassword())) {
            events.start();
            Session session = events.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer announcements = session.createConsumer(session.createTopic("council.events"));
            clock.set(Instant.parse("2027-03-08T09:30:00Z"));
            // Everyone approves version 3, in their clients' ways; the subject token alone also finds the round.
            for (String[] who : new String[][] {{"anna.lind@ivo.example", "Godkänd"}, {"ingrid.palm@sbu.example", "Approved."},
                    {"lars.engstrom@ssm.example", "godkänner"}, {"maria.ekholm@socialstyrelsen.example", "Godkänd!"}}) {
                mail.deliverToHub(AdjustmentKit.reply(who[0], mail.awaitMail(who[0], v3), who[1] + "\n\n-----Original Message-----\nFrom: hub", null));
                kit.awaitAdjuster(id, who[0], "APPROVED");
            }
            assertThat(kit.state(id).path("state").asText()).isEqualTo("IN_ADJUSTMENT");
            mail.deliverToHub(AdjustmentKit.mail("karin.blomqvist@arbetsmiljoverket.example", "AW: RE: " + v3 + " Protokoll",
                    null, null, "Approve", null));

            // The last approval completes the round in the same step: no tick of the schedule.
            TextMessage event = (TextMessage) announcements.receive(30_000);
            assertThat(event).isNotNull();
            assertThat(kit.state(id).path("adjusters").findValuesAsText("state")).containsOnly("APPROVED");
            JsonNode adjusted = api.tree(ResponseEntity.ok(event.getText()));
            assertThat(adjusted.path("type").asText()).isEqualTo("protocol.adjusted");
            assertThat(adjusted.path("meeting").asText()).isEqualTo("NRP-2027-03-04");
            assertThat(adjusted.path("version").asInt()).isEqualTo(3);
            assertThat(adjusted.path("completion").asText()).isEqualTo("ALL_APPROVED");
            assertThat(adjusted.path("adjustedOn").asText()).isEqualTo("2027-03-08");
            assertThat(adjusted.path("approvedBy")).hasSize(5);
            // The schedule's next check finds nothing left to do.
            tick();
            assertThat(announcements.receive(1_000)).as("protocol.adjusted is announced once").isNull();
        }
        state = kit.state(id);
        assertThat(state.path("state").asText()).isEqualTo("ADJUSTED");
        assertThat(state.path("completion").asText()).isEqualTo("ALL_APPROVED");

        // The final protocol, mailed to every participant and the secretariat.
        MimeMessage done = mail.awaitMail("johan.westerlund@socialstyrelsen.example", "[NRP-2027-03-04] Justerat protokoll");
        Map<String, byte[]> finals = AdjustmentKit.attachments(done, new HashMap<>());
        assertThat(finals.keySet()).containsExactly("NRP-2027-03-04-protokoll-justerat.pdf");
        for (String to : List.of("anna.lind@ivo.example", "ingrid.palm@sbu.example", "lars.engstrom@ssm.example",
                "karin.blomqvist@arbetsmiljoverket.example", "maria.ekholm@socialstyrelsen.example")) {
            mail.awaitMail(to, "[NRP-2027-03-04] Justerat protokoll");
        }
        assertThat(mail.receivedBy("henrik.dahl@forte.example")).noneMatch(m -> TestMail.subjectOf(m).contains("Justerat protokoll"));
        byte[] finalPdf = finals.get("NRP-2027-03-04-protokoll-justerat.pdf");
        assertThat(finalPdf).isEqualTo(kit.download("/api/meetings/" + id + "/protocol/3/protocol.pdf"));
        try (PDDocument pdf = Loader.loadPDF(finalPdf)) {
            assertThat(pdf.getDocumentCatalog().getMetadata()).as("PDF/A carries XMP metadata").isNotNull();
        }
        String finalText = AdjustmentKit.pdfText(finalPdf);
        String finalDocx = AdjustmentKit.docxText(kit.download("/api/meetings/" + id + "/protocol/latest/protocol.docx"));
        for (String t : List.of(finalText.replaceAll("\\s+", " "), finalDocx.replaceAll("\\s+", " "))) {
            assertThat(t).contains("Samtliga deltagare", "2027-03-08", "2027-03-04", "3.5-862/2027",
                    "Maria Ekholm", "Anna Lind", "Ingrid Palm", "Karin Blomqvist", "Lars Engström", "under punkt 2",
                    "Eva Gästsson", "Uppsala universitet", "Tove Hellström", "Henrik Dahl",
                    "Ordföranden öppnar rådets möte.");
            // Nobody of these member organisations was there.
            assertThat(t).contains("Forskningsrådet för hälsa, arbetsliv och välfärd (Forte)", "Statens haverikommission (SHK)",
                    "Sveriges Kommuner och Regioner (SKR)", "E-hälsomyndigheten");
        }
        // The lists as the attendance says: groups in registry order with the secretariat first; Sofia accepted
        // but was recorded absent, so she is invited-but-absent like those who declined or never answered.
        assertThat(line(finalDocx, "Från Socialstyrelsen:")).isEqualTo("Från Socialstyrelsen: Maria Ekholm");
        assertThat(line(finalDocx, "Arbetsmiljöverket, ")).isEqualTo("Arbetsmiljöverket, Karin Blomqvist, Inspektionen för vård"
                + " och omsorg (IVO), Anna Lind, Statens beredning för medicinsk och social utvärdering (SBU), Ingrid Palm");
        assertThat(line(finalDocx, "Närvarande del av mötet:"))
                .isEqualTo("Närvarande del av mötet: Strålsäkerhetsmyndigheten (SSM), Lars Engström under punkt 2");
        assertThat(line(finalDocx, "Övriga närvarande:")).isEqualTo("Övriga närvarande: Eva Gästsson, Uppsala universitet under punkt tre");
        assertThat(line(finalDocx, "Ej närvarande:")).contains("E-hälsomyndigheten", "(Forte)", "(SKR)", "(SHK)")
                .doesNotContain("Arbetsmiljöverket", "(IVO)", "(SBU)", "(SSM)", "Socialstyrelsen");
        assertThat(line(finalDocx, "Inbjudna men ej närvarande:")).isEqualTo("Inbjudna men ej närvarande: Forskningsrådet för hälsa,"
                + " arbetsliv och välfärd (Forte), Henrik Dahl, Sveriges Kommuner och Regioner (SKR), Sofia Wikström,"
                + " Statens haverikommission (SHK), Tove Hellström");
        assertThat(line(finalDocx, "Upprättad av")).contains("Maria Ekholm, Socialstyrelsen", "Samtliga deltagare 2027-03-08");
        assertThat(finalText.replaceAll("\\s+", " ")).contains(line(finalDocx, "Inbjudna men ej närvarande:"),
                line(finalDocx, "Närvarande del av mötet:"), line(finalDocx, "Från Socialstyrelsen:"));

        // Locked: no new versions, no new round; a late reply is refused.
        assertThat(api.call(HttpMethod.PUT, "/api/meetings/" + id + "/protocol/items",
                Map.of("items", List.of(Map.of("number", 1, "text", "x")))).getStatusCode().value()).isEqualTo(409);
        assertThat(uploadStatus(id, secretariatEdit)).isEqualTo(409);
        assertThat(api.call(HttpMethod.POST, "/api/meetings/" + id + "/protocol/adjustment", null).getStatusCode().value()).isEqualTo(409);
        assertThat(api.call(HttpMethod.POST, "/api/meetings/" + id + "/protocol", Map.of("redraft", true)).getStatusCode().value()).isEqualTo(409);
        mail.deliverToHub(AdjustmentKit.reply("ingrid.palm@sbu.example", mail.awaitMail("ingrid.palm@sbu.example", v3),
                "Punkt 2: en sen ändring.", null));
        await().atMost(Duration.ofSeconds(30)).until(() -> rejections("ingrid.palm@sbu.example", "PROTOCOL_CLOSED") == 1);
        assertThat(AdjustmentKit.adjuster(kit.state(id), "ingrid.palm@sbu.example").path("state").asText()).isEqualTo("APPROVED");
    }

    /** The first line of a text that starts so. */
    private static String line(String text, String start) {
        return text.lines().map(String::strip).filter(l -> l.startsWith(start)).findFirst()
                .orElseThrow(() -> new AssertionError("no line starting '" + start + "' in:\n" + text));
    }

    /** One check of the protocol schedule, as the timer makes it. */
    private void tick() {
        camel.requestBody("direct:protocol-due", (Object) "tick");
    }

    private void invited(long meetingId, String email, String name, String agency, String partstat) {
        jdbc.sql("""
                INSERT INTO attendee (meeting_id, email, name, agency_id, role, invited, partstat)
                VALUES (?, ?, ?, ?, 'REQ-PARTICIPANT', TRUE, ?)""").params(meetingId, email, name, agency, partstat).update();
    }

    private int rejections(String sender, String code) {
        return jdbc.sql("SELECT COUNT(*) FROM rejection WHERE sender = ? AND reason_code = ?").params(sender, code)
                .query(Integer.class).single();
    }

    private JsonNode upload(long id, byte[] docx) {
        ResponseEntity<String> r = uploadCall(id, docx);
        assertThat(r.getStatusCode().value()).as(r.getBody()).isEqualTo(201);
        return api.tree(r);
    }

    private int uploadStatus(long id, byte[] docx) {
        return uploadCall(id, docx).getStatusCode().value();
    }

    private ResponseEntity<String> uploadCall(long id, byte[] docx) {
        LinkedMultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
        form.add("file", new ByteArrayResource(docx) {
            @Override
            public String getFilename() {
                return "protokoll.docx";
            }
        });
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        return rest.withBasicAuth("secretariat", TestHubConfiguration.SECRETARIAT_PASSWORD)
                .exchange("/api/meetings/" + id + "/protocol/versions", HttpMethod.POST, new HttpEntity<>(form, headers), String.class);
    }
}
