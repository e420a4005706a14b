package se.council.hub.intake.mail;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the HTML body of a mail into readable plain text, for mails that carry no text/plain
 * alternative. Deliberately small: mail HTML needs no layout, only its words and line breaks.
 */
final class HtmlText {

    private static final Pattern INVISIBLE = Pattern.compile(
            "(?is)<!--.*?-->|<(script|style|head|title|xml)\\b[^>]*>.*?</\\1\\s*>");
    private static final Pattern LINE_BREAK = Pattern.compile("(?i)<\\s*br\\b[^>]*>");
    private static final Pattern PARAGRAPH = Pattern.compile("(?i)<\\s*/?\\s*p\\b[^>]*>");
    private static final Pattern BLOCK = Pattern.compile(
            "(?i)<\\s*/?\\s*(div|li|tr|h[1-6]|table|ul|ol|blockquote|hr|pre)\\b[^>]*>");
    // A run of breaks with only whitespace between them, to be collapsed into 1 or 2 newlines.
    private static final Pattern BREAK_RUN = Pattern.compile(
            "[\u0001\u0002\n \\t\u00A0]*[\u0001\u0002\n][\u0001\u0002\n \\t\u00A0]*");
    private static final char SOFT = '\u0001';
    private static final char PARA = '\u0002';
    private static final Pattern TAG = Pattern.compile("(?s)<[^>]*>");
    private static final Pattern ENTITY = Pattern.compile("&(#[0-9]+|#[xX][0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);?");
    private static final Pattern CID = Pattern.compile("(?i)cid:([^\"'\\s>)]+)");

    // The named entities that appear in real mail; anything else stays as written.
    private static final Map<String, String> NAMED = Map.ofEntries(
            Map.entry("nbsp", " "), Map.entry("amp", "&"), Map.entry("lt", "<"),
            Map.entry("gt", ">"), Map.entry("quot", "\""), Map.entry("apos", "'"),
            Map.entry("auml", "ä"), Map.entry("Auml", "Ä"), Map.entry("aring", "å"),
            Map.entry("Aring", "Å"), Map.entry("ouml", "ö"), Map.entry("Ouml", "Ö"),
            Map.entry("eacute", "é"), Map.entry("Eacute", "É"), Map.entry("uuml", "ü"),
            Map.entry("Uuml", "Ü"), Map.entry("ndash", "–"), Map.entry("mdash", "—"),
            Map.entry("hellip", "…"), Map.entry("rsquo", "’"), Map.entry("lsquo", "‘"),
            Map.entry("rdquo", "”"), Map.entry("ldquo", "“"), Map.entry("bull", "•"),
            Map.entry("middot", "·"), Map.entry("copy", "©"), Map.entry("reg", "®"),
            Map.entry("euro", "€"), Map.entry("shy", ""), Map.entry("zwnj", ""));

    private HtmlText() {
    }

    static String toText(String html) {
        String s = INVISIBLE.matcher(html).replaceAll(" ");
        // Source line breaks mean nothing in HTML; only the tags below break lines.
        s = s.replaceAll("[ \\t\\r\\n\\f]+", " ");
        // Blocks (div, li, …) start a new line, paragraphs leave a blank line, <br> is one line
        // break; Gmail's <div><br></div> between divs is one blank line, not three.
        s = LINE_BREAK.matcher(s).replaceAll("\n");
        s = PARAGRAPH.matcher(s).replaceAll(String.valueOf(PARA));
        s = BLOCK.matcher(s).replaceAll(String.valueOf(SOFT));
        s = TAG.matcher(s).replaceAll("");
        s = decodeEntities(s.replace("\r", ""));
        s = collapseBreaks(s);
        StringBuilder out = new StringBuilder();
        for (String line : s.split("\n", -1)) {
            out.append(line.replace('\u00A0', ' ').replaceAll(" {2,}", " ").strip()).append('\n');
        }
        return out.toString().replaceAll("\n{3,}", "\n\n").strip();
    }

    private static String collapseBreaks(String s) {
        Matcher m = BREAK_RUN.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String run = m.group();
            int newlines = (int) run.chars().filter(c -> c == '\n').count();
            boolean para = run.indexOf(PARA) >= 0;
            boolean block = para || run.indexOf(SOFT) >= 0;
            int breaks = newlines + (block ? 1 : 0);
            if (para) {
                breaks = Math.max(breaks, 2);
            }
            m.appendReplacement(out, "\n".repeat(Math.min(breaks, 2)));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Content-IDs the HTML refers to with {@code cid:}, without angle brackets. */
    static java.util.Set<String> referencedContentIds(String html) {
        java.util.Set<String> ids = new java.util.HashSet<>();
        Matcher m = CID.matcher(html);
        while (m.find()) {
            String id = m.group(1);
            try {
                id = java.net.URLDecoder.decode(id.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
            } catch (IllegalArgumentException ignored) {
                // a malformed %-escape: keep the id as written
            }
            ids.add(id.toLowerCase(java.util.Locale.ROOT));
        }
        return ids;
    }

    private static String decodeEntities(String s) {
        Matcher m = ENTITY.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String e = m.group(1);
            String replacement;
            if (e.startsWith("#")) {
                try {
                    int cp = e.startsWith("#x") || e.startsWith("#X")
                            ? Integer.parseInt(e.substring(2), 16) : Integer.parseInt(e.substring(1));
                    replacement = Character.isValidCodePoint(cp) && cp != 0 ? new String(Character.toChars(cp)) : m.group();
                } catch (NumberFormatException ex) {
                    replacement = m.group();
                }
            } else {
                replacement = NAMED.getOrDefault(e, m.group());
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }
}
