package se.council.hub.pack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDate;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Writes a small pack once, in the background, after start: most of a first pack's time is the JVM
 * compiling the deck and PDF code, and the first real pack (often right at a deadline) should not
 * pay for it. Nothing is stored; the hub is ready before this runs.
 */
@Component
@ConditionalOnProperty(name = "hub.pack.warm-up", havingValue = "true", matchIfMissing = true)
class PackWarmUp implements ApplicationRunner {

    private static final Logger LOG = LoggerFactory.getLogger(PackWarmUp.class);

    private final PackDocumentWriter deck;
    private final PackDocumentWriter pdf;

    PackWarmUp(@Qualifier("deckDocumentWriter") PackDocumentWriter deck, @Qualifier("pdfDocumentWriter") PackDocumentWriter pdf) {
        this.deck = deck;
        this.pdf = pdf;
    }

    @Override
    public void run(ApplicationArguments args) {
        Thread thread = new Thread(this::warmUp, "pack-warm-up");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }

    private void warmUp() {
        long started = System.nanoTime();
        try {
            byte[] slides = slides();
            byte[] pages = pages();
            PackModel.SourceFile deckFile = new PackModel.SourceFile("warm-up.pptx",
                    "application/vnd.openxmlformats-officedocument.presentationml.presentation", slides.length,
                    "0".repeat(64), () -> new java.io.ByteArrayInputStream(slides));
            PackModel.SourceFile pdfFile = new PackModel.SourceFile("warm-up.pdf", "application/pdf", pages.length,
                    "1".repeat(64), () -> new java.io.ByteArrayInputStream(pages));
            PackModel.Pack pack = new PackModel.Pack(
                    new PackModel.Header("Warm-up", "warm-up", LocalDate.of(2000, 1, 1), "09.00–10.00", "-", "-", "WARM-2000-01-01", false),
                    List.of(new PackModel.Item(1, "Aktuellt per aktör", null, null, List.of(), List.of(
                            new PackModel.AgencyPart("a", "A", "A", PackModel.PartState.RECEIVED, "Text.", List.of(deckFile, pdfFile)),
                            new PackModel.AgencyPart("b", "B", "B", PackModel.PartState.MISSING, null, List.of())))));
            for (int round = 0; round < 3; round++) {
                deck.write(pack, OutputStream.nullOutputStream());
                pdf.write(pack, OutputStream.nullOutputStream());
            }
            LOG.info("Pack writers warmed up in {} ms", (System.nanoTime() - started) / 1_000_000);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Pack warm-up failed (the first pack will only be slower): {}", e.toString());
        }
    }

    private static byte[] slides() throws IOException {
        try (XMLSlideShow show = new XMLSlideShow(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            show.createSlide().createTextBox().setText("Warm-up");
            show.write(out);
            return out.toByteArray();
        }
    }

    private static byte[] pages() throws IOException {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            doc.addPage(new PDPage());
            doc.save(out);
            return out.toByteArray();
        }
    }
}
