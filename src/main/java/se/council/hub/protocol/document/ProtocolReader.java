package se.council.hub.protocol.document;

import java.util.List;

/**
 * Reads back a protocol DOCX the secretariat or an adjuster edited: the texts of the table's items,
 * and the paragraphs that changed against the version sent. Pure: no Spring, no store.
 */
public final class ProtocolReader {

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

    /** Reads a DOCX; throws {@link IllegalArgumentException} saying why when it is no readable protocol. */
    public ReadBack read(byte[] docx) {
        throw new UnsupportedOperationException("not yet built (issue 5)");
    }

    /** The paragraphs of {@code edited} that differ from {@code sent}, in document order. */
    public List<Change> changes(ReadBack sent, ReadBack edited) {
        throw new UnsupportedOperationException("not yet built (issue 5)");
    }
}
