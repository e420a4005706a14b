package se.council.hub.pack.deck;

import java.awt.Dimension;
import java.awt.geom.Rectangle2D;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.sl.usermodel.Placeholder;
import org.apache.xmlbeans.XmlObject;
import org.openxmlformats.schemas.drawingml.x2006.main.CTShapeProperties;
import org.openxmlformats.schemas.drawingml.x2006.main.CTTransform2D;
import org.openxmlformats.schemas.presentationml.x2006.main.CTPicture;
import org.openxmlformats.schemas.presentationml.x2006.main.CTShape;
import org.apache.poi.sl.usermodel.PictureData.PictureType;
import org.apache.poi.xslf.usermodel.SlideLayout;
import org.apache.poi.xslf.usermodel.XSLFNotes;
import org.apache.poi.xslf.usermodel.XSLFPictureData;
import org.apache.poi.xslf.usermodel.XSLFPictureShape;
import org.apache.poi.xslf.usermodel.XSLFShape;
import org.apache.poi.xslf.usermodel.XSLFSlide;
import org.apache.poi.xslf.usermodel.XSLFSlideLayout;
import org.apache.poi.xslf.usermodel.XSLFSlideMaster;
import org.apache.poi.xslf.usermodel.XSLFTable;
import org.apache.poi.xslf.usermodel.XSLFTableCell;
import org.apache.poi.xslf.usermodel.XSLFTableRow;
import org.apache.poi.xslf.usermodel.XSLFTextParagraph;
import org.apache.poi.xslf.usermodel.XSLFTextRun;
import org.apache.poi.xslf.usermodel.XSLFTextShape;
import org.apache.poi.xslf.usermodel.XMLSlideShow;

/**
 * Builds the slides the hub writes itself (title, agenda, dividers, "nothing received", problems, pictures)
 * as small POI decks, which {@link PackageMerger} then merges like any source. All frames start from one
 * template, so their master is byte-identical and written to the output once.
 */
final class FrameDecks {

    /** 16:9 in points, PowerPoint's standard size; the output presentation has it. */
    static final double WIDTH = 960;
    static final double HEIGHT = 540;
    private static final double MARGIN = 36;

    private final byte[] template;
    private final Labels labels;

    FrameDecks(Labels labels) {
        this.labels = labels;
        this.template = buildTemplate();
    }

    /**
     * POI's default template is 4:3; widen its master and layouts so generated slides fill a 16:9 page
     * instead of sitting at its left.
     */
    private static byte[] buildTemplate() {
        try (XMLSlideShow ppt = new XMLSlideShow()) {
            double scale = WIDTH / ppt.getPageSize().getWidth();
            ppt.setPageSize(new Dimension((int) WIDTH, (int) HEIGHT));
            for (XSLFSlideMaster master : ppt.getSlideMasters()) {
                widen(master.getShapes(), scale);
                for (XSLFSlideLayout layout : master.getSlideLayouts()) {
                    widen(layout.getShapes(), scale);
                }
            }
            return bytes(ppt);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Scales the x axis of shapes that carry their own position. Inherited positions are left alone: setting
     * them through POI would write into the master and scale it once per layout.
     */
    private static void widen(List<XSLFShape> shapes, double scale) {
        for (XSLFShape shape : shapes) {
            XmlObject xml = shape.getXmlObject();
            CTShapeProperties spPr = xml instanceof CTShape sp ? sp.getSpPr()
                    : xml instanceof CTPicture pic ? pic.getSpPr() : null;
            if (spPr == null || !spPr.isSetXfrm()) {
                continue;
            }
            CTTransform2D xfrm = spPr.getXfrm();
            if (xfrm.isSetOff()) {
                xfrm.getOff().setX(Math.round(Long.parseLong(String.valueOf(xfrm.getOff().getX())) * scale));
            }
            if (xfrm.isSetExt()) {
                xfrm.getExt().setCx(Math.round(xfrm.getExt().getCx() * scale));
            }
        }
    }

    private static byte[] bytes(XMLSlideShow ppt) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        ppt.write(out);
        return out.toByteArray();
    }

    /** A deck under construction; {@link #toBytes()} ends it. */
    final class Frame implements AutoCloseable {
        private final XMLSlideShow ppt;
        private final XSLFSlideMaster master;

        Frame() {
            try {
                ppt = new XMLSlideShow(new ByteArrayInputStream(template));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            master = ppt.getSlideMasters().get(0);
        }

        int slideCount() {
            return ppt.getSlides().size();
        }

        byte[] toBytes() throws IOException {
            return bytes(ppt);
        }

        @Override
        public void close() throws IOException {
            ppt.close();
        }

        void titleSlide(String title, List<String> lines, String notes) {
            XSLFSlide slide = ppt.createSlide(master.getLayout(SlideLayout.TITLE));
            fill(slide, title, lines);
            if (notes != null) {
                XSLFNotes n = ppt.getNotesSlide(slide);
                for (XSLFTextShape shape : n.getPlaceholders()) {
                    if (shape.getTextType() == Placeholder.BODY) {
                        shape.setText(notes);
                        lang(shape);
                    }
                }
            }
        }

        void sectionSlide(String title, List<String> lines) {
            fill(ppt.createSlide(master.getLayout(SlideLayout.SECTION_HEADER)), title, lines);
        }

        void textSlide(String title, List<String> lines) {
            fill(ppt.createSlide(master.getLayout(SlideLayout.TITLE_AND_CONTENT)), title, lines);
        }

        /** The agenda in the council's table layout: Nr / Ärende / Föredragande. */
        void agendaSlide(String title, List<String[]> rows) {
            XSLFSlide slide = ppt.createSlide(master.getLayout(SlideLayout.TITLE_ONLY));
            fill(slide, title, List.of());
            double top = 110;
            double available = HEIGHT - top - MARGIN;
            double fontSize = rows.size() <= 10 ? 16 : rows.size() <= 16 ? 12 : 9;
            XSLFTable table = slide.createTable();
            double[] widths = {70, 550, WIDTH - 2 * MARGIN * 2 - 620};
            List<String[]> all = new ArrayList<>();
            all.add(new String[] {labels.number(), labels.matter(), labels.presenter()});
            all.addAll(rows);
            for (int r = 0; r < all.size(); r++) {
                XSLFTableRow row = table.addRow();
                row.setHeight(Math.min(28, available / all.size()));
                for (int c = 0; c < 3; c++) {
                    XSLFTableCell cell = row.addCell();
                    XSLFTextRun run = cell.setText(all.get(r)[c] == null ? "" : all.get(r)[c]);
                    run.setFontSize(fontSize);
                    run.setBold(r == 0);
                    lang(cell);
                }
            }
            for (int c = 0; c < 3; c++) {
                table.setColumnWidth(c, widths[c]);
            }
            table.setAnchor(new Rectangle2D.Double(MARGIN * 2, top, widths[0] + widths[1] + widths[2], available));
        }

        /** One picture, as large as the page allows with its aspect ratio kept, centred. */
        void pictureSlide(byte[] picture, PictureType type, double pixelWidth, double pixelHeight) {
            XSLFSlide slide = ppt.createSlide(master.getLayout(SlideLayout.BLANK));
            XSLFPictureData data = ppt.addPicture(picture, type);
            XSLFPictureShape shape = slide.createPicture(data);
            double scale = Math.min(WIDTH / pixelWidth, HEIGHT / pixelHeight);
            double w = pixelWidth * scale;
            double h = pixelHeight * scale;
            shape.setAnchor(new Rectangle2D.Double((WIDTH - w) / 2, (HEIGHT - h) / 2, w, h));
        }

        private void fill(XSLFSlide slide, String title, List<String> lines) {
            for (XSLFShape shape : new ArrayList<>(slide.getShapes())) {
                if (!(shape instanceof XSLFTextShape text)) {
                    continue;
                }
                Placeholder ph = text.getTextType();
                if ((ph == Placeholder.TITLE || ph == Placeholder.CENTERED_TITLE) && title != null) {
                    text.setText(title);
                    lang(text);
                } else if ((ph == Placeholder.BODY || ph == Placeholder.SUBTITLE || ph == Placeholder.CONTENT)
                        && !lines.isEmpty()) {
                    text.clearText();
                    for (String line : lines) {
                        text.addNewTextParagraph().addNewTextRun().setText(line);
                    }
                    lang(text);
                } else {
                    // An empty placeholder would show "Click to add text" in PowerPoint.
                    slide.removeShape(shape);
                }
            }
        }

        private void lang(XSLFTextShape shape) {
            for (XSLFTextParagraph p : shape.getTextParagraphs()) {
                for (XSLFTextRun run : p.getTextRuns()) {
                    if (run.getXmlObject() instanceof org.openxmlformats.schemas.drawingml.x2006.main.CTRegularTextRun r) {
                        (r.isSetRPr() ? r.getRPr() : r.addNewRPr()).setLang(labels.language());
                    }
                }
            }
        }
    }

    Frame newFrame() {
        return new Frame();
    }
}
