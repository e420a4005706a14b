package se.council.hub.pack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.ProducerTemplate;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDOutlineItem;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFShape;
import org.apache.poi.xslf.usermodel.XSLFSlide;
import org.apache.poi.xslf.usermodel.XSLFTextShape;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import se.council.hub.broker.BrokerCredentials;
import se.council.hub.config.HubProperties;
import se.council.hub.mailserver.EmbeddedMailServer;
import se.council.hub.support.HubApi;
import se.council.hub.support.HubIntegrationTest;
import se.council.hub.support.MutableClock;
import se.council.hub.support.TestFiles;
import se.council.hub.support.TestHubConfiguration;
import se.council.hub.support.TestMail;

/**
 * The meeting pack end to end: at the deadline the hub assembles agenda, deck, PDF, manifest and
 * originals from what agencies sent, mails the secretariat and announces pack.ready; a late status
 * update makes version 2 with exactly that agency changed, and version 1 stays downloadable.
 */
@HubIntegrationTest
class PackIT {

    @Autowired
    TestRestTemplate rest;
    @Autowired
    EmbeddedMailServer server;
    @Autowired
    HubProperties properties;
    @Autowired
    PackService packs;
    @Autowired
    ProducerTemplate camel;
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
    }

    @AfterEach
    void resetClock() {
        clock.set(TestHubConfiguration.START);
    }

    @Test
    void atTheDeadlineThePackIsAssembledMailedAndAnnouncedAndALateUpdateMakesVersionTwo() throws Exception {
        JsonNode meeting = api.meeting("2027-02-10");
        long id = meeting.path("id").asLong();
        byte[] ivoDeck = TestFiles.pptx("IVO: tillsyn av hemförlossningar");
        byte[] sbuPdf = pdf("SBU: systematiska översikter pågår");
        mail.deliverToHub(TestFiles.mail("anna.lind@ivo.example", "[NRP-2027-02-10] Lägesrapport IVO", "<pack-ivo@ivo.example>",
                "IVO:s text till protokollet.", "IVO lägesrapport.pptx", ivoDeck, TestFiles.PPTX));
        mail.deliverToHub(TestFiles.mail("ingrid.palm@sbu.example", "[NRP-2027-02-10] Lägesrapport SBU", "<pack-sbu@sbu.example>",
                "SBU:s text.", "SBU.pdf", sbuPdf, "application/pdf"));
        await().atMost(Duration.ofSeconds(30)).until(() -> api.submissionsOf(id, "ivo").path("state").asText().equals("RECEIVED")
                && api.submissionsOf(id, "sbu").path("state").asText().equals("RECEIVED"));
        assertThat(packs.due()).doesNotContain(id);

        try (Connection events = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + properties.broker().embedded().port())
                .createConnection("hub", credentials.hubPassword())) {
            events.start();
            Session session = events.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer announcements = session.createConsumer(session.createTopic("council.events"));

            clock.set(Instant.parse("2027-02-03T11:01:00Z"));
            assertThat(packs.due()).contains(id);
            assemble(id);

            TextMessage event = (TextMessage) announcements.receive(10_000);
            assertThat(event).isNotNull();
            JsonNode ready = api.tree(ResponseEntity.ok(event.getText()));
            assertThat(ready.path("type").asText()).isEqualTo("pack.ready");
            assertThat(ready.path("meeting").asText()).isEqualTo("NRP-2027-02-10");
            assertThat(ready.path("version").asInt()).isEqualTo(1);
        }

        JsonNode manifest = api.get("/api/meetings/" + id + "/pack");
        assertThat(manifest.path("version").asInt()).isEqualTo(1);
        assertThat(manifest.path("reason").asText()).isEqualTo("deadline");
        JsonNode ivo = agency(manifest, "ivo");
        assertThat(ivo.path("state").asText()).isEqualTo("RECEIVED");
        assertThat(ivo.path("changed").asBoolean()).isFalse();
        assertThat(ivo.path("files").get(0).path("sha256").asText()).isEqualTo(TestFiles.sha256(ivoDeck));
        assertThat(ivo.path("files").get(0).path("slides").asInt()).isEqualTo(1);
        assertThat(agency(manifest, "sbu").path("files").get(0).path("slides").asInt()).isEqualTo(2);
        assertThat(agency(manifest, "shk").path("state").asText()).isEqualTo("MISSING");
        assertThat(manifest.path("agencies")).hasSize(15);
        assertThat(manifest.path("agencies").findValuesAsText("agency").get(0)).isEqualTo("socialstyrelsen");

        byte[] deck = download(id, "1", PackService.DECK);
        try (XMLSlideShow show = new XMLSlideShow(new ByteArrayInputStream(deck))) {
            List<String> texts = new ArrayList<>();
            for (XSLFSlide slide : show.getSlides()) {
                texts.add(text(slide));
            }
            assertThat(texts.get(0)).contains("Nationellt råd för patientsäkerhet").contains(meeting.path("ordinal").asText());
            assertThat(String.join("\n", texts)).contains("IVO: tillsyn av hemförlossningar");
            int ivoSection = indexOf(texts, "Inspektionen för vård och omsorg");
            assertThat(texts.get(ivoSection + 1)).contains("IVO: tillsyn av hemförlossningar");
            assertThat(indexOf(texts, "Statens beredning för medicinsk och social utvärdering")).isGreaterThan(ivoSection);
        }
        byte[] pdf = download(id, "latest", PackService.PDF);
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(doc);
            assertThat(text).contains("Aktuellt per aktör").contains("IVO:s text till protokollet.")
                    .contains("SBU: systematiska översikter pågår").contains("1(" + doc.getNumberOfPages() + ")");
            List<String> bookmarks = new ArrayList<>();
            for (PDOutlineItem item : doc.getDocumentCatalog().getDocumentOutline().children()) {
                bookmarks.add(item.getTitle());
                item.children().forEach(child -> bookmarks.add("  " + child.getTitle()));
            }
            assertThat(String.join("\n", bookmarks)).contains("Aktuellt per aktör").contains("Inspektionen för vård och omsorg");
        }
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(download(id, "1", PackService.ORIGINALS)))) {
            List<String> names = new ArrayList<>();
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                names.add(e.getName());
                if (e.getName().endsWith("IVO lägesrapport.pptx")) {
                    assertThat(TestFiles.sha256(zip.readAllBytes())).isEqualTo(TestFiles.sha256(ivoDeck));
                }
            }
            assertThat(names).containsExactlyInAnyOrder("02-ivo-IVO lägesrapport.pptx", "02-sbu-SBU.pdf");
        }
        try (XWPFDocument agenda = new XWPFDocument(new ByteArrayInputStream(download(id, "1", PackService.AGENDA)))) {
            String table = agenda.getTables().get(1).getText();
            assertThat(table).contains("Nr").contains("Ärende").contains("Föredragande").contains("Aktuellt per aktör");
        }

        MimeMessage toSecretariat = mail.awaitMail("maria.ekholm@socialstyrelsen.example",
                "[NRP-2027-02-10] Mötesunderlag, version 1");
        assertThat(attachmentNames(toSecretariat)).containsExactly("NRP-2027-02-10-meeting-pack.pdf", "NRP-2027-02-10-deck.pptx");
        assertThat(bodyText(toSecretariat)).contains("Inkommet: 2").contains("Saknas: 13");

        // A late status update: version 2, with exactly that agency changed.
        clock.set(Instant.parse("2027-02-05T09:00:00Z"));
        byte[] shkDeck = TestFiles.pptx("SHK: utredning pågår");
        mail.deliverToHub(TestFiles.mail("tove.hellstrom@shk.example", "[NRP-2027-02-10] Sent från SHK", "<pack-shk@shk.example>",
                "Ursäkta dröjsmålet.", "SHK.pptx", shkDeck, TestFiles.PPTX));
        await().atMost(Duration.ofSeconds(30)).until(() -> packs.due().contains(id));
        assertThat(packs.dueReason(id)).isEqualTo("late submission");
        assemble(id);
        JsonNode second = api.get("/api/meetings/" + id + "/pack");
        assertThat(second.path("version").asInt()).isEqualTo(2);
        List<String> changed = new ArrayList<>();
        second.path("agencies").forEach(a -> {
            if (a.path("changed").asBoolean()) {
                changed.add(a.path("agency").asText());
            }
        });
        assertThat(changed).containsExactly("shk");
        assertThat(agency(second, "shk").path("state").asText()).isEqualTo("LATE");
        assertThat(packs.due()).doesNotContain(id);
        assertThat(download(id, "1", PackService.DECK)).isEqualTo(deck);
        ResponseEntity<byte[]> missing = rest.withBasicAuth("secretariat", TestHubConfiguration.SECRETARIAT_PASSWORD)
                .exchange("/api/meetings/" + id + "/pack/9/deck.pptx", HttpMethod.GET, null, byte[].class);
        assertThat(missing.getStatusCode().value()).isEqualTo(404);
    }

    private void assemble(long id) {
        camel.requestBodyAndHeaders("direct:pack-assemble", null, Map.of("meetingId", id, "reason", packs.dueReason(id)));
    }

    private byte[] download(long id, String version, String file) {
        ResponseEntity<byte[]> response = rest.withBasicAuth("secretariat", TestHubConfiguration.SECRETARIAT_PASSWORD)
                .exchange("/api/meetings/" + id + "/pack/" + version + "/" + file, HttpMethod.GET, null, byte[].class);
        assertThat(response.getStatusCode().value()).as(file).isEqualTo(200);
        return response.getBody();
    }

    private static JsonNode agency(JsonNode manifest, String id) {
        for (JsonNode a : manifest.path("agencies")) {
            if (a.path("agency").asText().equals(id)) {
                return a;
            }
        }
        throw new AssertionError("no agency " + id + " in " + manifest);
    }

    private static int indexOf(List<String> texts, String fragment) {
        for (int i = 0; i < texts.size(); i++) {
            if (texts.get(i).contains(fragment)) {
                return i;
            }
        }
        throw new AssertionError("no slide says " + fragment);
    }

    private static String text(XSLFSlide slide) {
        StringBuilder b = new StringBuilder();
        for (XSLFShape shape : slide.getShapes()) {
            if (shape instanceof XSLFTextShape t) {
                b.append(t.getText()).append('\n');
            }
        }
        return b.toString();
    }

    /** A two-page PDF whose pages say the text (and the text with " (2)"). */
    static byte[] pdf(String text) throws Exception {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (String line : new String[] {text, text + " (2)"}) {
                PDPage page = new PDPage();
                doc.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(doc, page)) {
                    content.beginText();
                    content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 14);
                    content.newLineAtOffset(72, 700);
                    content.showText(line);
                    content.endText();
                }
            }
            doc.save(out);
            return out.toByteArray();
        }
    }

    private static List<String> attachmentNames(MimeMessage m) throws Exception {
        List<String> names = new ArrayList<>();
        Multipart multipart = (Multipart) m.getContent();
        for (int i = 0; i < multipart.getCount(); i++) {
            if (Part.ATTACHMENT.equalsIgnoreCase(multipart.getBodyPart(i).getDisposition())) {
                names.add(jakarta.mail.internet.MimeUtility.decodeText(multipart.getBodyPart(i).getFileName()));
            }
        }
        return names;
    }

    private static String bodyText(MimeMessage m) throws Exception {
        return String.valueOf(((Multipart) m.getContent()).getBodyPart(0).getContent());
    }
}
