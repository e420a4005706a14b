package se.council.hub.pack.pdf;

import java.awt.Color;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationLink;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDBorderStyleDictionary;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.destination.PDPageXYZDestination;

import se.council.hub.pack.pdf.PackFonts.DocFonts;
import se.council.hub.pack.pdf.PackFonts.Face;

/**
 * Writes flowing text onto A4 pages: headings, wrapped paragraphs, the council's bordered table and
 * table-of-contents lines, breaking pages where the text runs out of room. Each new page goes to a
 * sink, so the same code writes the body (appended) and the front matter (inserted before it).
 * The page label "N(M)" is not written here: M is known only when the whole document is.
 */
final class TextPages implements Closeable {

    static final PDRectangle SIZE = PDRectangle.A4;
    static final float MARGIN = 56.7f;
    static final float LABEL_BASELINE = SIZE.getHeight() - 36f;
    private static final float TOP = SIZE.getHeight() - 66f;
    private static final float BOTTOM = 50f;
    private static final float CELL_PAD = 4f;
    static final Color GREY = new Color(0x55, 0x55, 0x55);
    private static final Color RULE = new Color(0x99, 0x99, 0x99);
    private static final Color HEADER_FILL = new Color(0xE8, 0xE8, 0xE8);

    private final PDDocument doc;
    private final DocFonts fonts;
    private final String runningHeader;
    private final Consumer<PDPage> sink;
    private final List<PDPage> pages = new ArrayList<>();
    private PDPageContentStream cs;
    private float y;

    TextPages(PDDocument doc, DocFonts fonts, String runningHeader, Consumer<PDPage> sink) {
        this.doc = doc;
        this.fonts = fonts;
        this.runningHeader = runningHeader;
        this.sink = sink;
    }

    List<PDPage> pages() {
        return pages;
    }

    /** The page the next line goes on (opening the first page if none is open). */
    PDPage currentPage() throws IOException {
        if (cs == null) {
            newPage();
        }
        return pages.get(pages.size() - 1);
    }

    static float width() {
        return SIZE.getWidth() - 2 * MARGIN;
    }

    void newPage() throws IOException {
        closeStream();
        PDPage page = new PDPage(SIZE);
        sink.accept(page);
        pages.add(page);
        cs = new PDPageContentStream(doc, page);
        y = TOP;
        if (runningHeader != null && !runningHeader.isBlank()) {
            PDType0Font font = fonts.regular();
            String text = fit(font, 8.5f, PackFonts.printable(font, runningHeader), width() - 60);
            drawText(font, 8.5f, GREY, MARGIN, LABEL_BASELINE, text);
            cs.setStrokingColor(RULE);
            cs.setLineWidth(0.5f);
            cs.moveTo(MARGIN, LABEL_BASELINE - 6);
            cs.lineTo(SIZE.getWidth() - MARGIN, LABEL_BASELINE - 6);
            cs.stroke();
        }
    }

    /** Starts a page unless fewer than {@code height} points remain on the current one. */
    private void ensure(float height) throws IOException {
        if (cs == null || y - height < BOTTOM) {
            newPage();
        }
    }

    void gap(float height) {
        y -= height;
    }

    /** A bold heading kept together with at least two lines of what follows it. */
    void heading(String text, float size) throws IOException {
        PDType0Font font = fonts.bold();
        List<String> lines = wrap(font, size, text, width());
        ensure(lines.size() * leading(size) + 2 * leading(10.5f));
        for (String line : lines) {
            line(font, size, Color.BLACK, MARGIN, line);
        }
        y -= size * 0.4f;
    }

    void paragraph(String text, float size, Face face, Color color) throws IOException {
        paragraph(text, size, face, color, 0);
    }

    /** Wrapped text; blank lines in the text become paragraph gaps. */
    void paragraph(String text, float size, Face face, Color color, float indent) throws IOException {
        if (text == null || text.isBlank()) {
            return;
        }
        PDType0Font font = fonts.get(face);
        for (String line : wrap(font, size, text.strip(), width() - indent)) {
            if (line.isEmpty()) {
                y -= leading(size) * 0.6f;
                continue;
            }
            ensure(leading(size));
            line(font, size, color, MARGIN + indent, line);
        }
        y -= size * 0.5f;
    }

    /** "Label  value" rows in two columns, as the protocols head a meeting. */
    void fields(List<String[]> rows, float size) throws IOException {
        PDType0Font bold = fonts.bold();
        PDType0Font regular = fonts.regular();
        float labelWidth = 0;
        for (String[] row : rows) {
            labelWidth = Math.max(labelWidth, bold.getStringWidth(PackFonts.printable(bold, row[0])) / 1000 * size);
        }
        labelWidth += 12;
        for (String[] row : rows) {
            List<String> lines = wrap(regular, size, row[1], width() - labelWidth);
            ensure(lines.size() * leading(size));
            float top = y;
            line(bold, size, Color.BLACK, MARGIN, row[0]);
            y = top;
            for (String line : lines) {
                line(regular, size, Color.BLACK, MARGIN + labelWidth, line);
            }
        }
        y -= size * 0.5f;
    }

    /**
     * The council's bordered table; the header row repeats on every page the table runs onto.
     *
     * @return per row, the index in {@link #pages()} of the page it starts on
     */
    List<Integer> table(float[] widths, String[] header, List<String[]> rows, float size) throws IOException {
        List<Integer> rowPages = new ArrayList<>();
        ensure(rowHeight(widths, header, size, true) + rowHeight(widths, rows.isEmpty() ? header : rows.get(0), size, false));
        row(widths, header, size, true);
        for (String[] cells : rows) {
            float h = rowHeight(widths, cells, size, false);
            if (y - h < BOTTOM) {
                newPage();
                row(widths, header, size, true);
            }
            rowPages.add(pages.size() - 1);
            row(widths, cells, size, false);
        }
        y -= size;
        return rowPages;
    }

    private float rowHeight(float[] widths, String[] cells, float size, boolean header) throws IOException {
        PDType0Font font = header ? fonts.bold() : fonts.regular();
        int lines = 1;
        for (int c = 0; c < cells.length; c++) {
            lines = Math.max(lines, wrap(font, size, cells[c], widths[c] - 2 * CELL_PAD).size());
        }
        return lines * leading(size) + 2 * CELL_PAD;
    }

    private void row(float[] widths, String[] cells, float size, boolean header) throws IOException {
        PDType0Font font = header ? fonts.bold() : fonts.regular();
        float h = rowHeight(widths, cells, size, header);
        float top = y;
        float x = MARGIN;
        if (header) {
            cs.setNonStrokingColor(HEADER_FILL);
            cs.addRect(MARGIN, top - h, sum(widths), h);
            cs.fill();
        }
        for (int c = 0; c < cells.length; c++) {
            y = top - CELL_PAD;
            for (String line : wrap(font, size, cells[c], widths[c] - 2 * CELL_PAD)) {
                line(font, size, Color.BLACK, x + CELL_PAD, line);
            }
            x += widths[c];
        }
        cs.setStrokingColor(RULE);
        cs.setLineWidth(0.5f);
        x = MARGIN;
        for (float w : widths) {
            cs.addRect(x, top - h, w, h);
            x += w;
        }
        cs.stroke();
        y = top - h;
    }

    /**
     * One table-of-contents line: the label, a dotted leader and the page number, the whole line a
     * link to {@code target} when it is known (it is not during the measuring pass).
     */
    void tocLine(String label, float indent, String pageNumber, PDPage target, float size, boolean bold)
            throws IOException {
        PDType0Font font = bold ? fonts.bold() : fonts.regular();
        PDType0Font numberFont = fonts.regular();
        float numberWidth = numberFont.getStringWidth(pageNumber) / 1000 * size;
        float right = SIZE.getWidth() - MARGIN;
        List<String> lines = wrap(font, size, label, width() - indent - 50);
        ensure(lines.size() * leading(size));
        float top = y;
        float lastEnd = MARGIN + indent;
        for (String line : lines) {
            lastEnd = MARGIN + indent + font.getStringWidth(line) / 1000 * size;
            line(font, size, Color.BLACK, MARGIN + indent, line);
        }
        float baseline = y + leading(size) - size;
        drawText(numberFont, size, Color.BLACK, right - numberWidth, baseline, pageNumber);
        // the leader is drawn, not written, so extracted text reads "label N"
        cs.setStrokingColor(RULE);
        cs.setLineWidth(0.8f);
        cs.setLineDashPattern(new float[] {0.8f, 2.6f}, 0);
        cs.moveTo(lastEnd + 4, baseline + 1);
        cs.lineTo(right - numberWidth - 4, baseline + 1);
        cs.stroke();
        cs.setLineDashPattern(new float[0], 0);
        if (target != null) {
            PDAnnotationLink link = new PDAnnotationLink();
            link.setRectangle(new PDRectangle(MARGIN + indent, y, width() - indent, top - y));
            PDBorderStyleDictionary noBorder = new PDBorderStyleDictionary();
            noBorder.setWidth(0);
            link.setBorderStyle(noBorder);
            PDPageXYZDestination dest = new PDPageXYZDestination();
            dest.setPage(target);
            dest.setTop((int) target.getMediaBox().getUpperRightY());
            link.setDestination(dest);
            currentPage().getAnnotations().add(link);
        }
    }

    private void line(PDType0Font font, float size, Color color, float x, String text) throws IOException {
        drawText(font, size, color, x, y - size, text);
        y -= leading(size);
    }

    private void drawText(PDType0Font font, float size, Color color, float x, float baseline, String text)
            throws IOException {
        cs.beginText();
        cs.setFont(font, size);
        cs.setNonStrokingColor(color);
        cs.newLineAtOffset(x, baseline);
        cs.showText(PackFonts.printable(font, text));
        cs.endText();
    }

    static float leading(float size) {
        return size * 1.32f;
    }

    private static float sum(float[] values) {
        float s = 0;
        for (float v : values) {
            s += v;
        }
        return s;
    }

    /** Breaks text into lines no wider than {@code width}; hard line breaks are kept, blank lines are "". */
    static List<String> wrap(PDType0Font font, float size, String text, float width) throws IOException {
        List<String> out = new ArrayList<>();
        String normalized = text == null ? "" : text.replace("\r\n", "\n").replace('\r', '\n');
        for (String hard : normalized.split("\n", -1)) {
            String para = PackFonts.printable(font, hard).strip();
            if (para.isEmpty()) {
                out.add("");
                continue;
            }
            StringBuilder current = new StringBuilder();
            for (String word : para.split(" +")) {
                String candidate = current.isEmpty() ? word : current + " " + word;
                if (width(font, size, candidate) <= width) {
                    current.setLength(0);
                    current.append(candidate);
                    continue;
                }
                if (!current.isEmpty()) {
                    out.add(current.toString());
                    current.setLength(0);
                }
                // a word wider than the column (a long link) is cut where it must be
                String rest = word;
                while (width(font, size, rest) > width && rest.length() > 1) {
                    int cut = rest.length() - 1;
                    while (cut > 1 && width(font, size, rest.substring(0, cut)) > width) {
                        cut--;
                    }
                    out.add(rest.substring(0, cut));
                    rest = rest.substring(cut);
                }
                current.append(rest);
            }
            out.add(current.toString());
        }
        // drop trailing blank lines, keep inner ones as paragraph gaps
        while (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1);
        }
        if (out.isEmpty()) {
            out.add("");
        }
        return out;
    }

    static float width(PDType0Font font, float size, String text) throws IOException {
        return font.getStringWidth(text) / 1000 * size;
    }

    /** Shortens text with an ellipsis to fit one line. */
    static String fit(PDType0Font font, float size, String text, float width) throws IOException {
        if (width(font, size, text) <= width) {
            return text;
        }
        String t = text;
        while (t.length() > 1 && width(font, size, t + "…") > width) {
            t = t.substring(0, t.length() - 1);
        }
        return t + "…";
    }

    private void closeStream() throws IOException {
        if (cs != null) {
            cs.close();
            cs = null;
        }
    }

    @Override
    public void close() throws IOException {
        closeStream();
    }
}
