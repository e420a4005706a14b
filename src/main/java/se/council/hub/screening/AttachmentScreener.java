package se.council.hub.screening;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.council.hub.screening.ScreeningResult.Refusal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Decides whether one attachment may enter the hub, by its content alone: allowed are pptx, pdf,
 * docx, xlsx, png and jpeg; anything else, oversized, macro-carrying, executable, encrypted,
 * malformed or too slow to parse is refused with a reason. Thread-safe; one instance serves all.
 */
public final class AttachmentScreener implements AutoCloseable {

    /** The media types an accepted attachment can have. */
    public static final Set<String> ALLOWED_MEDIA_TYPES = MediaTypes.ALLOWED;

    private static final Logger log = LoggerFactory.getLogger(AttachmentScreener.class);

    private static final long MIB = 1024L * 1024L;

    private final long maxAttachmentBytes;
    private final Duration parseTimeout;
    private final ContentInspector inspector;
    private final ThreadPoolExecutor parsers;

    /**
     * @param maxAttachmentBytes larger files are refused before any parsing
     * @param parseTimeout       how long one file may take to inspect, waiting for a free parser included
     */
    public AttachmentScreener(long maxAttachmentBytes, Duration parseTimeout) {
        this(maxAttachmentBytes, parseTimeout, new ContentInspection(defaultMaxExpandedBytes(maxAttachmentBytes)));
    }

    AttachmentScreener(long maxAttachmentBytes, Duration parseTimeout, ContentInspector inspector) {
        if (maxAttachmentBytes <= 0) {
            throw new IllegalArgumentException("maxAttachmentBytes must be positive: " + maxAttachmentBytes);
        }
        if (parseTimeout == null || parseTimeout.isNegative() || parseTimeout.isZero()) {
            throw new IllegalArgumentException("parseTimeout must be positive: " + parseTimeout);
        }
        this.maxAttachmentBytes = maxAttachmentBytes;
        this.parseTimeout = parseTimeout;
        this.inspector = Objects.requireNonNull(inspector, "inspector");
        int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
        // Unbounded queue, bounded threads: each queued task belongs to a caller blocked in screen(),
        // so the queue cannot outgrow the callers, and the parsers cannot outgrow the CPUs.
        this.parsers = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), new DaemonThreads());
        this.parsers.allowCoreThreadTimeOut(true);
    }

    /**
     * Office packages are held in memory whole while POI reads them; four times the size limit
     * covers real decks (mostly already-compressed images) while bounding what a crafted one costs.
     */
    static long defaultMaxExpandedBytes(long maxAttachmentBytes) {
        long fourTimes = maxAttachmentBytes > Long.MAX_VALUE / 4 ? Long.MAX_VALUE : maxAttachmentBytes * 4;
        return Math.min(Math.max(fourTimes, 32 * MIB), 256 * MIB);
    }

    /**
     * Screens one attachment. Never throws for anything the content does; every problem becomes a
     * refusal in the result.
     *
     * @param displayName the decoded file name as sent (may be null); only used for display
     * @param content     the file's bytes (null is treated as empty)
     * @throws IllegalStateException when the calling thread is interrupted while waiting, since that says
     *                               nothing about the file; the interrupt flag is kept
     */
    public ScreeningResult screen(String displayName, byte[] content) {
        byte[] bytes = content == null ? new byte[0] : content;
        String name = FileNames.safeDisplayName(displayName);
        String sha256 = sha256Hex(bytes);
        long size = bytes.length;

        Verdict verdict;
        if (size > maxAttachmentBytes) {
            verdict = Verdict.refuse(Refusal.TOO_LARGE, ContentInspection.sniff(bytes).toString(),
                    size + " bytes, limit " + maxAttachmentBytes);
        } else if (size == 0) {
            verdict = Verdict.refuse(Refusal.MALFORMED, MediaTypes.OCTET_STREAM, "empty file");
        } else {
            verdict = inspectWithinTimeLimit(name, sha256, bytes);
        }
        return new ScreeningResult(name, verdict.mediaType(), size, sha256, verdict.refusal(), verdict.detail());
    }

    private Verdict inspectWithinTimeLimit(String name, String sha256, byte[] bytes) {
        Future<Verdict> task;
        try {
            task = parsers.submit(() -> inspector.inspect(bytes));
        } catch (RejectedExecutionException e) {
            return Verdict.refuse(Refusal.TIMEOUT, sniffedType(bytes), "screening has been shut down");
        }
        try {
            Verdict verdict = task.get(timeoutNanos(), TimeUnit.NANOSECONDS);
            return verdict != null ? verdict
                    : Verdict.refuse(Refusal.MALFORMED, sniffedType(bytes), "no verdict");
        } catch (TimeoutException e) {
            task.cancel(true);
            log.warn("Screening of '{}' (sha256 {}) gave no verdict within {}; refused", name, sha256, parseTimeout);
            return Verdict.refuse(Refusal.TIMEOUT, sniffedType(bytes), "no verdict within " + parseTimeout);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof VirtualMachineError) {
                // The parser's allocations died with its stack frame; the file is what was wrong.
                log.warn("Screening of '{}' (sha256 {}) exhausted the parser: {}", name, sha256, cause.toString());
            }
            return Verdict.malformed(sniffedType(bytes), cause);
        } catch (InterruptedException e) {
            task.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while screening " + name, e);
        }
    }

    private long timeoutNanos() {
        try {
            return parseTimeout.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE; // a limit beyond ~292 years is no limit
        }
    }

    private static String sniffedType(byte[] bytes) {
        return ContentInspection.sniff(bytes).toString();
    }

    private static String sha256Hex(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }

    /** Stops the parser threads; screening afterwards refuses with TIMEOUT. Spring calls this on shutdown. */
    @Override
    public void close() {
        parsers.shutdownNow();
    }

    /** Daemon threads: a parser stuck in a loop must never keep the JVM from exiting. */
    private static final class DaemonThreads implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "attachment-screening-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    }
}
