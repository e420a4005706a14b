package se.council.hub.protocol.document;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.poi.poifs.filesystem.FileMagic;
import org.apache.poi.xwpf.usermodel.IBodyElement;
import org.apache.poi.xwpf.usermodel.XWPFComment;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFSDT;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTMarkup;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTMarkupRange;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTR;

/**
 * Reads back a protocol DOCX the secretariat or an adjuster edited: the texts of the table's items,
 * and the paragraphs that changed against the version sent. Pure: no Spring, no store.
 *
 * <p>The table is found by its header row (Nr / Ärende / …, or No. / Item / …), not by ids or
 * styles, because Word and LibreOffice rewrite both when they save. A cell's text is its non-empty
 * paragraphs, stripped, joined by newlines (as {@link ProtocolWriter#cellParagraphs} writes them).
 */
public final class ProtocolReader {

    /** The first header cell: "Nr" (Swedish) or "No." (English), compared without case and punctuation. */
    private static final Set<String> NUMBER_HEADERS = Set.of("nr", "no", "nummer", "number");
    private static final Set<String> ENGLISH_NUMBER_HEADERS = Set.of("no", "number");
    /** The second header cell: "Ärende" or "Item". */
    private static final Set<String> ITEM_HEADERS = Set.of("ärende", "item", "ärenden", "items");
    private static final Pattern LEADING_NUMBER = Pattern.compile("^(\\d{1,4})");
    /** Beyond this many paragraph pairs the diff does not build the LCS table (memory); see {@link #changes}. */
    private static final long MAX_LCS_CELLS = 4_000_000L;

    /** What an edited protocol says: its items (from the table) and all its paragraphs in order. */
    public record ReadBack(List<ItemText> items, List<String> paragraphs) {
        public ReadBack {
            items = List.copyOf(items);
            paragraphs = List.copyOf(paragraphs);
        }
    }

    /** One row of the table as read: Nr, Ärende, Föredragande, Beslut, åtgärd etc. */
    public record ItemText(int number, String title, String presenters, String text) { }

    /** A paragraph added, removed or changed; {@code before} or {@code after} is null for an addition or removal. */
    public record Change(Kind kind, String before, String after) {
        public enum Kind { ADDED, REMOVED, CHANGED }
    }

    /**
     * The items a freshly written protocol reads back as: what {@link #read} returns for the DOCX
     * of {@code protocol} before anyone edits it.
     */
    public static List<ItemText> expectedItems(ProtocolDocument protocol) {
        List<ItemText> out = new ArrayList<>();
        for (ProtocolDocument.Item item : protocol.items()) {
            String presenters = String.join("\n", ProtocolText.lines(item.presenters()));
            out.add(new ItemText(item.number(), String.join("\n", ProtocolText.lines(item.title())),
                    presenters.isEmpty() ? null : presenters,
                    String.join("\n", ProtocolText.cellParagraphs(protocol, item))));
        }
        return out;
    }

    /** Reads a DOCX; throws {@link IllegalArgumentException} saying why when it is no readable protocol. */
    public ReadBack read(byte[] docx) {
        if (docx == null || docx.length == 0) {
            throw new IllegalArgumentException("The file is empty.");
        }
        try (XWPFDocument doc = open(docx)) {
            XWPFTable first = null;
            for (XWPFTable table : doc.getTables()) {
                if (isItemTable(table)) {
                    first = table;
                    break;
                }
            }
            if (first == null) {
                throw new IllegalArgumentException("The document has no protocol table: no table has the header row "
                        + "Nr / Ärende / Föredragande / Beslut, åtgärd etc. (or No. / Item / Presenter / Decision).");
            }
            boolean english = ENGLISH_NUMBER_HEADERS.contains(word(cellText(first.getRow(0).getCell(0))));
            Comments comments = new Comments(doc, english);
            List<String> paragraphs = new ArrayList<>();
            List<ItemText> items = new ArrayList<>();
            for (IBodyElement element : doc.getBodyElements()) {
                if (element instanceof XWPFTable table && isItemTable(table)) {
                    readItems(table, items);
                }
                collect(element, paragraphs, comments);
            }
            comments.rest(paragraphs);
            return new ReadBack(items, paragraphs);
        } catch (IOException e) {
            throw new IllegalArgumentException("The Word document (DOCX) cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * Word comments, which adjusters use for corrections as often as edits: each becomes a
     * paragraph "Kommentar från Name: text" right after the paragraph it is anchored to (those
     * anchored nowhere at the end), so that {@link #changes} reports it as added.
     */
    private static final class Comments {
        private final XWPFDocument doc;
        private final XWPFComment[] all;
        private final boolean english;
        private final Set<String> done = new HashSet<>();

        Comments(XWPFDocument doc, boolean english) {
            this.doc = doc;
            XWPFComment[] comments = doc.getComments(); // null when the document has none
            this.all = comments == null ? new XWPFComment[0] : comments;
            this.english = english;
        }

        void after(XWPFParagraph p, List<String> out) {
            if (all.length == 0) {
                return;
            }
            List<String> ids = new ArrayList<>();
            for (CTMarkupRange start : p.getCTP().getCommentRangeStartList()) {
                ids.add(String.valueOf(start.getId()));
            }
            for (CTR run : p.getCTP().getRList()) {
                for (CTMarkup ref : run.getCommentReferenceList()) {
                    ids.add(String.valueOf(ref.getId()));
                }
            }
            for (String id : ids) {
                XWPFComment comment = doc.getCommentByID(id);
                if (comment != null && done.add(id)) {
                    add(comment, out);
                }
            }
        }

        void rest(List<String> out) {
            for (XWPFComment comment : all) {
                if (done.add(comment.getId())) {
                    add(comment, out);
                }
            }
        }

        private void add(XWPFComment comment, List<String> out) {
            String text = clean(comment.getText()).replaceAll("\\s*\\R\\s*", " ");
            if (text.isEmpty()) {
                return;
            }
            String author = clean(comment.getAuthor());
            String label = english ? "Comment" : "Kommentar";
            out.add(author.isEmpty() ? label + ": " + text
                    : label + (english ? " from " : " från ") + author + ": " + text);
        }
    }

    private static XWPFDocument open(byte[] bytes) {
        FileMagic magic;
        try (InputStream in = FileMagic.prepareToCheckMagic(new ByteArrayInputStream(bytes))) {
            magic = FileMagic.valueOf(in);
        } catch (IOException e) {
            magic = FileMagic.UNKNOWN;
        }
        switch (magic) {
            case OOXML -> {
                // a zip: the only kind that can be a DOCX
            }
            case OLE2 -> throw new IllegalArgumentException("The file is an old Word 97-2003 document (.doc) or "
                    + "another Office 97-2003 file, not a .docx: save it as Word document (.docx) and send it again.");
            case PDF -> throw new IllegalArgumentException("The file is a PDF, not a Word document (.docx).");
            default -> throw new IllegalArgumentException("The file is not a Word document (.docx).");
        }
        try {
            XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(bytes));
            if (doc.getDocument() == null || doc.getDocument().getBody() == null) {
                doc.close();
                throw new IllegalArgumentException("The file is not a Word document (.docx): it has no document body.");
            }
            return doc;
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // POI reports a zip that is no DOCX (a spreadsheet, a broken or truncated file) with various exceptions
            throw new IllegalArgumentException("The file is not a readable Word document (.docx): "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        }
    }

    /**
     * All paragraphs of an element in reading order, tables row by row and cell by cell; blank ones
     * left out; with {@code comments}, each paragraph's Word comments after it.
     */
    private static void collect(IBodyElement element, List<String> out, Comments comments) {
        if (element instanceof XWPFParagraph p) {
            add(p.getText(), out);
            if (comments != null) {
                comments.after(p, out);
            }
        } else if (element instanceof XWPFTable table) {
            for (XWPFTableRow row : table.getRows()) {
                for (XWPFTableCell cell : row.getTableCells()) {
                    for (IBodyElement inner : cell.getBodyElements()) {
                        collect(inner, out, comments);
                    }
                }
            }
        } else if (element instanceof XWPFSDT sdt) {
            for (String line : sdt.getContent().getText().split("\\R")) {
                add(line, out);
            }
        }
    }

    private static void add(String text, List<String> out) {
        String clean = clean(text);
        if (!clean.isEmpty()) {
            out.add(clean);
        }
    }

    /** Soft hyphens out, no-break spaces and tabs as spaces, stripped. */
    private static String clean(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("\u00AD", "").replace('\u00A0', ' ').replace('\t', ' ').strip();
    }

    /** "Nr" or "No." in the first cell of the first row and "Ärende" or "Item" in the second, four cells or more. */
    private static boolean isItemTable(XWPFTable table) {
        return !table.getRows().isEmpty() && isHeaderRow(table.getRow(0));
    }

    private static boolean isHeaderRow(XWPFTableRow row) {
        List<XWPFTableCell> cells = row.getTableCells();
        return cells.size() >= 4 && NUMBER_HEADERS.contains(word(cellText(cells.get(0))))
                && ITEM_HEADERS.contains(word(cellText(cells.get(1))));
    }

    private static String word(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("[\\s.:]", "");
    }

    private static void readItems(XWPFTable table, List<ItemText> items) {
        for (XWPFTableRow row : table.getRows()) {
            if (isHeaderRow(row)) {
                continue;
            }
            List<XWPFTableCell> cells = row.getTableCells();
            String number = cells.isEmpty() ? "" : cellText(cells.get(0));
            String title = cells.size() > 1 ? cellText(cells.get(1)) : "";
            String presenters = cells.size() > 2 ? cellText(cells.get(2)) : "";
            StringBuilder text = new StringBuilder();
            for (int c = 3; c < cells.size(); c++) { // a cell split in two by an editor still belongs to the text
                String t = cellText(cells.get(c));
                if (!t.isEmpty()) {
                    text.append(text.length() == 0 ? "" : "\n").append(t);
                }
            }
            Matcher m = LEADING_NUMBER.matcher(number);
            if (m.find()) {
                items.add(new ItemText(Integer.parseInt(m.group(1)), title, presenters.isEmpty() ? null : presenters,
                        text.toString()));
            } else if (!items.isEmpty() && (title + presenters + text).length() > 0) {
                // a row without a number continues the item above (an editor split a long row)
                ItemText last = items.remove(items.size() - 1);
                items.add(new ItemText(last.number(), join(last.title(), title), join(last.presenters(), presenters),
                        join(last.text(), text.toString())));
            }
        }
    }

    private static String join(String a, String b) {
        if (b == null || b.isEmpty()) {
            return a;
        }
        return a == null || a.isEmpty() ? b : a + "\n" + b;
    }

    private static String cellText(XWPFTableCell cell) {
        List<String> lines = new ArrayList<>();
        for (IBodyElement e : cell.getBodyElements()) {
            collect(e, lines, null);
        }
        return String.join("\n", lines);
    }

    /**
     * The paragraphs of {@code edited} that differ from {@code sent}, in document order: a
     * paragraph-level diff (longest common subsequence); where paragraphs were removed and others
     * added at the same place, they pair up, in order, as CHANGED, and the rest are REMOVED or ADDED.
     * Very long documents whose differing middle exceeds {@value #MAX_LCS_CELLS} paragraph pairs are
     * compared as one block.
     */
    public List<Change> changes(ReadBack sent, ReadBack edited) {
        List<String> a = sent.paragraphs();
        List<String> b = edited.paragraphs();
        int start = 0;
        while (start < a.size() && start < b.size() && a.get(start).equals(b.get(start))) {
            start++;
        }
        int endA = a.size();
        int endB = b.size();
        while (endA > start && endB > start && a.get(endA - 1).equals(b.get(endB - 1))) {
            endA--;
            endB--;
        }
        List<String> x = a.subList(start, endA);
        List<String> y = b.subList(start, endB);
        List<Change> out = new ArrayList<>();
        if ((long) (x.size() + 1) * (y.size() + 1) > MAX_LCS_CELLS) {
            hunk(x, y, out);
            return out;
        }
        int n = x.size();
        int m = y.size();
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = x.get(i).equals(y.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<String> removed = new ArrayList<>();
        List<String> added = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && x.get(i).equals(y.get(j))) {
                hunk(removed, added, out);
                removed.clear();
                added.clear();
                i++;
                j++;
            } else if (j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j])) {
                added.add(y.get(j++));
            } else {
                removed.add(x.get(i++));
            }
        }
        hunk(removed, added, out);
        return out;
    }

    private static void hunk(List<String> removed, List<String> added, List<Change> out) {
        int pairs = Math.min(removed.size(), added.size());
        for (int k = 0; k < pairs; k++) {
            out.add(new Change(Change.Kind.CHANGED, removed.get(k), added.get(k)));
        }
        for (int k = pairs; k < removed.size(); k++) {
            out.add(new Change(Change.Kind.REMOVED, removed.get(k), null));
        }
        for (int k = pairs; k < added.size(); k++) {
            out.add(new Change(Change.Kind.ADDED, null, added.get(k)));
        }
    }
}
