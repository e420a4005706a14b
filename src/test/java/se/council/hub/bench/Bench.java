package se.council.hub.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point of {@code bench/run NAME}: runs one benchmark and prints, last, exactly one line
 * {@code NAME ratio=<hub/raw> hub=<figure> raw=<figure>}.
 *
 * <p>Without a name it lists the benchmarks. Exit codes: 0 done; 1 failed; 2 unknown name;
 * 3 the hub half is not wired yet (the raw figure has been printed).
 *
 * <p>Settings (system properties, through {@code BENCH_OPTS}): {@code bench.messages} (intake-jms,
 * default 20000), {@code bench.mails} (intake-mail, default 500), {@code bench.mail.partialSample}
 * (default 3), {@code bench.maxSeconds} (time limit of each measured loop, default 600),
 * {@code bench.mailServerHeap} (the GreenMail child's heap, default {@code BENCH_MAIL_HEAP} or 3g);
 * {@code bench.pack.*} for {@code pack} (see {@link PackBenchmark}).
 */
public final class Bench {

    private static final Map<String, Supplier<Benchmark>> BENCHMARKS = new LinkedHashMap<>();

    static {
        register(IntakeJmsBenchmark::new);
        register(IntakeMailBenchmark::new);
        register(PackBenchmark::new);
        register(ProtocolBenchmark::new);
        register(InvitationsBenchmark::new);
    }

    private Bench() {
    }

    private static void register(Supplier<Benchmark> factory) {
        BENCHMARKS.put(factory.get().name(), factory);
    }

    /** Runs the benchmark named by the first argument, or lists them all. */
    public static void main(String[] args) {
        if (args.length == 0) {
            list();
            System.exit(0);
        }
        Supplier<Benchmark> factory = BENCHMARKS.get(args[0]);
        if (factory == null) {
            System.out.println("Unknown benchmark: " + args[0]);
            list();
            System.exit(2);
        }
        quietLogging();
        Benchmark benchmark = factory.get();
        int exit;
        try (PeakHeap heap = PeakHeap.start()) {
            System.out.printf("%s: starting (max heap %.0f MB)%n", benchmark.name(), heap.maxMb());
            try {
                Benchmark.Result result = benchmark.run();
                printHeap(benchmark, heap);
                System.out.printf("%s: hub %s %s, raw %s %s%n", benchmark.name(),
                        figure(result.hub()), result.unit(), figure(result.raw()), result.unit());
                System.out.println(benchmark.name() + " ratio=" + String.format(Locale.ROOT, "%.3f", result.ratio())
                        + " hub=" + figure(result.hub()) + result.suffix()
                        + " raw=" + figure(result.raw()) + result.suffix());
                exit = 0;
            } catch (UnsupportedOperationException e) {
                printHeap(benchmark, heap);
                System.out.println(benchmark.name() + ": " + e.getMessage() + " (raw figure above; no result line)");
                exit = 3;
            } catch (Exception e) {
                System.out.println(benchmark.name() + ": FAILED: " + e);
                e.printStackTrace(System.out);
                exit = 1;
            }
        }
        System.out.flush();
        System.exit(exit);
    }

    private static void printHeap(Benchmark benchmark, PeakHeap heap) {
        System.out.printf("%s: peak heap %.0f MB used, %.0f MB live after GC, of %.0f MB max%n",
                benchmark.name(), heap.peakMb(), heap.peakAfterGcMb(), heap.maxMb());
    }

    private static void list() {
        System.out.println("Benchmarks (bench/run NAME):");
        BENCHMARKS.forEach((name, factory) ->
                System.out.printf("  %-12s %s%n", name, factory.get().description()));
    }

    /** A figure as printed in the result line: plain decimal, dot separator. */
    static String figure(double value) {
        return String.format(Locale.ROOT, value >= 100 ? "%.1f" : "%.3f", value);
    }

    /**
     * An integer system property.
     *
     * @param name property name
     * @param defaultValue used when unset or blank
     * @return the value
     */
    public static int intProperty(String name, int defaultValue) {
        String value = System.getProperty(name);
        return value == null || value.isBlank() ? defaultValue : Integer.parseInt(value.strip());
    }

    /** The time limit of each measured loop: {@code bench.maxSeconds}, default 600. */
    public static Duration timeLimit() {
        return Duration.ofSeconds(intProperty("bench.maxSeconds", 600));
    }

    /** The GreenMail child's heap: {@code bench.mailServerHeap}, else {@code BENCH_MAIL_HEAP}, else 3g. */
    public static String mailServerHeap() {
        String value = System.getProperty("bench.mailServerHeap", System.getenv("BENCH_MAIL_HEAP"));
        return value == null || value.isBlank() ? "3g" : value.strip();
    }

    /** Sets logging to WARN, so that the benchmark's own lines stay readable. */
    public static void quietLogging() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.WARN);
        }
    }

    /**
     * Waits (at most 60 s) until the JIT compilers have drained their queue: less than 20 ms of
     * compilation in the last half second. On 2 cores the queue a started hub leaves keeps both
     * compiler threads busy for long after its first requests, so a figure taken then measures them.
     */
    public static void awaitQuietJit(String prefix) throws InterruptedException {
        var jit = java.lang.management.ManagementFactory.getCompilationMXBean();
        if (jit == null || !jit.isCompilationTimeMonitoringSupported()) {
            return;
        }
        long start = System.nanoTime();
        long last = jit.getTotalCompilationTime();
        while (System.nanoTime() - start < 60_000_000_000L) {
            Thread.sleep(500);
            long now = jit.getTotalCompilationTime();
            if (now - last < 20) {
                break;
            }
            last = now;
        }
        System.out.printf("%sJIT compilers quiet after %.1f s of waiting%n", prefix, (System.nanoTime() - start) / 1e9);
    }
}
