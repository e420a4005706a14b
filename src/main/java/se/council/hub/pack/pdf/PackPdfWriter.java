package se.council.hub.pack.pdf;

import java.awt.Color;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentCatalog;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.PDPageContentStream.AppendMode;
import org.apache.pdfbox.pdmodel.PageMode;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.destination.PDPageFitDestination;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDDocumentOutline;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDOutlineItem;
import org.apache.pdfbox.util.Matrix;

import se.council.hub.pack.PackModel.AgencyPart;
import se.council.hub.pack.PackModel.Header;
import se.council.hub.pack.PackModel.Item;
import se.council.hub.pack.PackModel.Pack;
import se.council.hub.pack.PackModel.PartState;
import se.council.hub.pack.PackModel.SourceFile;
import se.council.hub.pack.pdf.PackFonts.DocFonts;
import se.council.hub.pack.pdf.PackFonts.Face;
import se.council.hub.pack.pdf.PdfResult.AgencyStart;
import se.council.hub.pack.pdf.PdfResult.FileOutcome;
import se.council.hub.pack.pdf.PdfResult.ItemStart;
import se.council.hub.pack.pdf.SourceRenderer.Rendered;

/**
 * Writes {@code meeting-pack.pdf}: the agenda in the council's table with a table of contents, then
 * per agenda item its material and, under "Aktuellt per aktör", per agency its status text and its
 * slides, PDFs and pictures; bookmarks per item and agency and "N(M)" page numbers on every page.
 *
 * <p>Files are rendered on worker threads (one per core by default), each into a PDF of its own on
 * disk, while this thread appends them in agenda order; memory stays bounded because finished work
 * waits on disk, not on the heap. A file that fails or outlives its time limit is named in its
 * section and in {@link PdfResult}, and the rest of the pack is written.
 */
public final class PackPdfWriter {

    private enum PageKind { TEXT, BANDED, IMPORTED }

    private final PdfOptions options;

    public PackPdfWriter() {
        this(PdfOptions.defaults());
    }

    public PackPdfWriter(PdfOptions options) {
        this.options = options;
    }

    /**
     * Writes the pack's PDF to {@code out} (left open).
     *
     * @throws IOException when the PDF itself cannot be written; problems with source files do not throw
     */
    public PdfResult write(Pack pack, OutputStream out) throws IOException {
        Path work = Files.createTempDirectory("meeting-pack-pdf-");
        try {
            return new Run(pack, work).write(out);
        } finally {
            deleteTree(work);
        }
    }

    /** One source file in reading order, with its rendering under way. */
    private record Job(SourceFile file, AgencyPart part, CompletableFuture<Rendered> rendering) { }

    /** A job's outcome once this thread has opened its rendered PDF. */
    private record Ready(Job job, PDDocument pdf, SourceRenderer.Kind kind, int pages, FileProblem problem) { }

    /** The state of one write: kept together so that the steps read in order. */
    private final class Run {
        private final Pack pack;
        private final Header header;
        private final PdfTexts texts;
        private final Path work;
        private final List<PDDocument> opened = new ArrayList<>();
        private final List<PageKind> bodyKinds = new ArrayList<>();
        private final List<FileOutcome> outcomes = new ArrayList<>();
        private final Map<Integer, Integer> itemBodyPage = new HashMap<>();
        private final Map<AgencyPart, Integer> agencyBodyPage = new IdentityHashMap<>();
        private PDDocument doc;
        private DocFonts fonts;

        Run(Pack pack, Path work) {
            this.pack = pack;
            this.header = pack.header();
            this.texts = PdfTexts.of(header.english());
            this.work = work;
        }

        PdfResult write(OutputStream out) throws IOException {
            try (TimedExecutor executor = new TimedExecutor(options.threads());
                 PDDocument document = new PDDocument(IOUtils.createTempFileOnlyStreamCache())) {
                doc = document;
                fonts = new DocFonts(doc);
                List<Job> jobs = startRendering(executor);
                writeBody(jobs);
                Front front = writeFront();
                List<PageKind> kinds = new ArrayList<>();
                for (int i = 0; i < front.pages; i++) {
                    kinds.add(PageKind.TEXT);
                }
                kinds.addAll(bodyKinds);
                numberPages(kinds);
                outline(front);
                describe();
                doc.save(out);
                return result(front);
            } finally {
                for (PDDocument source : opened) {
                    source.close();
                }
            }
        }

        private List<Job> startRendering(TimedExecutor executor) {
            SourceRenderer renderer = new SourceRenderer(work, options, texts);
            List<Job> jobs = new ArrayList<>();
            for (Item item : pack.agenda()) {
                for (SourceFile file : item.files()) {
                    jobs.add(start(executor, renderer, file, null, item.number() + ". " + item.title()));
                }
                for (AgencyPart part : item.parts()) {
                    for (SourceFile file : part.files()) {
                        jobs.add(start(executor, renderer, file, part, agencyTitle(part)));
                    }
                }
            }
            return jobs;
        }

        private Job start(TimedExecutor executor, SourceRenderer renderer, SourceFile file, AgencyPart part,
                          String owner) {
            String caption = owner + " · " + file.name();
            return new Job(file, part, executor.submit(stop -> renderer.render(file, caption, stop),
                    options.fileTimeLimit()));
        }

        // ---- body -------------------------------------------------------------------------------

        private void writeBody(List<Job> jobs) throws IOException {
            int next = 0;
            String running = header.councilName() + " · " + header.meetingTitle() + ", "
                    + texts.longDate(header.date());
            for (Item item : pack.agenda()) {
                List<Job> own = jobs.subList(next, next + item.files().size());
                next += item.files().size();
                boolean hasOwn = !isBlank(item.text()) || !item.files().isEmpty();
                if (hasOwn) {
                    List<Ready> ready = await(own);
                    itemBodyPage.put(item.number(), bodyKinds.size());
                    try (TextPages pages = textPages(running)) {
                        itemHeading(pages, item);
                        fileLines(pages, ready);
                    }
                    append(ready);
                }
                boolean first = true;
                for (AgencyPart part : item.parts()) {
                    List<Ready> ready = await(jobs.subList(next, next + part.files().size()));
                    next += part.files().size();
                    agencyBodyPage.put(part, bodyKinds.size());
                    itemBodyPage.putIfAbsent(item.number(), bodyKinds.size());
                    try (TextPages pages = textPages(running)) {
                        if (first && !hasOwn) {
                            itemHeading(pages, item);
                        }
                        agencySection(pages, part, ready);
                    }
                    append(ready);
                    first = false;
                }
            }
        }

        private TextPages textPages(String running) {
            return new TextPages(doc, fonts, running, page -> {
                doc.addPage(page);
                bodyKinds.add(PageKind.TEXT);
            });
        }

        private void itemHeading(TextPages pages, Item item) throws IOException {
            pages.heading(item.number() + ". " + item.title(), 16);
            if (!isBlank(item.presenters())) {
                pages.paragraph(texts.presenterLabel() + item.presenters(), 10, Face.REGULAR, TextPages.GREY);
            }
            pages.paragraph(item.text(), 10.5f, Face.REGULAR, Color.BLACK);
            pages.gap(6);
        }

        private void agencySection(TextPages pages, AgencyPart part, List<Ready> ready) throws IOException {
            pages.heading(agencyTitle(part), 14);
            if (part.state() == PartState.MISSING) {
                pages.paragraph(texts.nothingReceived(), 10.5f, Face.ITALIC, TextPages.GREY);
            } else if (part.state() == PartState.LATE) {
                pages.paragraph(texts.late(), 9.5f, Face.ITALIC, TextPages.GREY);
            }
            pages.paragraph(part.statusText(), 10.5f, Face.REGULAR, Color.BLACK);
            fileLines(pages, ready);
        }

        /** Lists the files and says plainly what could not be shown. */
        private void fileLines(TextPages pages, List<Ready> ready) throws IOException {
            if (ready.isEmpty()) {
                return;
            }
            List<String> names = new ArrayList<>();
            for (Ready r : ready) {
                names.add(r.pages() > 0
                        ? r.job().file().name() + " (" + texts.pagesOf(r.pages(), r.kind() == SourceRenderer.Kind.SLIDES) + ")"
                        : r.job().file().name());
            }
            pages.paragraph(texts.attachedFiles() + String.join(", ", names), 9, Face.REGULAR, TextPages.GREY);
            for (Ready r : ready) {
                if (r.problem() != null) {
                    pages.paragraph(texts.couldNotShow(r.job().file().name(), r.problem().text(texts)), 10,
                            Face.BOLD, new Color(0x9B, 0x1C, 0x1C));
                }
            }
        }

        /** Waits for a section's files and opens their rendered PDFs; failures become problems. */
        private List<Ready> await(List<Job> jobs) throws IOException {
            List<Ready> ready = new ArrayList<>();
            for (Job job : jobs) {
                Ready r;
                try {
                    Rendered rendered = job.rendering().get();
                    PDDocument pdf = null;
                    if (rendered.pdf() != null) {
                        pdf = Loader.loadPDF(rendered.pdf().toFile(), "", null, null,
                                IOUtils.createTempFileOnlyStreamCache());
                        opened.add(pdf);
                    }
                    r = new Ready(job, pdf, rendered.kind(), rendered.pages(), rendered.problem());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while waiting for " + job.file().name());
                } catch (ExecutionException e) {
                    FileProblem problem = e.getCause() instanceof TimeoutException
                            ? FileProblem.timeout(options.fileTimeLimit()) : FileProblem.of(e.getCause());
                    r = new Ready(job, null, SourceRenderer.kindOf(job.file()), 0, problem);
                } catch (IOException | RuntimeException e) {
                    r = new Ready(job, null, SourceRenderer.kindOf(job.file()), 0, FileProblem.of(e));
                }
                ready.add(r);
                outcomes.add(new FileOutcome(job.file().sha256(), job.file().name(),
                        job.part() == null ? null : job.part().agencyId(), r.pages(),
                        r.problem() == null ? null : r.problem().english()));
            }
            return ready;
        }

        /**
         * Moves the rendered pages into the pack. The page objects are taken over as they are, not
         * copied: their pictures and fonts are read from the rendered file when the pack is saved.
         */
        private void append(List<Ready> ready) {
            for (Ready r : ready) {
                if (r.pdf() == null) {
                    continue;
                }
                PageKind kind = r.kind() == SourceRenderer.Kind.PDF ? PageKind.IMPORTED : PageKind.BANDED;
                List<PDPage> pages = new ArrayList<>();
                r.pdf().getPages().forEach(pages::add);
                for (PDPage page : pages) {
                    doc.addPage(page);
                    bodyKinds.add(kind);
                }
            }
        }

        // ---- front matter -----------------------------------------------------------------------

        /** The agenda and contents pages, and for each agenda row the front page it is on. */
        private record Front(int pages, List<Integer> rowPages) { }

        /**
         * Lays the front matter out until its length is stable (the contents' page numbers depend on
         * it), then puts its pages before the body.
         */
        private Front writeFront() throws IOException {
            int guess = 1;
            for (int attempt = 0; ; attempt++) {
                List<PDPage> frontPages = new ArrayList<>();
                List<Integer> rowPages;
                try (TextPages pages = new TextPages(doc, fonts, null, frontPages::add)) {
                    rowPages = layoutFront(pages, guess);
                }
                if (frontPages.size() == guess || attempt == 4) {
                    PDPage firstBody = doc.getNumberOfPages() > 0 ? doc.getPage(0) : null;
                    for (PDPage page : frontPages) {
                        if (firstBody == null) {
                            doc.addPage(page);
                        } else {
                            doc.getPages().insertBefore(page, firstBody);
                        }
                    }
                    return new Front(frontPages.size(), rowPages);
                }
                guess = frontPages.size();
            }
        }

        private List<Integer> layoutFront(TextPages pages, int frontCount) throws IOException {
            pages.heading(header.councilName(), 18);
            pages.heading(texts.agenda() + " – " + header.meetingTitle(), 13);
            List<String[]> fields = new ArrayList<>();
            fields.add(new String[] {texts.date(), texts.longDate(header.date())});
            fields.add(new String[] {texts.time(), nz(header.time())});
            fields.add(new String[] {texts.place(), nz(header.place())});
            fields.add(new String[] {texts.format(), nz(header.format())});
            if (!isBlank(header.reference())) {
                fields.add(new String[] {texts.reference(), header.reference()});
            }
            pages.fields(fields, 10.5f);
            pages.gap(8);
            List<String[]> rows = new ArrayList<>();
            for (Item item : pack.agenda()) {
                rows.add(new String[] {item.number() + ".", item.title(), nz(item.presenters())});
            }
            float w = TextPages.width();
            List<Integer> rowPages = pages.table(new float[] {36, w - 36 - 150, 150},
                    new String[] {texts.colNumber(), texts.colItem(), texts.colPresenter()}, rows, 10.5f);

            pages.gap(6);
            pages.heading(texts.contents(), 13);
            for (int i = 0; i < pack.agenda().size(); i++) {
                Item item = pack.agenda().get(i);
                int page = itemPage(item, frontCount, rowPages.get(i));
                pages.tocLine(item.number() + ". " + item.title(), 0, String.valueOf(page), pageAt(page, frontCount),
                        10.5f, true);
                for (AgencyPart part : item.parts()) {
                    int agencyPage = frontCount + agencyBodyPage.get(part) + 1;
                    pages.tocLine(agencyTitle(part), 16, String.valueOf(agencyPage), pageAt(agencyPage, frontCount),
                            10, false);
                }
            }
            return rowPages;
        }

        /** 1-based page of an item: its material, or the agenda page that lists it when it has none. */
        private int itemPage(Item item, int frontCount, int rowPageIndex) {
            Integer body = itemBodyPage.get(item.number());
            return body != null ? frontCount + body + 1 : rowPageIndex + 1;
        }

        /** The body page printed as {@code number}; null for a front page (not yet placed). */
        private PDPage pageAt(int number, int frontCount) {
            int bodyIndex = number - frontCount - 1;
            return bodyIndex >= 0 && bodyIndex < bodyKinds.size() ? doc.getPage(bodyIndex) : null;
        }

        // ---- finishing --------------------------------------------------------------------------

        /** "N(M)" on every page: in the header of text pages, in the strip of slides, boxed on imported pages. */
        private void numberPages(List<PageKind> kinds) throws IOException {
            int total = kinds.size();
            PDType0Font font = fonts.regular();
            for (int i = 0; i < total; i++) {
                PDPage page = doc.getPage(i);
                String label = texts.pageLabel(i + 1, total);
                try (PDPageContentStream cs = new PDPageContentStream(doc, page, AppendMode.APPEND, true, true)) {
                    switch (kinds.get(i)) {
                        case TEXT -> {
                            float size = 9;
                            float x = TextPages.SIZE.getWidth() - TextPages.MARGIN - TextPages.width(font, size, label);
                            text(cs, font, size, x, TextPages.LABEL_BASELINE, label);
                        }
                        case BANDED -> {
                            float size = 8;
                            PDRectangle box = page.getMediaBox();
                            float x = box.getUpperRightX() - 8 - TextPages.width(font, size, label);
                            text(cs, font, size, x, box.getLowerLeftY() + 7, label);
                        }
                        case IMPORTED -> overlay(cs, page, font, label);
                    }
                }
            }
        }

        /** The label in a small white box at the visible bottom right, whatever the page's rotation. */
        private void overlay(PDPageContentStream cs, PDPage page, PDType0Font font, String label) throws IOException {
            PDRectangle crop = page.getCropBox();
            float x0 = crop.getLowerLeftX();
            float y0 = crop.getLowerLeftY();
            float x1 = crop.getUpperRightX();
            float y1 = crop.getUpperRightY();
            int rotation = ((page.getRotation() % 360) + 360) % 360;
            Matrix toVisible = switch (rotation) {
                case 90 -> new Matrix(0, 1, -1, 0, x1, y0);
                case 180 -> new Matrix(-1, 0, 0, -1, x1, y1);
                case 270 -> new Matrix(0, -1, 1, 0, x0, y1);
                default -> Matrix.getTranslateInstance(x0, y0);
            };
            boolean turned = rotation == 90 || rotation == 270;
            float visibleWidth = turned ? crop.getHeight() : crop.getWidth();
            float size = 8;
            float textWidth = TextPages.width(font, size, label);
            float boxX = visibleWidth - textWidth - 12;
            cs.transform(toVisible);
            cs.setNonStrokingColor(Color.WHITE);
            cs.addRect(boxX, 4, textWidth + 6, 12);
            cs.fill();
            text(cs, font, size, boxX + 3, 7, label);
        }

        private void text(PDPageContentStream cs, PDType0Font font, float size, float x, float y, String text)
                throws IOException {
            cs.beginText();
            cs.setFont(font, size);
            cs.setNonStrokingColor(TextPages.GREY);
            cs.newLineAtOffset(x, y);
            cs.showText(text);
            cs.endText();
        }

        private void outline(Front front) {
            PDDocumentOutline outline = new PDDocumentOutline();
            for (int i = 0; i < pack.agenda().size(); i++) {
                Item item = pack.agenda().get(i);
                PDOutlineItem node = bookmark(item.number() + ". " + item.title(),
                        itemPage(item, front.pages, front.rowPages.get(i)));
                for (AgencyPart part : item.parts()) {
                    node.addLast(bookmark(agencyTitle(part), front.pages + agencyBodyPage.get(part) + 1));
                }
                if (!item.parts().isEmpty()) {
                    node.openNode();
                }
                outline.addLast(node);
            }
            outline.openNode();
            PDDocumentCatalog catalog = doc.getDocumentCatalog();
            catalog.setDocumentOutline(outline);
            catalog.setPageMode(PageMode.USE_OUTLINES);
            catalog.setLanguage(header.english() ? "en" : "sv-SE");
        }

        private PDOutlineItem bookmark(String title, int pageNumber) {
            PDPageFitDestination dest = new PDPageFitDestination();
            dest.setPage(doc.getPage(pageNumber - 1));
            PDOutlineItem node = new PDOutlineItem();
            node.setTitle(title);
            node.setDestination(dest);
            return node;
        }

        private void describe() {
            PDDocumentInformation info = doc.getDocumentInformation();
            info.setTitle(header.councilName() + " – " + header.meetingTitle());
            info.setSubject(texts.agenda() + (isBlank(header.reference()) ? "" : " " + header.reference()));
            info.setCreator("council-hub");
        }

        private PdfResult result(Front front) {
            List<ItemStart> items = new ArrayList<>();
            List<AgencyStart> agencies = new ArrayList<>();
            for (int i = 0; i < pack.agenda().size(); i++) {
                Item item = pack.agenda().get(i);
                items.add(new ItemStart(item.number(), item.title(), itemPage(item, front.pages, front.rowPages.get(i))));
                for (AgencyPart part : item.parts()) {
                    agencies.add(new AgencyStart(item.number(), part.agencyId(), part.agencyName(),
                            front.pages + agencyBodyPage.get(part) + 1));
                }
            }
            return new PdfResult(doc.getNumberOfPages(), items, agencies, outcomes);
        }
    }

    static String agencyTitle(AgencyPart part) {
        String name = nz(part.agencyName());
        String abbreviation = part.abbreviation();
        if (isBlank(abbreviation) || name.equals(abbreviation) || name.contains("(" + abbreviation + ")")) {
            return name;
        }
        return name + " (" + abbreviation + ")";
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // a file still held by an abandoned worker; the OS temp cleaner takes it
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // nothing more to do: the directory is under the temp root
        }
    }
}
