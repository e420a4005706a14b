package se.council.hub.pack.deck;

import static org.assertj.core.api.Assertions.assertThat;
import static se.council.hub.pack.deck.DeckAssertions.allText;
import static se.council.hub.pack.deck.DeckAssertions.design;
import static se.council.hub.pack.deck.DeckAssertions.notes;
import static se.council.hub.pack.deck.DeckAssertions.pictureHashes;
import static se.council.hub.pack.deck.DeckAssertions.texts;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.openxml4j.opc.PackageRelationship;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFChart;
import org.apache.poi.xslf.usermodel.XSLFPictureShape;
import org.apache.poi.xslf.usermodel.XSLFSlide;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import se.council.hub.pack.PackModel;
import se.council.hub.pack.PackModel.AgencyPart;
import se.council.hub.pack.PackModel.Header;
import se.council.hub.pack.PackModel.Item;
import se.council.hub.pack.PackModel.PartState;
import se.council.hub.pack.PackModel.SourceFile;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeckWriterTest {

    static final String PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation";
    static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    // Sources of the meeting in agenda order.
    final byte[] standard = SourceDecks.standardDeck("Läkemedelsverket", 7);
    final byte[] branded = SourceDecks.brandedDeck("IVO", "Inspektionsblå", "1F4E79", false, 21);
    final byte[] loStandard = resource("lo-standard.pptx");
    final byte[] loFourThree = resource("lo-branded-4x3.pptx");
    final byte[] pdf = pdf(3);
    final byte[] broken = withMalformedSlide(SourceDecks.brandedDeck("SBU", "Trasig", "880000", false, 5));
    final byte[] picture = SourceDecks.png(99, 120, 80);
    final byte[] itemDeck = SourceDecks.brandedDeck("Uppsala universitet", "Forskningsröd", "A00000", true, 31);

    byte[] output;
    DeckResult result;
    XMLSlideShow deck;
    List<XSLFSlide> slides;

    @BeforeAll
    void writeTheMeetingDeck() throws IOException {
        PackModel.Pack pack = new PackModel.Pack(header(false), List.of(
                new Item(1, "Mötet öppnas", "Kim Ordförande", "", List.of(), List.of()),
                new Item(2, "Aktuellt per aktör", "Samtliga", "", List.of(), List.of(
                        part("lv", "Läkemedelsverket", "LV", PartState.RECEIVED, file("lv.pptx", PPTX, standard)),
                        part("ivo", "Inspektionen för vård och omsorg", "IVO", PartState.RECEIVED, file("ivo.pptx", PPTX, branded)),
                        part("ehm", "E-hälsomyndigheten", "EHM", PartState.LATE, file("ehm.pptx", PPTX, loStandard)),
                        part("forte", "Forskningsrådet för hälsa, arbetsliv och välfärd", "Forte", PartState.MISSING),
                        part("ssm", "Strålsäkerhetsmyndigheten", "SSM", PartState.RECEIVED, file("ssm.pptx", PPTX, loFourThree)),
                        part("fohm", "Folkhälsomyndigheten", "FoHM", PartState.RECEIVED, file("fohm.pdf", "application/pdf", pdf)),
                        part("sbu", "Statens beredning för medicinsk och social utvärdering", "SBU", PartState.RECEIVED,
                                file("sbu.pptx", PPTX, broken)),
                        part("shk", "Statens haverikommission", "SHK", PartState.RECEIVED,
                                file("bild.png", "image/png", picture), file("rapport.docx", DOCX, new byte[] {1, 2, 3})))),
                new Item(3, "Information forskningsstudie", "Anna Forskare", "",
                        List.of(file("studie.pptx", PPTX, itemDeck)), List.of()),
                new Item(4, "Nästa möte", "Kim Ordförande", "", List.of(), List.of()),
                new Item(5, "Avslutning", "Kim Ordförande", "", List.of(), List.of())));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        result = new DeckWriter().write(pack, out);
        output = out.toByteArray();
        String keep = System.getProperty("deck.keep");
        if (keep != null) {
            // For a look in PowerPoint or LibreOffice: -Ddeck.keep=/tmp/deck.pptx
            java.nio.file.Files.write(java.nio.file.Path.of(keep), output);
        }
        deck = DeckAssertions.open(output);
        slides = deck.getSlides();
    }

    @Test
    void countsTitleAgendaDividersImportedAndGeneratedSlides() {
        int dividers = 2 /* items 2 and 3 */ + 8 /* agencies */;
        // lv 4, ivo 3, ehm 4, ssm 3, fohm 3 pdf pages, shk 1 picture, item 3's deck 3; generated: missing + problem.
        int imported = 4 + 3 + 4 + 3 + 3 + 1 + 3;
        assertThat(slides).hasSize(2 + dividers + imported + 2);
        assertThat(result.slideCount()).isEqualTo(slides.size());
    }

    @Test
    void opensWithTitleSlideAndAgendaTable() {
        assertThat(texts(slides.get(0))).containsExactly("Nationellt råd för patientsäkerhet",
                "Rådets artonde möte\nOnsdag 26 februari 2025, 09.00–12.00\nSocialstyrelsen, Stockholm\nFysiskt möte");
        assertThat(notes(slides.get(0))).isEqualTo("Referens: NRP-2025-02-26");
        assertThat(texts(slides.get(1))).containsExactly("Dagordning", "Nr", "Ärende", "Föredragande",
                "1.", "Mötet öppnas", "Kim Ordförande", "2.", "Aktuellt per aktör", "Samtliga",
                "3.", "Information forskningsstudie", "Anna Forskare", "4.", "Nästa möte", "Kim Ordförande",
                "5.", "Avslutning", "Kim Ordförande");
    }

    @Test
    void putsAgencySectionsInTheModelsOrderEachFollowedByItsSlides() {
        List<String> firstTexts = slides.stream().map(s -> texts(s).isEmpty() ? "" : texts(s).get(0)).toList();
        assertThat(firstTexts).containsSubsequence("2. Aktuellt per aktör", "Läkemedelsverket",
                "Läkemedelsverket: läget i vården", "Inspektionen för vård och omsorg", "IVO – del 1 av 3",
                "E-hälsomyndigheten", "Forskningsrådet för hälsa, arbetsliv och välfärd", "Strålsäkerhetsmyndigheten",
                "Folkhälsomyndigheten", "Statens beredning för medicinsk och social utvärdering", "Statens haverikommission",
                "3. Information forskningsstudie", "Uppsala universitet – del 1 av 3");
        int section = indexOfFirstText("E-hälsomyndigheten");
        assertThat(texts(slides.get(section))).containsExactly("E-hälsomyndigheten", "EHM\nInkom efter sista dag");
    }

    @Test
    void keepsEveryImportedSlidesTextPicturesNotesAndDesign() {
        assertImportedFaithfully(standard, indexOfFirstText("Läkemedelsverket") + 1);
        assertImportedFaithfully(branded, indexOfFirstText("Inspektionen för vård och omsorg") + 1);
        assertImportedFaithfully(loStandard, indexOfFirstText("E-hälsomyndigheten") + 1);
        assertImportedFaithfully(loFourThree, indexOfFirstText("Strålsäkerhetsmyndigheten") + 1);
        assertImportedFaithfully(itemDeck, indexOfFirstText("3. Information forskningsstudie") + 1);
    }

    @Test
    void keepsDifferentTemplatesSideBySide() {
        XSLFSlide ivo = slides.get(indexOfFirstText("Inspektionen för vård och omsorg") + 1);
        XSLFSlide lv = slides.get(indexOfFirstText("Läkemedelsverket") + 1);
        XSLFSlide study = slides.get(indexOfFirstText("3. Information forskningsstudie") + 1);
        assertThat(design(ivo)).startsWith("Inspektionsblå Title and Content", "Inspektionsblå", "1F4E79");
        assertThat(design(study)).startsWith("Forskningsröd Title and Content", "Forskningsröd", "A00000");
        assertThat(design(lv).get(1)).isEqualTo("Office Theme");
        assertThat(ivo.getSlideMaster()).isNotSameAs(study.getSlideMaster()).isNotSameAs(lv.getSlideMaster());
    }

    @Test
    void keepsTheChartWithItsEmbeddedWorkbookAndTheAudioPart() throws Exception {
        XSLFSlide chartSlide = slides.get(indexOfFirstText("Läkemedelsverket") + 3);
        XSLFChart chart = chartSlide.getRelations().stream().filter(XSLFChart.class::isInstance)
                .map(XSLFChart.class::cast).findFirst().orElseThrow();
        assertThat(chart.getTitle().getBody().getParagraph(0).getText()).isEqualTo("Lex Maria-anmälningar");
        try (XMLSlideShow source = DeckAssertions.open(standard)) {
            XSLFChart sourceChart = source.getSlides().get(2).getRelations().stream()
                    .filter(XSLFChart.class::isInstance).map(XSLFChart.class::cast).findFirst().orElseThrow();
            assertThat(SourceDecks.sha256(embedded(chart))).isEqualTo(SourceDecks.sha256(embedded(sourceChart)));
            assertThat(chart.getWorkbook().getSheetAt(0).getRow(1).getCell(0).getStringCellValue()).isEqualTo("2022");
        }
        XSLFSlide audioSlide = slides.get(indexOfFirstText("Läkemedelsverket") + 4);
        PackageRelationship audio = audioSlide.getPackagePart().getRelationshipsByType(SourceDecks.AUDIO_REL).getRelationship(0);
        PackagePart media = audioSlide.getPackagePart().getRelatedPart(audio);
        try (InputStream in = media.getInputStream()) {
            assertThat(in.readAllBytes()).isEqualTo(SourceDecks.wav(7));
        }
        assertThat(media.getContentType()).isEqualTo("audio/wav");
    }

    @Test
    void saysWhenAnAgencySentNothing() {
        int section = indexOfFirstText("Forskningsrådet för hälsa, arbetsliv och välfärd");
        assertThat(texts(slides.get(section))).containsExactly("Forskningsrådet för hälsa, arbetsliv och välfärd", "Forte");
        assertThat(texts(slides.get(section + 1)))
                .containsExactly("Forskningsrådet för hälsa, arbetsliv och välfärd", "Inget underlag inkom");
    }

    @Test
    void showsEachPdfPageAsAPictureSlide() {
        int section = indexOfFirstText("Folkhälsomyndigheten");
        for (int page = 1; page <= 3; page++) {
            XSLFSlide slide = slides.get(section + page);
            assertThat(slide.getShapes()).singleElement().isInstanceOf(XSLFPictureShape.class);
            XSLFPictureShape pic = (XSLFPictureShape) slide.getShapes().get(0);
            assertThat(pic.getPictureData().getType().contentType).isEqualTo("image/png");
            // A4 portrait, centred on 16:9 with its aspect ratio kept.
            assertThat(pic.getAnchor().getHeight()).isEqualTo(540.0);
            assertThat(pic.getAnchor().getWidth() / pic.getAnchor().getHeight()).isCloseTo(595.0 / 842.0, org.assertj.core.data.Offset.offset(0.01));
        }
        assertThat(texts(slides.get(section + 4)).get(0)).isEqualTo("Statens beredning för medicinsk och social utvärdering");
    }

    @Test
    void replacesABrokenDeckWithASlideSayingWhatWentWrong() {
        int section = indexOfFirstText("Statens beredning för medicinsk och social utvärdering");
        assertThat(texts(slides.get(section + 1))).satisfiesExactly(
                title -> assertThat(title).isEqualTo("sbu.pptx"),
                body -> assertThat(body).startsWith("Presentationen kunde inte läsas: slide 2 is not well-formed XML"));
        DeckResult.FileResult sbu = result.files().stream().filter(f -> f.name().equals("sbu.pptx")).findFirst().orElseThrow();
        assertThat(sbu.slides()).isZero();
        assertThat(sbu.problem()).startsWith("Presentationen kunde inte läsas:");
        // The next agency is intact.
        assertThat(texts(slides.get(section + 2)).get(0)).isEqualTo("Statens haverikommission");
    }

    @Test
    void putsAPictureFileOnItsOwnSlideByteForByte() {
        XSLFSlide slide = slides.get(indexOfFirstText("Statens haverikommission") + 1);
        assertThat(pictureHashes(slide)).containsExactly(SourceDecks.sha256(picture));
    }

    @Test
    void reportsSlidesAndProblemsPerFileInDeckOrder() {
        assertThat(result.files()).extracting(DeckResult.FileResult::name, DeckResult.FileResult::slides,
                        f -> f.problem() != null, DeckResult.FileResult::skipped)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("lv.pptx", 4, false, false),
                        org.assertj.core.groups.Tuple.tuple("ivo.pptx", 3, false, false),
                        org.assertj.core.groups.Tuple.tuple("ehm.pptx", 4, false, false),
                        org.assertj.core.groups.Tuple.tuple("ssm.pptx", 3, false, false),
                        org.assertj.core.groups.Tuple.tuple("fohm.pdf", 3, false, false),
                        org.assertj.core.groups.Tuple.tuple("sbu.pptx", 0, true, false),
                        org.assertj.core.groups.Tuple.tuple("bild.png", 1, false, false),
                        org.assertj.core.groups.Tuple.tuple("rapport.docx", 0, false, true),
                        org.assertj.core.groups.Tuple.tuple("studie.pptx", 3, false, false));
        assertThat(result.files().get(0).sha256()).isEqualTo(SourceDecks.sha256(standard));
        assertThat(result.skippedCount()).isEqualTo(1);
    }

    @Test
    void writesAValidPackageWithUniqueIdsAndOneNotesMaster() throws IOException {
        List<String> names = new ArrayList<>();
        String presentation = null;
        List<String> masters = new ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(output))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                names.add(e.getName());
                if (e.getName().equals("ppt/presentation.xml")) {
                    presentation = new String(zip.readAllBytes(), StandardCharsets.UTF_8);
                } else if (e.getName().matches("ppt/slideMasters/slideMaster\\d+\\.xml")) {
                    masters.add(new String(zip.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        }
        assertThat(names).doesNotHaveDuplicates().contains("[Content_Types].xml", "ppt/presentation.xml");
        assertThat(names.stream().filter(n -> n.startsWith("ppt/notesMasters/") && n.endsWith(".xml"))).hasSize(1);
        assertThat(presentation).contains("<p:sldSz cx=\"12192000\" cy=\"6858000\"");
        List<String> all = new ArrayList<>(ids(presentation, "sldMasterId"));
        masters.forEach(m -> all.addAll(ids(m, "sldLayoutId")));
        assertThat(all).doesNotHaveDuplicates().allSatisfy(id -> assertThat(Long.parseLong(id)).isGreaterThanOrEqualTo(2147483648L));
        assertThat(ids(presentation, "sldMasterId")).hasSize(masters.size());
    }

    @Test
    void sharesOneMasterAmongAllGeneratedSlides() {
        XSLFSlide title = slides.get(0);
        XSLFSlide missing = slides.get(indexOfFirstText("Forskningsrådet för hälsa, arbetsliv och välfärd") + 1);
        XSLFSlide pdfPage = slides.get(indexOfFirstText("Folkhälsomyndigheten") + 1);
        XSLFSlide problem = slides.get(indexOfFirstText("Statens beredning för medicinsk och social utvärdering") + 1);
        assertThat(List.of(missing.getSlideMaster(), pdfPage.getSlideMaster(), problem.getSlideMaster()))
                .allSatisfy(m -> assertThat(m).isSameAs(title.getSlideMaster()));
    }

    @Test
    void writesEnglishLabelsWhenTheHeaderAsks() throws IOException {
        PackModel.Pack pack = new PackModel.Pack(header(true), List.of(
                new Item(1, "Status round", "All", "", List.of(), List.of(
                        part("forte", "Forte", "Forte", PartState.MISSING)))));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new DeckWriter().write(pack, out);
        try (XMLSlideShow english = DeckAssertions.open(out.toByteArray())) {
            assertThat(texts(english.getSlides().get(0)).get(1)).startsWith("Rådets artonde möte\nWednesday 26 February 2025");
            assertThat(texts(english.getSlides().get(1))).startsWith("Agenda", "No.", "Item", "Presenter");
            assertThat(texts(english.getSlides().get(4))).containsExactly("Forte", "Nothing was received");
        }
    }

    @Test
    void writesAnIdenticalTemplateOnlyOnceWhenAgenciesShareIt() throws IOException {
        byte[] one = SourceDecks.brandedDeck("Myndighet A", "Gemensam mall", "336699", false, 1);
        byte[] two = SourceDecks.brandedDeck("Myndighet A", "Gemensam mall", "336699", false, 1);
        PackModel.Pack pack = new PackModel.Pack(header(false), List.of(
                new Item(1, "Aktuellt per aktör", "", "", List.of(), List.of(
                        part("a", "A", "A", PartState.RECEIVED, file("a.pptx", PPTX, one)),
                        part("b", "B", "B", PartState.RECEIVED, file("b.pptx", PPTX, two))))));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new DeckWriter().write(pack, out);
        try (XMLSlideShow merged = DeckAssertions.open(out.toByteArray())) {
            // The frame's master and one shared agency master.
            assertThat(merged.getSlideMasters()).hasSize(2);
            assertThat(merged.getSlides()).hasSize(2 + 1 + 2 + 6);
        }
    }

    @Test
    void explainsAFileThatIsNotAZipAtAll() throws IOException {
        PackModel.Pack pack = new PackModel.Pack(header(false), List.of(
                new Item(1, "Aktuellt per aktör", "", "", List.of(), List.of(
                        part("a", "Myndigheten", "M", PartState.RECEIVED, file("trasig.pptx", PPTX, "inte en zip".getBytes(StandardCharsets.UTF_8)))))));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DeckResult r = new DeckWriter().write(pack, out);
        assertThat(r.files()).singleElement().satisfies(f -> assertThat(f.problem()).startsWith("Presentationen kunde inte läsas: "));
        try (XMLSlideShow merged = DeckAssertions.open(out.toByteArray())) {
            assertThat(allText(merged.getSlides().get(merged.getSlides().size() - 1))).contains("trasig.pptx", "kunde inte läsas");
        }
    }

    private void assertImportedFaithfully(byte[] source, int start) {
        try (XMLSlideShow src = DeckAssertions.open(source)) {
            List<XSLFSlide> sourceSlides = src.getSlides();
            for (int i = 0; i < sourceSlides.size(); i++) {
                XSLFSlide expected = sourceSlides.get(i);
                XSLFSlide actual = slides.get(start + i);
                assertThat(texts(actual)).as("text of slide %d", i + 1).isEqualTo(texts(expected));
                assertThat(pictureHashes(actual)).as("pictures of slide %d", i + 1).isEqualTo(pictureHashes(expected));
                assertThat(notes(actual)).as("notes of slide %d", i + 1).isEqualTo(notes(expected));
                assertThat(design(actual)).as("design of slide %d", i + 1).isEqualTo(design(expected));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private int indexOfFirstText(String text) {
        for (int i = 0; i < slides.size(); i++) {
            List<String> t = texts(slides.get(i));
            if (!t.isEmpty() && t.get(0).equals(text)) {
                return i;
            }
        }
        throw new AssertionError("no slide titled " + text);
    }

    private static List<String> ids(String xml, String element) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("<p:" + element + " id=\"(\\d+)\"").matcher(xml);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private static byte[] embedded(XSLFChart chart) throws Exception {
        for (var rel : chart.getPackagePart().getRelationships()) {
            if (rel.getRelationshipType().endsWith("/package")) {
                try (InputStream in = chart.getPackagePart().getRelatedPart(rel).getInputStream()) {
                    return in.readAllBytes();
                }
            }
        }
        throw new AssertionError("no embedded workbook");
    }

    static Header header(boolean english) {
        return new Header("Nationellt råd för patientsäkerhet", "rådets artonde möte", LocalDate.of(2025, 2, 26),
                "09.00–12.00", "Socialstyrelsen, Stockholm", "Fysiskt möte", "NRP-2025-02-26", english);
    }

    static AgencyPart part(String id, String name, String abbreviation, PartState state, SourceFile... files) {
        return new AgencyPart(id, name, abbreviation, state, "Lägesrapport från " + name, List.of(files));
    }

    static SourceFile file(String name, String type, byte[] content) {
        return new SourceFile(name, type, content.length, SourceDecks.sha256(content), () -> new ByteArrayInputStream(content));
    }

    static byte[] resource(String name) {
        try (InputStream in = DeckWriterTest.class.getResourceAsStream("/pack/deck/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] pdf(int pages) {
        try (PDDocument doc = new PDDocument()) {
            PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
            for (int i = 1; i <= pages; i++) {
                PDPage page = new PDPage(PDRectangle.A4);
                doc.addPage(page);
                try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                    cs.beginText();
                    cs.setFont(font, 36);
                    cs.newLineAtOffset(72, 700);
                    cs.showText("Sida " + i + " av " + pages);
                    cs.endText();
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Same deck with slide 2's XML cut short: passes zip screening, fails the merge's check. */
    static byte[] withMalformedSlide(byte[] pptx) {
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(pptx));
             ByteArrayOutputStream bytes = new ByteArrayOutputStream()) {
            try (ZipOutputStream out = new ZipOutputStream(bytes)) {
                for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                    byte[] content = in.readAllBytes();
                    if (e.getName().equals("ppt/slides/slide2.xml")) {
                        content = new String(content, StandardCharsets.UTF_8).substring(0, 200).getBytes(StandardCharsets.UTF_8);
                    }
                    out.putNextEntry(new ZipEntry(e.getName()));
                    out.write(content);
                    out.closeEntry();
                }
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
