package se.council.hub.pack.pdf;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@link PackPdfWriter} spends time and threads: the limit one source file may take before its
 * section gives up on it, how many files are rendered at once, and the resolution of slides that
 * cannot be drawn as vectors.
 *
 * @param fileTimeLimit longest time one file (deck, PDF, picture) may take to render
 * @param threads       files rendered at the same time; one per core is the useful maximum
 * @param fallbackDpi   resolution of slides drawn as pictures when vector drawing fails
 */
public record PdfOptions(Duration fileTimeLimit, int threads, int fallbackDpi) {

    public PdfOptions {
        Objects.requireNonNull(fileTimeLimit, "fileTimeLimit");
        if (fileTimeLimit.isNegative() || fileTimeLimit.isZero()) {
            throw new IllegalArgumentException("fileTimeLimit must be positive");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1");
        }
        if (fallbackDpi < 36 || fallbackDpi > 600) {
            throw new IllegalArgumentException("fallbackDpi must be between 36 and 600");
        }
    }

    /** 60 s per file, one thread per core, 150 dpi. */
    public static PdfOptions defaults() {
        return new PdfOptions(Duration.ofSeconds(60), Runtime.getRuntime().availableProcessors(), 150);
    }

    public PdfOptions withFileTimeLimit(Duration limit) {
        return new PdfOptions(limit, threads, fallbackDpi);
    }

    public PdfOptions withThreads(int count) {
        return new PdfOptions(fileTimeLimit, count, fallbackDpi);
    }
}
