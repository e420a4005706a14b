package se.council.hub.screening;

/**
 * The outcome of screening one file: either accepted with its detected media type and
 * content address, or refused with a reason the sender can act on.
 *
 * @param name      safe display name (final path component, decoded, åäö intact)
 * @param mediaType media type detected from the content, never from the name
 * @param size      size in bytes
 * @param sha256    lower-case hex SHA-256 of the content
 * @param refusal   null when accepted
 * @param detail    for a refusal, a short technical detail (detected type, parser message); may be null
 */
public record ScreeningResult(String name, String mediaType, long size, String sha256,
                              Refusal refusal, String detail) {

    public boolean accepted() {
        return refusal == null;
    }

    /** Why a file was refused; each maps to a bilingual explanation in the notices. */
    public enum Refusal {
        TOO_LARGE, FORBIDDEN_TYPE, MACRO_ENABLED, EXECUTABLE, ENCRYPTED, MALFORMED, TIMEOUT
    }
}
