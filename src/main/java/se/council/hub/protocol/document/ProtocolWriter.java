package se.council.hub.protocol.document;

/**
 * Writes a {@link ProtocolDocument} in the council's layout: an editable DOCX, a PDF with "N(M)"
 * page numbers, and the final PDF/A-2b. Pure: no Spring, no store. Thread-safe: the fonts are read
 * from the classpath once and shared; each call builds its own document.
 */
public final class ProtocolWriter {

    /** The protocol as a Word document the secretariat can edit (Word and LibreOffice). */
    public byte[] docx(ProtocolDocument protocol) {
        return DocxProtocol.write(protocol);
    }

    /** The protocol as PDF; a draft is marked as such. */
    public byte[] pdf(ProtocolDocument protocol) {
        return PdfProtocol.write(protocol, false);
    }

    /** The adjusted protocol as PDF/A-2b (fonts embedded, sRGB output intent, XMP metadata). */
    public byte[] pdfA(ProtocolDocument protocol) {
        return PdfProtocol.write(protocol, true);
    }

    /**
     * The paragraphs the cell "Beslut, åtgärd etc." of an item shows, as {@link ProtocolReader}
     * reads them back (joined by newlines): the agencies' paragraphs of "Aktuellt per aktör" first
     * ("IVO: … Se ppt."), then the item's text; the agenda's empty "Nästa möte" row holds the next
     * meeting's sentence.
     */
    public static java.util.List<String> cellParagraphs(ProtocolDocument protocol, ProtocolDocument.Item item) {
        return ProtocolText.cellParagraphs(protocol, item);
    }
}
