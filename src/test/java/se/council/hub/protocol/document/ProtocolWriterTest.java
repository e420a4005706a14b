package se.council.hub.protocol.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.xwpf.usermodel.IBodyElement;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFHeader;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.apache.xmlbeans.XmlError;
import org.apache.xmlbeans.XmlOptions;
import org.junit.jupiter.api.Test;

import se.council.hub.protocol.document.ProtocolDocument.Item;

class ProtocolWriterTest {

    private final ProtocolWriter writer = new ProtocolWriter();

    /** The sentences of meeting 18's header and participant lists, as the reference writes them. */
    private static final List<String> PARTICIPANT_LINES = List.of(
            "Protokoll från rådets artonde möte",
            "Från Socialstyrelsen: Åsa Öhrnberg, Göran Ärlig och Britt Ödman",
            "E-hälsomyndigheten, Anders Exempelsson, Folkhälsomyndigheten, Märta Provsdotter, "
                    + "Inspektionen för vård och omsorg (IVO), Pär Testberg, Läkemedelsverket, Helén Påhittad och "
                    + "Örjan Låtsas, Löf regionernas ömsesidiga försäkringsbolag, Kåre Fiktiv, Nationell "
                    + "samverkansgrupp Patientsäkerhet (NSG patientsäkerhet), Lena Uppdiktad, Statens beredning för "
                    + "medicinsk och social utvärdering (SBU), Sixten Exempel, Strålsäkerhetsmyndigheten, Nora Provare",
            "Närvarande del av mötet: Nätverket Regional stöd och samverkanstruktur (RSS) äldre och hälso- och "
                    + "sjukvård, Maja Delvis, Patientnämnden Sörmland, Carl Halvtid",
            "Övriga närvarande: Anna Gäst, institutionen för folkhälso- och vårdvetenskap, Uppsala universitet "
                    + "under punkt tre",
            "Ej närvarande: Arbetsmiljöverket, Forskningsrådet för hälsa, arbetsliv och välfärd (Forte), "
                    + "Statens haverikommission (SHK), Sveriges Kommuner och Regioner (SKR)",
            "Inbjudna men ej närvarande: Statens haverikommission (SHK), Jonas Frånvarande, Sveriges Kommuner "
                    + "och Regioner (SKR), Agneta Borta");

    private static final List<String> STATUS_LINES = List.of(
            "E-hälsomyndigheten: Myndigheten arbetar med flertalet regeringsuppdrag kopplat till digital "
                    + "infrastruktur. Se ppt.",
            "Folkhälsomyndigheten: Snart delredovisning för uppdraget om vårdrelaterade infektioner.",
            "IVO: Arbetet mot oseriösa aktörer fortskrider och tar resurser i anspråk. Se ppt.",
            "Läkemedelsverket: Se ppt.",
            "SBU: SBU har fått ett regeringsuppdrag kring utmönstring.");

    @Test
    void docxHasTheReferenceHeaderParticipantsAndTable() throws IOException {
        try (XWPFDocument docx = new XWPFDocument(new ByteArrayInputStream(writer.docx(ProtocolFixtures.meeting18(true))))) {
            List<String> body = bodyParagraphs(docx);
            assertThat(body).containsAll(PARTICIPANT_LINES);
            assertThat(body).contains("UTKAST version 2", "Deltagare");
            assertThat(docx.getParagraphs().get(0).getStyle()).isEqualTo("Title");

            XWPFTable head = docx.getTables().get(0);
            assertThat(cellTexts(head.getRow(0))).containsExactly("Ämne\nMöte Nationellt råd för patientsäkerhet",
                    "Datum\n2025-02-26", "Tid\n13.00-16.00");
            assertThat(cellTexts(head.getRow(1))).containsExactly("Upprättad av\nÅsa Öhrnberg", "Justerad av\n",
                    "Signatur\n");
            assertThat(cellTexts(head.getRow(2))).containsExactly("Plats\nDigitalt", "Dnr\n3.5-862/2025", "\n");

            XWPFTable table = docx.getTables().get(1);
            assertThat(cellTexts(table.getRow(0)))
                    .containsExactly("Nr", "Ärende", "Föredragande", "Beslut, åtgärd etc.");
            assertThat(table.getRow(0).isRepeatHeader()).isTrue();
            assertThat(table.getRows()).hasSize(8);
            assertThat(cellTexts(table.getRow(1))).containsExactly("1.", "Mötet öppnas", "Göran Ärlig",
                    "Göran Ärlig öppnar rådets artonde möte. Agenda presenteras. Inga övriga frågor anmäls.");
            assertThat(cellTexts(table.getRow(4)).get(3)).isEqualTo("Statusuppdatering: genomgång av texterna är i "
                    + "slutskedet.\nFöljande framkom bland annat under diskussionen:\n• Förbättring med den "
                    + "uppdaterade beskrivningen, som är mer rättvisande.");
            assertThat(cellTexts(table.getRow(5))).containsExactly("5.", "Aktuellt per aktör", "Samtliga",
                    String.join("\n", STATUS_LINES));
            // the agenda's empty "Nästa möte" row holds the next meeting, as in the reference
            assertThat(cellTexts(table.getRow(7))).containsExactly("7.", "Nästa möte", "Göran Ärlig",
                    "Nästa möte den 11 juni, kl. 09.00-16.00.");
            assertThat(body).doesNotContain("Nästa möte den 11 juni, kl. 09.00-16.00.");
        }
    }

    @Test
    void docxPageHeaderHasPageAndNumPagesFieldsAndTheDraftMark() throws IOException {
        try (XWPFDocument docx = new XWPFDocument(new ByteArrayInputStream(writer.docx(ProtocolFixtures.meeting18(true))))) {
            XWPFHeader header = docx.getHeaderList().get(0);
            String xml = header._getHdrFtr().xmlText();
            assertThat(xml).contains("fldCharType=\"begin\"", "fldCharType=\"end\"");
            assertThat(xml).containsPattern("instrText[^>]*> PAGE ");
            assertThat(xml).containsPattern("instrText[^>]*> NUMPAGES ");
            // "N(M)": the parentheses around the NUMPAGES field
            assertThat(header.getText()).contains("SOCIALSTYRELSEN   2025-02-26   Dnr 3.5-862/2025", "1(1)",
                    "UTKAST version 2");
            assertThat(docx.getDocument().getBody().getSectPr().getPgSz().getW().toString()).isEqualTo("11906");
        }
    }

    @Test
    void docxIsValidAgainstTheWordprocessingMlSchema() throws Exception {
        // Word refuses or "repairs" a document with elements out of schema (a second tcPr, a pgMar without gutter)
        for (ProtocolDocument doc : List.of(ProtocolFixtures.meeting18(true), ProtocolFixtures.longProtocol(false))) {
            try (XWPFDocument docx = new XWPFDocument(new ByteArrayInputStream(writer.docx(doc)))) {
                List<XmlError> errors = new ArrayList<>();
                XmlOptions options = new XmlOptions().setErrorListener(errors);
                assertThat(docx.getDocument().validate(options)).as("document.xml %s", errors).isTrue();
                assertThat(docx.getStyle().validate(options)).as("styles.xml %s", errors).isTrue();
                assertThat(docx.getHeaderList().get(0)._getHdrFtr().validate(options)).as("header %s", errors).isTrue();
            }
        }
    }

    @Test
    void theAdjustedProtocolCarriesNoDraftMark() throws IOException {
        ProtocolDocument adjusted = ProtocolFixtures.meeting18(false);
        byte[] docx = writer.docx(adjusted);
        try (XWPFDocument d = new XWPFDocument(new ByteArrayInputStream(docx))) {
            assertThat(String.join("\n", bodyParagraphs(d))).doesNotContain("UTKAST").doesNotContain("version");
            assertThat(d.getHeaderList().get(0).getText()).doesNotContain("UTKAST");
            assertThat(cellTexts(d.getTables().get(0).getRow(1)).get(1))
                    .isEqualTo("Justerad av\nSamtliga deltagare 2025-03-10");
        }
        String pdf = flat(pdfText(writer.pdf(adjusted)));
        assertThat(pdf).doesNotContain("UTKAST").contains("Samtliga deltagare 2025-03-10");
        assertThat(pdfText(writer.pdf(ProtocolFixtures.meeting18(true)))).contains("UTKAST version 2");
    }

    @Test
    void pdfShowsTheSameTextAsTheDocx() throws IOException {
        String text = flat(pdfText(writer.pdf(ProtocolFixtures.meeting18(true))));
        for (String line : PARTICIPANT_LINES) {
            assertThat(text).contains(line);
        }
        for (String line : STATUS_LINES) {
            assertThat(text).contains(line);
        }
        assertThat(text).contains("Ämne Möte Nationellt råd för patientsäkerhet", "Datum 2025-02-26",
                "Tid 13.00-16.00", "Upprättad av Åsa Öhrnberg", "Dnr 3.5-862/2025",
                "Nr Ärende Föredragande Beslut, åtgärd etc.",
                "1. Mötet öppnas Göran Ärlig Göran Ärlig öppnar rådets artonde möte.",
                "7. Nästa möte Göran Ärlig Nästa möte den 11 juni, kl. 09.00-16.00.",
                "SOCIALSTYRELSEN 2025-02-26 Dnr 3.5-862/2025");
    }

    @Test
    void everyPdfPageSaysNOfMAndRepeatsTheTableHeader() throws IOException {
        byte[] pdf = writer.pdf(ProtocolFixtures.longProtocol(false));
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            int pages = doc.getNumberOfPages();
            assertThat(pages).isGreaterThanOrEqualTo(4);
            PDFTextStripper stripper = new PDFTextStripper();
            for (int p = 1; p <= pages; p++) {
                stripper.setStartPage(p);
                stripper.setEndPage(p);
                String text = stripper.getText(doc);
                assertThat(text).as("page %d", p).contains(p + "(" + pages + ")");
                assertThat(text).as("page %d", p).contains("Nr Ärende Föredragande Beslut, åtgärd etc.");
            }
            // nothing is lost where rows are split across pages
            String all = flat(new PDFTextStripper().getText(doc))
                    .replaceAll("SOCIALSTYRELSEN 2025-02-26 Dnr 3.5-862/2025 \\d+\\(\\d+\\) ", "")
                    .replace("Nr Ärende Föredragande Beslut, åtgärd etc. ", "");
            for (Item item : ProtocolFixtures.longProtocol(false).items()) {
                for (String paragraph : ProtocolWriter.cellParagraphs(ProtocolFixtures.longProtocol(false), item)) {
                    assertThat(all).contains(paragraph.strip());
                }
            }
        }
    }

    @Test
    void pdfEmbedsItsFonts() throws IOException {
        try (PDDocument doc = Loader.loadPDF(writer.pdf(ProtocolFixtures.meeting18(true)))) {
            List<PDFont> fonts = new ArrayList<>();
            for (PDPage page : doc.getPages()) {
                for (COSName name : page.getResources().getFontNames()) {
                    fonts.add(page.getResources().getFont(name));
                }
            }
            assertThat(fonts).isNotEmpty().allSatisfy(f -> {
                assertThat(f.isEmbedded()).as(f.getName()).isTrue();
                assertThat(f.getName()).contains("DejaVuSans");
            });
        }
    }

    @Test
    void englishLabels() throws IOException {
        ProtocolDocument english = ProtocolFixtures.meeting18(true, true, ProtocolFixtures.items18());
        try (XWPFDocument d = new XWPFDocument(new ByteArrayInputStream(writer.docx(english)))) {
            List<String> body = bodyParagraphs(d);
            assertThat(body).contains("Participants", "DRAFT version 2",
                    "From Socialstyrelsen: Åsa Öhrnberg, Göran Ärlig and Britt Ödman");
            assertThat(cellTexts(d.getTables().get(1).getRow(0)))
                    .containsExactly("No.", "Item", "Presenter", "Decision, action etc.");
            assertThat(cellTexts(d.getTables().get(0).getRow(0)).get(2)).isEqualTo("Time\n13:00-16:00");
        }
        String pdf = flat(pdfText(writer.pdf(english)));
        assertThat(pdf).contains("Not present: Arbetsmiljöverket", "Invited but not present:",
                "Läkemedelsverket: See slides.", "DRAFT version 2").doesNotContain("UTKAST");
    }

    @Test
    void theNextMeetingGoesAfterTheTableWhenTheAgendaHasNoSuchRow() throws IOException {
        ProtocolDocument doc = ProtocolFixtures.meeting18(false, false, ProtocolFixtures.items18().subList(0, 6));
        try (XWPFDocument d = new XWPFDocument(new ByteArrayInputStream(writer.docx(doc)))) {
            List<String> body = bodyParagraphs(d);
            assertThat(body.subList(body.size() - 2, body.size()))
                    .containsExactly("Nästa möte", "Nästa möte den 11 juni, kl. 09.00-16.00.");
        }
        assertThat(flat(pdfText(writer.pdf(doc)))).endsWith("Nästa möte Nästa möte den 11 juni, kl. 09.00-16.00.");
    }

    @Test
    void aBareDocumentAndOddCharactersAreWritten() throws IOException {
        ProtocolDocument bare = new ProtocolDocument(false, "Nationellt råd för patientsäkerhet", null, null, null, null,
                null, null, null, null, null, null, null, 1, true, List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(), null);
        assertThat(reader().read(writer.docx(bare)).items()).isEmpty();
        assertThat(flat(pdfText(writer.pdf(bare)))).contains("Nationellt råd för patientsäkerhet", "UTKAST version 1",
                "Nr Ärende Föredragande Beslut, åtgärd etc.", "1(1)");

        // status texts come from mails: control characters, a vertical tab, an emoji, CJK, a lone surrogate
        Item odd = new Item(1, "Aktuellt per aktör", null, "Rad ett\u000Brad två", List.of(
                new ProtocolDocument.AgencyStatus("IVO", "Bra\u0001 möte 👍 患者 \uD800slut", true)));
        ProtocolDocument doc = ProtocolFixtures.meeting18(true, false, List.of(odd));
        try (XWPFDocument d = new XWPFDocument(new ByteArrayInputStream(writer.docx(doc)))) {
            assertThat(cellTexts(d.getTables().get(1).getRow(1)).get(3))
                    .isEqualTo("IVO: Bra möte 👍 患者 slut Se ppt.\nRad ett\nrad två");
        }
        String pdf = flat(pdfText(writer.pdf(doc)));
        assertThat(pdf).contains("IVO: Bra", "Rad ett rad två", "slut Se ppt.");
    }

    private static ProtocolReader reader() {
        return new ProtocolReader();
    }

    // ---- helpers ------------------------------------------------------------------------------

    /** The body's own paragraphs (not those in tables), non-empty. */
    static List<String> bodyParagraphs(XWPFDocument docx) {
        List<String> out = new ArrayList<>();
        for (IBodyElement e : docx.getBodyElements()) {
            if (e instanceof XWPFParagraph p && !p.getText().isBlank()) {
                out.add(p.getText());
            }
        }
        return out;
    }

    static List<String> cellTexts(XWPFTableRow row) {
        List<String> out = new ArrayList<>();
        for (XWPFTableCell cell : row.getTableCells()) {
            List<String> ps = new ArrayList<>();
            for (XWPFParagraph p : cell.getParagraphs()) {
                ps.add(p.getText());
            }
            out.add(String.join("\n", ps));
        }
        return out;
    }

    static String pdfText(byte[] pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(doc);
        }
    }

    /** Whitespace (line breaks of the wrapped text) collapsed to single spaces. */
    static String flat(String text) {
        return text.replaceAll("\\s+", " ").strip();
    }
}
