package se.council.hub.pack.pdf;

/**
 * Why a source file is not shown in full: unreadable, too slow, of a type the PDF does not show, or
 * some of its slides could not be drawn. Worded in English for {@link PdfResult} and in the
 * document's language for the agency's section.
 */
record FileProblem(Kind kind, String detail) {

    enum Kind { UNREADABLE, TIMEOUT, UNSUPPORTED, SLIDES_NOT_DRAWN }

    static FileProblem of(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause
                && (cause.getMessage() == null || cause instanceof java.util.concurrent.ExecutionException
                    || cause instanceof java.util.concurrent.CompletionException)) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null ? "" : ": " + cause.getMessage().strip();
        String detail = cause.getClass().getSimpleName() + message;
        return new FileProblem(Kind.UNREADABLE, detail.length() > 200 ? detail.substring(0, 200) + "…" : detail);
    }

    static FileProblem timeout(java.time.Duration limit) {
        long millis = limit.toMillis();
        String seconds = millis % 1000 == 0 ? String.valueOf(millis / 1000)
                : java.math.BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString();
        return new FileProblem(Kind.TIMEOUT, seconds);
    }

    String english() {
        return switch (kind) {
            case UNREADABLE -> "could not be read (" + detail + ")";
            case TIMEOUT -> "took longer than " + detail + " s to render";
            case UNSUPPORTED -> "not shown in the PDF: files of type " + detail + " are not rendered";
            case SLIDES_NOT_DRAWN -> "slide(s) " + detail + " could not be drawn";
        };
    }

    String text(PdfTexts texts) {
        return switch (kind) {
            case UNREADABLE -> texts.unreadable(detail);
            case TIMEOUT -> texts.timedOut(detail);
            case UNSUPPORTED -> texts.unsupported(detail);
            case SLIDES_NOT_DRAWN -> texts.slidesNotDrawn(detail);
        };
    }
}
