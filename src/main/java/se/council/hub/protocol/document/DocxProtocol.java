package se.council.hub.protocol.document;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.List;

import org.apache.poi.wp.usermodel.HeaderFooterType;
import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFHeader;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFStyle;
import org.apache.poi.xwpf.usermodel.XWPFStyles;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTable.XWPFBorderType;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTDocDefaults;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTFonts;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPPrGeneral;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPageMar;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPageSz;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTR;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTRPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTSectPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTSpacing;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTStyle;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTStyles;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTTabStop;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTTblGrid;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTTblPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STFldCharType;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STStyleType;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STTabJc;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STTblLayoutType;

import se.council.hub.protocol.document.ProtocolDocument.Item;
import se.council.hub.protocol.document.ProtocolText.Field;
import se.council.hub.protocol.document.ProtocolText.Labelled;

/**
 * The protocol as an editable Word document: real paragraphs with named styles, a real table whose
 * header row repeats on every page, and the page number "N(M)" as PAGE and NUMPAGES fields in the
 * page header, which Word and LibreOffice both update.
 */
final class DocxProtocol {

    // A4 in twentieths of a point, margins 23 mm left and right
    private static final int PAGE_W = 11906;
    private static final int PAGE_H = 16838;
    private static final int MARGIN_LR = 1304;
    private static final int TEXT_W = PAGE_W - 2 * MARGIN_LR;
    /** Nr, Ärende, Föredragande, Beslut, åtgärd etc. */
    private static final int[] ITEM_COLUMNS = {700, 2150, 1750, TEXT_W - 700 - 2150 - 1750};
    private static final String FONT = "Arial";
    private static final String DRAFT_COLOUR = "C00000";
    static final String STYLE_TITLE = "Title";
    static final String STYLE_HEADING = "Heading1";
    static final String STYLE_LABEL = "ProtocolLabel";
    static final String STYLE_TABLE_HEAD = "ProtocolTableHead";

    private DocxProtocol() {
    }

    static byte[] write(ProtocolDocument doc) {
        try (XWPFDocument docx = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024)) {
            styles(docx, doc.english());
            page(docx);
            pageHeader(docx, doc);
            body(docx, doc);
            docx.getProperties().getCoreProperties().setTitle(ProtocolText.title(doc));
            docx.getProperties().getCoreProperties().setCreator(ProtocolText.nz(doc.preparedBy()));
            docx.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void body(XWPFDocument docx, ProtocolDocument doc) {
        ProtocolText.Labels l = ProtocolText.labels(doc);
        XWPFParagraph title = docx.createParagraph();
        title.setStyle(STYLE_TITLE);
        title.createRun().setText(xml(ProtocolText.title(doc)));
        String draft = ProtocolText.draftMark(doc);
        if (draft != null) {
            XWPFParagraph p = docx.createParagraph();
            XWPFRun r = p.createRun();
            r.setBold(true);
            r.setColor(DRAFT_COLOUR);
            r.setFontSize(14);
            r.setText(xml(draft));
        }

        headerBlock(docx, doc);

        XWPFParagraph heading = docx.createParagraph();
        heading.setStyle(STYLE_HEADING);
        heading.createRun().setText(xml(l.participants()));
        String secretariat = ProtocolText.secretariatLine(doc);
        if (secretariat != null) {
            docx.createParagraph().createRun().setText(xml(secretariat));
        }
        String others = ProtocolText.otherParticipants(doc);
        if (others != null) {
            docx.createParagraph().createRun().setText(xml(others));
        }
        for (Labelled line : ProtocolText.attendanceLines(doc)) {
            XWPFParagraph p = docx.createParagraph();
            XWPFRun label = p.createRun();
            label.setBold(true);
            label.setText(xml(line.label() + ":"));
            p.createRun().setText(xml(" " + line.text()));
        }

        docx.createParagraph();
        itemTable(docx, doc);

        String next = ProtocolText.nextMeetingAfterTable(doc);
        if (next != null) {
            XWPFParagraph h = docx.createParagraph();
            h.setStyle(STYLE_HEADING);
            h.createRun().setText(xml(l.nextMeeting()));
            docx.createParagraph().createRun().setText(xml(next));
        }
    }

    private static void headerBlock(XWPFDocument docx, ProtocolDocument doc) {
        List<List<Field>> rows = ProtocolText.headerRows(doc);
        XWPFTable table = docx.createTable(rows.size(), 3);
        int[] widths = {TEXT_W / 2, TEXT_W / 4, TEXT_W - TEXT_W / 2 - TEXT_W / 4};
        layout(table, widths);
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < 3; c++) {
                Field f = rows.get(r).get(c);
                XWPFTableCell cell = table.getRow(r).getCell(c);
                cell.setWidth(String.valueOf(widths[c]));
                XWPFParagraph label = cell.getParagraphs().get(0);
                label.setStyle(STYLE_LABEL);
                label.createRun().setText(xml(f.label()));
                XWPFParagraph value = cell.addParagraph();
                value.createRun().setText(xml(f.value()));
            }
        }
    }

    private static void itemTable(XWPFDocument docx, ProtocolDocument doc) {
        List<Item> items = doc.items();
        XWPFTable table = docx.createTable(items.size() + 1, 4);
        layout(table, ITEM_COLUMNS);
        XWPFTableRow head = table.getRow(0);
        head.setRepeatHeader(true);
        head.setCantSplitRow(true);
        List<String> labels = ProtocolText.tableHeader(doc);
        for (int c = 0; c < 4; c++) {
            XWPFTableCell cell = head.getCell(c);
            cell.setWidth(String.valueOf(ITEM_COLUMNS[c]));
            cell.setColor("D9D9D9");
            XWPFParagraph p = cell.getParagraphs().get(0);
            p.setStyle(STYLE_TABLE_HEAD);
            p.createRun().setText(xml(labels.get(c)));
        }
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            XWPFTableRow row = table.getRow(i + 1);
            cellText(row.getCell(0), ITEM_COLUMNS[0], List.of(ProtocolText.number(item)));
            cellText(row.getCell(1), ITEM_COLUMNS[1], ProtocolText.lines(item.title()));
            cellText(row.getCell(2), ITEM_COLUMNS[2], ProtocolText.lines(item.presenters()));
            cellText(row.getCell(3), ITEM_COLUMNS[3], ProtocolText.cellParagraphs(doc, item));
        }
    }

    private static void cellText(XWPFTableCell cell, int width, List<String> paragraphs) {
        cell.setWidth(String.valueOf(width));
        for (int i = 0; i < paragraphs.size(); i++) {
            XWPFParagraph p = i == 0 ? cell.getParagraphs().get(0) : cell.addParagraph();
            p.createRun().setText(xml(paragraphs.get(i)));
        }
    }

    private static void layout(XWPFTable table, int[] widths) {
        table.setWidth(String.valueOf(TEXT_W));
        CTTblPr pr = table.getCTTbl().getTblPr();
        (pr.isSetTblLayout() ? pr.getTblLayout() : pr.addNewTblLayout()).setType(STTblLayoutType.FIXED);
        CTTblGrid grid = table.getCTTbl().getTblGrid();
        if (grid == null) {
            grid = table.getCTTbl().addNewTblGrid();
        }
        while (grid.sizeOfGridColArray() > 0) {
            grid.removeGridCol(0);
        }
        for (int w : widths) {
            grid.addNewGridCol().setW(BigInteger.valueOf(w));
        }
        table.setTopBorder(XWPFBorderType.SINGLE, 4, 0, "000000");
        table.setBottomBorder(XWPFBorderType.SINGLE, 4, 0, "000000");
        table.setLeftBorder(XWPFBorderType.SINGLE, 4, 0, "000000");
        table.setRightBorder(XWPFBorderType.SINGLE, 4, 0, "000000");
        table.setInsideHBorder(XWPFBorderType.SINGLE, 4, 0, "000000");
        table.setInsideVBorder(XWPFBorderType.SINGLE, 4, 0, "000000");
        table.setCellMargins(40, 80, 40, 80);
    }

    /** The page header: "SOCIALSTYRELSEN   2025-02-26   Dnr …" and, at the right margin, "N(M)"; the draft mark below. */
    private static void pageHeader(XWPFDocument docx, ProtocolDocument doc) {
        XWPFHeader header = docx.createHeader(HeaderFooterType.DEFAULT);
        XWPFParagraph p = header.getParagraphs().isEmpty() ? header.createParagraph() : header.getParagraphs().get(0);
        CTTabStop tab = p.getCTP().addNewPPr().addNewTabs().addNewTab();
        tab.setVal(STTabJc.RIGHT);
        tab.setPos(BigInteger.valueOf(TEXT_W));
        XWPFRun left = p.createRun();
        left.setFontSize(9);
        left.setText(xml(ProtocolText.pageHeader(doc)));
        // the spaces between keeper, date and Dnr are kept as written
        left.getCTR().getTArray(0).setSpace(org.apache.xmlbeans.impl.xb.xmlschema.SpaceAttribute.Space.PRESERVE);
        left.addTab();
        field(p, "PAGE", "1");
        text(p, "(");
        field(p, "NUMPAGES", "1");
        text(p, ")");
        String draft = ProtocolText.draftMark(doc);
        if (draft != null) {
            XWPFParagraph mark = header.createParagraph();
            mark.setAlignment(ParagraphAlignment.RIGHT);
            XWPFRun r = mark.createRun();
            r.setBold(true);
            r.setColor(DRAFT_COLOUR);
            r.setFontSize(9);
            r.setText(xml(draft));
        }
    }

    /**
     * The text without what XML 1.0 cannot hold (control characters other than tab and line breaks,
     * unpaired surrogates): status texts come from mails and may carry anything.
     */
    static String xml(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ok;
            if (Character.isHighSurrogate(c)) {
                ok = i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
                if (ok && out != null) {
                    out.append(c).append(text.charAt(i + 1));
                }
                if (ok) {
                    i++;
                    continue;
                }
            } else {
                ok = (c >= 0x20 && c != 0xFFFE && c != 0xFFFF && !Character.isLowSurrogate(c))
                        || c == '\t' || c == '\n' || c == '\r';
            }
            if (!ok && out == null) {
                out = new StringBuilder(text.length()).append(text, 0, i);
            }
            if (out != null && ok) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }

    private static void text(XWPFParagraph p, String text) {
        XWPFRun r = p.createRun();
        r.setFontSize(9);
        r.setText(xml(text));
    }

    /** A complex field as Word writes it: begin, instruction, separate, the cached result, end. */
    private static void field(XWPFParagraph p, String instruction, String cached) {
        fieldChar(p, STFldCharType.BEGIN);
        XWPFRun instr = p.createRun();
        instr.setFontSize(9);
        instr.getCTR().addNewInstrText().setStringValue(" " + instruction + " \\* MERGEFORMAT ");
        fieldChar(p, STFldCharType.SEPARATE);
        text(p, cached);
        fieldChar(p, STFldCharType.END);
    }

    private static void fieldChar(XWPFParagraph p, STFldCharType.Enum type) {
        XWPFRun r = p.createRun();
        r.setFontSize(9);
        CTR ctr = r.getCTR();
        ctr.addNewFldChar().setFldCharType(type);
    }

    private static void page(XWPFDocument docx) {
        CTSectPr sect = docx.getDocument().getBody().isSetSectPr()
                ? docx.getDocument().getBody().getSectPr() : docx.getDocument().getBody().addNewSectPr();
        CTPageSz size = sect.isSetPgSz() ? sect.getPgSz() : sect.addNewPgSz();
        size.setW(BigInteger.valueOf(PAGE_W));
        size.setH(BigInteger.valueOf(PAGE_H));
        CTPageMar mar = sect.isSetPgMar() ? sect.getPgMar() : sect.addNewPgMar();
        mar.setTop(BigInteger.valueOf(1418));
        mar.setBottom(BigInteger.valueOf(1134));
        mar.setLeft(BigInteger.valueOf(MARGIN_LR));
        mar.setRight(BigInteger.valueOf(MARGIN_LR));
        mar.setHeader(BigInteger.valueOf(567));
        mar.setFooter(BigInteger.valueOf(567));
        mar.setGutter(BigInteger.ZERO);
    }

    /** Defaults (Arial 10 pt, Swedish or English proofing) and the few named styles the document uses. */
    private static void styles(XWPFDocument docx, boolean english) {
        XWPFStyles styles = docx.createStyles();
        CTStyles ct = CTStyles.Factory.newInstance();
        CTDocDefaults defaults = ct.addNewDocDefaults();
        CTRPr rpr = defaults.addNewRPrDefault().addNewRPr();
        CTFonts fonts = rpr.addNewRFonts();
        fonts.setAscii(FONT);
        fonts.setHAnsi(FONT);
        fonts.setCs(FONT);
        fonts.setEastAsia(FONT);
        rpr.addNewSz().setVal(BigInteger.valueOf(20));
        rpr.addNewSzCs().setVal(BigInteger.valueOf(20));
        rpr.addNewLang().setVal(english ? "en-GB" : "sv-SE");
        CTPPrGeneral ppr = defaults.addNewPPrDefault().addNewPPr();
        CTSpacing spacing = ppr.addNewSpacing();
        spacing.setAfter(BigInteger.valueOf(80));
        spacing.setLine(BigInteger.valueOf(264));
        styles.setStyles(ct);

        styles.addStyle(new XWPFStyle(style("Normal", "Normal", 0, false, true), styles));
        styles.addStyle(new XWPFStyle(style(STYLE_TITLE, "Title", 32, true, false), styles));
        styles.addStyle(new XWPFStyle(style(STYLE_HEADING, "heading 1", 24, true, false), styles));
        styles.addStyle(new XWPFStyle(style(STYLE_LABEL, "Protocol label", 16, true, false), styles));
        styles.addStyle(new XWPFStyle(style(STYLE_TABLE_HEAD, "Protocol table head", 0, true, false), styles));
    }

    private static CTStyle style(String id, String name, int halfPoints, boolean bold, boolean isDefault) {
        CTStyle s = CTStyle.Factory.newInstance();
        s.setStyleId(id);
        s.setType(STStyleType.PARAGRAPH);
        s.addNewName().setVal(name);
        if (isDefault) {
            s.setDefault(Boolean.TRUE);
        } else {
            s.addNewBasedOn().setVal("Normal");
            s.addNewQFormat();
        }
        CTRPr rpr = s.addNewRPr();
        if (bold) {
            rpr.addNewB();
        }
        if (halfPoints > 0) {
            rpr.addNewSz().setVal(BigInteger.valueOf(halfPoints));
            rpr.addNewSzCs().setVal(BigInteger.valueOf(halfPoints));
        }
        if (STYLE_HEADING.equals(id) || STYLE_TITLE.equals(id)) {
            CTPPrGeneral ppr = s.addNewPPr();
            ppr.addNewKeepNext();
            CTSpacing spacing = ppr.addNewSpacing();
            spacing.setBefore(BigInteger.valueOf(STYLE_TITLE.equals(id) ? 0 : 200));
            spacing.setAfter(BigInteger.valueOf(120));
        }
        return s;
    }
}
