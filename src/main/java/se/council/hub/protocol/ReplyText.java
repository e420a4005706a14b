package se.council.hub.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads an adjuster's reply: the part they wrote themselves (quoted text and what follows a client's
 * "Original Message"/"Från:"/"On … wrote:" separator dropped) and whether its first line approves.
 * Pure, so the rules are unit-tested without mail.
 */
public final class ReplyText {

    /** What an answer says: an approval, or corrections (possibly empty when only a file came). */
    public enum Verdict { APPROVAL, CORRECTIONS }

    private static final Pattern APPROVAL = Pattern.compile(
            "^(godkänd|godkänner|approved|approve)(?![\\p{L}\\p{N}]).*", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern OUTLOOK_SEPARATOR = Pattern.compile(
            "^-{2,}\\s*(original message|ursprungligt meddelande|originalmeddelande|forwarded message|vidarebefordrat meddelande)\\s*-{2,}$",
            Pattern.CASE_INSENSITIVE);
    /** Outlook's header block of the quoted mail: "Från: …", "From: …" (also bold in HTML turned to text: "*From:*"). */
    private static final Pattern HEADER_BLOCK = Pattern.compile("^\\*?(från|from|von|de):\\*?\\s.*", Pattern.CASE_INSENSITIVE);
    /**
     * "On Mon, 1 Dec 2026, Anna wrote:", "Den 1 dec. 2026 kl. 10:00 skrev Anna &lt;a@b&gt;:", Apple Mail's
     * "1 dec. 2026 kl. 10:00 skrev Anna &lt;a@b&gt;:", also wrapped over two lines.
     */
    private static final Pattern ATTRIBUTION = Pattern.compile(
            "^(on\\s.+\\swrote|den\\s.+\\sskrev(\\s.+)?|am\\s.+\\sschrieb(\\s.+)?|.+\\s(skrev|wrote)\\s.*<[^<>@\\s]+@[^<>\\s]+>)\\s*:$", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern SIGNATURE = Pattern.compile("^-- ?$");

    private ReplyText() {
    }

    /** The lines the sender wrote, without quoted text or the quoted mail below a separator; trimmed. */
    public static String own(String text) {
        if (text == null) {
            return "";
        }
        String[] lines = text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String t = line.strip();
            if (t.startsWith(">")) {
                continue;
            }
            if (OUTLOOK_SEPARATOR.matcher(t).matches() || SIGNATURE.matcher(line).matches()
                    || t.matches("^_{10,}$")) {
                break;
            }
            if (HEADER_BLOCK.matcher(t).matches() && looksLikeHeaderBlock(lines, i)) {
                break;
            }
            if (ATTRIBUTION.matcher(t).matches()) {
                break;
            }
            // An attribution wrapped over two lines: "On Tue, 1 Dec 2026 at 10:00, Anna Lind" / "<anna@ivo.example> wrote:"
            if (i + 1 < lines.length && ATTRIBUTION.matcher(t + " " + lines[i + 1].strip()).matches()
                    && (t.toLowerCase(Locale.ROOT).startsWith("on ") || t.toLowerCase(Locale.ROOT).startsWith("den "))) {
                break;
            }
            kept.add(line);
        }
        return String.join("\n", kept).strip();
    }

    /** Whether the first line of the sender's own text approves: Godkänd, Godkänner, Approved or Approve. */
    public static Verdict verdict(String ownText) {
        String first = firstLine(ownText);
        return first != null && APPROVAL.matcher(first).matches() ? Verdict.APPROVAL : Verdict.CORRECTIONS;
    }

    /** The first non-blank line, stripped of leading markup such as "*", or null. */
    static String firstLine(String text) {
        if (text == null) {
            return null;
        }
        for (String line : text.split("\n")) {
            String t = line.strip().replaceFirst("^[*_\"'“”„]+", "");
            if (!t.isEmpty()) {
                return t;
            }
        }
        return null;
    }

    /** A "From:" line starts the quoted mail only when a "Sent:"/"Skickat:"/"To:"/"Subject:" line follows within a few lines. */
    private static boolean looksLikeHeaderBlock(String[] lines, int from) {
        for (int j = from + 1; j < Math.min(lines.length, from + 6); j++) {
            String t = lines[j].strip().replace("*", "").toLowerCase(Locale.ROOT);
            if (t.startsWith("sent:") || t.startsWith("skickat:") || t.startsWith("to:") || t.startsWith("till:")
                    || t.startsWith("subject:") || t.startsWith("ämne:") || t.startsWith("date:") || t.startsWith("datum:")) {
                return true;
            }
        }
        return false;
    }
}
