package se.council.hub.bench;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU time of this JVM's threads between two moments, grouped by thread name (digits dropped, so
 * that the threads of one pool count together). What the process used beyond its Java threads is
 * the JVM's own work: JIT compilers and the garbage collector.
 */
final class ThreadCpu {

    private final ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    private final Map<Long, Long> startByThread = new HashMap<>();
    private final double startProcess;
    private final long startGcMillis;
    private final long startGcCount;
    private final long startJitMillis;
    private final long startClasses = ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount();

    private ThreadCpu() {
        for (long id : mx.getAllThreadIds()) {
            long cpu = mx.getThreadCpuTime(id);
            if (cpu >= 0) {
                startByThread.put(id, cpu);
            }
        }
        startProcess = IntakeMailBenchmark.cpuSeconds();
        startGcMillis = gcMillis();
        startGcCount = gcCount();
        startJitMillis = jitMillis();
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(b -> Math.max(0, b.getCollectionTime())).sum();
    }

    private static long gcCount() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(b -> Math.max(0, b.getCollectionCount())).sum();
    }

    private static long jitMillis() {
        var jit = ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : -1;
    }

    /** Starts counting now. */
    static ThreadCpu start() {
        return new ThreadCpu();
    }

    /** Prints CPU seconds per thread group since {@link #start()}, largest first, and the JVM's own share. */
    void report(PrintStream out, String prefix, int mails) {
        double process = IntakeMailBenchmark.cpuSeconds() - startProcess;
        Map<String, Double> byGroup = new HashMap<>();
        double threads = 0;
        for (long id : mx.getAllThreadIds()) {
            long cpu = mx.getThreadCpuTime(id);
            java.lang.management.ThreadInfo info = mx.getThreadInfo(id);
            if (cpu < 0 || info == null) {
                continue;
            }
            double seconds = (cpu - startByThread.getOrDefault(id, 0L)) / 1e9;
            threads += seconds;
            byGroup.merge(info.getThreadName().replaceAll("\\d+", "#"), seconds, Double::sum);
        }
        out.printf("%sCPU by thread (process %.1f s = %.1f ms per mail; threads that ended are not listed):%n",
                prefix, process, 1000 * process / Math.max(1, mails));
        byGroup.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(12)
                .filter(e -> e.getValue() >= 0.05)
                .forEach(e -> out.printf("%s  %6.1f s  %5.1f ms/mail  %s%n", prefix, e.getValue(),
                        1000 * e.getValue() / Math.max(1, mails), e.getKey()));
        out.printf("%s  %6.1f s  %5.1f ms/mail  (the JVM itself: JIT compilers, garbage collector, ended threads)%n",
                prefix, process - threads, 1000 * (process - threads) / Math.max(1, mails));
        out.printf("%s  meanwhile: %d collections taking %.1f s (pauses and concurrent cycles as the collector counts them),"
                        + " JIT compilers busy %.1f s%n", prefix, gcCount() - startGcCount, (gcMillis() - startGcMillis) / 1e3,
                (jitMillis() - startJitMillis) / 1e3);
        out.printf("%s  classes loaded meanwhile: %d%n", prefix,
                ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount() - startClasses);
    }
}
