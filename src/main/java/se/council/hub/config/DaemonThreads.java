package se.council.hub.config;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** Fixed pools of named daemon threads, for the work routes hand to a bean-defined executor. */
public final class DaemonThreads {

    private DaemonThreads() {
    }

    /** {@code size} daemon threads named {@code name-1}, {@code name-2}, … */
    public static ExecutorService fixedPool(String name, int size) {
        AtomicInteger n = new AtomicInteger();
        return Executors.newFixedThreadPool(size, r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }
}
