package se.council.hub.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Tracks the peak used heap of this JVM while a benchmark runs.
 *
 * <p>Two sources feed the peak: a daemon thread that samples {@link MemoryMXBean#getHeapMemoryUsage()}
 * every few milliseconds, and GC notifications, whose "usage before GC" is the high-water mark just
 * before each collection (the moment a sampler most easily misses). The GC notifications also give
 * the live heap just after each collection ({@link #peakAfterGcMb()}). Use it in try-with-resources:
 * <pre>{@code
 * try (PeakHeap heap = PeakHeap.start()) {
 *     ...
 *     System.out.println("peak heap " + heap.peakMb() + " MB");
 * }
 * }</pre>
 */
public final class PeakHeap implements AutoCloseable {

    private static final long SAMPLE_MILLIS = 5;

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final AtomicLong peakBytes = new AtomicLong();
    private final AtomicLong peakAfterGcBytes = new AtomicLong();
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final NotificationListener listener = this::onGc;
    private final Thread sampler;
    private volatile boolean running = true;

    private PeakHeap() {
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(listener, null, null);
                emitters.add(emitter);
            }
        }
        sampler = new Thread(this::sample, "peak-heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    /** Starts tracking now; the peak so far is the current use. */
    public static PeakHeap start() {
        PeakHeap heap = new PeakHeap();
        heap.record(heap.memory.getHeapMemoryUsage().getUsed());
        return heap;
    }

    /** The highest used heap seen since {@link #start()}, in bytes. */
    public long peakBytes() {
        record(memory.getHeapMemoryUsage().getUsed());
        return peakBytes.get();
    }

    /** The highest used heap seen since {@link #start()}, in MB (2^20 bytes). */
    public double peakMb() {
        return peakBytes() / (1024.0 * 1024.0);
    }

    /**
     * The highest heap still in use just after a collection, in MB: the live data, a better guide
     * to the heap a run needs than {@link #peakMb()}, which also counts garbage not yet collected.
     * Zero when no collection happened.
     */
    public double peakAfterGcMb() {
        return peakAfterGcBytes.get() / (1024.0 * 1024.0);
    }

    /** The maximum heap this JVM may use (-Xmx), in MB. */
    public double maxMb() {
        return memory.getHeapMemoryUsage().getMax() / (1024.0 * 1024.0);
    }

    private void sample() {
        while (running) {
            record(memory.getHeapMemoryUsage().getUsed());
            try {
                Thread.sleep(SAMPLE_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void onGc(Notification notification, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info =
                GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
        Map<String, MemoryUsage> before = info.getGcInfo().getMemoryUsageBeforeGc();
        Map<String, MemoryUsage> after = info.getGcInfo().getMemoryUsageAfterGc();
        record(heapSum(before));
        long live = heapSum(after);
        peakAfterGcBytes.accumulateAndGet(live, Math::max);
    }

    /** Sums the heap pools of a GC info map (it also holds Metaspace and the code cache). */
    private static long heapSum(Map<String, MemoryUsage> usage) {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                MemoryUsage u = usage.get(pool.getName());
                if (u != null) {
                    sum += u.getUsed();
                }
            }
        }
        return sum;
    }

    private void record(long used) {
        peakBytes.accumulateAndGet(used, Math::max);
    }

    /** Stops sampling and listening. */
    @Override
    public void close() {
        running = false;
        sampler.interrupt();
        for (NotificationEmitter emitter : emitters) {
            try {
                emitter.removeNotificationListener(listener);
            } catch (ListenerNotFoundException e) {
                // already gone
            }
        }
    }
}
