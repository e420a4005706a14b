package se.council.hub.screening;

import jakarta.mail.internet.MimeUtility;

import java.io.ByteArrayOutputStream;
import java.io.UnsupportedEncodingException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.BreakIterator;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns attachment file names as mail clients really send them into readable text, and reduces
 * any name to one that is safe to show, store and offer for download.
 */
public final class FileNames {

    /** Used whenever nothing usable is left of a name. */
    public static final String FALLBACK = "attachment";

    /** Longest display name, in code points, extension included. */
    public static final int MAX_LENGTH = 150;

    // Longer "extensions" are just a dot inside a long title; cutting them off is better than keeping them whole.
    private static final int MAX_EXTENSION_LENGTH = 16;

    // Payload may hold spaces: some clients emit unencoded blanks inside Q words, and we would rather decode them.
    private static final Pattern ENCODED_WORD =
            Pattern.compile("=\\?([^?\\s]+)\\?([BbQq])\\?([^?]*)\\?=");

    private static final Pattern WINDOWS_RESERVED =
            Pattern.compile("(?i)(CON|PRN|AUX|NUL|COM[0-9]|LPT[0-9])(\\..*)?");

    private static final Pattern DRIVE_PREFIX = Pattern.compile("^[A-Za-z]:");

    private static final String WINDOWS_INVALID = "<>:\"|?*";

    // Mail labels ISO-8859-1 and US-ASCII while sending Windows-1252 bytes (curly quotes, en dash, euro);
    // browsers treat these labels the same way, and C1 controls never belong in a file name.
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private FileNames() {
    }

    /**
     * Decodes RFC 2047 encoded-words ({@code =?charset?Q|B?...?=}) anywhere in {@code raw}; text
     * without encoded-words is returned as is.
     *
     * <p>Jakarta Mail decodes well-formed names. When its result still holds an encoded-word or
     * gained replacement or C1 control characters (a multi-byte character split across words, as
     * Outlook does; a missing padding; an ISO-8859-1 label on Windows-1252 bytes), a lenient
     * decoder of our own takes over: it joins the bytes of adjacent words of one charset before
     * decoding them.
     *
     * @return the decoded text, or null when {@code raw} is null
     */
    public static String decode(String raw) {
        if (raw == null || !ENCODED_WORD.matcher(raw).find()) {
            return raw;
        }
        String unfolded = MimeUtility.unfold(raw);
        try {
            String decoded = MimeUtility.decodeText(unfolded);
            if (!needsLenientDecoding(unfolded, decoded)) {
                return decoded;
            }
        } catch (UnsupportedEncodingException | RuntimeException e) {
            // An unknown charset or a broken word; the lenient decoder copes with both.
        }
        return decodeLeniently(unfolded);
    }

    /**
     * Decodes one RFC 2231 extended parameter value, {@code charset'language'percent-encoded}, such
     * as {@code UTF-8''L%C3%A4gesrapport.pptx}. A value without the two apostrophes is returned as is.
     *
     * @return the decoded text, or null when {@code value} is null
     */
    public static String decodeRfc2231(String value) {
        if (value == null) {
            return null;
        }
        String v = unquote(value);
        int first = v.indexOf('\'');
        int second = first < 0 ? -1 : v.indexOf('\'', first + 1);
        if (second < 0) {
            return v;
        }
        Charset charset = charset(v.substring(0, first));
        return decodeBytes(percentDecode(v.substring(second + 1)), charset);
    }

    /**
     * Assembles and decodes the parameter {@code name} (e.g. {@code filename}) from a MIME header's
     * parameters, whatever form the sender chose: RFC 2231 continuations ({@code name*0*},
     * {@code name*1}, ...; split anywhere, even inside a character), a single extended value
     * ({@code name*}), or a plain value that may carry RFC 2047 encoded-words. Parameter names
     * match case-insensitively.
     *
     * @return the decoded value, or null when the parameter is absent
     */
    public static String decodeRfc2231(Map<String, String> parameters, String name) {
        if (parameters == null || name == null) {
            return null;
        }
        if (parameter(parameters, name + "*0*") != null || parameter(parameters, name + "*0") != null) {
            return joinContinuations(parameters, name);
        }
        String extended = parameter(parameters, name + "*");
        if (extended != null) {
            return decodeRfc2231(extended);
        }
        String plain = parameter(parameters, name);
        return plain == null ? null : decode(unquote(plain));
    }

    /**
     * Reduces a (decoded) name to something safe to display and store: the final path component
     * only, without control or bidirectional formatting characters, without characters Windows
     * forbids ({@code <>:"|?*}, replaced by {@code _}), without leading dots or trailing dots and
     * blanks, at most {@value #MAX_LENGTH} characters with the extension kept. Letters are kept
     * exactly as sent: no Unicode normalization, no transliteration.
     *
     * @return a non-empty name; {@value #FALLBACK} when nothing usable is left
     */
    public static String safeDisplayName(String name) {
        if (name == null) {
            return FALLBACK;
        }
        String s = DRIVE_PREFIX.matcher(finalComponent(name)).replaceFirst("");
        StringBuilder kept = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            if (WINDOWS_INVALID.indexOf(cp) >= 0) {
                kept.append('_');
            } else if (isDisplayable(cp)) {
                kept.appendCodePoint(cp);
            }
        });
        String cleaned = trimEnds(kept.toString());
        if (WINDOWS_RESERVED.matcher(cleaned).matches()) {
            cleaned = "_" + cleaned;
        }
        String result = trimEnds(truncate(cleaned));
        return result.isEmpty() ? FALLBACK : result;
    }

    // --- RFC 2047 -------------------------------------------------------------------------------

    private static boolean needsLenientDecoding(String raw, String decoded) {
        return ENCODED_WORD.matcher(decoded).find()
                || introduced(raw, decoded, c -> c == '\uFFFD')
                || introduced(raw, decoded, c -> c >= 0x80 && c <= 0x9F);
    }

    private static boolean introduced(String before, String after, java.util.function.IntPredicate bad) {
        return after.chars().anyMatch(bad) && before.chars().noneMatch(bad);
    }

    static String decodeLeniently(String text) {
        Matcher m = ENCODED_WORD.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        ByteArrayOutputStream pending = new ByteArrayOutputStream();
        Charset pendingCharset = null;
        int last = 0;
        while (m.find()) {
            String between = text.substring(last, m.start());
            Charset charset = charset(m.group(1));
            // RFC 2047 6.2: blanks between two encoded-words are not part of the text.
            boolean adjacentToWord = pendingCharset != null && between.isBlank();
            if (!adjacentToWord || !charset.equals(pendingCharset)) {
                flush(pending, pendingCharset, out);
            }
            if (!adjacentToWord) {
                out.append(between);
            }
            byte[] bytes = m.group(2).equalsIgnoreCase("B")
                    ? decodeB(m.group(3))
                    : decodeQ(m.group(3), charset);
            pending.writeBytes(bytes);
            pendingCharset = charset;
            last = m.end();
        }
        flush(pending, pendingCharset, out);
        out.append(text, last, text.length());
        return out.toString();
    }

    private static void flush(ByteArrayOutputStream pending, Charset charset, StringBuilder out) {
        if (pending.size() > 0) {
            out.append(decodeBytes(pending.toByteArray(), charset));
            pending.reset();
        }
    }

    private static byte[] decodeB(String payload) {
        StringBuilder b = new StringBuilder(payload.length() + 3);
        for (char c : payload.toCharArray()) {
            if (c == '-') {
                b.append('+');
            } else if (c == '_') {
                b.append('/');
            } else if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/') {
                b.append(c);
            }
        }
        // A lone trailing sextet cannot encode a byte; dropping it loses nothing.
        if (b.length() % 4 == 1) {
            b.setLength(b.length() - 1);
        }
        while (b.length() % 4 != 0) {
            b.append('=');
        }
        return Base64.getDecoder().decode(b.toString());
    }

    private static byte[] decodeQ(String payload, Charset charset) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length());
        for (int i = 0; i < payload.length(); i++) {
            char c = payload.charAt(i);
            if (c == '_') {
                out.write(' ');
            } else if (c == '=' && i + 2 < payload.length() && isHex(payload.charAt(i + 1)) && isHex(payload.charAt(i + 2))) {
                out.write(Integer.parseInt(payload.substring(i + 1, i + 3), 16));
                i += 2;
            } else if (c < 0x80) {
                out.write(c);
            } else {
                // Raw 8-bit text inside a word is invalid but seen; keep it in the word's charset.
                out.writeBytes(String.valueOf(c).getBytes(charset));
            }
        }
        return out.toByteArray();
    }

    // --- RFC 2231 -------------------------------------------------------------------------------

    private static String joinContinuations(Map<String, String> parameters, String name) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Charset charset = null;
        for (int i = 0; ; i++) {
            String extended = parameter(parameters, name + "*" + i + "*");
            String plain = extended == null ? parameter(parameters, name + "*" + i) : null;
            if (extended == null && plain == null) {
                break;
            }
            if (extended != null) {
                String v = unquote(extended);
                if (i == 0) {
                    int first = v.indexOf('\'');
                    int second = first < 0 ? -1 : v.indexOf('\'', first + 1);
                    if (second >= 0) {
                        charset = charset(v.substring(0, first));
                        v = v.substring(second + 1);
                    }
                }
                bytes.writeBytes(percentDecode(v));
            } else {
                bytes.writeBytes(unquote(plain).getBytes(charset == null ? StandardCharsets.UTF_8 : charset));
            }
        }
        return decodeBytes(bytes.toByteArray(), charset == null ? StandardCharsets.UTF_8 : charset);
    }

    private static byte[] percentDecode(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() && isHex(s.charAt(i + 1)) && isHex(s.charAt(i + 2))) {
                out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toByteArray();
    }

    private static String parameter(Map<String, String> parameters, String key) {
        String exact = parameters.get(key);
        if (exact != null) {
            return exact;
        }
        for (Map.Entry<String, String> e : parameters.entrySet()) {
            if (e.getKey() != null && e.getKey().equalsIgnoreCase(key)) {
                return e.getValue();
            }
        }
        return null;
    }

    // Blanks are content in a continuation segment ("filename*2= i Göteborg"); only quotes go.
    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }

    // --- charsets -------------------------------------------------------------------------------

    static Charset charset(String mimeName) {
        String name = mimeName.strip();
        int language = name.indexOf('*'); // RFC 2231 section 5: charset*language
        if (language >= 0) {
            name = name.substring(0, language);
        }
        if (name.isEmpty()) {
            return StandardCharsets.UTF_8;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.equals("iso-8859-1") || lower.equals("iso8859-1") || lower.equals("latin1")
                || lower.equals("us-ascii") || lower.equals("ascii")) {
            return WINDOWS_1252;
        }
        try {
            return Charset.forName(MimeUtility.javaCharset(name));
        } catch (RuntimeException e) {
            // Unknown or illegal charset name: UTF-8 is the likeliest truth today; decodeBytes falls back further.
            return StandardCharsets.UTF_8;
        }
    }

    private static String decodeBytes(byte[] bytes, Charset charset) {
        Charset cs = charset == null ? StandardCharsets.UTF_8 : charset;
        try {
            return cs.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            if (cs.equals(StandardCharsets.UTF_8)) {
                // Labelled UTF-8 but not UTF-8: almost always Windows-1252 from an older client.
                return new String(bytes, WINDOWS_1252);
            }
            return cs.decode(ByteBuffer.wrap(bytes)).toString();
        }
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }

    // --- display names --------------------------------------------------------------------------

    private static String finalComponent(String name) {
        String[] parts = name.split("[/\\\\]");
        for (int i = parts.length - 1; i >= 0; i--) {
            if (!parts[i].isBlank()) {
                return parts[i];
            }
        }
        return "";
    }

    private static boolean isDisplayable(int cp) {
        switch (Character.getType(cp)) {
            case Character.CONTROL:              // C0/C1 controls, newlines, tabs
            case Character.FORMAT:               // bidi overrides that disguise "exe.pptx", zero-width marks
            case Character.SURROGATE:            // unpaired halves cannot be stored as UTF-8
            case Character.LINE_SEPARATOR:
            case Character.PARAGRAPH_SEPARATOR:
            case Character.UNASSIGNED:
                return false;
            default:
                return true;
        }
    }

    // Windows drops trailing dots and blanks, and leading dots hide files on Unix.
    private static String trimEnds(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && (s.charAt(start) == '.' || Character.isWhitespace(s.charAt(start)) || Character.isSpaceChar(s.charAt(start)))) {
            start++;
        }
        while (end > start && (s.charAt(end - 1) == '.' || Character.isWhitespace(s.charAt(end - 1)) || Character.isSpaceChar(s.charAt(end - 1)))) {
            end--;
        }
        return s.substring(start, end);
    }

    private static String truncate(String s) {
        if (s.codePointCount(0, s.length()) <= MAX_LENGTH) {
            return s;
        }
        String extension = "";
        int dot = s.lastIndexOf('.');
        if (dot > 0) {
            String candidate = s.substring(dot);
            if (candidate.codePointCount(0, candidate.length()) <= MAX_EXTENSION_LENGTH + 1) {
                extension = candidate;
            }
        }
        String base = extension.isEmpty() ? s : s.substring(0, dot);
        int budget = MAX_LENGTH - extension.codePointCount(0, extension.length());
        return trimEnds(cutAtCharacterBoundary(base, budget)) + extension;
    }

    // Cutting between a letter and its combining mark (NFD "å") or inside an emoji would change what the reader sees.
    private static String cutAtCharacterBoundary(String s, int maxCodePoints) {
        if (s.codePointCount(0, s.length()) <= maxCodePoints) {
            return s;
        }
        int limit = s.offsetByCodePoints(0, maxCodePoints);
        BreakIterator characters = BreakIterator.getCharacterInstance(Locale.ROOT);
        characters.setText(s);
        int end = characters.isBoundary(limit) ? limit : characters.preceding(limit);
        return s.substring(0, Math.max(end, 0));
    }
}
