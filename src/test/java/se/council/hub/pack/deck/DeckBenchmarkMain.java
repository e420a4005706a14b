package se.council.hub.pack.deck;

import java.awt.Dimension;
import java.awt.geom.Rectangle2D;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.sl.usermodel.PictureData.PictureType;
import org.apache.poi.sl.usermodel.Placeholder;
import org.apache.poi.xslf.usermodel.SlideLayout;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFSlide;

import se.council.hub.pack.PackModel;

/**
 * The benchmark for the deck alone: 20 agencies × 15 slides, each slide with a ~250 KB noise PNG
 * (about 85 MB of decks), read from files as the store would serve them. Prints merge time and peak heap.
 * Run with {@code java -Xmx768m -cp … se.council.hub.pack.deck.DeckBenchmarkMain [work dir] [rounds]}.
 */
public final class DeckBenchmarkMain {

    private DeckBenchmarkMain() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/deck-bench");
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Files.createDirectories(dir);
        List<PackModel.AgencyPart> parts = new ArrayList<>();
        long total = 0;
        for (int a = 1; a <= 20; a++) {
            Path deck = dir.resolve("agency" + a + ".pptx");
            if (!Files.exists(deck)) {
                Files.write(deck, agencyDeck(a));
            }
            long size = Files.size(deck);
            total += size;
            PackModel.SourceFile file = new PackModel.SourceFile("agency" + a + ".pptx", DeckWriterTest.PPTX, size,
                    "sha-" + a, () -> Files.newInputStream(deck));
            parts.add(new PackModel.AgencyPart("a" + a, "Myndighet " + a, "M" + a, PackModel.PartState.RECEIVED,
                    "", List.of(file)));
        }
        PackModel.Pack pack = new PackModel.Pack(new PackModel.Header("Nationellt råd för patientsäkerhet",
                "rådets nittonde möte", LocalDate.of(2026, 12, 10), "09.00–16.00", "Stockholm", "Fysiskt möte",
                "NRP-2026-12-10", false),
                List.of(new PackModel.Item(1, "Mötet öppnas", "Ordförande", "", List.of(), List.of()),
                        new PackModel.Item(2, "Aktuellt per aktör", "Samtliga", "", List.of(), parts)));
        System.out.printf("input: 20 decks, %.1f MB%n", total / 1e6);
        for (int round = 1; round <= rounds; round++) {
            System.gc();
            List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(p -> p.getType() == MemoryType.HEAP).toList();
            heap.forEach(MemoryPoolMXBean::resetPeakUsage);
            Path out = dir.resolve("deck.pptx");
            long start = System.nanoTime();
            DeckResult result;
            try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(out), 1 << 16)) {
                result = new DeckWriter().write(pack, o);
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            System.out.printf("round %d: %d slides, %.1f MB written in %d ms, peak heap (sum of pool peaks) %d MB, max %d MB%n",
                    round, result.slideCount(), Files.size(out) / 1e6, millis, peak >> 20, Runtime.getRuntime().maxMemory() >> 20);
        }
    }

    static byte[] agencyDeck(int agency) throws Exception {
        try (XMLSlideShow ppt = new XMLSlideShow()) {
            ppt.setPageSize(new Dimension(960, 540));
            for (int s = 1; s <= 15; s++) {
                XSLFSlide slide = ppt.createSlide(ppt.getSlideMasters().get(0).getLayout(SlideLayout.TITLE_ONLY));
                SourceDecks.text(slide, Placeholder.TITLE, "Myndighet " + agency + " – bild " + s);
                // 305×305 RGB noise does not compress: ~280 KB per PNG, like a photo.
                slide.createPicture(ppt.addPicture(SourceDecks.png(agency * 100L + s, 305, 305), PictureType.PNG))
                        .setAnchor(new Rectangle2D.Double(300, 120, 360, 360));
            }
            return SourceDecks.bytes(ppt);
        }
    }
}
