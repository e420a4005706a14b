package se.council.hub.protocol.document;

/**
 * Writes a {@link ProtocolDocument} in the council's layout: an editable DOCX, a PDF with "N(M)"
 * page numbers, and the final PDF/A-2b. Pure: no Spring, no store.
 */
public final class ProtocolWriter {

    /** The protocol as a Word document the secretariat can edit (Word and LibreOffice). */
    public byte[] docx(ProtocolDocument protocol) {
        throw new UnsupportedOperationException("not yet built (issue 5)");
    }

    /** The protocol as PDF; a draft is marked as such. */
    public byte[] pdf(ProtocolDocument protocol) {
        throw new UnsupportedOperationException("not yet built (issue 5)");
    }

    /** The adjusted protocol as PDF/A-2b (fonts embedded, sRGB output intent, XMP metadata). */
    public byte[] pdfA(ProtocolDocument protocol) {
        throw new UnsupportedOperationException("not yet built (issue 5)");
    }
}
