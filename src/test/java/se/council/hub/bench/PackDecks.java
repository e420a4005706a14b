package se.council.hub.bench;

import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.apache.poi.sl.usermodel.PictureData.PictureType;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFSlide;
import org.apache.poi.xslf.usermodel.XSLFTextBox;

/**
 * The input of {@code bench/run pack}: one deck per agency, each with {@code slides} slides, each
 * slide a text box and its own noise PNG of 310×300 pixels (about 280 KB, incompressible, like a
 * photo). The same input as {@code se.council.hub.pack.pdf.PackPdfBenchmark png} (those builders are
 * package-private there, so this is a copy of them). Decks are generated once into a directory and
 * reused by later runs.
 */
final class PackDecks {

    private PackDecks() {
    }

    /**
     * The decks {@code agency-01.pptx} … in {@code dir}, generated when missing.
     *
     * @return the deck files in agency order
     */
    static List<Path> ensure(Path dir, int agencies, int slides) throws IOException {
        Files.createDirectories(dir);
        List<Path> decks = new ArrayList<>();
        for (int a = 0; a < agencies; a++) {
            Path deck = dir.resolve(String.format("agency-%02d-%02d.pptx", a + 1, slides));
            decks.add(deck);
            if (Files.isRegularFile(deck)) {
                continue;
            }
            Path tmp = dir.resolve(deck.getFileName() + ".tmp");
            try (XMLSlideShow ppt = new XMLSlideShow(); OutputStream out = Files.newOutputStream(tmp)) {
                for (int s = 0; s < slides; s++) {
                    slide(ppt, noisePng(310, 300, a * 1000L + s),
                            "Myndighet " + (a + 1) + ", bild " + (s + 1) + ": åtgärder och lärdomar");
                }
                ppt.write(out);
            }
            Files.move(tmp, deck, StandardCopyOption.REPLACE_EXISTING);
        }
        return decks;
    }

    private static void slide(XMLSlideShow ppt, byte[] png, String text) {
        XSLFSlide slide = ppt.createSlide();
        XSLFTextBox box = slide.createTextBox();
        box.setAnchor(new Rectangle2D.Double(40, 20, 640, 60));
        box.addNewTextParagraph().addNewTextRun().setText(text);
        slide.createPicture(ppt.addPicture(png, PictureType.PNG)).setAnchor(new Rectangle2D.Double(120, 100, 480, 400));
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
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
