package se.council.hub.protocol.document;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * The typeface of the protocol PDF: the DejaVu Sans shipped under {@code /fonts} (as the meeting
 * pack uses it), read from the classpath once and embedded as a subset in every document, so that
 * the PDF looks the same everywhere and qualifies as PDF/A.
 */
final class ProtocolFonts {

    private static volatile byte[] regular;
    private static volatile byte[] bold;

    private ProtocolFonts() {
    }

    static byte[] regular() {
        byte[] b = regular;
        if (b == null) {
            regular = b = read("DejaVuSans.ttf");
        }
        return b;
    }

    static byte[] bold() {
        byte[] b = bold;
        if (b == null) {
            bold = b = read("DejaVuSans-Bold.ttf");
        }
        return b;
    }

    private static byte[] read(String file) {
        try (InputStream in = ProtocolFonts.class.getResourceAsStream("/fonts/" + file)) {
            if (in == null) {
                throw new IllegalStateException("font resource /fonts/" + file + " is missing");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces what the font cannot show (and control characters) so that writing never fails. */
    static String printable(PDType0Font font, String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int n = Character.charCount(cp);
            String replacement = null;
            if (cp == '\t' || Character.isISOControl(cp) || Character.isWhitespace(cp) && cp != ' ') {
                replacement = " ";
            } else if (cp == '\u00AD') {
                replacement = "";
            } else if (font.getCmapLookup().getGlyphId(cp) == 0) {
                replacement = "?";
            }
            if (replacement != null && out == null) {
                out = new StringBuilder(text.length()).append(text, 0, i);
            }
            if (out != null) {
                if (replacement != null) {
                    out.append(replacement);
                } else {
                    out.appendCodePoint(cp);
                }
            }
            i += n;
        }
        return out == null ? text : out.toString();
    }
}
