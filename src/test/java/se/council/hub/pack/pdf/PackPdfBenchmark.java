package se.council.hub.pack.pdf;

import java.awt.geom.Rectangle2D;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.poi.sl.usermodel.PictureData.PictureType;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFPictureData;
import org.apache.poi.xslf.usermodel.XSLFSlide;
import org.apache.poi.xslf.usermodel.XSLFTextBox;

import se.council.hub.pack.PackModel.AgencyPart;
import se.council.hub.pack.PackModel.Item;
import se.council.hub.pack.PackModel.Pack;
import se.council.hub.pack.PackModel.PartState;
import se.council.hub.pack.PackModel.SourceFile;

/**
 * The benchmark input for the PDF alone: 20 agencies × 15 slides, each slide with its own
 * 200–300 KB picture (noise PNG or photo-like JPEG). Run in its own JVM with the hub's heap:
 *
 * <pre>java -Xmx768m -cp target/test-classes:target/classes:$(cat target/bench.classpath) \
 *     se.council.hub.pack.pdf.PackPdfBenchmark png|jpeg [runs] [--soffice]</pre>
 *
 * Decks are generated once under target/pdf-bench/; also written is one combined 300-slide deck
 * with the same pictures, the input LibreOffice would be given ({@code --soffice} times that).
 */
public final class PackPdfBenchmark {

    private static final int AGENCIES = 20;
    private static final int SLIDES = 15;

    private PackPdfBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String kind = args.length > 0 ? args[0] : "png";
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        boolean soffice = List.of(args).contains("--soffice");
        Path dir = Files.createDirectories(Path.of("target", "pdf-bench", kind));
        List<Path> decks = decks(dir, kind);
        long total = 0;
        for (Path deck : decks) {
            total += Files.size(deck);
        }
        System.out.printf("input: %d decks, %.1f MB%n", decks.size(), total / 1e6);

        List<AgencyPart> parts = new ArrayList<>();
        for (int a = 0; a < decks.size(); a++) {
            Path deck = decks.get(a);
            SourceFile file = new SourceFile(deck.getFileName().toString(), PackFixtures.PPTX, Files.size(deck),
                    "sha-" + a, () -> Files.newInputStream(deck));
            parts.add(new AgencyPart("a" + a, "Myndighet nummer " + (a + 1), "M" + (a + 1), PartState.RECEIVED,
                    "Lägesrapport från myndighet " + (a + 1) + ": arbetet med patientsäkerhet fortsätter enligt plan.",
                    List.of(file)));
        }
        Pack pack = PackFixtures.pack(PackFixtures.header(false), PackFixtures.item(1, "Mötet öppnas", "Ordförande"),
                new Item(2, "Aktuellt per aktör", "Samtliga", null, List.of(), parts),
                PackFixtures.item(3, "Avslutning", "Ordförande"));

        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int run = 1; run <= runs; run++) {
            System.gc();
            AtomicLong peak = new AtomicLong();
            AtomicBoolean sampling = new AtomicBoolean(true);
            Thread sampler = new Thread(() -> {
                while (sampling.get()) {
                    peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                    try {
                        TimeUnit.MILLISECONDS.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            sampler.setDaemon(true);
            sampler.start();
            Path out = dir.resolve("meeting-pack.pdf");
            com.sun.management.OperatingSystemMXBean os =
                    (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long cpuStart = os.getProcessCpuTime();
            long start = System.nanoTime();
            PdfResult result;
            try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(out))) {
                result = new PackPdfWriter().write(pack, file);
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            long cpuMillis = (os.getProcessCpuTime() - cpuStart) / 1_000_000;
            sampling.set(false);
            sampler.join();
            System.out.printf("run %d: %d ms (cpu %d ms, load %.1f), %d pages, %.1f MB PDF, peak heap used %d MB (max %d MB), problems %d%n",
                    run, millis, cpuMillis, os.getSystemLoadAverage(), result.pageCount(), Files.size(out) / 1e6, peak.get() >> 20,
                    memory.getHeapMemoryUsage().getMax() >> 20, result.problems().size());
        }
        if (soffice) {
            Path combined = dir.resolve("combined.pptx");
            long start = System.nanoTime();
            Process p = new ProcessBuilder("soffice", "--headless", "--convert-to", "pdf", "--outdir",
                    dir.resolve("soffice").toString(), combined.toString()).inheritIO().start();
            int code = p.waitFor();
            System.out.printf("soffice --convert-to pdf of the combined deck: %d ms (exit %d)%n",
                    (System.nanoTime() - start) / 1_000_000, code);
        }
    }

    private static List<Path> decks(Path dir, String kind) throws IOException {
        List<Path> decks = new ArrayList<>();
        boolean jpeg = kind.equals("jpeg");
        Path combined = dir.resolve("combined.pptx");
        boolean have = Files.exists(combined);
        try (XMLSlideShow all = have ? null : new XMLSlideShow()) {
            for (int a = 0; a < AGENCIES; a++) {
                Path deck = dir.resolve(String.format("agency-%02d.pptx", a + 1));
                decks.add(deck);
                if (have) {
                    continue;
                }
                try (XMLSlideShow ppt = new XMLSlideShow()) {
                    for (int s = 0; s < SLIDES; s++) {
                        long seed = a * 1000L + s;
                        byte[] picture = jpeg ? PackFixtures.photoJpeg(1000, 750, seed, 0.75f)
                                : PackFixtures.noisePng(310, 300, seed);
                        PictureType type = jpeg ? PictureType.JPEG : PictureType.PNG;
                        String text = "Myndighet " + (a + 1) + ", bild " + (s + 1) + ": åtgärder och lärdomar";
                        slide(ppt, ppt.addPicture(picture, type), text);
                        slide(all, all.addPicture(picture, type), text);
                    }
                    try (OutputStream out = Files.newOutputStream(deck)) {
                        ppt.write(out);
                    }
                }
            }
            if (!have) {
                try (OutputStream out = Files.newOutputStream(combined)) {
                    all.write(out);
                }
            }
        }
        return decks;
    }

    private static void slide(XMLSlideShow ppt, XSLFPictureData picture, String text) {
        XSLFSlide slide = ppt.createSlide();
        XSLFTextBox box = slide.createTextBox();
        box.setAnchor(new Rectangle2D.Double(40, 20, 640, 60));
        box.addNewTextParagraph().addNewTextRun().setText(text);
        slide.createPicture(picture).setAnchor(new Rectangle2D.Double(120, 100, 480, 400));
    }
}
