package se.council.hub.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The raw half of {@code pack}: {@code soffice --headless --convert-to pdf} of one deck, as a user
 * would run it, timed from start to exit. Memory is measured twice: the sum of the resident sets of
 * the process tree (soffice script, oosplash, soffice.bin), sampled from {@code /proc} every 20 ms,
 * and, when {@code /usr/bin/time} exists, its "Maximum resident set size" (the largest single
 * process of the tree, as getrusage reports it).
 *
 * <p>LibreOffice runs with its own user profile in {@code profileDir}, created by one untimed
 * conversion of a tiny deck when it does not exist yet (a user's LibreOffice has its profile; the
 * first start of a new profile costs several seconds that are not conversion).
 */
final class RawSofficeConvert {

    /** What one conversion took. */
    record Run(double seconds, long peakTreeRssBytes, long maxRssBytes, long pdfBytes, int exitCode) { }

    private static final Pattern MAX_RSS = Pattern.compile("Maximum resident set size \\(kbytes\\): (\\d+)");

    private final PrintStream out;
    private final Duration limit;

    RawSofficeConvert(PrintStream out, Duration limit) {
        this.out = out;
        this.limit = limit;
    }

    /** {@code soffice} on the PATH, or null. */
    static Path soffice() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, "soffice");
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    /** Creates the profile with one untimed conversion of {@code tiny} when it does not exist. */
    void ensureProfile(Path profileDir, Path tiny, Path workDir) throws IOException, InterruptedException {
        if (Files.isDirectory(profileDir.resolve("user"))) {
            return;
        }
        out.println("raw soffice: creating LibreOffice's profile (one untimed conversion of a 1-slide deck)");
        Run warm = convert(tiny, workDir.resolve("soffice-warmup"), profileDir);
        out.printf("raw soffice: profile created in %.1f s (exit %d)%n", warm.seconds(), warm.exitCode());
    }

    /** Converts {@code deck} to PDF into {@code outDir}; times the whole process. */
    Run convert(Path deck, Path outDir, Path profileDir) throws IOException, InterruptedException {
        Files.createDirectories(outDir);
        Path pdf = outDir.resolve(deck.getFileName().toString().replaceFirst("\\.pptx$", ".pdf"));
        Files.deleteIfExists(pdf);
        Path timeLog = outDir.resolve("time-v.txt");
        Files.deleteIfExists(timeLog);
        List<String> command = new ArrayList<>();
        boolean timeV = Files.isExecutable(Path.of("/usr/bin/time"));
        if (timeV) {
            command.addAll(List.of("/usr/bin/time", "-v", "-o", timeLog.toString()));
        }
        command.addAll(List.of(soffice().toString(), "-env:UserInstallation=" + profileDir.toUri(),
                "--headless", "--norestore", "--convert-to", "pdf", "--outdir", outDir.toString(), deck.toString()));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(outDir.resolve("soffice.log").toFile());
        long start = System.nanoTime();
        Process process = pb.start();
        AtomicLong peak = new AtomicLong();
        Thread sampler = new Thread(() -> {
            while (process.isAlive()) {
                peak.accumulateAndGet(treeRss(process.toHandle()), Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "bench-soffice-rss");
        sampler.setDaemon(true);
        sampler.start();
        boolean done = process.waitFor(limit.toSeconds(), TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (!done) {
            out.printf("raw soffice: time limit %s reached; stopping LibreOffice%n", limit);
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor();
        }
        sampler.interrupt();
        sampler.join(1000);
        long maxRss = -1;
        if (timeV && Files.isRegularFile(timeLog)) {
            Matcher m = MAX_RSS.matcher(Files.readString(timeLog, StandardCharsets.UTF_8));
            if (m.find()) {
                maxRss = Long.parseLong(m.group(1)) * 1024;
            }
        }
        long pdfBytes = Files.isRegularFile(pdf) ? Files.size(pdf) : -1;
        int exit = done ? process.exitValue() : -1;
        if (pdfBytes < 0) {
            out.println("raw soffice: no PDF written; log: " + outDir.resolve("soffice.log"));
        }
        return new Run(seconds, peak.get(), maxRss, pdfBytes, exit);
    }

    /** Sum of VmRSS of the process and all its descendants, in bytes (0 when /proc is not there). */
    static long treeRss(ProcessHandle root) {
        long sum = rss(root.pid());
        try (Stream<ProcessHandle> all = root.descendants()) {
            for (ProcessHandle h : (Iterable<ProcessHandle>) all::iterator) {
                sum += rss(h.pid());
            }
        }
        return sum;
    }

    /** This JVM's resident set high-water mark (VmHWM) in bytes, 0 when /proc is not there. */
    static long rssHighWater() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return 0;
    }

    /** VmRSS of one process in bytes, 0 when it is gone. */
    static long rss(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // the process ended between listing and reading
        }
        return 0;
    }
}
