package se.council.hub.invitation;

import java.nio.charset.StandardCharsets;

/**
 * Content-line folding (RFC 5545 3.1): lines longer than 75 octets are split with CRLF and a space,
 * never inside a UTF-8 character. ical4j folds by characters, so its output is unfolded and folded
 * again here by octets.
 */
public final class IcsText {

    static final int MAX_OCTETS = 75;

    private IcsText() {
    }

    /** The calendar text with every line folded at 75 octets and CRLF line ends. */
    public static String fold(String text) {
        String unfolded = text.replace("\r\n ", "").replace("\r\n\t", "");
        StringBuilder out = new StringBuilder(unfolded.length() + unfolded.length() / 50);
        for (String line : unfolded.split("\r\n")) {
            if (line.isEmpty()) {
                continue;
            }
            int octets = 0;
            int i = 0;
            while (i < line.length()) {
                int cp = line.codePointAt(i);
                int len = utf8Length(cp);
                if (octets + len > MAX_OCTETS) {
                    out.append("\r\n ");
                    octets = 1;
                }
                out.appendCodePoint(cp);
                octets += len;
                i += Character.charCount(cp);
            }
            out.append("\r\n");
        }
        return out.toString();
    }

    /** Octets of the longest line, for checks. */
    static int longestLine(String text) {
        int max = 0;
        for (String line : text.split("\r\n")) {
            max = Math.max(max, line.getBytes(StandardCharsets.UTF_8).length);
        }
        return max;
    }

    private static int utf8Length(int cp) {
        return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    }
}
