package se.council.hub.pack.deck;

import java.awt.Color;
import java.awt.Dimension;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;

import javax.imageio.ImageIO;

import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.openxml4j.opc.PackagePartName;
import org.apache.poi.openxml4j.opc.PackagingURIHelper;
import org.apache.poi.openxml4j.opc.TargetMode;
import org.apache.poi.sl.usermodel.PictureData.PictureType;
import org.apache.poi.sl.usermodel.Placeholder;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xddf.usermodel.chart.AxisPosition;
import org.apache.poi.xddf.usermodel.chart.BarDirection;
import org.apache.poi.xddf.usermodel.chart.ChartTypes;
import org.apache.poi.xddf.usermodel.chart.XDDFBarChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFCategoryAxis;
import org.apache.poi.xddf.usermodel.chart.XDDFChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFDataSource;
import org.apache.poi.xddf.usermodel.chart.XDDFDataSourcesFactory;
import org.apache.poi.xddf.usermodel.chart.XDDFNumericalDataSource;
import org.apache.poi.xddf.usermodel.chart.XDDFValueAxis;
import org.apache.poi.xslf.usermodel.SlideLayout;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFChart;
import org.apache.poi.xslf.usermodel.XSLFNotes;
import org.apache.poi.xslf.usermodel.XSLFPictureData;
import org.apache.poi.xslf.usermodel.XSLFSlide;
import org.apache.poi.xslf.usermodel.XSLFSlideLayout;
import org.apache.poi.xslf.usermodel.XSLFSlideMaster;
import org.apache.poi.xslf.usermodel.XSLFTable;
import org.apache.poi.xslf.usermodel.XSLFTableRow;
import org.apache.poi.xslf.usermodel.XSLFTextShape;
import org.apache.poi.xslf.usermodel.XSLFTheme;
import org.openxmlformats.schemas.drawingml.x2006.main.CTBaseStyles;

/**
 * Builds source decks the way agencies' tools would, with POI: different masters and themes, pictures,
 * a chart with its workbook, a table, notes, a media part and Swedish text.
 */
final class SourceDecks {

    static final String AUDIO_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/audio";

    private SourceDecks() {
    }

    /** Default POI template, 16:9: title slide, picture + table + notes, chart, audio part. */
    static byte[] standardDeck(String agency, long seed) {
        try (XMLSlideShow ppt = new XMLSlideShow()) {
            ppt.setPageSize(new Dimension(960, 540));
            XSLFSlideMaster master = ppt.getSlideMasters().get(0);
            XSLFSlide title = ppt.createSlide(master.getLayout(SlideLayout.TITLE));
            text(title, Placeholder.CENTERED_TITLE, agency + ": läget i vården");
            text(title, Placeholder.SUBTITLE, "Åtgärder för ökad patientsäkerhet – öppna jämförelser");

            XSLFSlide pictures = ppt.createSlide(master.getLayout(SlideLayout.TITLE_ONLY));
            text(pictures, Placeholder.TITLE, "Vårdskador per region");
            XSLFPictureData png = ppt.addPicture(png(seed, 64, 48), PictureType.PNG);
            pictures.createPicture(png).setAnchor(new Rectangle2D.Double(40, 120, 320, 240));
            XSLFPictureData jpeg = ppt.addPicture(jpeg(seed + 1), PictureType.JPEG);
            pictures.createPicture(jpeg).setAnchor(new Rectangle2D.Double(400, 120, 200, 150));
            XSLFTable table = pictures.createTable();
            String[][] cells = {{"Region", "Skador"}, {"Örebro", "12"}, {"Västra Götaland", "34"}};
            for (String[] r : cells) {
                XSLFTableRow row = table.addRow();
                for (String c : r) {
                    row.addCell().setText(c);
                }
            }
            table.setColumnWidth(0, 150);
            table.setColumnWidth(1, 100);
            table.setAnchor(new Rectangle2D.Double(640, 120, 250, 90));
            notes(ppt, pictures, "Talarmanus: nämn särskilt Jönköping och Gävleborg.");

            XSLFSlide chartSlide = ppt.createSlide(master.getLayout(SlideLayout.TITLE_ONLY));
            text(chartSlide, Placeholder.TITLE, "Anmälningar över tid");
            chart(ppt, chartSlide);

            XSLFSlide audio = ppt.createSlide(master.getLayout(SlideLayout.TITLE_AND_CONTENT));
            text(audio, Placeholder.TITLE, "Ljudklipp från patientnämnden");
            text(audio, Placeholder.BODY, "Lyssna på berättelsen");
            PackagePartName name = PackagingURIHelper.createPartName("/ppt/media/media1.wav");
            PackagePart part = ppt.getPackage().createPart(name, "audio/wav");
            try (OutputStream o = part.getOutputStream()) {
                o.write(wav(seed));
            }
            audio.getPackagePart().addRelationship(name, TargetMode.INTERNAL, AUDIO_REL);
            return bytes(ppt);
        } catch (IOException | org.apache.poi.openxml4j.exceptions.InvalidFormatException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A deck from another "template": theme renamed with its own colours and fonts, a coloured master
     * background, renamed layouts; optionally 4:3.
     */
    static byte[] brandedDeck(String agency, String themeName, String accent, boolean fourThree, long seed) {
        try (XMLSlideShow ppt = new XMLSlideShow()) {
            ppt.setPageSize(fourThree ? new Dimension(720, 540) : new Dimension(960, 540));
            XSLFSlideMaster master = ppt.getSlideMasters().get(0);
            XSLFTheme theme = master.getTheme();
            theme.getXmlObject().setName(themeName);
            CTBaseStyles styles = theme.getXmlObject().getThemeElements();
            styles.getClrScheme().getAccent1().getSrgbClr().setVal(HexFormat.of().parseHex(accent));
            styles.getFontScheme().getMajorFont().getLatin().setTypeface("Georgia");
            styles.getFontScheme().getMinorFont().getLatin().setTypeface("Verdana");
            master.getBackground().setFillColor(new Color(0xE8, 0xF0, 0xE0));
            for (XSLFSlideLayout layout : master.getSlideLayouts()) {
                layout.getXmlObject().getCSld().setName(themeName + " " + layout.getName());
            }
            for (int i = 1; i <= 3; i++) {
                XSLFSlide slide = ppt.createSlide(master.getLayout(SlideLayout.TITLE_AND_CONTENT));
                text(slide, Placeholder.TITLE, agency + " – del " + i + " av 3");
                text(slide, Placeholder.BODY, "Kunskapsstöd för äldreomsorgen, punkt " + i + ": här står det ö och å");
                XSLFPictureData png = ppt.addPicture(png(seed + i, 40 + i, 30), PictureType.PNG);
                slide.createPicture(png).setAnchor(new Rectangle2D.Double(500, 300, 160, 120));
                notes(ppt, slide, "Anteckning " + i + " för " + agency);
            }
            return bytes(ppt);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void chart(XMLSlideShow ppt, XSLFSlide slide) {
        XSLFChart chart = ppt.createChart();
        slide.addChart(chart, new Rectangle2D.Double(60, 120, 600, 360));
        String[] years = {"2022", "2023", "2024"};
        Double[] counts = {120.0, 140.0, 95.0};
        XDDFDataSource<String> cat = XDDFDataSourcesFactory.fromArray(years,
                chart.formatRange(new CellRangeAddress(1, 3, 0, 0)), 0);
        XDDFNumericalDataSource<Double> val = XDDFDataSourcesFactory.fromArray(counts,
                chart.formatRange(new CellRangeAddress(1, 3, 1, 1)), 1);
        XDDFCategoryAxis x = chart.createCategoryAxis(AxisPosition.BOTTOM);
        XDDFValueAxis y = chart.createValueAxis(AxisPosition.LEFT);
        XDDFChartData data = chart.createData(ChartTypes.BAR, x, y);
        ((XDDFBarChartData) data).setBarDirection(BarDirection.COL);
        XDDFChartData.Series series = data.addSeries(cat, val);
        series.setTitle("Anmälningar", chart.setSheetTitle("Anmälningar", 1));
        chart.plot(data);
        chart.setTitleText("Lex Maria-anmälningar");
    }

    static void text(XSLFSlide slide, Placeholder type, String text) {
        for (XSLFTextShape shape : slide.getPlaceholders()) {
            Placeholder actual = shape.getTextType();
            if (actual == type || type == Placeholder.BODY && actual == Placeholder.CONTENT) {
                shape.setText(text);
                return;
            }
        }
        throw new IllegalArgumentException("no placeholder " + type);
    }

    static void notes(XMLSlideShow ppt, XSLFSlide slide, String text) {
        XSLFNotes notes = ppt.getNotesSlide(slide);
        for (XSLFTextShape shape : notes.getPlaceholders()) {
            if (shape.getTextType() == Placeholder.BODY) {
                shape.setText(text);
            }
        }
    }

    /** A noise PNG: distinct per seed and incompressible, like a photo. */
    static byte[] png(long seed, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(seed);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        return encode(image, "png");
    }

    static byte[] jpeg(long seed) {
        BufferedImage image = new BufferedImage(80, 60, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(seed);
        for (int y = 0; y < 60; y++) {
            for (int x = 0; x < 80; x++) {
                image.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        return encode(image, "jpeg");
    }

    private static byte[] encode(BufferedImage image, String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, format, out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A short, valid 8 kHz mono WAV of noise. */
    static byte[] wav(long seed) {
        int samples = 800;
        byte[] data = new byte[samples];
        new Random(seed).nextBytes(data);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeAscii(out, "RIFF");
        writeInt(out, 36 + samples);
        writeAscii(out, "WAVEfmt ");
        writeInt(out, 16);
        writeShort(out, 1);
        writeShort(out, 1);
        writeInt(out, 8000);
        writeInt(out, 8000);
        writeShort(out, 1);
        writeShort(out, 8);
        writeAscii(out, "data");
        writeInt(out, samples);
        out.writeBytes(data);
        return out.toByteArray();
    }

    private static void writeAscii(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    private static void writeInt(ByteArrayOutputStream out, int v) {
        out.write(v);
        out.write(v >> 8);
        out.write(v >> 16);
        out.write(v >> 24);
    }

    private static void writeShort(ByteArrayOutputStream out, int v) {
        out.write(v);
        out.write(v >> 8);
    }

    static byte[] bytes(XMLSlideShow ppt) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ppt.write(out);
        return out.toByteArray();
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
