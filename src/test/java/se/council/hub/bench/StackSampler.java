package se.council.hub.bench;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A poor man's sampling profiler: every few milliseconds it takes the stacks of the threads whose
 * names match a pattern and counts, per sample, the top frame (where the thread is), the first
 * frames outside the JDK (which library call it is in) and the innermost frame of the hub's own code (which step of the hub it is in). Enough to say where the
 * time of a single-threaded consumer goes. Switched on with {@code -Dbench.profile=true}; the
 * threads with {@code -Dbench.profile.threads=REGEX} (each benchmark has a default).
 */
final class StackSampler implements AutoCloseable {

    private static final int DEPTH = Integer.getInteger("bench.profile.depth", 4);
    /** Optional class-name prefix, e.g. {@code org.apache.camel.component.mail}: also counts the innermost frame in it. */
    private static final String FOCUS = System.getProperty("bench.profile.frame", "");

    private final Pattern threads;
    private final long intervalMillis;
    private final ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    private final Map<String, Integer> leaf = new HashMap<>();
    private final Map<String, Integer> hubFrame = new HashMap<>();
    private final Map<String, Integer> libraryFrame = new HashMap<>();
    private final Map<String, Integer> threadNames = new HashMap<>();
    private final Map<String, Integer> focusFrame = new HashMap<>();
    private final Thread thread;
    private volatile boolean running = true;
    private int samples;

    private StackSampler(Pattern threads, long intervalMillis) {
        this.threads = threads;
        this.intervalMillis = intervalMillis;
        this.thread = new Thread(this::run, "bench-stack-sampler");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** A sampler when {@code bench.profile} is true, else null. */
    static StackSampler startIfAsked(String defaultThreads) {
        if (!Boolean.getBoolean("bench.profile")) {
            return null;
        }
        String regex = System.getProperty("bench.profile.threads", defaultThreads);
        System.out.println("profile: sampling threads matching /" + regex + "/ every 10 ms");
        return new StackSampler(Pattern.compile(regex), 10);
    }

    private void run() {
        while (running) {
            for (ThreadInfo info : mx.dumpAllThreads(false, false, 40)) {
                if (info == null || !threads.matcher(info.getThreadName()).find()) {
                    continue;
                }
                StackTraceElement[] stack = info.getStackTrace();
                synchronized (this) {
                    samples++;
                    threadNames.merge(info.getThreadName(), 1, Integer::sum);
                    String top = stack.length == 0 ? "(no stack)" : frame(stack[0]);
                    leaf.merge(info.getThreadState() + " " + top, 1, Integer::sum);
                    StringBuilder library = new StringBuilder(info.getThreadState().toString());
                    int depth = 0;
                    for (StackTraceElement e : stack) {
                        String c = e.getClassName();
                        if (!c.startsWith("java.") && !c.startsWith("jdk.") && !c.startsWith("sun.")
                                && !c.contains("$$")) {
                            library.append(depth == 0 ? " " : " < ").append(frame(e));
                            if (++depth == DEPTH) {
                                break;
                            }
                        }
                    }
                    libraryFrame.merge(library.toString(), 1, Integer::sum);
                    String own = "(not in se.council)";
                    for (StackTraceElement e : stack) {
                        if (e.getClassName().startsWith("se.council.hub.")
                                && !e.getClassName().startsWith("se.council.hub.bench.")) {
                            own = frame(e);
                            break;
                        }
                    }
                    hubFrame.merge(own, 1, Integer::sum);
                    if (!FOCUS.isEmpty()) {
                        String focus = "(not in " + FOCUS + ")";
                        for (StackTraceElement e : stack) {
                            if (e.getClassName().startsWith(FOCUS)) {
                                focus = frame(e);
                                break;
                            }
                        }
                        focusFrame.merge(info.getThreadState() + " " + focus, 1, Integer::sum);
                    }
                }
            }
            try {
                Thread.sleep(intervalMillis);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static String frame(StackTraceElement e) {
        return e.getClassName() + "." + e.getMethodName() + ":" + e.getLineNumber();
    }

    /** Prints the histograms: top frames, innermost hub frames, sampled threads. */
    synchronized void report(PrintStream out, int top) {
        out.printf("profile: %d samples%n", samples);
        print(out, "top frame", leaf, top);
        print(out, "first " + DEPTH + " frames outside the JDK (callee < caller)", libraryFrame, top);
        print(out, "innermost hub frame", hubFrame, top);
        if (!FOCUS.isEmpty()) {
            print(out, "innermost " + FOCUS + " frame", focusFrame, top);
        }
        print(out, "thread", threadNames, 6);
    }

    private void print(PrintStream out, String title, Map<String, Integer> counts, int top) {
        out.println("profile: by " + title + ":");
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(top)
                .forEach(e -> out.printf("profile:   %5.1f%%  %s%n", 100.0 * e.getValue() / Math.max(1, samples), e.getKey()));
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
