package se.council.hub.screening;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import se.council.hub.screening.ScreeningResult.Refusal;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AttachmentScreenerTest {

    private static final String PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation";
    private static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private static final long MB = 1024 * 1024;

    private final AttachmentScreener screener = new AttachmentScreener(25 * MB, Duration.ofSeconds(30));

    @AfterEach
    void stopParsers() {
        screener.close();
    }

    // --- accepted -------------------------------------------------------------------------------

    @Test
    void acceptsPptxBuiltByPowerPointCompatibleWriter() {
        byte[] pptx = Fixtures.pptx();

        ScreeningResult result = screener.screen("Lägesrapport Q4.pptx", pptx);

        assertAccepted(result, "Lägesrapport Q4.pptx", PPTX, pptx);
    }

    @Test
    void acceptsDocx() {
        byte[] docx = Fixtures.docx();

        assertAccepted(screener.screen("Ärende.docx", docx), "Ärende.docx", DOCX, docx);
    }

    @Test
    void acceptsXlsx() {
        byte[] xlsx = Fixtures.xlsx();

        assertAccepted(screener.screen("Åtgärder.xlsx", xlsx), "Åtgärder.xlsx", XLSX, xlsx);
    }

    @Test
    void acceptsPdf() {
        byte[] pdf = Fixtures.pdf();

        assertAccepted(screener.screen("Protokoll.pdf", pdf), "Protokoll.pdf", "application/pdf", pdf);
    }

    @Test
    void acceptsPngAndJpeg() {
        byte[] png = Fixtures.image("png");
        byte[] jpeg = Fixtures.image("jpeg");

        assertAccepted(screener.screen("diagram.png", png), "diagram.png", "image/png", png);
        assertAccepted(screener.screen("foto.jpg", jpeg), "foto.jpg", "image/jpeg", jpeg);
    }

    @Test
    void decidesByContentNotByName() {
        byte[] pdf = Fixtures.pdf();

        ScreeningResult result = screener.screen("presentation.pptx", pdf);

        assertAccepted(result, "presentation.pptx", "application/pdf", pdf);
    }

    @Test
    void reducesPathInNameToFinalComponent() {
        byte[] pptx = Fixtures.pptx();

        ScreeningResult result = screener.screen("C:\\Users\\x\\Lägesrapport Q4.pptx", pptx);

        assertAccepted(result, "Lägesrapport Q4.pptx", PPTX, pptx);
    }

    @Test
    void allowedMediaTypesAreExactlyTheSixFormats() {
        assertThat(AttachmentScreener.ALLOWED_MEDIA_TYPES).containsExactlyInAnyOrder(
                PPTX, DOCX, XLSX, "application/pdf", "image/png", "image/jpeg");
    }

    // --- macros ---------------------------------------------------------------------------------

    @Test
    void refusesPptxCarryingVbaProjectPart() {
        byte[] renamedPptm = Fixtures.pptxWithVbaProjectPart();

        ScreeningResult result = screener.screen("slides.pptx", renamedPptm);

        assertRefused(result, "slides.pptx", Refusal.MACRO_ENABLED, PPTX, renamedPptm);
        assertThat(result.detail()).contains("vbaProject.bin");
    }

    @Test
    void refusesPptxWithUndeclaredVbaProjectEntry() {
        byte[] sneaky = Fixtures.withExtraEntry(Fixtures.pptx(), "ppt/vbaProject.bin", new byte[]{1, 2, 3});

        ScreeningResult result = screener.screen("slides.pptx", sneaky);

        // POI will not open a package with a part lacking a content type, so the kind stays generic;
        // the macro is still the reason the sender needs to hear.
        assertRefused(result, "slides.pptx", Refusal.MACRO_ENABLED, "application/x-tika-ooxml", sneaky);
        assertThat(result.detail()).isEqualTo("VBA project ppt/vbaProject.bin");
    }

    @Test
    void refusesPptmByMainPartContentType() {
        byte[] pptm = Fixtures.pptm();

        ScreeningResult result = screener.screen("slides.pptx", pptm);

        assertRefused(result, "slides.pptx", Refusal.MACRO_ENABLED,
                "application/vnd.ms-powerpoint.presentation.macroenabled.12", pptm);
        assertThat(result.detail()).contains("macroEnabled");
    }

    // --- executables ----------------------------------------------------------------------------

    @Test
    void refusesWindowsExecutableNamedAsPptx() {
        byte[] exe = Fixtures.peStub();

        ScreeningResult result = screener.screen("slides.pptx", exe);

        assertRefused(result, "slides.pptx", Refusal.EXECUTABLE, "application/x-msdownload; format=pe64", exe);
        assertThat(result.detail()).isEqualTo("application/x-msdownload; format=pe64");
    }

    @Test
    void refusesElfExecutable() {
        byte[] elf = Fixtures.elfStub();

        ScreeningResult result = screener.screen("rapport.pdf", elf);

        assertRefused(result, "rapport.pdf", Refusal.EXECUTABLE, "application/x-executable", elf);
    }

    @Test
    void refusesMachOExecutable() {
        byte[] machO = Fixtures.machOStub();

        ScreeningResult result = screener.screen("bild.png", machO);

        assertRefused(result, "bild.png", Refusal.EXECUTABLE, "application/x-mach-o", machO);
    }

    @Test
    void refusesJavaClassFile() {
        byte[] clazz = Fixtures.javaClassStub();

        ScreeningResult result = screener.screen("Evil.class", clazz);

        assertRefused(result, "Evil.class", Refusal.EXECUTABLE, "application/java-vm", clazz);
    }

    @Test
    void refusesShellAndBatchScripts() {
        byte[] shell = "#!/bin/sh\nrm -rf \"$HOME\"\n".getBytes(StandardCharsets.US_ASCII);
        byte[] batch = "@echo off\r\ndel /q C:\\*\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] node = "#!node\nrequire('child_process')\n".getBytes(StandardCharsets.US_ASCII);

        assertRefused(screener.screen("notes.txt", shell), "notes.txt", Refusal.EXECUTABLE, "application/x-sh", shell);
        assertRefused(screener.screen("notes.txt", batch), "notes.txt", Refusal.EXECUTABLE, "application/x-bat", batch);
        assertRefused(screener.screen("notes.txt", node), "notes.txt", Refusal.EXECUTABLE, "text/x-script", node);
    }

    // --- forbidden types ------------------------------------------------------------------------

    @Test
    void refusesLegacyPowerPointAsForbiddenType() {
        byte[] ppt = Fixtures.legacyPpt();

        ScreeningResult result = screener.screen("Lägesrapport.ppt", ppt);

        assertRefused(result, "Lägesrapport.ppt", Refusal.FORBIDDEN_TYPE, "application/vnd.ms-powerpoint", ppt);
        assertThat(result.detail()).isEqualTo("application/vnd.ms-powerpoint");
    }

    @Test
    void refusesJarAsForbiddenType() {
        byte[] jar = Fixtures.jar();

        ScreeningResult result = screener.screen("tool.jar", jar);

        assertRefused(result, "tool.jar", Refusal.FORBIDDEN_TYPE, "application/java-archive", jar);
        assertThat(result.detail()).isEqualTo("application/java-archive");
    }

    @Test
    void refusesPlainTextAndUnknownBinaryAsForbiddenType() {
        byte[] text = "PK-rapport: hej, här kommer vår rapport.".getBytes(StandardCharsets.UTF_8);
        byte[] noise = Fixtures.randomBytes(4096, 42);

        assertRefused(screener.screen("rapport.pptx", text), "rapport.pptx", Refusal.FORBIDDEN_TYPE, "text/plain", text);
        assertRefused(screener.screen("rapport.pptx", noise), "rapport.pptx", Refusal.FORBIDDEN_TYPE,
                "application/octet-stream", noise);
    }

    // --- encrypted ------------------------------------------------------------------------------

    @Test
    void refusesPasswordProtectedOoxml() {
        byte[] protectedPptx = Fixtures.passwordProtectedPptx();

        ScreeningResult result = screener.screen("Lägesrapport.pptx", protectedPptx);

        assertRefused(result, "Lägesrapport.pptx", Refusal.ENCRYPTED, "application/x-tika-ooxml-protected", protectedPptx);
    }

    @Test
    void refusesPdfThatNeedsPasswordToOpen() {
        byte[] pdf = Fixtures.encryptedPdf("användare");

        ScreeningResult result = screener.screen("Protokoll.pdf", pdf);

        assertRefused(result, "Protokoll.pdf", Refusal.ENCRYPTED, "application/pdf", pdf);
        assertThat(result.detail()).contains("password required");
    }

    @Test
    void refusesPdfEncryptedWithOwnerPasswordOnly() {
        byte[] pdf = Fixtures.encryptedPdf("");

        ScreeningResult result = screener.screen("Protokoll.pdf", pdf);

        assertRefused(result, "Protokoll.pdf", Refusal.ENCRYPTED, "application/pdf", pdf);
        assertThat(result.detail()).contains("permissions password");
    }

    // --- malformed ------------------------------------------------------------------------------

    @Test
    void refusesTruncatedPptxAsMalformed() {
        byte[] truncated = Fixtures.truncated(Fixtures.pptx());

        ScreeningResult result = screener.screen("Lägesrapport.pptx", truncated);

        assertThat(result.refusal()).isEqualTo(Refusal.MALFORMED);
        assertThat(result.detail()).isNotBlank();
        assertThat(result.sha256()).isEqualTo(sha256(truncated));
        assertThat(result.name()).isEqualTo("Lägesrapport.pptx");
        assertThat(result.size()).isEqualTo(truncated.length);
    }

    @Test
    void refusesDocxThatPoiCannotOpenAsMalformed() {
        byte[] broken = Fixtures.docxWithBrokenDocumentXml();

        ScreeningResult result = screener.screen("Ärende.docx", broken);

        assertRefused(result, "Ärende.docx", Refusal.MALFORMED, DOCX, broken);
        assertThat(result.detail()).isNotBlank();
    }

    @Test
    void refusesPdfThatPdfBoxCannotLoadAsMalformed() {
        byte[] garbage = "%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >>\nbroken".getBytes(StandardCharsets.US_ASCII);

        ScreeningResult result = screener.screen("Protokoll.pdf", garbage);

        assertRefused(result, "Protokoll.pdf", Refusal.MALFORMED, "application/pdf", garbage);
        assertThat(result.detail()).isNotBlank();
    }

    @Test
    void refusesTruncatedPngAsMalformed() {
        byte[] png = java.util.Arrays.copyOf(Fixtures.image("png"), 12);

        ScreeningResult result = screener.screen("diagram.png", png);

        assertRefused(result, "diagram.png", Refusal.MALFORMED, "image/png", png);
        assertThat(result.detail()).isNotBlank();
    }

    @Test
    void refusesJpegWithoutReadableHeaderAsMalformed() {
        byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0};

        ScreeningResult result = screener.screen("foto.jpg", jpeg);

        assertRefused(result, "foto.jpg", Refusal.MALFORMED, "image/jpeg", jpeg);
    }

    @Test
    void refusesImageWhoseHeaderDeclaresAbsurdDimensions() {
        byte[] png = Fixtures.pngDeclaringHugeDimensions();

        ScreeningResult result = screener.screen("diagram.png", png);

        assertRefused(result, "diagram.png", Refusal.MALFORMED, "image/png", png);
    }

    @Test
    void refusesEmptyFileAsMalformed() {
        byte[] empty = new byte[0];

        ScreeningResult result = screener.screen("tom.pptx", empty);

        assertRefused(result, "tom.pptx", Refusal.MALFORMED, "application/octet-stream", empty);
        assertThat(result.detail()).isEqualTo("empty file");
    }

    @Test
    void refusesZipBombNamedLikeOoxmlPart() {
        byte[] bomb = Fixtures.zipBomb(64);

        ScreeningResult result = screener.screen("Lägesrapport.pptx", bomb);

        assertThat(bomb.length).isLessThan(1024 * 1024);
        assertThat(result.refusal()).isEqualTo(Refusal.MALFORMED);
        assertThat(result.detail()).startsWith("zip bomb").contains("ppt/slides/slide2.xml");
        assertThat(result.sha256()).isEqualTo(sha256(bomb));
        assertThat(result.name()).isEqualTo("Lägesrapport.pptx");
    }

    @Test
    void refusesOoxmlWhoseTotalExpansionExceedsBudget() {
        // Incompressible data defeats the ratio guard; only the ceiling on expanded bytes stops it.
        byte[] large = Fixtures.withExtraEntry(Fixtures.pptx(), "ppt/media/image9.bin", Fixtures.randomBytes(3 * 1024 * 1024, 7));
        try (AttachmentScreener tight = new AttachmentScreener(25 * MB, Duration.ofSeconds(30),
                new ContentInspection(2 * MB))) {

            ScreeningResult result = tight.screen("Lägesrapport.pptx", large);

            assertThat(result.refusal()).isEqualTo(Refusal.MALFORMED);
            assertThat(result.detail()).startsWith("zip bomb").contains("expands beyond " + 2 * MB);
            assertThat(result.sha256()).isEqualTo(sha256(large));
        }
    }

    // --- size and time --------------------------------------------------------------------------

    @Test
    void refusesOversizedFileBeforeAnyParsing() {
        byte[] pptx = Fixtures.pptx();
        AtomicBoolean parsed = new AtomicBoolean();
        try (AttachmentScreener small = new AttachmentScreener(pptx.length - 1, Duration.ofSeconds(30), content -> {
            parsed.set(true);
            return Verdict.accept(PPTX);
        })) {

            ScreeningResult result = small.screen("Lägesrapport.pptx", pptx);

            assertRefused(result, "Lägesrapport.pptx", Refusal.TOO_LARGE, "application/x-tika-ooxml", pptx);
            assertThat(result.detail()).isEqualTo(pptx.length + " bytes, limit " + (pptx.length - 1));
            assertThat(parsed).isFalse();
        }
    }

    @Test
    void acceptsFileOfExactlyTheSizeLimit() {
        byte[] pptx = Fixtures.pptx();
        try (AttachmentScreener exact = new AttachmentScreener(pptx.length, Duration.ofSeconds(30))) {
            assertAccepted(exact.screen("Lägesrapport.pptx", pptx), "Lägesrapport.pptx", PPTX, pptx);
        }
    }

    @Test
    void refusesWithTimeoutWhenParsingTakesTooLongAndInterruptsTheParser() throws InterruptedException {
        byte[] pptx = Fixtures.pptx();
        CountDownLatch neverReleased = new CountDownLatch(1);
        CountDownLatch parserInterrupted = new CountDownLatch(1);
        try (AttachmentScreener slow = new AttachmentScreener(25 * MB, Duration.ofMillis(50), content -> {
            try {
                neverReleased.await();
            } catch (InterruptedException e) {
                parserInterrupted.countDown();
            }
            return Verdict.accept(PPTX);
        })) {

            ScreeningResult result = slow.screen("Lägesrapport.pptx", pptx);

            assertRefused(result, "Lägesrapport.pptx", Refusal.TIMEOUT, "application/x-tika-ooxml", pptx);
            assertThat(result.detail()).isEqualTo("no verdict within PT0.05S");
            assertThat(parserInterrupted.await(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            neverReleased.countDown();
        }
    }

    @Test
    void refusesWithTimeoutForRealParserGivenNoTime() {
        byte[] large = Fixtures.pptx(40);
        try (AttachmentScreener hasty = new AttachmentScreener(25 * MB, Duration.ofNanos(1))) {

            ScreeningResult result = hasty.screen("Lägesrapport.pptx", large);

            assertRefused(result, "Lägesrapport.pptx", Refusal.TIMEOUT, "application/x-tika-ooxml", large);
        }
    }

    @Test
    void throwsAndKeepsInterruptWhenCallerIsInterruptedRatherThanRefusingTheFile() {
        byte[] pptx = Fixtures.pptx();
        CountDownLatch neverReleased = new CountDownLatch(1);
        try (AttachmentScreener blocked = new AttachmentScreener(25 * MB, Duration.ofSeconds(30), content -> {
            neverReleased.await();
            return Verdict.accept(PPTX);
        })) {
            Thread.currentThread().interrupt();

            assertThatThrownBy(() -> blocked.screen("Lägesrapport.pptx", pptx))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("Lägesrapport.pptx")
                    .hasCauseInstanceOf(InterruptedException.class);
            assertThat(Thread.interrupted()).isTrue();
        } finally {
            neverReleased.countDown();
        }
    }

    @Test
    void turnsParserCrashIntoMalformed() {
        byte[] pdf = Fixtures.pdf();
        try (AttachmentScreener crashing = new AttachmentScreener(25 * MB, Duration.ofSeconds(30), content -> {
            throw new StackOverflowError("deeply nested");
        })) {

            ScreeningResult result = crashing.screen("Protokoll.pdf", pdf);

            assertRefused(result, "Protokoll.pdf", Refusal.MALFORMED, "application/pdf", pdf);
            assertThat(result.detail()).isEqualTo("StackOverflowError: deeply nested");
        }
    }

    @Test
    void rejectsNonsensicalLimits() {
        assertThatThrownBy(() -> new AttachmentScreener(0, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AttachmentScreener(1, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // --- concurrency ----------------------------------------------------------------------------

    @Test
    void screensConcurrentlyWithSameResultsAsOneByOne() throws Exception {
        Map<String, byte[]> files = Map.of(
                "a.pptx", Fixtures.pptx(),
                "b.docx", Fixtures.docx(),
                "c.xlsx", Fixtures.xlsx(),
                "d.pdf", Fixtures.pdf(),
                "e.pptx", Fixtures.pptxWithVbaProjectPart(),
                "f.exe", Fixtures.peStub(),
                "g.png", Fixtures.image("png"));
        Map<String, ScreeningResult> oneByOne = new java.util.HashMap<>();
        files.forEach((name, content) -> oneByOne.put(name, screener.screen(name, content)));

        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            List<Callable<ScreeningResult>> calls = new ArrayList<>();
            for (int round = 0; round < 6; round++) {
                files.forEach((name, content) -> calls.add(() -> screener.screen(name, content)));
            }
            for (Future<ScreeningResult> f : callers.invokeAll(calls)) {
                ScreeningResult concurrent = f.get();
                assertThat(concurrent).isEqualTo(oneByOne.get(concurrent.name()));
            }
        } finally {
            callers.shutdownNow();
        }
        assertThat(oneByOne.get("a.pptx").accepted()).isTrue();
        assertThat(oneByOne.get("e.pptx").refusal()).isEqualTo(Refusal.MACRO_ENABLED);
    }

    // --- helpers --------------------------------------------------------------------------------

    private static void assertAccepted(ScreeningResult result, String name, String mediaType, byte[] content) {
        assertThat(result.accepted()).as("accepted, but refused: %s %s", result.refusal(), result.detail()).isTrue();
        assertThat(result.refusal()).isNull();
        assertThat(result.detail()).isNull();
        assertThat(result.mediaType()).isEqualTo(mediaType);
        assertThat(result.name()).isEqualTo(name);
        assertThat(result.size()).isEqualTo(content.length);
        assertThat(result.sha256()).isEqualTo(sha256(content));
    }

    private static void assertRefused(ScreeningResult result, String name, Refusal refusal, String mediaType, byte[] content) {
        assertThat(result.accepted()).isFalse();
        assertThat(result.refusal()).as("refusal (detail: %s)", result.detail()).isEqualTo(refusal);
        assertThat(result.mediaType()).isEqualTo(mediaType);
        assertThat(result.name()).isEqualTo(name);
        assertThat(result.size()).isEqualTo(content.length);
        assertThat(result.sha256()).isEqualTo(sha256(content));
    }

    /** Computed differently from the screener (BigInteger, not HexFormat) so a shared bug cannot hide. */
    static String sha256(byte[] content) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(content);
            return String.format("%064x", new BigInteger(1, digest));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
