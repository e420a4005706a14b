package se.council.hub.screening;

import se.council.hub.screening.ScreeningResult.Refusal;

/**
 * What content inspection concluded about one file: its media type and, when refused, why.
 * The screener adds name, size and hash to make a {@link ScreeningResult}.
 */
record Verdict(String mediaType, Refusal refusal, String detail) {

    // Long parser messages (stack-like XML dumps) are useless in a notice to a sender.
    private static final int MAX_DETAIL = 300;

    static Verdict accept(String mediaType) {
        return new Verdict(mediaType, null, null);
    }

    static Verdict refuse(Refusal refusal, String mediaType, String detail) {
        return new Verdict(mediaType, refusal, shorten(detail));
    }

    static Verdict malformed(String mediaType, Throwable cause) {
        return refuse(Refusal.MALFORMED, mediaType, describe(cause));
    }

    static String describe(Throwable t) {
        String message = t.getMessage();
        return message == null || message.isBlank()
                ? t.getClass().getSimpleName()
                : t.getClass().getSimpleName() + ": " + message.strip();
    }

    private static String shorten(String detail) {
        return detail == null || detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL - 1) + "…";
    }
}
