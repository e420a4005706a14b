package se.council.hub.pack.pdf;

import java.awt.Font;
import java.awt.FontFormatException;
import java.io.IOException;
import java.util.Locale;

import org.apache.pdfbox.pdmodel.font.PDFont;

import de.rototor.pdfbox.graphics2d.PdfBoxGraphics2DFontTextDrawer;
import se.council.hub.pack.pdf.PackFonts.DocFonts;
import se.council.hub.pack.pdf.PackFonts.Face;

/**
 * Text on slides. POI lays each line out with the AWT font the deck names (Calibri, Arial, …), which
 * on a server without those fonts resolves to AWT's "Dialog" (DejaVu Sans on Debian), and the bridge
 * writes it with a PDF font: the embedded DejaVu face of the same weight and slant. That keeps slide
 * text real, searchable text with Swedish letters intact, instead of glyph outlines.
 */
final class SlideFonts {

    private SlideFonts() {
    }

    /** Writes text drawn on a {@code PdfBoxGraphics2D} with the embedded DejaVu face of the AWT font's style. */
    static final class TextDrawer extends PdfBoxGraphics2DFontTextDrawer {
        private final DocFonts fonts;

        TextDrawer(DocFonts fonts) {
            this.fonts = fonts;
        }

        @Override
        protected boolean hasDynamicFontMapping() {
            return true;
        }

        @Override
        protected PDFont mapFont(Font font, IFontTextDrawerEnv env) throws IOException, FontFormatException {
            String name = font.getFontName(Locale.ROOT).toLowerCase(Locale.ROOT);
            boolean bold = font.isBold() || name.contains("bold");
            boolean italic = font.isItalic() || name.contains("italic") || name.contains("oblique");
            return fonts.get(Face.of(bold, italic));
        }
    }
}
