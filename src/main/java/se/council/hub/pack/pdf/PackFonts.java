package se.council.hub.pack.pdf;

import java.awt.Font;
import java.awt.FontFormatException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * The one typeface of the meeting-pack PDF: DejaVu Sans, shipped under {@code /fonts} with its
 * licence. Shipping it (rather than looking in /usr/share/fonts) makes the PDF the same on every
 * machine, and using it for the slides' layout as well as their drawing keeps the measured and the
 * printed text widths equal.
 */
final class PackFonts {

    /** The four faces a slide can ask for. */
    enum Face {
        REGULAR("DejaVuSans.ttf"), BOLD("DejaVuSans-Bold.ttf"),
        ITALIC("DejaVuSans-Oblique.ttf"), BOLD_ITALIC("DejaVuSans-BoldOblique.ttf");

        private final String file;

        Face(String file) {
            this.file = file;
        }

        static Face of(boolean bold, boolean italic) {
            if (bold) {
                return italic ? BOLD_ITALIC : BOLD;
            }
            return italic ? ITALIC : REGULAR;
        }
    }

    static final String FAMILY = "DejaVu Sans";

    private static final Map<Face, byte[]> BYTES = new ConcurrentHashMap<>();
    private static final Map<Face, Font> AWT = new ConcurrentHashMap<>();

    private PackFonts() {
    }

    static byte[] bytes(Face face) {
        return BYTES.computeIfAbsent(face, f -> {
            try (InputStream in = PackFonts.class.getResourceAsStream("/fonts/" + f.file)) {
                if (in == null) {
                    throw new IllegalStateException("font resource /fonts/" + f.file + " is missing");
                }
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** The AWT font of a face at 1 pt; callers derive the size they need. */
    static Font awt(Face face) {
        return AWT.computeIfAbsent(face, f -> {
            try {
                return Font.createFont(Font.TRUETYPE_FONT, new ByteArrayInputStream(bytes(f)));
            } catch (FontFormatException | IOException e) {
                throw new IllegalStateException("font " + f.file + " cannot be read", e);
            }
        });
    }

    /** The faces of one PDF document, loaded on first use and embedded as subsets when it is saved. */
    static final class DocFonts {
        private final PDDocument doc;
        private final Map<Face, PDType0Font> loaded = new EnumMap<>(Face.class);

        DocFonts(PDDocument doc) {
            this.doc = doc;
        }

        synchronized PDType0Font get(Face face) throws IOException {
            PDType0Font font = loaded.get(face);
            if (font == null) {
                font = PDType0Font.load(doc, new ByteArrayInputStream(bytes(face)), true);
                loaded.put(face, font);
            }
            return font;
        }

        PDType0Font regular() throws IOException {
            return get(Face.REGULAR);
        }

        PDType0Font bold() throws IOException {
            return get(Face.BOLD);
        }
    }

    /** Replaces what the font cannot show (and control characters) so that writing never fails. */
    static String printable(PDType0Font font, String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            if (cp == '\t') {
                out.append("    ");
            } else if (Character.isISOControl(cp)) {
                out.append(' ');
            } else if (font.getCmapLookup().getGlyphId(cp) == 0) {
                out.append('?');
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }
}
