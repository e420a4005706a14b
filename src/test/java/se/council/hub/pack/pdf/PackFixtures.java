package se.council.hub.pack.pdf;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.poi.sl.usermodel.PictureData.PictureType;
import org.apache.poi.xddf.usermodel.chart.AxisPosition;
import org.apache.poi.xddf.usermodel.chart.ChartTypes;
import org.apache.poi.xddf.usermodel.chart.XDDFCategoryAxis;
import org.apache.poi.xddf.usermodel.chart.XDDFChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFDataSourcesFactory;
import org.apache.poi.xddf.usermodel.chart.XDDFValueAxis;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFChart;
import org.apache.poi.xslf.usermodel.XSLFPictureData;
import org.apache.poi.xslf.usermodel.XSLFPictureShape;
import org.apache.poi.xslf.usermodel.XSLFSlide;
import org.apache.poi.xslf.usermodel.XSLFTable;
import org.apache.poi.xslf.usermodel.XSLFTableRow;
import org.apache.poi.xslf.usermodel.XSLFTextBox;
import org.apache.poi.xslf.usermodel.XSLFTextRun;

import se.council.hub.pack.PackModel;
import se.council.hub.pack.PackModel.AgencyPart;
import se.council.hub.pack.PackModel.Header;
import se.council.hub.pack.PackModel.Item;
import se.council.hub.pack.PackModel.PartState;
import se.council.hub.pack.PackModel.SourceFile;

/** Builds the decks, PDFs and pictures the PDF tests feed in, with POI and PDFBox, in memory. */
final class PackFixtures {

    static final String PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation";

    private PackFixtures() {
    }

    static Header header(boolean english) {
        return english
                ? new Header("National Council for Patient Safety", "the council's nineteenth meeting",
                        LocalDate.of(2026, 12, 10), "09.00–16.00", "Socialstyrelsen, Stockholm, room Ljuset",
                        "Hybrid meeting", "NRP-2026-12-10", true)
                : new Header("Nationellt råd för patientsäkerhet", "rådets nittonde möte",
                        LocalDate.of(2026, 12, 10), "09.00–16.00", "Socialstyrelsen, Stockholm, rum Ljuset",
                        "Digifysiskt möte", "NRP-2026-12-10", false);
    }

    static Item item(int number, String title, String presenters) {
        return new Item(number, title, presenters, null, List.of(), List.of());
    }

    static AgencyPart part(String id, String name, String abbreviation, PartState state, String text,
                           SourceFile... files) {
        return new AgencyPart(id, name, abbreviation, state, text, List.of(files));
    }

    static SourceFile file(String name, String mediaType, byte[] content) {
        return new SourceFile(name, mediaType, content.length, sha256(content),
                () -> new java.io.ByteArrayInputStream(content));
    }

    /**
     * A deck with a title slide and one slide per line of {@code bullets}; options add a picture on
     * every content slide, a table slide and a chart slide.
     */
    static byte[] deck(String title, List<String> slideTexts, byte[] picture, PictureType pictureType,
                       boolean table, boolean chart) {
        try (XMLSlideShow ppt = new XMLSlideShow(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            XSLFSlide first = ppt.createSlide();
            textBox(first, title, 36, true, new Rectangle2D.Double(40, 200, 640, 80));
            XSLFPictureData pictureData = picture == null ? null : ppt.addPicture(picture, pictureType);
            for (String text : slideTexts) {
                XSLFSlide slide = ppt.createSlide();
                textBox(slide, text, 24, false, new Rectangle2D.Double(40, 30, 640, 120));
                if (pictureData != null) {
                    XSLFPictureShape shape = slide.createPicture(pictureData);
                    shape.setAnchor(new Rectangle2D.Double(160, 170, 400, 300));
                }
            }
            if (table) {
                XSLFSlide slide = ppt.createSlide();
                textBox(slide, "Vårdskador per region", 24, true, new Rectangle2D.Double(40, 30, 640, 60));
                XSLFTable t = slide.createTable();
                t.setAnchor(new Rectangle2D.Double(60, 120, 600, 200));
                String[][] cells = {{"Region", "Händelser", "Åtgärdade"}, {"Östergötland", "12", "10"},
                                    {"Skåne", "31", "27"}};
                for (String[] r : cells) {
                    XSLFTableRow row = t.addRow();
                    row.setHeight(40);
                    for (String c : r) {
                        row.addCell().setText(c);
                    }
                }
                for (int c = 0; c < 3; c++) {
                    t.setColumnWidth(c, 200);
                }
            }
            if (chart) {
                XSLFSlide slide = ppt.createSlide();
                textBox(slide, "Anmälningar per kvartal", 24, true, new Rectangle2D.Double(40, 30, 640, 60));
                XSLFChart c = ppt.createChart();
                slide.addChart(c, new Rectangle2D.Double(
                        org.apache.poi.util.Units.toEMU(80), org.apache.poi.util.Units.toEMU(110),
                        org.apache.poi.util.Units.toEMU(560), org.apache.poi.util.Units.toEMU(380)));
                XDDFCategoryAxis x = c.createCategoryAxis(AxisPosition.BOTTOM);
                XDDFValueAxis y = c.createValueAxis(AxisPosition.LEFT);
                XDDFChartData data = c.createData(ChartTypes.BAR, x, y);
                data.addSeries(XDDFDataSourcesFactory.fromArray(new String[] {"K1", "K2", "K3", "K4"}),
                        XDDFDataSourcesFactory.fromArray(new Double[] {14d, 22d, 9d, 17d})).setTitle("Lex Maria", null);
                c.plot(data);
            }
            ppt.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void textBox(XSLFSlide slide, String text, double size, boolean bold, Rectangle2D anchor) {
        XSLFTextBox box = slide.createTextBox();
        box.setAnchor(anchor);
        XSLFTextRun run = box.addNewTextParagraph().addNewTextRun();
        run.setText(text);
        run.setFontSize(size);
        run.setBold(bold);
        run.setFontFamily("Calibri");
    }

    /** A PDF with one page per text, written with a standard font so that its text is extractable. */
    static byte[] pdf(String... pageTexts) {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            for (String text : pageTexts) {
                PDPage page = new PDPage(PDRectangle.A4);
                doc.addPage(page);
                try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                    cs.beginText();
                    cs.setFont(font, 14);
                    cs.newLineAtOffset(72, 700);
                    cs.showText(text);
                    cs.endText();
                }
            }
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Random noise: incompressible, so the PNG is about {@code 3 * w * h} bytes. */
    static byte[] noisePng(int width, int height, long seed) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(seed);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        return encode(image, "png");
    }

    /** A photo-like picture (gradient, shapes and grain) as a JPEG of the given quality. */
    static byte[] photoJpeg(int width, int height, long seed, float quality) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        Random random = new Random(seed);
        g.setPaint(new GradientPaint(0, 0, new Color(random.nextInt(0x1000000)), width, height,
                new Color(random.nextInt(0x1000000))));
        g.fillRect(0, 0, width, height);
        for (int i = 0; i < 40; i++) {
            g.setColor(new Color(random.nextInt(0x1000000)));
            g.fillOval(random.nextInt(width), random.nextInt(height), 20 + random.nextInt(200), 20 + random.nextInt(200));
        }
        g.dispose();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int rgb = image.getRGB(x, y);
                int n = random.nextInt(48) - 24;
                int r = clamp(((rgb >> 16) & 0xff) + n);
                int gr = clamp(((rgb >> 8) & 0xff) + n);
                int b = clamp((rgb & 0xff) + n);
                image.setRGB(x, y, (r << 16) | (gr << 8) | b);
            }
        }
        try (ByteArrayOutputStream out = new ByteArrayOutputStream();
             MemoryCacheImageOutputStream ios = new MemoryCacheImageOutputStream(out)) {
            ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.setOutput(ios);
            writer.write(null, new IIOImage(image, null, null), param);
            writer.dispose();
            ios.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }

    static byte[] encode(BufferedImage image, String format) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageIO.write(image, format, out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static PackModel.Pack pack(Header header, Item... items) {
        return new PackModel.Pack(header, List.of(items));
    }
}
