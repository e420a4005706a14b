package se.council.hub.protocol.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.IBodyElement;
import org.apache.poi.xwpf.usermodel.XWPFComment;
import org.apache.poi.xwpf.usermodel.XWPFComments;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.apache.xmlbeans.XmlCursor;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTP;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTRunTrackChange;
import org.junit.jupiter.api.Test;

import se.council.hub.protocol.document.ProtocolReader.Change;
import se.council.hub.protocol.document.ProtocolReader.Change.Kind;
import se.council.hub.protocol.document.ProtocolReader.ItemText;
import se.council.hub.protocol.document.ProtocolReader.ReadBack;

class ProtocolReaderTest {

    private final ProtocolWriter writer = new ProtocolWriter();
    private final ProtocolReader reader = new ProtocolReader();

    @Test
    void readsBackTheItemsAndParagraphsOfTheHubsOwnDocx() {
        ProtocolDocument doc = ProtocolFixtures.meeting18(true);
        ReadBack back = reader.read(writer.docx(doc));

        assertThat(back.items()).isEqualTo(ProtocolReader.expectedItems(doc));
        assertThat(back.items()).hasSize(7);
        assertThat(back.items().get(4)).isEqualTo(new ItemText(5, "Aktuellt per aktör", "Samtliga",
                "E-hälsomyndigheten: Myndigheten arbetar med flertalet regeringsuppdrag kopplat till digital "
                        + "infrastruktur. Se ppt.\n"
                        + "Folkhälsomyndigheten: Snart delredovisning för uppdraget om vårdrelaterade infektioner.\n"
                        + "IVO: Arbetet mot oseriösa aktörer fortskrider och tar resurser i anspråk. Se ppt.\n"
                        + "Läkemedelsverket: Se ppt.\n"
                        + "SBU: SBU har fått ett regeringsuppdrag kring utmönstring."));
        assertThat(back.paragraphs()).startsWith("Protokoll från rådets artonde möte", "UTKAST version 2", "Ämne",
                "Möte Nationellt råd för patientsäkerhet");
        assertThat(back.paragraphs()).containsSubsequence("Deltagare",
                "Från Socialstyrelsen: Åsa Öhrnberg, Göran Ärlig och Britt Ödman",
                "Övriga närvarande: Anna Gäst, institutionen för folkhälso- och vårdvetenskap, Uppsala universitet "
                        + "under punkt tre",
                "Nr", "Ärende", "Föredragande", "Beslut, åtgärd etc.", "1.", "Mötet öppnas", "Göran Ärlig",
                "Göran Ärlig öppnar rådets artonde möte. Agenda presenteras. Inga övriga frågor anmäls.");
        assertThat(back.paragraphs()).endsWith("Nästa möte den 11 juni, kl. 09.00-16.00.");
    }

    @Test
    void readsTheEnglishTable() {
        ProtocolDocument doc = ProtocolFixtures.meeting18(false, true, ProtocolFixtures.items18());
        assertThat(reader.read(writer.docx(doc)).items()).isEqualTo(ProtocolReader.expectedItems(doc));
    }

    @Test
    void findsTheTableInADocxLibreOfficeResaved() throws IOException {
        // meeting18(true) written by this writer, opened and saved again as .docx by LibreOffice 7.4 (soffice
        // --convert-to docx): styles renamed, table borders moved to the cells, every run re-written
        byte[] resaved;
        try (InputStream in = getClass().getResourceAsStream("meeting18-resaved-by-libreoffice.docx")) {
            resaved = in.readAllBytes();
        }
        ReadBack back = reader.read(resaved);
        assertThat(back.items()).isEqualTo(ProtocolReader.expectedItems(ProtocolFixtures.meeting18(true)));
        ReadBack original = reader.read(writer.docx(ProtocolFixtures.meeting18(true)));
        assertThat(reader.changes(original, back)).isEmpty();
    }

    @Test
    void findsAnEditorsChangesInTheHubsDocx() throws IOException {
        byte[] sent = writer.docx(ProtocolFixtures.meeting18(true));
        byte[] edited;
        try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(sent))) {
            // a cell's text rewritten: the decision of item 2
            XWPFTable table = doc.getTables().get(1);
            XWPFParagraph cell = table.getRow(2).getCell(3).getParagraphs().get(0);
            while (!cell.getRuns().isEmpty()) {
                cell.removeRun(0);
            }
            cell.createRun().setText("Kort presentationsrunda där även nya ledamöter presenterade sig.");
            // a paragraph added after "Deltagare"
            XWPFParagraph heading = paragraph(doc, "Deltagare");
            try (XmlCursor cursor = heading.getCTP().newCursor()) {
                cursor.toNextSibling();
                XWPFParagraph added = doc.insertNewParagraph(cursor);
                added.createRun().setText("Mötet hölls digitalt via Teams.");
            }
            // a paragraph removed: "Övriga närvarande"
            doc.removeBodyElement(doc.getPosOfParagraph(paragraph(doc, "Övriga närvarande:")));
            // and a new paragraph in the "Aktuellt per aktör" cell
            table.getRow(5).getCell(3).addParagraph().createRun().setText("Strålsäkerhetsmyndigheten: Se ppt.");
            edited = save(doc);
        }
        ReadBack before = reader.read(sent);
        ReadBack after = reader.read(edited);

        assertThat(after.items().get(1).text()).isEqualTo("Kort presentationsrunda där även nya ledamöter presenterade sig.");
        assertThat(after.items().get(4).text()).endsWith("SBU: SBU har fått ett regeringsuppdrag kring utmönstring.\n"
                + "Strålsäkerhetsmyndigheten: Se ppt.");
        assertThat(after.items().subList(2, 4)).isEqualTo(before.items().subList(2, 4));

        assertThat(reader.changes(before, after)).containsExactly(
                new Change(Kind.ADDED, null, "Mötet hölls digitalt via Teams."),
                new Change(Kind.REMOVED, "Övriga närvarande: Anna Gäst, institutionen för folkhälso- och "
                        + "vårdvetenskap, Uppsala universitet under punkt tre", null),
                new Change(Kind.CHANGED, "Kort presentationsrunda.",
                        "Kort presentationsrunda där även nya ledamöter presenterade sig."),
                new Change(Kind.ADDED, null, "Strålsäkerhetsmyndigheten: Se ppt."));
        assertThat(reader.changes(before, before)).isEmpty();
    }

    @Test
    void readsTrackedChangesAsAccepted() throws IOException {
        // Word with "Track changes" on: the deletion is w:del/w:delText, the insertion w:ins
        byte[] sent = writer.docx(ProtocolFixtures.meeting18(true));
        byte[] edited;
        try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(sent))) {
            CTP cell = doc.getTables().get(1).getRow(2).getCell(3).getParagraphs().get(0).getCTP();
            cell.removeR(0);
            cell.addNewR().addNewT().setStringValue("Kort ");
            CTRunTrackChange del = cell.addNewDel();
            del.setId(BigInteger.ONE);
            del.setAuthor("Justerare Exempel");
            del.addNewR().addNewDelText().setStringValue("presentationsrunda.");
            CTRunTrackChange ins = cell.addNewIns();
            ins.setId(BigInteger.TWO);
            ins.setAuthor("Justerare Exempel");
            ins.addNewR().addNewT().setStringValue("presentation av alla närvarande.");
            edited = save(doc);
        }
        assertThat(reader.read(edited).items().get(1).text()).isEqualTo("Kort presentation av alla närvarande.");
        assertThat(reader.changes(reader.read(sent), reader.read(edited))).containsExactly(
                new Change(Kind.CHANGED, "Kort presentationsrunda.", "Kort presentation av alla närvarande."));
    }

    @Test
    void readsWordCommentsAsParagraphsAfterTheirAnchor() throws IOException {
        byte[] sent = writer.docx(ProtocolFixtures.meeting18(true));
        byte[] edited;
        try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(sent))) {
            XWPFComments comments = doc.createComments();
            XWPFComment onItem = comments.createComment(BigInteger.valueOf(7));
            onItem.setAuthor("Justerare Exempel");
            onItem.createParagraph().createRun().setText("IVO:s text gäller även tandvården.");
            XWPFParagraph ivo = doc.getTables().get(1).getRow(5).getCell(3).getParagraphs().get(2);
            ivo.getCTP().addNewCommentRangeStart().setId(BigInteger.valueOf(7));
            ivo.getCTP().addNewCommentRangeEnd().setId(BigInteger.valueOf(7));
            ivo.createRun().getCTR().addNewCommentReference().setId(BigInteger.valueOf(7));
            XWPFComment loose = comments.createComment(BigInteger.valueOf(8));
            loose.createParagraph().createRun().setText("Stavning: ”Ödman”.");
            edited = save(doc);
        }
        ReadBack after = reader.read(edited);
        // the item's text stays the cell's own text
        assertThat(after.items()).isEqualTo(reader.read(sent).items());
        assertThat(reader.changes(reader.read(sent), after)).containsExactly(
                new Change(Kind.ADDED, null, "Kommentar från Justerare Exempel: IVO:s text gäller även tandvården."),
                new Change(Kind.ADDED, null, "Kommentar: Stavning: ”Ödman”."));
        assertThat(after.paragraphs()).containsSubsequence(
                "IVO: Arbetet mot oseriösa aktörer fortskrider och tar resurser i anspråk. Se ppt.",
                "Kommentar från Justerare Exempel: IVO:s text gäller även tandvården.",
                "Läkemedelsverket: Se ppt.");
    }

    @Test
    void findsTheTableByItsHeaderInADocumentWrittenElsewhere() throws IOException {
        byte[] bytes;
        try (XWPFDocument doc = new XWPFDocument()) {
            doc.createParagraph().createRun().setText("Protokoll, eget format");
            // a table before the protocol's, which must not be taken for it
            XWPFTable other = doc.createTable(2, 4);
            other.getRow(0).getCell(0).setText("Ämne");
            other.getRow(0).getCell(1).setText("Datum");
            // the protocol table: no borders, other widths, header in bold runs with odd spacing, "NR."
            XWPFTable table = doc.createTable(4, 4);
            table.removeBorders();
            table.setWidth("100%");
            String[] head = {" NR. ", "Ärende:", "Föredra\u00ADgande", "Beslut, åtgärd etc"};
            for (int c = 0; c < 4; c++) {
                XWPFRun run = table.getRow(0).getCell(c).getParagraphs().get(0).createRun();
                run.setBold(true);
                run.setFontFamily("Times New Roman");
                run.setText(head[c]);
                table.getRow(0).getCell(c).setWidth(String.valueOf(1000 + c * 500));
            }
            fill(table.getRow(1), "1", "Mötet öppnas", "Åke Öst", "Mötet öppnades.", "Ordföranden hälsade välkommen.");
            fill(table.getRow(2), "2.", "Aktuellt per aktör", "", "IVO: Se ppt.");
            // a row without a number: the editor split item 2's long text into a row of its own
            fill(table.getRow(3), "", "", "", "SBU: Inget nytt.");
            XWPFTableRow extra = table.createRow();
            fill(extra, "3)", "Nästa möte", "Åke Öst", "Den 12 mars kl.\u00A013.00.");
            // split runs within a paragraph, as Word writes them after an edit
            XWPFParagraph p = extra.getCell(3).addParagraph();
            p.createRun().setText("Plats: ");
            XWPFRun r = p.createRun();
            r.setItalic(true);
            r.setText("Stockholm");
            bytes = save(doc);
        }
        ReadBack back = reader.read(bytes);
        assertThat(back.items()).containsExactly(
                new ItemText(1, "Mötet öppnas", "Åke Öst", "Mötet öppnades.\nOrdföranden hälsade välkommen."),
                new ItemText(2, "Aktuellt per aktör", null, "IVO: Se ppt.\nSBU: Inget nytt."),
                new ItemText(3, "Nästa möte", "Åke Öst", "Den 12 mars kl. 13.00.\nPlats: Stockholm"));
        assertThat(back.paragraphs()).startsWith("Protokoll, eget format", "Ämne", "Datum");
    }

    @Test
    void refusesWhatIsNoProtocolWithAReadableReason() throws IOException {
        assertThatThrownBy(() -> reader.read(new byte[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("The file is empty.");
        assertThatThrownBy(() -> reader.read("Godkänd\r\n".getBytes()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("The file is not a Word document (.docx).");
        assertThatThrownBy(() -> reader.read(writer.pdf(ProtocolFixtures.meeting18(true))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is a PDF");
        assertThatThrownBy(() -> reader.read(new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1,
                (byte) 0xB1, 0x1A, (byte) 0xE1, 0, 0, 0, 0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Word 97-2003");

        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(zip)) {
            out.putNextEntry(new ZipEntry("hello.txt"));
            out.write("hej".getBytes());
        }
        assertThatThrownBy(() -> reader.read(zip.toByteArray()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("The file is not a readable Word");

        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            workbook.createSheet("Blad1").createRow(0).createCell(0).setCellValue("Nr");
            workbook.write(out);
            assertThatThrownBy(() -> reader.read(out.toByteArray()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Word document");
        }

        byte[] docx = writer.docx(ProtocolFixtures.meeting18(true));
        byte[] truncated = Arrays.copyOf(docx, docx.length / 2);
        assertThatThrownBy(() -> reader.read(truncated))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Word document");

        try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(docx))) {
            doc.removeBodyElement(doc.getPosOfTable(doc.getTables().get(1)));
            byte[] withoutTable = save(doc);
            assertThatThrownBy(() -> reader.read(withoutTable))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no protocol table");
        }
    }

    @Test
    void changesPairRemovedAndAddedParagraphsAtTheSamePlace() {
        ReadBack sent = new ReadBack(List.of(), List.of("a", "b", "c", "d", "e"));
        assertThat(reader.changes(sent, new ReadBack(List.of(), List.of("a", "B", "c", "d", "e", "f")))).containsExactly(
                new Change(Kind.CHANGED, "b", "B"), new Change(Kind.ADDED, null, "f"));
        assertThat(reader.changes(sent, new ReadBack(List.of(), List.of("x", "y", "c", "e")))).containsExactly(
                new Change(Kind.CHANGED, "a", "x"), new Change(Kind.CHANGED, "b", "y"),
                new Change(Kind.REMOVED, "d", null));
        assertThat(reader.changes(sent, new ReadBack(List.of(), List.of()))).extracting(Change::kind)
                .containsOnly(Kind.REMOVED).hasSize(5);
        // a paragraph moved: removed in one place, added in another
        assertThat(reader.changes(sent, new ReadBack(List.of(), List.of("b", "c", "d", "a", "e")))).containsExactly(
                new Change(Kind.REMOVED, "a", null), new Change(Kind.ADDED, null, "a"));
    }

    // ---- helpers ------------------------------------------------------------------------------

    private static void fill(XWPFTableRow row, String... texts) {
        for (int c = 0; c < 4; c++) {
            XWPFTableCell cell = row.getCell(c);
            cell.getParagraphs().get(0).createRun().setText(texts[c]);
        }
        for (int k = 4; k < texts.length; k++) {
            row.getCell(3).addParagraph().createRun().setText(texts[k]);
        }
    }

    private static XWPFParagraph paragraph(XWPFDocument doc, String startsWith) {
        for (IBodyElement e : doc.getBodyElements()) {
            if (e instanceof XWPFParagraph p && p.getText().startsWith(startsWith)) {
                return p;
            }
        }
        throw new AssertionError("no paragraph " + startsWith);
    }

    private static byte[] save(XWPFDocument doc) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        doc.write(out);
        return out.toByteArray();
    }
}
