package se.council.hub.protocol.document;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.util.Matrix;

import se.council.hub.protocol.document.ProtocolDocument.Item;
import se.council.hub.protocol.document.ProtocolText.Field;
import se.council.hub.protocol.document.ProtocolText.Labelled;

/**
 * The protocol as PDF, laid out first and drawn second so that every page can say "N(M)": the
 * header block, the participants, and the table Nr / Ärende / Föredragande / Beslut, åtgärd etc.
 * with wrapped cell text, rows split across pages and the header row repeated on each page.
 */
final class PdfProtocol {

    private static final float PAGE_W = PDRectangle.A4.getWidth();
    private static final float PAGE_H = PDRectangle.A4.getHeight();
    private static final float LEFT = 62;
    private static final float RIGHT = 62;
    private static final float TOP = 78;
    private static final float BOTTOM = 56;
    private static final float WIDTH = PAGE_W - LEFT - RIGHT;
    private static final float BODY = 10;
    private static final float TABLE = 9.5f;
    private static final float PAD = 4;
    private static final float PARAGRAPH_GAP = 3;
    private static final float[] ITEM_COLUMNS = {0.075f, 0.23f, 0.19f, 0.505f};
    private static final float[] BLACK = {0, 0, 0};
    private static final float[] DRAFT_RED = {0.75f, 0, 0};
    private static final float[] WATERMARK = {0.97f, 0.85f, 0.85f};
    private static final float[] HEAD_FILL = {0.85f, 0.85f, 0.85f};

    /** A run of text in one face. */
    record Span(String text, boolean bold) {
    }

    /** A paragraph: spans at one size, with space above and below. */
    record Para(List<Span> spans, float size, float before, float after, boolean keepWithNext, float[] colour) {
        static Para plain(String text, float size) {
            return new Para(List.of(new Span(text, false)), size, 0, 0, false, BLACK);
        }

        static Para bold(String text, float size) {
            return new Para(List.of(new Span(text, true)), size, 0, 0, false, BLACK);
        }
    }

    /** A table: column widths (points), an optional header row repeated on each page, rows of cells of paragraphs. */
    record Table(float[] widths, List<List<Para>> header, List<List<List<Para>>> rows) {
    }

    /** One placed piece of text. */
    record Piece(float x, String text, boolean bold) {
    }

    /** One wrapped line: its pieces, size, height and colour. */
    record Line(List<Piece> pieces, float size, float height, float[] colour) {
    }

    private sealed interface Op permits TextOp, RectOp {
    }

    private record TextOp(float x, float y, Line line) implements Op {
    }

    private record RectOp(float x, float y, float w, float h, float[] fill) implements Op {
    }

    private final ProtocolDocument doc;
    private final PDType0Font regular;
    private final PDType0Font bold;
    private final List<List<Op>> pages = new ArrayList<>();
    /** Widths of words at 1 pt, regular and bold: protocols repeat their words, and measuring encodes each glyph. */
    private final Map<String, Float> regularWidths = new HashMap<>();
    private final Map<String, Float> boldWidths = new HashMap<>();
    private List<Op> ops;
    private float y;

    private PdfProtocol(ProtocolDocument doc, PDType0Font regular, PDType0Font bold) {
        this.doc = doc;
        this.regular = regular;
        this.bold = bold;
    }

    static byte[] write(ProtocolDocument doc, boolean pdfA) {
        try (PDDocument pdf = new PDDocument()) {
            PDType0Font regular = PDType0Font.load(pdf, new ByteArrayInputStream(ProtocolFonts.regular()), true);
            PDType0Font bold = PDType0Font.load(pdf, new ByteArrayInputStream(ProtocolFonts.bold()), true);
            PdfProtocol layout = new PdfProtocol(doc, regular, bold);
            layout.layOut();
            layout.draw(pdf);
            PdfMetadata.apply(pdf, doc, pdfA);
            ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
            pdf.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- content ------------------------------------------------------------------------------

    private void layOut() throws IOException {
        newPage();
        ProtocolText.Labels l = ProtocolText.labels(doc);
        paragraph(new Para(List.of(new Span(ProtocolText.title(doc), true)), 16, 0, 6, true, BLACK));
        String draft = ProtocolText.draftMark(doc);
        if (draft != null) {
            paragraph(new Para(List.of(new Span(draft, true)), 13, 0, 6, false, DRAFT_RED));
        }
        table(headerBlock());
        paragraph(new Para(List.of(new Span(l.participants(), true)), 12, 12, 4, true, BLACK));
        String secretariat = ProtocolText.secretariatLine(doc);
        if (secretariat != null) {
            paragraph(new Para(List.of(new Span(secretariat, false)), BODY, 0, 4, false, BLACK));
        }
        String others = ProtocolText.otherParticipants(doc);
        if (others != null) {
            paragraph(new Para(List.of(new Span(others, false)), BODY, 0, 4, false, BLACK));
        }
        for (Labelled line : ProtocolText.attendanceLines(doc)) {
            paragraph(new Para(List.of(new Span(line.label() + ":", true), new Span(" " + line.text(), false)),
                    BODY, 0, 4, false, BLACK));
        }
        y -= 10;
        table(itemTable());
        String next = ProtocolText.nextMeetingAfterTable(doc);
        if (next != null) {
            paragraph(new Para(List.of(new Span(l.nextMeeting(), true)), 12, 12, 4, true, BLACK));
            paragraph(new Para(List.of(new Span(next, false)), BODY, 0, 4, false, BLACK));
        }
    }

    private Table headerBlock() {
        List<List<List<Para>>> rows = new ArrayList<>();
        for (List<Field> fields : ProtocolText.headerRows(doc)) {
            List<List<Para>> cells = new ArrayList<>();
            for (Field f : fields) {
                cells.add(List.of(Para.bold(f.label(), 7.5f), Para.plain(f.value(), BODY)));
            }
            rows.add(cells);
        }
        return new Table(new float[] {WIDTH / 2, WIDTH / 4, WIDTH / 4}, null, rows);
    }

    private Table itemTable() {
        float[] widths = new float[ITEM_COLUMNS.length];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = ITEM_COLUMNS[i] * WIDTH;
        }
        List<List<Para>> header = new ArrayList<>();
        for (String label : ProtocolText.tableHeader(doc)) {
            header.add(List.of(Para.bold(label, TABLE)));
        }
        List<List<List<Para>>> rows = new ArrayList<>();
        for (Item item : doc.items()) {
            rows.add(List.of(paras(List.of(ProtocolText.number(item))), paras(ProtocolText.lines(item.title())),
                    paras(ProtocolText.lines(item.presenters())), paras(ProtocolText.cellParagraphs(doc, item))));
        }
        return new Table(widths, header, rows);
    }

    private static List<Para> paras(List<String> texts) {
        List<Para> out = new ArrayList<>();
        for (String t : texts) {
            out.add(Para.plain(t, TABLE));
        }
        return out;
    }

    // ---- layout -------------------------------------------------------------------------------

    private void newPage() {
        ops = new ArrayList<>();
        pages.add(ops);
        y = PAGE_H - TOP;
    }

    private void paragraph(Para para) throws IOException {
        List<Line> lines = wrap(para, WIDTH);
        float needed = para.before() + lines.stream().map(Line::height).reduce(0f, Float::sum);
        if (para.keepWithNext()) {
            needed += 3 * BODY * 1.3f; // a heading is not left alone at the foot of a page
        }
        if (y - needed < BOTTOM && y < PAGE_H - TOP) {
            newPage();
        } else {
            y -= para.before();
        }
        for (Line line : lines) {
            if (y - line.height() < BOTTOM) {
                newPage();
            }
            y -= line.height();
            ops.add(new TextOp(LEFT, y + line.height() * 0.25f, line));
        }
        y -= para.after();
    }

    /** Wrapped cell content: lines, and the gaps between paragraphs as lines without pieces. */
    private List<Line> cellLines(List<Para> paras, float width) throws IOException {
        List<Line> out = new ArrayList<>();
        for (int i = 0; i < paras.size(); i++) {
            if (i > 0) {
                out.add(new Line(List.of(), 0, PARAGRAPH_GAP, BLACK));
            }
            out.addAll(wrap(paras.get(i), width));
        }
        return out;
    }

    private void table(Table t) throws IOException {
        List<List<Line>> header = null;
        float headerHeight = 0;
        if (t.header() != null) {
            header = new ArrayList<>();
            for (int c = 0; c < t.widths().length; c++) {
                header.add(cellLines(t.header().get(c), t.widths()[c] - 2 * PAD));
            }
            headerHeight = height(header) + 2 * PAD;
            if (y - headerHeight - 3 * TABLE * 1.3f < BOTTOM) {
                newPage();
            }
            row(t.widths(), header, headerHeight, HEAD_FILL);
        }
        for (List<List<Para>> cells : t.rows()) {
            List<List<Line>> content = new ArrayList<>();
            for (int c = 0; c < t.widths().length; c++) {
                content.add(cellLines(c < cells.size() ? cells.get(c) : List.of(), t.widths()[c] - 2 * PAD));
            }
            while (true) {
                float full = height(content) + 2 * PAD;
                if (y - full >= BOTTOM) {
                    row(t.widths(), content, full, null);
                    break;
                }
                float room = y - BOTTOM - 2 * PAD;
                float minimum = 2 * TABLE * 1.3f;
                if (room < minimum) {
                    newPage();
                    if (header != null) {
                        row(t.widths(), header, headerHeight, HEAD_FILL);
                    }
                    continue; // on the fresh page it fits, or is split there

                }
                // split: as many lines of each cell as fit here, the rest on the next page
                List<List<Line>> here = new ArrayList<>();
                List<List<Line>> rest = new ArrayList<>();
                for (List<Line> cell : content) {
                    float used = 0;
                    int n = 0;
                    while (n < cell.size() && used + cell.get(n).height() <= room) {
                        used += cell.get(n).height();
                        n++;
                    }
                    here.add(new ArrayList<>(cell.subList(0, n)));
                    List<Line> remaining = new ArrayList<>(cell.subList(n, cell.size()));
                    while (!remaining.isEmpty() && remaining.get(0).pieces().isEmpty()) {
                        remaining.remove(0); // no paragraph gap at the top of a page
                    }
                    rest.add(remaining);
                }
                row(t.widths(), here, y - BOTTOM, null);
                newPage();
                if (header != null) {
                    row(t.widths(), header, headerHeight, HEAD_FILL);
                }
                content = rest;
            }
        }
    }

    private static float height(List<List<Line>> cells) {
        float max = 0;
        for (List<Line> cell : cells) {
            float h = 0;
            for (Line l : cell) {
                h += l.height();
            }
            max = Math.max(max, h);
        }
        return max;
    }

    private void row(float[] widths, List<List<Line>> cells, float height, float[] fill) {
        float x = LEFT;
        for (int c = 0; c < widths.length; c++) {
            ops.add(new RectOp(x, y - height, widths[c], height, fill));
            float ly = y - PAD;
            for (Line line : cells.get(c)) {
                ly -= line.height();
                if (!line.pieces().isEmpty()) {
                    ops.add(new TextOp(x + PAD, ly + line.height() * 0.25f, line));
                }
            }
            x += widths[c];
        }
        y -= height;
    }

    /** Greedy word wrap of a paragraph's spans into lines no wider than {@code width}. */
    private List<Line> wrap(Para para, float width) throws IOException {
        float size = para.size();
        float lineHeight = size * 1.3f;
        List<Line> lines = new ArrayList<>();
        List<Piece> pieces = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean currentBold = false;
        float pieceX = 0;
        float x = 0;
        for (Span span : para.spans()) {
            PDType0Font font = span.bold() ? bold : regular;
            String text = ProtocolFonts.printable(font, span.text());
            float space = width(span.bold(), " ") * size;
            int i = 0;
            boolean leadingSpace = text.startsWith(" ");
            for (String word : text.strip().split(" +")) {
                if (word.isEmpty()) {
                    continue;
                }
                float w = width(span.bold(), word) * size;
                boolean spaceBefore = x > 0 && (i > 0 || leadingSpace);
                float needed = (spaceBefore ? space : 0) + w;
                if (x > 0 && x + needed > width) {
                    flush(pieces, current, pieceX, currentBold);
                    lines.add(new Line(pieces, size, lineHeight, para.colour()));
                    pieces = new ArrayList<>();
                    x = 0;
                    spaceBefore = false;
                }
                while (w > width) { // a word longer than the line: break it by characters
                    int cut = fit(font, word, size, width - x);
                    if (current.length() > 0 && currentBold != span.bold()) {
                        flush(pieces, current, pieceX, currentBold);
                    }
                    if (current.length() == 0) {
                        pieceX = x;
                        currentBold = span.bold();
                    }
                    current.append(word, 0, cut);
                    flush(pieces, current, pieceX, currentBold);
                    lines.add(new Line(pieces, size, lineHeight, para.colour()));
                    pieces = new ArrayList<>();
                    x = 0;
                    word = word.substring(cut);
                    w = width(span.bold(), word) * size;
                    spaceBefore = false;
                }
                if (current.length() > 0 && currentBold != span.bold()) {
                    flush(pieces, current, pieceX, currentBold);
                    if (spaceBefore) {
                        x += space;
                        spaceBefore = false;
                    }
                }
                if (current.length() == 0) {
                    pieceX = x + (spaceBefore ? space : 0);
                    currentBold = span.bold();
                } else if (spaceBefore) {
                    current.append(' ');
                }
                current.append(word);
                x += (spaceBefore ? space : 0) + w;
                i++;
            }
        }
        flush(pieces, current, pieceX, currentBold);
        if (!pieces.isEmpty() || lines.isEmpty()) {
            lines.add(new Line(pieces, size, lineHeight, para.colour()));
        }
        return lines;
    }

    /** The width of a word at 1 pt. */
    private float width(boolean isBold, String word) throws IOException {
        Map<String, Float> cache = isBold ? boldWidths : regularWidths;
        Float w = cache.get(word);
        if (w == null) {
            w = (isBold ? bold : regular).getStringWidth(word) / 1000;
            cache.put(word, w);
        }
        return w;
    }

    private static int fit(PDType0Font font, String word, float size, float room) throws IOException {
        int cut = 1;
        for (int n = 1; n <= word.length(); n++) {
            if (font.getStringWidth(word.substring(0, n)) / 1000 * size > room) {
                break;
            }
            cut = n;
        }
        if (Character.isHighSurrogate(word.charAt(cut - 1)) && cut < word.length()) {
            cut++;
        }
        return cut;
    }

    private static void flush(List<Piece> pieces, StringBuilder current, float x, boolean bold) {
        if (current.length() > 0) {
            pieces.add(new Piece(x, current.toString(), bold));
            current.setLength(0);
        }
    }

    // ---- drawing ------------------------------------------------------------------------------

    private void draw(PDDocument pdf) throws IOException {
        int total = pages.size();
        String draft = ProtocolText.draftMark(doc);
        String left = ProtocolText.pageHeader(doc);
        for (int p = 0; p < total; p++) {
            PDPage page = new PDPage(PDRectangle.A4);
            pdf.addPage(page);
            try (PDPageContentStream cs = new PDPageContentStream(pdf, page)) {
                if (draft != null) {
                    watermark(cs, ProtocolText.labels(doc).draftWatermark());
                }
                for (Op op : pages.get(p)) {
                    if (op instanceof RectOp r) {
                        if (r.fill() != null) {
                            cs.setNonStrokingColor(r.fill()[0], r.fill()[1], r.fill()[2]);
                            cs.addRect(r.x(), r.y(), r.w(), r.h());
                            cs.fill();
                        }
                        cs.setStrokingColor(0f, 0f, 0f);
                        cs.setLineWidth(0.5f);
                        cs.addRect(r.x(), r.y(), r.w(), r.h());
                        cs.stroke();
                    }
                }
                cs.beginText();
                // the page header first, so that text extraction reads it where a reader does
                float hy = PAGE_H - 40;
                text(cs, LEFT, hy, new Line(List.of(new Piece(0, ProtocolFonts.printable(regular, left), false)),
                        8.5f, 0, BLACK));
                String number = ProtocolText.pageNumber(p + 1, total);
                float nw = regular.getStringWidth(number) / 1000 * 8.5f;
                text(cs, PAGE_W - RIGHT - nw, hy, new Line(List.of(new Piece(0, number, false)), 8.5f, 0, BLACK));
                if (draft != null) {
                    float dw = bold.getStringWidth(draft) / 1000 * 8.5f;
                    text(cs, PAGE_W - RIGHT - dw, hy - 12,
                            new Line(List.of(new Piece(0, draft, true)), 8.5f, 0, DRAFT_RED));
                }
                for (Op op : pages.get(p)) {
                    if (op instanceof TextOp t) {
                        text(cs, t.x(), t.y(), t.line());
                    }
                }
                cs.endText();
            }
        }
    }

    private void text(PDPageContentStream cs, float x, float y, Line line) throws IOException {
        cs.setNonStrokingColor(line.colour()[0], line.colour()[1], line.colour()[2]);
        for (Piece piece : line.pieces()) {
            cs.setFont(piece.bold() ? bold : regular, line.size());
            cs.setTextMatrix(Matrix.getTranslateInstance(x + piece.x(), y));
            cs.showText(piece.text());
        }
    }

    /** A large pale "UTKAST" across the page, under the text. */
    private void watermark(PDPageContentStream cs, String word) throws IOException {
        float size = 110;
        float w = bold.getStringWidth(word) / 1000 * size;
        cs.beginText();
        cs.setNonStrokingColor(WATERMARK[0], WATERMARK[1], WATERMARK[2]);
        cs.setFont(bold, size);
        Matrix m = Matrix.getRotateInstance(Math.toRadians(55), PAGE_W / 2, PAGE_H / 2);
        m.translate(-w / 2, -size / 3);
        cs.setTextMatrix(m);
        cs.showText(word);
        cs.endText();
    }
}
