package se.council.hub.pack.pdf;

import static org.assertj.core.api.Assertions.assertThat;
import static se.council.hub.pack.pdf.PackFixtures.PPTX;
import static se.council.hub.pack.pdf.PackFixtures.deck;
import static se.council.hub.pack.pdf.PackFixtures.file;
import static se.council.hub.pack.pdf.PackFixtures.header;
import static se.council.hub.pack.pdf.PackFixtures.item;
import static se.council.hub.pack.pdf.PackFixtures.noisePng;
import static se.council.hub.pack.pdf.PackFixtures.part;
import static se.council.hub.pack.pdf.PackFixtures.pdf;
import static se.council.hub.pack.pdf.PackFixtures.photoJpeg;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDOutlineItem;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.sl.usermodel.PictureData.PictureType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import se.council.hub.pack.PackModel.AgencyPart;
import se.council.hub.pack.PackModel.Item;
import se.council.hub.pack.PackModel.Pack;
import se.council.hub.pack.PackModel.PartState;
import se.council.hub.pack.PackModel.SourceFile;

class PackPdfWriterTest {

    private static final String STATUS_IVO = "Tillsynen av vårdgivarnas händelseanalyser fortsätter under våren. "
            + "Vi ser fler anmälningar enligt lex Maria från äldreomsorgen och följer upp åtgärderna. "
            + "Rapporten Året i korthet publiceras i maj; där redovisas även iakttagelser från "
            + "ärendehandläggningen i Örebro, Växjö och Luleå.";

    private static byte[] ivoDeck;
    private static byte[] sbuPdf;
    private static byte[] lofPng;

    @BeforeAll
    static void fixtures() {
        ivoDeck = deck("Inspektionen för vård och omsorg – läget", List.of(
                "Fler anmälningar från äldreomsorgen", "Åtgärder efter händelseanalyser"),
                photoJpeg(640, 480, 7, 0.8f), PictureType.JPEG, true, true);
        sbuPdf = pdf("SBU utvarderar metoder for patientsakerhet", "Andra sidan med slutsatser");
        lofPng = noisePng(120, 80, 3);
    }

    /** The council's standard agenda with a status round of four agencies: deck, PDF, missing, picture. */
    private static Pack fullPack() {
        AgencyPart ivo = part("ivo", "Inspektionen för vård och omsorg", "IVO", PartState.RECEIVED, STATUS_IVO,
                file("ivo-läget.pptx", PPTX, ivoDeck));
        AgencyPart sbu = part("sbu", "Statens beredning för medicinsk och social utvärdering (SBU)", "SBU",
                PartState.LATE, "Se bifogad rapport.", file("sbu-rapport.pdf", "application/pdf", sbuPdf));
        AgencyPart skr = part("skr", "Sveriges Kommuner och Regioner", "SKR", PartState.MISSING, null);
        AgencyPart lof = part("lof", "Löf regionernas ömsesidiga försäkringsbolag", "Löf", PartState.RECEIVED,
                "Skadeanmälningar per region, se bild.", file("löf-diagram.png", "image/png", lofPng));
        return PackFixtures.pack(header(false),
                item(1, "Mötet öppnas", "Christina Ek"),
                item(2, "Introduktion", "Christina Ek"),
                new Item(3, "Aktuellt per aktör", "Samtliga", null, List.of(), List.of(ivo, sbu, skr, lof)),
                item(4, "Nästa möte", "Christina Ek"),
                item(5, "Avslutning", "Christina Ek"));
    }

    @Test
    void writesTheAgendaThenEachAgencysTextAndSlidesWithBookmarksContentsAndPageNumbers() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PdfResult result = new PackPdfWriter().write(fullPack(), out);

        try (PDDocument doc = Loader.loadPDF(out.toByteArray())) {
            int front = result.firstPageOfAgency("ivo") - 1;
            // IVO: status page + title slide, 2 picture slides, table, chart; SBU: status page + 2 pages;
            // SKR: one page saying nothing came; Löf: status page + the picture
            assertThat(front).isEqualTo(1);
            assertThat(doc.getNumberOfPages()).isEqualTo(result.pageCount()).isEqualTo(front + 6 + 3 + 1 + 2);
            assertThat(result.agencies()).extracting(PdfResult.AgencyStart::firstPage)
                    .containsExactly(front + 1, front + 7, front + 10, front + 11);
            assertThat(result.problems()).isEmpty();
            assertThat(result.files()).extracting(PdfResult.FileOutcome::name, PdfResult.FileOutcome::pages)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("ivo-läget.pptx", 5),
                            org.assertj.core.groups.Tuple.tuple("sbu-rapport.pdf", 2),
                            org.assertj.core.groups.Tuple.tuple("löf-diagram.png", 1));

            String agenda = text(doc, 1, front);
            assertThat(agenda).contains("Nationellt råd för patientsäkerhet", "Dagordning – rådets nittonde möte",
                    "10 december 2026", "09.00–16.00", "Digifysiskt möte", "Nr", "Ärende", "Föredragande",
                    "Mötet öppnas", "Aktuellt per aktör", "Innehåll");

            // every page says where it is, the council's way
            for (int p = 1; p <= doc.getNumberOfPages(); p++) {
                assertThat(text(doc, p, p)).as("page %d", p).contains(p + "(" + doc.getNumberOfPages() + ")");
            }

            String ivoStatus = text(doc, front + 1, front + 1).replaceAll("\\s+", " ");
            assertThat(ivoStatus).contains("3. Aktuellt per aktör", "Inspektionen för vård och omsorg (IVO)",
                    "Örebro, Växjö och Luleå", "ivo-läget.pptx (5 bilder)");
            assertThat(text(doc, front + 3, front + 3)).contains("Fler anmälningar från äldreomsorgen");
            assertThat(text(doc, front + 5, front + 5)).contains("Vårdskador per region", "Östergötland", "Åtgärdade");
            assertThat(text(doc, front + 7, front + 7)).contains("Inkom efter sista dag för underlag.");
            assertThat(text(doc, front + 8, front + 8)).contains("SBU utvarderar metoder for patientsakerhet");
            assertThat(text(doc, front + 9, front + 9)).contains("Andra sidan med slutsatser");
            assertThat(text(doc, front + 10, front + 10)).contains("Sveriges Kommuner och Regioner (SKR)",
                    "Inget underlag inkom.");
            assertThat(text(doc, front + 12, front + 12)).contains("löf-diagram.png");

            Map<String, Integer> bookmarks = bookmarks(doc);
            assertThat(bookmarks.keySet()).containsExactly("1. Mötet öppnas", "2. Introduktion",
                    "3. Aktuellt per aktör", "  Inspektionen för vård och omsorg (IVO)",
                    "  Statens beredning för medicinsk och social utvärdering (SBU)",
                    "  Sveriges Kommuner och Regioner (SKR)",
                    "  Löf regionernas ömsesidiga försäkringsbolag (Löf)", "4. Nästa möte", "5. Avslutning");
            assertThat(bookmarks.get("3. Aktuellt per aktör")).isEqualTo(front + 1);
            assertThat(bookmarks.get("  Sveriges Kommuner och Regioner (SKR)")).isEqualTo(front + 10);
            assertThat(bookmarks.get("1. Mötet öppnas")).isEqualTo(1);

            // the contents list the same pages the bookmarks go to
            Map<String, Integer> contents = contents(agenda);
            Map<String, Integer> expected = new LinkedHashMap<>();
            bookmarks.forEach((title, page) -> expected.put(title.strip(), page));
            assertThat(contents).containsExactlyEntriesOf(expected);
        }
    }

    @Test
    void keepsSlidePicturesAsTheJpegBytesTheAgencySent() throws IOException {
        byte[] photo = photoJpeg(800, 600, 11, 0.85f);
        byte[] slides = deck("Bilder", List.of("Ett foto", "Samma foto igen"), photo, PictureType.JPEG, false, false);
        Pack pack = PackFixtures.pack(header(false), new Item(1, "Aktuellt per aktör", null, null, List.of(),
                List.of(part("ivo", "Inspektionen för vård och omsorg", "IVO", PartState.RECEIVED, "Bilder.",
                        file("foto.pptx", PPTX, slides)))));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new PackPdfWriter().write(pack, out);

        try (PDDocument doc = Loader.loadPDF(out.toByteArray())) {
            List<PDImageXObject> images = new ArrayList<>();
            for (PDPage page : doc.getPages()) {
                collectImages(page.getResources(), images);
            }
            assertThat(images).isNotEmpty();
            assertThat(images).allSatisfy(image -> {
                assertThat(image.getCOSObject().getCOSName(COSName.FILTER)).isEqualTo(COSName.DCT_DECODE);
                try (InputStream raw = image.getCOSObject().createRawInputStream()) {
                    assertThat(raw.readAllBytes()).isEqualTo(photo);
                }
            });
            // one picture on two slides is embedded once
            assertThat(images.stream().map(PDImageXObject::getCOSObject).distinct()).hasSize(1);
            assertThat(out.size()).isLessThan(photo.length + 200_000);
        }
    }

    @Test
    void aBrokenDeckIsNamedInItsSectionAndTheRestOfThePackIsWritten() throws IOException {
        byte[] broken = "PK\u0003\u0004 not really a deck".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        Pack pack = PackFixtures.pack(header(false), new Item(1, "Aktuellt per aktör", null, null, List.of(), List.of(
                part("ivo", "Inspektionen för vård och omsorg", "IVO", PartState.RECEIVED, "Trasig fil.",
                        file("trasig.pptx", PPTX, broken)),
                part("sbu", "SBU", "SBU", PartState.RECEIVED, "Hel fil.",
                        file("sbu.pdf", "application/pdf", sbuPdf)))));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PdfResult result = new PackPdfWriter().write(pack, out);

        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.name()).isEqualTo("trasig.pptx");
            assertThat(p.agencyId()).isEqualTo("ivo");
            assertThat(p.pages()).isZero();
            assertThat(p.problem()).startsWith("could not be read");
        });
        try (PDDocument doc = Loader.loadPDF(out.toByteArray())) {
            int ivo = result.firstPageOfAgency("ivo");
            assertThat(text(doc, ivo, ivo)).contains("Filen trasig.pptx kunde inte visas i sin helhet",
                    "den gick inte att läsa");
            int sbu = result.firstPageOfAgency("sbu");
            assertThat(sbu).isEqualTo(ivo + 1);
            assertThat(doc.getNumberOfPages()).isEqualTo(sbu + 2);
            assertThat(text(doc, sbu + 2, sbu + 2)).contains("Andra sidan med slutsatser");
        }
    }

    @Test
    void aFileThatOutlivesItsTimeLimitIsReportedAndTheOthersAreStillRendered() throws IOException {
        CountDownLatch never = new CountDownLatch(1);
        SourceFile stuck = new SourceFile("evig.pptx", PPTX, 1000, "0".repeat(64), () -> new InputStream() {
            @Override
            public int read() throws IOException {
                try {
                    // a deck whose reading never ends, until the writer gives up on it
                    never.await();
                } catch (InterruptedException e) {
                    throw new java.io.InterruptedIOException("given up");
                }
                return -1;
            }
        });
        Pack pack = PackFixtures.pack(header(false), new Item(1, "Aktuellt per aktör", null, null, List.of(), List.of(
                part("ivo", "Inspektionen för vård och omsorg", "IVO", PartState.RECEIVED, "Långsam.",
                        file("ivo.pptx", PPTX, ivoDeck)),
                part("sbu", "SBU", "SBU", PartState.RECEIVED, "Fastnar.", stuck))));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PdfResult result = new PackPdfWriter(PdfOptions.defaults().withFileTimeLimit(Duration.ofSeconds(8)))
                .write(pack, out);

        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.name()).isEqualTo("evig.pptx");
            assertThat(p.problem()).isEqualTo("took longer than 8 s to render");
        });
        assertThat(result.files().get(0).pages()).isEqualTo(5);
        try (PDDocument doc = Loader.loadPDF(out.toByteArray())) {
            int sbu = result.firstPageOfAgency("sbu");
            assertThat(text(doc, sbu, sbu)).contains("Filen evig.pptx kunde inte visas i sin helhet",
                    "det tog längre tid än 8 s");
            assertThat(doc.getNumberOfPages()).isEqualTo(sbu);
        }
    }

    @Test
    void anEnglishMeetingGetsAnEnglishAgenda() throws IOException {
        Pack pack = PackFixtures.pack(header(true), item(1, "Opening", "Christina Ek"),
                new Item(2, "Status per agency", null, null, List.of(), List.of(
                        part("skr", "Swedish Association of Local Authorities and Regions", "SKR",
                                PartState.MISSING, null))));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PdfResult result = new PackPdfWriter().write(pack, out);
        try (PDDocument doc = Loader.loadPDF(out.toByteArray())) {
            assertThat(text(doc, 1, 1)).contains("Agenda – the council's nineteenth meeting", "No.", "Item",
                    "Presenter", "10 December 2026", "Contents");
            assertThat(text(doc, 2, 2)).contains("No material was received.", "2(2)");
            assertThat(result.pageCount()).isEqualTo(2);
        }
    }

    /** Renders pages to PNG under target/ so that a person can look at the layout. */
    @Test
    void rendersPagesThatAPersonCanLookAt() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PdfResult result = new PackPdfWriter().write(fullPack(), out);
        Path dir = Files.createDirectories(Path.of("target", "pdf-preview"));
        Files.write(dir.resolve("meeting-pack.pdf"), out.toByteArray());
        try (PDDocument doc = Loader.loadPDF(out.toByteArray())) {
            PDFRenderer renderer = new PDFRenderer(doc);
            for (int page : new int[] {1, result.firstPageOfAgency("ivo"), result.firstPageOfAgency("ivo") + 2,
                                       result.firstPageOfAgency("ivo") + 4, result.firstPageOfAgency("ivo") + 5,
                                       result.firstPageOfAgency("sbu") + 1}) {
                BufferedImage image = renderer.renderImageWithDPI(page - 1, 80);
                assertThat(image.getWidth()).isPositive();
                ImageIO.write(image, "png", dir.resolve("page-" + page + ".png").toFile());
            }
        }
    }

    // ---- reading the PDF back ----------------------------------------------------------------------

    private static String text(PDDocument doc, int from, int to) throws IOException {
        PDFTextStripper stripper = new PDFTextStripper();
        stripper.setStartPage(from);
        stripper.setEndPage(to);
        return stripper.getText(doc);
    }

    /** Bookmark titles (children indented by two spaces) in order, with the page each goes to. */
    private static Map<String, Integer> bookmarks(PDDocument doc) throws IOException {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (PDOutlineItem item : doc.getDocumentCatalog().getDocumentOutline().children()) {
            out.put(item.getTitle(), doc.getPages().indexOf(item.findDestinationPage(doc)) + 1);
            for (PDOutlineItem child : item.children()) {
                out.put("  " + child.getTitle(), doc.getPages().indexOf(child.findDestinationPage(doc)) + 1);
            }
        }
        return out;
    }

    /** The contents list as printed: each line after the heading ends with its page number. */
    private static Map<String, Integer> contents(String agendaText) {
        String after = agendaText.substring(agendaText.indexOf("Innehåll") + "Innehåll".length());
        Map<String, Integer> out = new LinkedHashMap<>();
        Matcher m = Pattern.compile("(?m)^(.+?) (\\d+)$").matcher(after);
        while (m.find()) {
            out.put(m.group(1).strip(), Integer.parseInt(m.group(2)));
        }
        return out;
    }

    private static void collectImages(PDResources resources, List<PDImageXObject> images) throws IOException {
        if (resources == null) {
            return;
        }
        for (COSName name : resources.getXObjectNames()) {
            var x = resources.getXObject(name);
            if (x instanceof PDImageXObject image) {
                images.add(image);
            } else if (x instanceof PDFormXObject form) {
                collectImages(form.getResources(), images);
            }
        }
    }
}
