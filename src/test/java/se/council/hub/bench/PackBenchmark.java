package se.council.hub.bench;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import se.council.hub.broker.EmbeddedBroker;
import se.council.hub.meeting.Meeting;
import se.council.hub.meeting.MeetingRepository;
import se.council.hub.pack.PackContents;
import se.council.hub.pack.OriginalsZip;
import se.council.hub.pack.PackDocumentWriter;
import se.council.hub.pack.PackModel;
import se.council.hub.pack.PackService;
import se.council.hub.store.BlobStore;

/**
 * {@code pack}: the meeting pack of 20 agencies × 15 slides, each slide with its own ~280 KB picture
 * (about 85 MB of decks), assembled by the hub, against {@code soffice --headless --convert-to pdf}
 * of the combined deck the hub produced, in the same run. Figures are seconds (lower is better);
 * the ratio is hub seconds / soffice seconds and the target is below 1.0.
 *
 * <p><b>Hub</b>: the hub starts in this JVM ({@link BenchHub}) with a registry that has 20 member
 * agencies in NRP (config/council.yml plus {@code bench-16} … {@code bench-20}), a meeting is
 * created over REST, and each agency sends its deck as a status update on
 * {@code council.intake.status-updates} as its own broker user (JSON with the deck in base64, as
 * the schema says), so the decks go through the real intake (screening, blob store, submission
 * rows). Then {@code PackService.assemble(meetingId, "benchmark")} is called on the hub's bean and
 * timed: gathering from the store, agenda, deck, PDF, originals zip, manifest, storing the files
 * and the version (the mail to the secretariat is queued in the outbox in that transaction; it is
 * sent afterwards and is not timed). The peak heap during the assembly is printed separately.
 *
 * <p><b>Raw</b>: the hub's {@code deck.pptx} is copied out of the store, the hub is stopped, and
 * {@link RawSofficeConvert} converts it.
 *
 * <p>Settings: {@code bench.pack.agencies} (20), {@code bench.pack.slides} (15),
 * {@code bench.pack.dir} (target/pack-bench: decks, registry, LibreOffice profile, outputs),
 * {@code bench.pack.rounds} (2: assemblies timed, each a new pack version; the figure is the first,
 * the hub's first pack after its start, with cold JIT and classes; later ones are printed),
 * {@code bench.pack.breakdown} (true: after the timed assembly, the deck writer, the PDF writer, the
 * originals zip and the blob store run alone, one after the other, on the same content, to show
 * what each costs).
 */
public final class PackBenchmark implements Benchmark {

    /** The council the benchmark meeting belongs to. */
    private static final String COUNCIL = "NRP";

    @Override
    public String name() {
        return "pack";
    }

    @Override
    public String description() {
        return "meeting pack of 20 × 15 slides (~85 MB), hub assembly vs soffice --convert-to pdf (seconds)";
    }

    @Override
    public Result run() throws Exception {
        int agencies = Bench.intProperty("bench.pack.agencies", 20);
        int slides = Bench.intProperty("bench.pack.slides", 15);
        int rounds = Math.max(1, Bench.intProperty("bench.pack.rounds", 2));
        boolean breakdown = Boolean.parseBoolean(System.getProperty("bench.pack.breakdown", "true"));
        boolean storedZipExperiment = "stored-zip".equals(System.getProperty("bench.pack.experiment"));
        if (storedZipExperiment) {
            System.out.println("pack: EXPERIMENT stored-zip: the timed rounds replay PackService.assemble's file work"
                    + " with the originals zip at deflate level 0 (proposal P1); not the hub as built");
        }
        Path work = Path.of(System.getProperty("bench.pack.dir", "target/pack-bench")).toAbsolutePath();
        Files.createDirectories(work);
        if (RawSofficeConvert.soffice() == null) {
            throw new IllegalStateException("soffice is not on the PATH (bench/run installs libreoffice-impress)");
        }

        long t0 = System.nanoTime();
        System.out.printf("pack: input %d agencies × %d slides in %s (generated once, then reused)%n",
                agencies, slides, work.resolve("decks"));
        List<Path> decks = PackDecks.ensure(work.resolve("decks"), agencies, slides);
        long total = 0;
        for (Path d : decks) {
            total += Files.size(d);
        }
        System.out.printf("pack: input ready in %.1f s: %d decks, %.1f MB (%.0f KB per slide)%n",
                (System.nanoTime() - t0) / 1e9, decks.size(), total / 1e6, total / 1e3 / (agencies * slides));

        List<String> members = writeRegistry(work.resolve("council.yml"), agencies);
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("hub.registry.file", work.resolve("council.yml").toString());
        for (String member : members.subList(0, Math.min(agencies, members.size()))) {
            settings.put("hub.broker.agency-passwords." + member, password(member));
        }
        // The pack mail (the whole PDF attached) goes to the embedded GreenMail in this JVM and
        // would be sent during the breakdown and the soffice run: the outbox polls once at start
        // and then only hourly, so the benchmark measures the assembly and nothing else.
        settings.put("hub.outbox.delay", "3600000");
        // PackService's own timing line ("deck and PDF written in … ms").
        settings.put("logging.level.se.council.hub.pack.PackService", "INFO");

        double hubSeconds;
        Path deckCopy = work.resolve("out").resolve("deck.pptx");
        Files.createDirectories(deckCopy.getParent());
        try (BenchHub hub = BenchHub.start(name(), settings)) {
            String reference = hub.createMeeting(BenchHub.meetingDate());
            long meetingId = hub.bean(MeetingRepository.class).findByReference(reference).orElseThrow().id();
            System.out.printf("pack: meeting %s (id %d) created over REST%n", reference, meetingId);
            submit(hub, reference, members.subList(0, agencies), decks);

            PackService packs = hub.bean(PackService.class);
            List<Double> times = new ArrayList<>();
            PackService.Assembled first = null;
            for (int round = 1; round <= rounds; round++) {
                System.gc();
                System.out.printf("pack: assembling (round %d of %d); load %s%n", round, rounds, loadAverage());
                double seconds;
                PackService.Assembled assembled;
                try (PeakHeap heap = PeakHeap.start();
                     StackSampler profile = StackSampler.startIfAsked("^pack-writer$|^pack-pdf-render|^main$")) {
                    long cpu = cpuNanos();
                    long jit = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
                    long classes = ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount();
                    long start = System.nanoTime();
                    if (storedZipExperiment) {
                        assembled = null;
                        replayAssembly(hub, meetingId, work.resolve("out"));
                    } else {
                        assembled = packs.assemble(meetingId, "benchmark");
                    }
                    seconds = (System.nanoTime() - start) / 1e9;
                    System.out.printf("pack: during the assembly: JIT compilation %.1f s (compiler threads), %d classes loaded%n",
                            (ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - jit) / 1e3,
                            ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount() - classes);
                    System.out.printf("pack: hub assembled %s in %.2f s (CPU of this JVM %.1f s); peak heap during"
                                    + " assembly %.0f MB used, %.0f MB live after GC, of %.0f MB max; load %s%n",
                            assembled == null ? "(EXPERIMENT stored-zip replay)" : "version " + assembled.version(), seconds, (cpuNanos() - cpu) / 1e9, heap.peakMb(), heap.peakAfterGcMb(),
                            heap.maxMb(), loadAverage());
                    if (profile != null) {
                        profile.report(System.out, 15);
                    }
                }
                times.add(seconds);
                if (assembled == null) {
                    continue;
                }
                if (first == null) {
                    first = assembled;
                }
                describe(packs, meetingId, assembled.version());
            }
            hubSeconds = times.get(0);
            if (times.size() > 1) {
                System.out.printf("pack: all rounds (s): %s; the figure is the first%n", times);
            }
            if (first == null) {
                first = packs.assemble(meetingId, "benchmark");
                System.out.println("pack: EXPERIMENT stored-zip: one real assembly after the replays, for the deck soffice converts");
            }
            PackService.StoredPackFile deck = packs.file(meetingId, first.version(), PackService.DECK).orElseThrow();
            try (InputStream in = hub.bean(BlobStore.class).open(deck.sha256())) {
                Files.copy(in, deckCopy, StandardCopyOption.REPLACE_EXISTING);
            }
            System.out.printf("pack: hub's deck.pptx copied to %s (%.1f MB)%n", deckCopy, Files.size(deckCopy) / 1e6);
            if (breakdown) {
                breakdown(hub, meetingId, work.resolve("out"));
            }
            System.out.println("pack: stopping the hub");
        }
        System.out.printf("pack: this JVM's resident set peaked at %.0f MB (VmHWM, whole run so far)%n",
                RawSofficeConvert.rssHighWater() / 1048576.0);

        RawSofficeConvert raw = new RawSofficeConvert(System.out, Bench.timeLimit());
        Path profileDir = work.resolve("lo-profile");
        raw.ensureProfile(profileDir, decks.get(0), work);
        System.out.printf("raw soffice: converting the hub's deck.pptx with soffice --headless --convert-to pdf; load %s%n",
                loadAverage());
        RawSofficeConvert.Run run = raw.convert(deckCopy, work.resolve("soffice"), profileDir);
        System.out.printf("raw soffice: %.2f s (exit %d), PDF %.1f MB; peak memory: process tree %.0f MB RSS (sampled),"
                        + " largest process %s (/usr/bin/time -v)%n",
                run.seconds(), run.exitCode(), run.pdfBytes() / 1e6, run.peakTreeRssBytes() / 1048576.0,
                run.maxRssBytes() < 0 ? "n/a" : String.format("%.0f MB", run.maxRssBytes() / 1048576.0));
        if (run.exitCode() != 0 || run.pdfBytes() <= 0) {
            throw new IllegalStateException("soffice did not convert the deck (exit " + run.exitCode() + ")");
        }
        System.out.printf("pack: hub=%.2f s raw=%.2f s (seconds: lower is better; target hub/raw < 1.0)%n",
                hubSeconds, run.seconds());
        return new Result(hubSeconds, run.seconds(), "s", "s");
    }

    /**
     * Sends each agency's deck as a status update on the intake queue, as that agency's broker
     * user, and waits until the store holds all of them.
     */
    private static void submit(BenchHub hub, String reference, List<String> agencies, List<Path> decks) throws Exception {
        long base = hub.count("submission");
        long baseRejections = hub.count("rejection");
        long start = System.nanoTime();
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(hub.brokerUrl())) {
            for (int i = 0; i < agencies.size(); i++) {
                String agency = agencies.get(i);
                byte[] deck = Files.readAllBytes(decks.get(i));
                String body = "{\"meeting\":\"" + reference + "\",\"text\":\"Lägesrapport från " + agency
                        + ": arbetet med patientsäkerhet fortsätter enligt plan.\",\"attachments\":[{\"name\":\"Lägesrapport "
                        + agency + ".pptx\",\"contentBase64\":\"" + Base64.getEncoder().encodeToString(deck) + "\"}]}";
                try (Connection connection = factory.createConnection(agency, password(agency))) {
                    Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                    MessageProducer producer = session.createProducer(session.createQueue(EmbeddedBroker.STATUS_UPDATES));
                    producer.setDeliveryMode(DeliveryMode.PERSISTENT);
                    producer.send(session.createTextMessage(body));
                }
            }
        }
        System.out.printf("pack: %d decks sent to %s as %d agency users in %.1f s; waiting for the intake%n",
                agencies.size(), EmbeddedBroker.STATUS_UPDATES, agencies.size(), (System.nanoTime() - start) / 1e9);
        long deadline = start + Bench.timeLimit().toNanos();
        while (true) {
            long done = hub.count("submission") - base;
            long rejected = hub.count("rejection") - baseRejections;
            if (rejected > 0) {
                throw new IllegalStateException(rejected + " decks were rejected, last: " + hub.lastRejections(3));
            }
            if (done >= agencies.size()) {
                break;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("time limit: " + done + " of " + agencies.size() + " decks stored");
            }
            Thread.sleep(100);
        }
        System.out.printf("pack: %d submissions with %d attachments stored by the hub's intake %.1f s after the first send%n",
                hub.count("submission") - base, hub.count("attachment"), (System.nanoTime() - start) / 1e9);
    }

    /** Prints the stored files of a version and what the manifest says about slides and problems. */
    private static void describe(PackService packs, long meetingId, int version) {
        StringBuilder files = new StringBuilder();
        for (String name : List.of(PackService.AGENDA, PackService.DECK, PackService.PDF, PackService.ORIGINALS,
                PackService.MANIFEST)) {
            packs.file(meetingId, version, name).ifPresent(f ->
                    files.append(files.length() == 0 ? "" : ", ").append(name).append(' ')
                            .append(String.format("%.1f MB", f.size() / 1e6)));
        }
        JsonNode manifest = packs.manifest(meetingId, version);
        int received = 0;
        int slides = 0;
        for (JsonNode a : manifest.path("agencies")) {
            if (!"MISSING".equals(a.path("state").asText())) {
                received++;
            }
            for (JsonNode f : a.path("files")) {
                slides += f.path("slides").asInt();
            }
        }
        System.out.printf("pack: version %d: %s; manifest: %d agencies with a submission, %d source slides, %d problems%s%n",
                version, files, received, slides, manifest.path("problems").size(),
                manifest.path("problems").isEmpty() ? "" : " " + manifest.path("problems"));
    }

    /**
     * An experiment ({@code -Dbench.pack.experiment=stored-zip}), not the hub as built: the file work
     * of {@code PackService.assemble} replayed with the hub's beans, in the same arrangement (deck and
     * PDF on two threads, agenda and originals zip on the calling thread, then each file into the
     * blob store), except that the originals zip is written at deflate level 0 (proposal P1). The
     * manifest and the database rows (milliseconds) are left out.
     */
    private static void replayAssembly(BenchHub hub, long meetingId, Path outDir) throws Exception {
        Meeting meeting = hub.bean(MeetingRepository.class).find(meetingId).orElseThrow();
        PackModel.Pack pack = hub.bean(PackContents.class).gather(meeting).pack();
        Path dir = Files.createTempDirectory(outDir, "replay-");
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            java.util.concurrent.Future<?> deck = pool.submit(() -> writeFile(dir.resolve(PackService.DECK),
                    out -> hub.bean("deckDocumentWriter", PackDocumentWriter.class).write(pack, out)));
            java.util.concurrent.Future<?> pdf = pool.submit(() -> writeFile(dir.resolve(PackService.PDF),
                    out -> hub.bean("pdfDocumentWriter", PackDocumentWriter.class).write(pack, out)));
            writeFile(dir.resolve(PackService.AGENDA), out -> se.council.hub.pack.AgendaDocument.write(pack, out));
            writeFile(dir.resolve(PackService.ORIGINALS), out -> storedOriginals(pack, out));
            deck.get();
            pdf.get();
            for (String name : List.of(PackService.AGENDA, PackService.DECK, PackService.PDF, PackService.ORIGINALS)) {
                hub.bean(BlobStore.class).putFile(dir.resolve(name));
            }
        } finally {
            pool.shutdownNow();
            BenchHub.deleteTree(dir);
        }
    }

    private static Void writeFile(Path target, Write write) throws IOException {
        try (OutputStream out = Files.newOutputStream(target)) {
            write.to(out);
        }
        return null;
    }

    /** The originals as OriginalsZip names them, stored at deflate level 0 (proposal P1). */
    private static void storedOriginals(PackModel.Pack pack, OutputStream out) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.setLevel(Deflater.NO_COMPRESSION);
            for (PackModel.Item item : pack.agenda()) {
                for (PackModel.AgencyPart part : item.parts()) {
                    for (PackModel.SourceFile f : part.files()) {
                        zip.putNextEntry(new ZipEntry(String.format("%02d-%s-%s", item.number(), part.agencyId(), f.name())));
                        try (InputStream in = f.content().open()) {
                            in.transferTo(zip);
                        }
                        zip.closeEntry();
                    }
                }
            }
        }
    }

    /**
     * Not part of the figure: the parts of the assembly each run alone on the same content, one
     * after the other, to show where its time goes: the deck writer, the PDF writer, the originals
     * zip as {@code OriginalsZip} writes it (deflate level 1) and the same entries stored without
     * compression (deflate level 0, the proposed change), and the blob store taking one 85 MB file.
     */
    private static void breakdown(BenchHub hub, long meetingId, Path outDir) throws Exception {
        Meeting meeting = hub.bean(MeetingRepository.class).find(meetingId).orElseThrow();
        long t = System.nanoTime();
        PackContents.Gathered gathered = hub.bean(PackContents.class).gather(meeting);
        System.out.printf("pack: breakdown: gather %.2f s%n", (System.nanoTime() - t) / 1e9);
        PackModel.Pack pack = gathered.pack();
        for (String bean : List.of("deckDocumentWriter", "pdfDocumentWriter")) {
            PackDocumentWriter writer = hub.bean(bean, PackDocumentWriter.class);
            timed(outDir, bean + " alone", out -> writer.write(pack, out), target -> { });
        }
        timed(outDir, "OriginalsZip.write (level 1, as built)", out -> OriginalsZip.write(pack, out), target -> { });
        timed(outDir, "originals stored at level 0 (proposed)", out -> storedOriginals(pack, out), target -> {
            long start = System.nanoTime();
            hub.bean(BlobStore.class).putFile(target);
            System.out.printf("pack: breakdown: BlobStore.putFile of that %.1f MB file %.2f s%n",
                    Files.size(target) / 1e6, (System.nanoTime() - start) / 1e9);
        });
    }

    /** Something that writes one file. */
    private interface Write {
        void to(OutputStream out) throws IOException;
    }

    /** Something done with the written file before it is removed. */
    private interface After {
        void with(Path file) throws IOException;
    }

    private static void timed(Path outDir, String what, Write write, After after) throws IOException {
        System.gc();
        Path target = outDir.resolve("breakdown.tmp");
        try {
            try (PeakHeap heap = PeakHeap.start(); OutputStream out = Files.newOutputStream(target)) {
                long cpu = cpuNanos();
                long start = System.nanoTime();
                write.to(out);
                System.out.printf("pack: breakdown: %s %.2f s (CPU %.1f s), %.1f MB, peak heap %.0f MB used; load %s%n", what,
                        (System.nanoTime() - start) / 1e9, (cpuNanos() - cpu) / 1e9, Files.size(target) / 1e6,
                        heap.peakMb(), loadAverage());
            }
            after.with(target);
        } finally {
            Files.deleteIfExists(target);
        }
    }

    /** CPU time of this JVM (all threads), in nanoseconds. */
    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /**
     * Writes the registry the bench hub reads: config/council.yml with agencies {@code bench-16}
     * … added as members of NRP until it has {@code agencies} members.
     *
     * @return NRP's members in the registry's order
     */
    @SuppressWarnings("unchecked")
    static List<String> writeRegistry(Path target, int agencies) throws IOException {
        Map<String, Object> root;
        try (Reader in = Files.newBufferedReader(Path.of("config", "council.yml"), StandardCharsets.UTF_8)) {
            root = new Yaml().load(in);
        }
        List<Map<String, Object>> all = (List<Map<String, Object>>) root.get("agencies");
        Map<String, Object> council = ((List<Map<String, Object>>) root.get("councils")).stream()
                .filter(c -> COUNCIL.equals(c.get("code"))).findFirst().orElseThrow();
        List<String> members = new ArrayList<>((List<String>) council.get("members"));
        for (int n = members.size() + 1; members.size() < agencies; n++) {
            String id = "bench-" + n;
            Map<String, Object> agency = new LinkedHashMap<>();
            agency.put("id", id);
            agency.put("name", "Myndighet nummer " + n);
            agency.put("abbreviation", "M" + n);
            agency.put("domains", List.of(id + ".example"));
            agency.put("people", List.of(Map.of("name", "Bänk Person " + n, "email", "person@" + id + ".example",
                    "role", "representative")));
            all.add(agency);
            members.add(id);
        }
        council.put("members", members);
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        try (Writer out = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
            new Yaml(options).dump(root, out);
        }
        return members;
    }

    private static String password(String agency) {
        return "bench-" + agency + "-broker-password";
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip().replaceFirst("^(\\S+ \\S+ \\S+).*$", "$1");
        } catch (IOException e) {
            return String.format("%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }
}
