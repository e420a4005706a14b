package se.council.hub.pack.pdf;

import java.awt.Color;
import java.awt.Dimension;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.io.MemoryUsageSetting;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.pdmodel.graphics.state.RenderingMode;
import org.apache.pdfbox.util.Matrix;
import org.apache.poi.sl.draw.Drawable;
import org.apache.poi.sl.usermodel.Shape;
import org.apache.poi.sl.usermodel.ShapeContainer;
import org.apache.poi.sl.usermodel.Slide;
import org.apache.poi.sl.usermodel.SlideShow;
import org.apache.poi.sl.usermodel.SlideShowFactory;
import org.apache.poi.sl.usermodel.TableCell;
import org.apache.poi.sl.usermodel.TableShape;
import org.apache.poi.sl.usermodel.TextShape;

import de.rototor.pdfbox.graphics2d.PdfBoxGraphics2D;
import se.council.hub.pack.PackModel.SourceFile;
import se.council.hub.pack.pdf.PackFonts.DocFonts;

/**
 * Turns one source file into a small PDF of its own on disk, ready to be appended to the pack:
 * a deck becomes one page per slide (vector through the PDFBox Graphics2D bridge; a slide the bridge
 * cannot take is drawn as a picture instead), a PDF is checked and re-saved as it is, a picture
 * becomes a page. Runs on a worker thread; everything it holds is released when it returns.
 */
final class SourceRenderer {

    /** Height of the strip under each slide that carries its caption and, later, the page number. */
    static final float BAND = 20f;

    /**
     * Scratch space of a deck being rendered: the first 16 MB (a typical deck's pictures) in memory,
     * the rest on disk, so that a worker holds at most that much beyond the deck POI has loaded.
     */
    private static final MemoryUsageSetting SCRATCH = MemoryUsageSetting.setupMixed(16L << 20);

    enum Kind { SLIDES, PDF, PICTURE, UNSUPPORTED }

    /** A rendered file: its PDF on disk (null when nothing could be drawn), pages, and any problem. */
    record Rendered(Path pdf, int pages, Kind kind, FileProblem problem) { }

    private final Path workDir;
    private final PdfOptions options;
    private final PdfTexts texts;

    SourceRenderer(Path workDir, PdfOptions options, PdfTexts texts) {
        this.workDir = workDir;
        this.options = options;
        this.texts = texts;
    }

    static Kind kindOf(SourceFile file) {
        String type = file.mediaType() == null ? "" : file.mediaType().toLowerCase(Locale.ROOT);
        String name = file.name() == null ? "" : file.name().toLowerCase(Locale.ROOT);
        if (file.isPptx() || type.equals("application/vnd.ms-powerpoint") || name.endsWith(".pptx")
                || name.endsWith(".ppt")) {
            return Kind.SLIDES;
        }
        if (file.isPdf() || name.endsWith(".pdf")) {
            return Kind.PDF;
        }
        if (type.equals("image/png") || type.equals("image/jpeg") || type.equals("image/gif")
                || name.endsWith(".png") || name.endsWith(".jpg") || name.endsWith(".jpeg")) {
            return Kind.PICTURE;
        }
        return Kind.UNSUPPORTED;
    }

    /**
     * Renders a file; failures to read it are thrown and become the file's problem at the caller.
     *
     * @param caption what the strip under each slide or picture says, e.g. "IVO · lägesbild.pptx"
     * @param stop    true once the file's time is up
     */
    Rendered render(SourceFile file, String caption, BooleanSupplier stop) {
        try {
            return switch (kindOf(file)) {
                case SLIDES -> slides(file, caption, stop);
                case PDF -> pdf(file);
                case PICTURE -> picture(file, caption);
                case UNSUPPORTED -> new Rendered(null, 0, Kind.UNSUPPORTED,
                        new FileProblem(FileProblem.Kind.UNSUPPORTED, String.valueOf(file.mediaType())));
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path newTarget() {
        return workDir.resolve(UUID.randomUUID() + ".pdf");
    }

    private Rendered slides(SourceFile file, String caption, BooleanSupplier stop) throws IOException {
        Path target = newTarget();
        List<Integer> notDrawn = new ArrayList<>();
        int pages = 0;
        try (InputStream in = file.content().open();
             SlideShow<?, ?> show = SlideShowFactory.create(in);
             PDDocument doc = new PDDocument(SCRATCH.streamCache)) {
            DocFonts fonts = new DocFonts(doc);
            SlideFonts.TextDrawer textDrawer = new SlideFonts.TextDrawer(fonts);
            PassThroughImages.Encoder images = new PassThroughImages.Encoder();
            Dimension size = show.getPageSize();
            float w = (float) size.getWidth();
            float h = (float) size.getHeight();
            List<? extends Slide<?, ?>> slides = show.getSlides();
            int shown = (int) slides.stream().filter(s -> !s.isHidden()).count();
            int number = 0;
            for (Slide<?, ?> slide : slides) {
                if (slide.isHidden()) {
                    // hidden slides are not shown at the meeting; the deck in the pack still has them
                    continue;
                }
                if (stop.getAsBoolean() || Thread.currentThread().isInterrupted()) {
                    throw new CancellationException("stopped at slide " + (number + 1));
                }
                number++;
                PDFormXObject vector = vector(doc, slide, w, h, textDrawer, images);
                PDImageXObject picture = vector == null ? picture(doc, slide, w, h) : null;
                PDPage page = new PDPage(new PDRectangle(w, h + BAND));
                doc.addPage(page);
                try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                    if (vector != null) {
                        cs.saveGraphicsState();
                        cs.transform(Matrix.getTranslateInstance(0, BAND));
                        cs.drawForm(vector);
                        cs.restoreGraphicsState();
                    } else if (picture != null) {
                        cs.drawImage(picture, 0, BAND, w, h);
                        invisibleText(cs, fonts.regular(), slide, h + BAND);
                    } else {
                        notDrawn.add(number);
                        write(cs, fonts.regular(), 14, Color.DARK_GRAY, 40, BAND + h / 2, texts.slideNotDrawn(number));
                    }
                    band(cs, fonts.regular(), w, caption + " · " + texts.slideCaption(number, shown));
                }
                pages++;
            }
            doc.save(target.toFile());
        }
        FileProblem problem = notDrawn.isEmpty() ? null
                : new FileProblem(FileProblem.Kind.SLIDES_NOT_DRAWN, notDrawn.toString().replaceAll("[\\[\\]]", ""));
        return new Rendered(pages == 0 ? null : target, pages, Kind.SLIDES, problem);
    }

    /** The slide as vectors with real text, or null when POI or the bridge cannot draw it so. */
    private PDFormXObject vector(PDDocument doc, Slide<?, ?> slide, float w, float h,
                                 SlideFonts.TextDrawer textDrawer, PassThroughImages.Encoder images) {
        PdfBoxGraphics2D g = null;
        try {
            g = new PdfBoxGraphics2D(doc, w, h);
            g.setFontTextDrawer(textDrawer);
            g.setImageEncoder(images);
            g.setRenderingHint(Drawable.IMAGE_RENDERER, new PassThroughImages.Renderer());
            g.setRenderingHint(Drawable.TEXT_RENDERING_MODE, Drawable.TEXT_AS_CHARACTERS);
            slide.draw(g);
            g.dispose();
            PDFormXObject form = g.getXFormObject();
            g = null;
            return form;
        } catch (RuntimeException | IOException | StackOverflowError e) {
            return null;
        } finally {
            if (g != null) {
                try {
                    g.dispose();
                } catch (RuntimeException ignored) {
                    // the drawing already failed; its half-written form is dropped
                }
            }
        }
    }

    /** The slide drawn by POI onto a bitmap at the fallback resolution, or null when even that fails. */
    private PDImageXObject picture(PDDocument doc, Slide<?, ?> slide, float w, float h) {
        double scale = options.fallbackDpi() / 72.0;
        BufferedImage image = new BufferedImage((int) Math.ceil(w * scale), (int) Math.ceil(h * scale),
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.scale(scale, scale);
            slide.draw(g);
            return LosslessFactory.createFromImage(doc, image);
        } catch (RuntimeException | IOException | StackOverflowError e) {
            return null;
        } finally {
            g.dispose();
        }
    }

    /** A picture slide's words, written invisibly so that the PDF can still be searched for them. */
    private static void invisibleText(PDPageContentStream cs, PDType0Font font, Slide<?, ?> slide, float top)
            throws IOException {
        List<String> lines = new ArrayList<>();
        collectText(slide, lines);
        cs.beginText();
        cs.setRenderingMode(RenderingMode.NEITHER);
        cs.setFont(font, 1);
        cs.newLineAtOffset(2, top - 2);
        for (String line : lines) {
            cs.showText(PackFonts.printable(font, line));
            cs.newLineAtOffset(0, -1.2f);
        }
        cs.endText();
    }

    private static void collectText(ShapeContainer<?, ?> container, List<String> lines) {
        for (Shape<?, ?> shape : container) {
            if (shape instanceof TextShape<?, ?> text && text.getText() != null) {
                text.getText().lines().filter(l -> !l.isBlank()).forEach(lines::add);
            } else if (shape instanceof TableShape<?, ?> table) {
                for (int r = 0; r < table.getNumberOfRows(); r++) {
                    for (int c = 0; c < table.getNumberOfColumns(); c++) {
                        TableCell<?, ?> cell = table.getCell(r, c);
                        if (cell != null && cell.getText() != null && !cell.getText().isBlank()) {
                            lines.add(cell.getText().strip());
                        }
                    }
                }
            } else if (shape instanceof ShapeContainer<?, ?> group) {
                collectText(group, lines);
            }
        }
    }

    /** The caption strip under a slide or picture; the page number goes at its right end later. */
    static void band(PDPageContentStream cs, PDType0Font font, float width, String caption) throws IOException {
        cs.setStrokingColor(new Color(0xBB, 0xBB, 0xBB));
        cs.setLineWidth(0.5f);
        cs.moveTo(0, BAND);
        cs.lineTo(width, BAND);
        cs.stroke();
        String text = TextPages.fit(font, 8, PackFonts.printable(font, caption), width - 90);
        write(cs, font, 8, TextPages.GREY, 8, 7, text);
    }

    private static void write(PDPageContentStream cs, PDType0Font font, float size, Color color, float x, float y,
                              String text) throws IOException {
        cs.beginText();
        cs.setFont(font, size);
        cs.setNonStrokingColor(color);
        cs.newLineAtOffset(x, y);
        cs.showText(PackFonts.printable(font, text));
        cs.endText();
    }

    /** Checks an attached PDF by reading all of it and saves it again, pages untouched, for appending. */
    private Rendered pdf(SourceFile file) throws IOException {
        Path copy = workDir.resolve(UUID.randomUUID() + ".source.pdf");
        try (InputStream in = file.content().open()) {
            Files.copy(in, copy);
        }
        Path target = newTarget();
        int pages;
        try (PDDocument src = Loader.loadPDF(copy.toFile(), "", null, null, IOUtils.createTempFileOnlyStreamCache())) {
            if (src.isEncrypted()) {
                // opened with the empty password: readable by anyone, so the pack may hold it unlocked
                src.setAllSecurityToBeRemoved(true);
            }
            pages = src.getNumberOfPages();
            if (pages == 0) {
                throw new IOException("the PDF has no pages");
            }
            for (PDPage page : src.getPages()) {
                // pages will live in another page tree: make what they inherit their own
                page.setMediaBox(page.getMediaBox());
                page.setCropBox(page.getCropBox());
                page.setRotation(page.getRotation());
                page.setResources(page.getResources());
            }
            src.save(target.toFile());
        } finally {
            Files.deleteIfExists(copy);
        }
        return new Rendered(target, pages, Kind.PDF, null);
    }

    /** A picture attachment on an A4 page of its orientation, with the caption strip. */
    private Rendered picture(SourceFile file, String caption) throws IOException {
        Path target = newTarget();
        byte[] data;
        try (InputStream in = file.content().open()) {
            data = in.readAllBytes();
        }
        try (PDDocument doc = new PDDocument(IOUtils.createTempFileOnlyStreamCache())) {
            PDImageXObject image = PDImageXObject.createFromByteArray(doc, data, file.name());
            boolean landscape = image.getWidth() > image.getHeight();
            PDRectangle size = landscape
                    ? new PDRectangle(PDRectangle.A4.getHeight(), PDRectangle.A4.getWidth()) : PDRectangle.A4;
            PDPage page = new PDPage(size);
            doc.addPage(page);
            float margin = 36;
            float boxW = size.getWidth() - 2 * margin;
            float boxH = size.getHeight() - 2 * margin - BAND;
            float scale = Math.min(boxW / image.getWidth(), boxH / image.getHeight());
            float iw = image.getWidth() * scale;
            float ih = image.getHeight() * scale;
            try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                cs.drawImage(image, (size.getWidth() - iw) / 2, BAND + margin + (boxH - ih) / 2, iw, ih);
                band(cs, new DocFonts(doc).regular(), size.getWidth(), caption);
            }
            doc.save(target.toFile());
        }
        return new Rendered(target, 1, Kind.PICTURE, null);
    }
}
