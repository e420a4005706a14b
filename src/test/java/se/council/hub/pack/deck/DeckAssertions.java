package se.council.hub.pack.deck;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.sl.usermodel.Placeholder;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFGroupShape;
import org.apache.poi.xslf.usermodel.XSLFNotes;
import org.apache.poi.xslf.usermodel.XSLFPictureShape;
import org.apache.poi.xslf.usermodel.XSLFShape;
import org.apache.poi.xslf.usermodel.XSLFSlide;
import org.apache.poi.xslf.usermodel.XSLFTable;
import org.apache.poi.xslf.usermodel.XSLFTableCell;
import org.apache.poi.xslf.usermodel.XSLFTableRow;
import org.apache.poi.xslf.usermodel.XSLFTextShape;

/** Reads slides back with POI into plain values tests can compare: texts, picture hashes, layout and theme. */
final class DeckAssertions {

    private DeckAssertions() {
    }

    static XMLSlideShow open(byte[] pptx) {
        try {
            return new XMLSlideShow(new ByteArrayInputStream(pptx));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every shape's text in drawing order, table cells row by row, groups flattened. */
    static List<String> texts(XSLFSlide slide) {
        List<String> out = new ArrayList<>();
        collect(slide.getShapes(), out);
        return out;
    }

    private static void collect(List<XSLFShape> shapes, List<String> out) {
        for (XSLFShape shape : shapes) {
            if (shape instanceof XSLFTextShape text) {
                out.add(text.getText());
            } else if (shape instanceof XSLFTable table) {
                for (XSLFTableRow row : table.getRows()) {
                    for (XSLFTableCell cell : row.getCells()) {
                        out.add(cell.getText());
                    }
                }
            } else if (shape instanceof XSLFGroupShape group) {
                collect(group.getShapes(), out);
            }
        }
    }

    static String allText(XSLFSlide slide) {
        return String.join("\n", texts(slide));
    }

    static List<String> pictureHashes(XSLFSlide slide) {
        List<String> out = new ArrayList<>();
        pictures(slide.getShapes(), out);
        return out;
    }

    private static void pictures(List<XSLFShape> shapes, List<String> out) {
        for (XSLFShape shape : shapes) {
            if (shape instanceof XSLFPictureShape pic) {
                out.add(SourceDecks.sha256(pic.getPictureData().getData()));
            } else if (shape instanceof XSLFGroupShape group) {
                pictures(group.getShapes(), out);
            }
        }
    }

    static String notes(XSLFSlide slide) {
        XSLFNotes notes = slide.getNotes();
        if (notes == null) {
            return null;
        }
        for (XSLFTextShape shape : notes.getPlaceholders()) {
            if (shape.getTextType() == Placeholder.BODY) {
                return shape.getText();
            }
        }
        return null;
    }

    /** What identifies a slide's design: layout name, master's theme name, accent colour and master background. */
    static List<String> design(XSLFSlide slide) {
        var theme = slide.getSlideMaster().getTheme();
        var accent = theme.getXmlObject().getThemeElements().getClrScheme().getAccent1();
        String accentValue = accent.isSetSrgbClr() ? java.util.HexFormat.of().formatHex(accent.getSrgbClr().getVal()) : "sys";
        var bg = slide.getSlideMaster().getXmlObject().getCSld().getBg();
        return List.of(slide.getSlideLayout().getName(), theme.getName(), accentValue.toUpperCase(),
                bg == null ? "no background" : bg.xmlText());
    }
}
