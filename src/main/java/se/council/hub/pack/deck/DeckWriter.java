package se.council.hub.pack.deck;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.poi.sl.usermodel.PictureData.PictureType;

import se.council.hub.pack.PackModel;
import se.council.hub.pack.PackModel.AgencyPart;
import se.council.hub.pack.PackModel.Item;
import se.council.hub.pack.PackModel.PartState;
import se.council.hub.pack.PackModel.SourceFile;

/**
 * Writes the meeting's combined slide deck ({@code deck.pptx}): title and agenda slides, then per agenda item
 * its slides, with a divider per agency under "Aktuellt per aktör". Source decks are merged at package level
 * (parts copied, relationships rewritten) so each keeps its own masters, themes, charts, notes and media and
 * the whole stays fast and small in memory; a file that cannot be merged gets a slide that says why.
 *
 * <p>Stateless and thread-safe: every {@link #write} call works on its own objects.
 */
public class DeckWriter {

    /** Files up to this size are read into memory; larger ones go through a temporary file. */
    private static final long IN_MEMORY_LIMIT = 32L * 1024 * 1024;
    private static final double PDF_DPI = 150;
    /** Caps a rendered page's longer side, so a poster-sized page cannot take hundreds of MB as a raster. */
    private static final double MAX_PAGE_PIXELS = 2400;

    private final Duration pdfBudget;

    public DeckWriter() {
        this(Duration.ofSeconds(60));
    }

    /** @param pdfBudget how long one PDF may take to render before the rest of its pages are left out */
    public DeckWriter(Duration pdfBudget) {
        this.pdfBudget = pdfBudget;
    }

    /**
     * Writes the deck to {@code out} (not closed). A file that cannot be used is reported in the result and on a
     * slide. What throws: a failure to write {@code out}, or a source that fails to read after it was checked
     * (its store went away mid-write); the output is then incomplete and must be discarded.
     */
    public DeckResult write(PackModel.Pack pack, OutputStream out) throws IOException {
        Labels labels = new Labels(pack.header().english());
        FrameDecks frames = new FrameDecks(labels);
        List<Step> plan = new ArrayList<>();
        byte[] mainFrame;
        try (FrameDecks.Frame frame = frames.newFrame()) {
            plan(pack, labels, frame, plan);
            mainFrame = frame.toBytes();
        }
        PackageMerger merger = new PackageMerger(out);
        List<DeckResult.FileResult> results = new ArrayList<>();
        try (SourcePackage main = SourcePackage.open("frame", new SeekableInMemoryByteChannel(mainFrame))) {
            for (Step step : plan) {
                if (step.section() != null) {
                    merger.startSection(step.section());
                }
                if (step.frameSlide() >= 0) {
                    merger.addSlide(main, main.slides().get(step.frameSlide()));
                } else {
                    results.add(addFile(step.file(), merger, frames, labels));
                }
            }
            merger.finish(main, pack.header().councilName() + " – " + pack.header().meetingTitle());
        } catch (DeckFormatException e) {
            throw new IllegalStateException("the generated frame deck is not mergeable", e);
        }
        return new DeckResult(merger.slideCount(), results);
    }

    /** One thing to put into the deck, in order: a slide of the main frame or a source file. */
    private record Step(String section, int frameSlide, SourceFile file) {
        static Step frame(String section, int index) {
            return new Step(section, index, null);
        }

        static Step file(SourceFile file) {
            return new Step(null, -1, file);
        }
    }

    /** Writes every generated text slide into one frame deck and lays out where source files go between them. */
    private static void plan(PackModel.Pack pack, Labels labels, FrameDecks.Frame frame, List<Step> plan) {
        PackModel.Header h = pack.header();
        List<String> lines = new ArrayList<>();
        lines.add(capitalize(h.meetingTitle()));
        if (h.date() != null) {
            lines.add(labels.date(h.date()) + (isBlank(h.time()) ? "" : ", " + h.time()));
        }
        if (!isBlank(h.place())) {
            lines.add(h.place());
        }
        if (!isBlank(h.format())) {
            lines.add(h.format());
        }
        frame.titleSlide(h.councilName(), lines, isBlank(h.reference()) ? null : labels.reference() + ": " + h.reference());
        plan.add(Step.frame(labels.opening(), frame.slideCount() - 1));

        List<String[]> rows = new ArrayList<>();
        for (Item item : pack.agenda()) {
            rows.add(new String[] {item.number() + ".", item.title(), item.presenters()});
        }
        frame.agendaSlide(labels.agenda(), rows);
        plan.add(Step.frame(null, frame.slideCount() - 1));

        for (Item item : pack.agenda()) {
            boolean hasSlides = item.isStatusRound() || item.files().stream().anyMatch(DeckWriter::isSlideSource);
            if (!hasSlides && item.files().isEmpty()) {
                continue;
            }
            String heading = item.number() + ". " + item.title();
            frame.sectionSlide(heading, isBlank(item.presenters()) ? List.of() : List.of(item.presenters()));
            plan.add(Step.frame(heading, frame.slideCount() - 1));
            item.files().forEach(f -> plan.add(Step.file(f)));
            for (AgencyPart part : item.parts()) {
                List<String> sub = new ArrayList<>();
                if (!isBlank(part.abbreviation())) {
                    sub.add(part.abbreviation());
                }
                if (part.state() == PartState.LATE) {
                    sub.add(labels.late());
                }
                frame.sectionSlide(part.agencyName(), sub);
                plan.add(Step.frame(part.agencyName(), frame.slideCount() - 1));
                if (part.state() == PartState.MISSING) {
                    frame.textSlide(part.agencyName(), List.of(labels.nothingReceived()));
                    plan.add(Step.frame(null, frame.slideCount() - 1));
                    continue;
                }
                boolean agencyHasSlides = part.files().stream().anyMatch(DeckWriter::isSlideSource);
                if (!agencyHasSlides && !isBlank(part.statusText())) {
                    // Without slides the written update is all the room sees; put it on a slide.
                    frame.textSlide(labelFor(part) + ": " + labels.statusUpdate(), paragraphs(part.statusText()));
                    plan.add(Step.frame(null, frame.slideCount() - 1));
                }
                part.files().forEach(f -> plan.add(Step.file(f)));
            }
        }
    }

    private static String labelFor(AgencyPart part) {
        return isBlank(part.abbreviation()) ? part.agencyName() : part.abbreviation();
    }

    private static List<String> paragraphs(String text) {
        String capped = text.length() > 1500 ? text.substring(0, 1500) + " …" : text;
        return capped.lines().map(String::strip).filter(s -> !s.isEmpty()).limit(15).toList();
    }

    private DeckResult.FileResult addFile(SourceFile file, PackageMerger merger, FrameDecks frames, Labels labels)
            throws IOException {
        return switch (kindOf(file)) {
            case PPTX -> addPresentation(file, merger, frames, labels);
            case PDF -> addPdf(file, merger, frames, labels);
            case PNG, JPEG -> addPicture(file, merger, frames, labels);
            case OTHER -> new DeckResult.FileResult(file.sha256(), file.name(), 0, null, true);
        };
    }

    private static DeckResult.FileResult addPresentation(SourceFile file, PackageMerger merger, FrameDecks frames,
                                                         Labels labels) throws IOException {
        SourcePackage pkg;
        try {
            pkg = SourcePackage.open(file.name(), channelFor(file));
        } catch (DeckFormatException | IOException e) {
            return problem(file, labels.presentationUnreadable(message(e)), merger, frames);
        }
        try (pkg) {
            int count = merger.addAllSlides(pkg);
            return new DeckResult.FileResult(file.sha256(), file.name(), count, null, false);
        }
    }

    private DeckResult.FileResult addPdf(SourceFile file, PackageMerger merger, FrameDecks frames, Labels labels)
            throws IOException {
        byte[] deck;
        int pages;
        String partial = null;
        try (PDDocument doc = loadPdf(file); FrameDecks.Frame frame = frames.newFrame()) {
            PDFRenderer renderer = new PDFRenderer(doc);
            int total = doc.getNumberOfPages();
            long deadline = System.nanoTime() + pdfBudget.toNanos();
            for (int i = 0; i < total; i++) {
                if (System.nanoTime() > deadline) {
                    partial = labels.pdfTooSlow(i, total);
                    break;
                }
                PDRectangle box = doc.getPage(i).getCropBox();
                double longer = Math.max(box.getWidth(), box.getHeight()) / 72.0;
                float dpi = (float) Math.min(PDF_DPI, MAX_PAGE_PIXELS / Math.max(longer, 0.01));
                BufferedImage image = renderer.renderImageWithDPI(i, dpi, ImageType.RGB);
                ByteArrayOutputStream png = new ByteArrayOutputStream();
                ImageIO.write(image, "png", png);
                frame.pictureSlide(png.toByteArray(), PictureType.PNG, image.getWidth(), image.getHeight());
            }
            pages = frame.slideCount();
            deck = frame.toBytes();
        } catch (IOException | RuntimeException e) {
            return problem(file, labels.pdfUnreadable(message(e)), merger, frames);
        }
        int added = addFrame(deck, merger);
        if (partial != null) {
            addProblemSlide(file, labels.pdfUnreadable(partial), merger, frames);
            return new DeckResult.FileResult(file.sha256(), file.name(), pages, labels.pdfUnreadable(partial), false);
        }
        return new DeckResult.FileResult(file.sha256(), file.name(), added, null, false);
    }

    private static DeckResult.FileResult addPicture(SourceFile file, PackageMerger merger, FrameDecks frames, Labels labels)
            throws IOException {
        byte[] deck;
        try (FrameDecks.Frame frame = frames.newFrame()) {
            byte[] bytes;
            try (InputStream in = file.content().open()) {
                bytes = in.readAllBytes();
            }
            int[] size = imageSize(bytes);
            frame.pictureSlide(bytes, kindOf(file) == Kind.PNG ? PictureType.PNG : PictureType.JPEG, size[0], size[1]);
            deck = frame.toBytes();
        } catch (IOException | RuntimeException e) {
            return problem(file, labels.pictureUnreadable(message(e)), merger, frames);
        }
        return new DeckResult.FileResult(file.sha256(), file.name(), addFrame(deck, merger), null, false);
    }

    private static int[] imageSize(byte[] bytes) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(new java.io.ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new IOException("unknown picture format");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in);
                return new int[] {reader.getWidth(0), reader.getHeight(0)};
            } finally {
                reader.dispose();
            }
        }
    }

    private static int addFrame(byte[] deck, PackageMerger merger) throws IOException {
        try (SourcePackage pkg = SourcePackage.open("frame", new SeekableInMemoryByteChannel(deck))) {
            return merger.addAllSlides(pkg);
        } catch (DeckFormatException e) {
            throw new IllegalStateException("a generated frame deck is not mergeable", e);
        }
    }

    private static DeckResult.FileResult problem(SourceFile file, String problem, PackageMerger merger, FrameDecks frames)
            throws IOException {
        addProblemSlide(file, problem, merger, frames);
        return new DeckResult.FileResult(file.sha256(), file.name(), 0, problem, false);
    }

    private static void addProblemSlide(SourceFile file, String problem, PackageMerger merger, FrameDecks frames)
            throws IOException {
        try (FrameDecks.Frame frame = frames.newFrame()) {
            frame.textSlide(file.name(), List.of(problem));
            addFrame(frame.toBytes(), merger);
        }
    }

    private static String message(Exception e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            m = e.getClass().getSimpleName();
        }
        return m.length() > 300 ? m.substring(0, 300) + " …" : m;
    }

    private static PDDocument loadPdf(SourceFile file) throws IOException {
        // Stream cache in temporary files: a large PDF must not pile up in the heap.
        try (InputStream in = file.content().open()) {
            if (file.size() >= 0 && file.size() <= IN_MEMORY_LIMIT) {
                return Loader.loadPDF(new RandomAccessReadBuffer(in), "", null, null, IOUtils.createTempFileOnlyStreamCache());
            }
            Path tmp = Files.createTempFile("deck-", ".pdf");
            try {
                Files.copy(in, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                return Loader.loadPDF(new RandomAccessReadBufferedFile(tmp.toFile()), "", null, null,
                        IOUtils.createTempFileOnlyStreamCache());
            } finally {
                // Unix keeps an open file readable after deletion; elsewhere the loader has copied what it needs.
                Files.deleteIfExists(tmp);
            }
        }
    }

    /** The file's bytes for random access: in memory when small, else in a temporary file deleted on close. */
    private static SeekableByteChannel channelFor(SourceFile file) throws IOException {
        try (InputStream in = file.content().open()) {
            byte[] head = in.readNBytes((int) IN_MEMORY_LIMIT + 1);
            if (head.length <= IN_MEMORY_LIMIT) {
                return new SeekableInMemoryByteChannel(head);
            }
            Path tmp = Files.createTempFile("deck-", ".pptx");
            try (OutputStream o = Files.newOutputStream(tmp)) {
                o.write(head);
                in.transferTo(o);
            } catch (IOException e) {
                Files.deleteIfExists(tmp);
                throw e;
            }
            return FileChannel.open(tmp, StandardOpenOption.READ, StandardOpenOption.DELETE_ON_CLOSE);
        }
    }

    private enum Kind { PPTX, PDF, PNG, JPEG, OTHER }

    private static boolean isSlideSource(SourceFile file) {
        return kindOf(file) != Kind.OTHER;
    }

    private static Kind kindOf(SourceFile file) {
        String type = file.mediaType() == null ? "" : file.mediaType().toLowerCase(Locale.ROOT);
        String name = file.name() == null ? "" : file.name().toLowerCase(Locale.ROOT);
        if (file.isPptx() || name.endsWith(".pptx")) {
            return Kind.PPTX;
        }
        if (file.isPdf() || name.endsWith(".pdf")) {
            return Kind.PDF;
        }
        if (type.equals("image/png") || name.endsWith(".png")) {
            return Kind.PNG;
        }
        if (type.equals("image/jpeg") || name.endsWith(".jpg") || name.endsWith(".jpeg")) {
            return Kind.JPEG;
        }
        return Kind.OTHER;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    private static String capitalize(String s) {
        return isBlank(s) ? "" : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
