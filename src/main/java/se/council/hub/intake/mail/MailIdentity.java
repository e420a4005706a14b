package se.council.hub.intake.mail;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Identifies a raw mail for idempotent intake: the same mail seen twice (redelivered, or fetched
 * again after a crash) gets the same {@link #contentKey}, while two different mails that happen
 * to share a Message-ID get different keys.
 *
 * <p>The key is the SHA-256 of the message with its <em>trace</em> header fields set aside and
 * line endings normalised to LF. Trace fields are the ones each hop or each delivery stamps
 * anew, so they differ between two deliveries of one mail:
 * <ul>
 *   <li>{@code Received}, {@code X-Received}, {@code Return-Path}, {@code Delivered-To},
 *       {@code X-Delivered-To}, {@code X-Original-To}, {@code Envelope-To}: delivery path and
 *       envelope, written per delivery;</li>
 *   <li>{@code Authentication-Results}, {@code Received-SPF} and {@code ARC-*}: verdicts the
 *       receiving servers stamp on each delivery (a redelivery re-stamps them, possibly with a
 *       different DNS answer or a new ARC instance), so they describe the delivery, not the mail.
 *       They are still read for verification from the raw message; they are only left out of
 *       the key;</li>
 *   <li>a leading mbox {@code From } envelope line.</li>
 * </ul>
 * Everything the sender wrote (Message-ID, Date, From, Subject, DKIM-Signature, body) stays in
 * the key, so a different mail under a reused Message-ID is a different key. Line endings are
 * normalised because a mail stored by one server with CRLF and by another with LF is one mail.
 */
public final class MailIdentity {

    private static final Set<String> TRACE_FIELDS = Set.of(
            "received", "x-received", "return-path", "delivered-to", "x-delivered-to",
            "x-original-to", "envelope-to", "authentication-results", "received-spf");
    private static final Pattern ANGLE_ID = Pattern.compile("<([^<>]*)>");

    private MailIdentity() {
    }

    /** Lower-case hex SHA-256 of the mail without its trace fields, LF line endings. */
    public static String contentKey(byte[] raw) {
        byte[] normalised = normaliseLineEndings(raw == null ? new byte[0] : raw);
        int bodyStart = headerEnd(normalised);
        String headerBlock = new String(normalised, 0, bodyStart, StandardCharsets.ISO_8859_1);
        MessageDigest sha = sha256();
        for (String field : fields(headerBlock)) {
            if (!isTrace(field)) {
                sha.update(field.getBytes(StandardCharsets.ISO_8859_1));
            }
        }
        // A relay that adds or drops the final newline has not changed the mail.
        int end = normalised.length;
        while (end > bodyStart && normalised[end - 1] == '\n') {
            end--;
        }
        sha.update((byte) '\n');
        sha.update(normalised, bodyStart, end - bodyStart);
        return HexFormat.of().formatHex(sha.digest());
    }

    /** The Message-ID with its angle brackets, or null when the mail has none. */
    public static String messageId(byte[] raw) {
        byte[] normalised = normaliseLineEndings(raw == null ? new byte[0] : headerBytes(raw));
        String headerBlock = new String(normalised, 0, headerEnd(normalised), StandardCharsets.ISO_8859_1);
        for (String field : fields(headerBlock)) {
            int colon = field.indexOf(':');
            if (colon > 0 && field.substring(0, colon).trim().equalsIgnoreCase("Message-ID")) {
                List<String> ids = ids(field.substring(colon + 1));
                return ids.isEmpty() ? null : ids.get(0);
            }
        }
        return null;
    }

    /**
     * The message ids in an In-Reply-To, References or Message-ID value, each as
     * {@code <id>}. A value some broken client wrote without brackets counts as one id.
     */
    static List<String> ids(String headerValue) {
        List<String> ids = new ArrayList<>();
        if (headerValue == null) {
            return ids;
        }
        String unfolded = headerValue.replaceAll("\\r?\\n[ \\t]+", " ").trim();
        Matcher m = ANGLE_ID.matcher(unfolded);
        while (m.find()) {
            String id = m.group(1).trim();
            if (!id.isEmpty()) {
                ids.add("<" + id + ">");
            }
        }
        if (ids.isEmpty() && !unfolded.isEmpty() && !unfolded.contains(" ")) {
            ids.add("<" + unfolded + ">");
        }
        return ids;
    }

    private static boolean isTrace(String field) {
        if (field.startsWith("From ")) {
            return true;
        }
        int colon = field.indexOf(':');
        if (colon <= 0) {
            return false;
        }
        String name = field.substring(0, colon).trim().toLowerCase(Locale.ROOT);
        return TRACE_FIELDS.contains(name) || name.startsWith("arc-");
    }

    /** Header fields, each with its continuation lines and its final LF. */
    private static List<String> fields(String headerBlock) {
        List<String> fields = new ArrayList<>();
        StringBuilder current = null;
        for (String line : headerBlock.split("(?<=\n)")) {
            if (line.isEmpty() || line.equals("\n")) {
                continue;
            }
            boolean continuation = (line.charAt(0) == ' ' || line.charAt(0) == '\t') && current != null;
            if (continuation) {
                current.append(line);
            } else {
                if (current != null) {
                    fields.add(current.toString());
                }
                current = new StringBuilder(line);
            }
        }
        if (current != null) {
            fields.add(current.toString());
        }
        return fields;
    }

    /** Index of the first body byte (after the blank line), or the length when there is none. */
    private static int headerEnd(byte[] normalised) {
        if (normalised.length > 0 && normalised[0] == '\n') {
            return 1;
        }
        for (int i = 1; i < normalised.length; i++) {
            if (normalised[i] == '\n' && normalised[i - 1] == '\n') {
                return i + 1;
            }
        }
        return normalised.length;
    }

    private static byte[] normaliseLineEndings(byte[] raw) {
        // A plain array, not a ByteArrayOutputStream: its synchronized write per byte made this
        // loop a noticeable part of taking in a one-megabyte mail.
        byte[] out = new byte[raw.length];
        int n = 0;
        for (int i = 0; i < raw.length; i++) {
            byte b = raw[i];
            if (b == '\r') {
                out[n++] = '\n';
                if (i + 1 < raw.length && raw[i + 1] == '\n') {
                    i++;
                }
            } else {
                out[n++] = b;
            }
        }
        return n == out.length ? out : java.util.Arrays.copyOf(out, n);
    }

    /** The raw header block (up to the first empty line, CRLF or LF), without the body. */
    private static byte[] headerBytes(byte[] raw) {
        for (int i = 0; i + 1 < raw.length; i++) {
            if (raw[i] == '\n' && (raw[i + 1] == '\n' || (raw[i + 1] == '\r' && i + 2 < raw.length && raw[i + 2] == '\n'))) {
                return java.util.Arrays.copyOf(raw, i + 1);
            }
        }
        return raw;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
