package se.council.hub.intake.mail;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import org.apache.poi.hmef.Attachment;
import org.apache.poi.hmef.HMEFMessage;
import org.apache.poi.hmef.attribute.MAPIStringAttribute;
import org.apache.poi.hsmf.datatypes.MAPIProperty;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UnsupportedEncodingException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a raw RFC 5322 mail into a {@link ParsedMail}: sender, threading headers, readable text
 * and the files it carries, however the sending client nested them. It never throws for bad
 * input: whatever could not be read is reported in {@link ParsedMail#problems()} (and, for a
 * file, in {@link MailAttachment#problem()}), and the rest of the mail is still read.
 *
 * <h2>Which parts are files</h2>
 * Parts with {@code Content-Disposition: attachment}, and non-text parts (with or without a
 * name, inline or not), at any multipart depth, are files — except:
 * <ul>
 *   <li>inline parts the HTML refers to by {@code cid:} (signature logos, pasted images);</li>
 *   <li>S/MIME and PGP signatures and vCards, which are part of the sending, not the content;</li>
 *   <li>iCalendar objects, which go to {@link ParsedMail#calendarParts()} instead.</li>
 * </ul>
 * A forwarded mail attached as message/rfc822 is opened: its files join the list and its text is
 * appended after a "Forwarded message" separator. A winmail.dat (TNEF) is unpacked into the files
 * it holds. Unnamed non-text parts are kept (with a null name) rather than dropped, so that
 * nothing a sender meant to submit disappears without a trace.
 *
 * <h2>Text</h2>
 * The text/plain body, with the declared charset honoured (ISO-8859-1 read as its superset
 * windows-1252, as browsers do; undeclared 8-bit text read as UTF-8 when valid, otherwise
 * windows-1252), format=flowed undone, line endings normalised to LF and trimmed. When a mail has
 * only HTML, a readable text is made from it. Several inline text parts (Apple Mail puts text
 * before and after an attachment) are joined with a blank line.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class MailParser {

    private static final int MAX_DEPTH = 32;
    private static final String FORWARD_SEPARATOR = "---------- Forwarded message ----------";
    private static final Pattern ENCODED_WORD = Pattern.compile("=\\?[^?\\s]+\\?[bBqQ]\\?[^?\\s]*\\?=");
    private static final Pattern ADJACENT_WORDS = Pattern.compile("(\\?=)\\s+(=\\?)");
    private static final Pattern ADDRESS = Pattern.compile("[^\\s<>\"(),;:]+@[^\\s<>\"(),;:]+");
    private static final Set<String> SIGNATURE_TYPES = Set.of(
            "application/pkcs7-signature", "application/x-pkcs7-signature", "application/pgp-signature");
    private static final Set<String> VCARD_TYPES = Set.of("text/vcard", "text/x-vcard", "text/directory");
    private static final Set<String> TNEF_TYPES = Set.of("application/ms-tnef", "application/vnd.ms-tnef");

    private final Session session;

    public MailParser() {
        Properties props = new Properties();
        props.setProperty("mail.mime.decodeparameters", "true");
        props.setProperty("mail.mime.decodefilename", "true");
        props.setProperty("mail.mime.parameters.strict", "false");
        props.setProperty("mail.mime.address.strict", "false");
        // Several of these are read by Jakarta Mail from system properties only; rather than
        // change JVM-wide settings, the parser decodes names itself (see fileName) and falls back
        // to a lenient parameter reader when a header is too broken for Jakarta Mail.
        this.session = Session.getInstance(props);
    }

    /** Reads one raw mail; never throws. */
    public ParsedMail parse(byte[] rawRfc822) {
        Walk walk = new Walk();
        if (rawRfc822 == null || rawRfc822.length == 0) {
            walk.problems.add("the message is empty");
            return walk.result(null, "", false, "");
        }
        MimeMessage message;
        try {
            message = new MimeMessage(session, new ByteArrayInputStream(rawRfc822));
        } catch (MessagingException | RuntimeException e) {
            walk.problems.add("the message could not be read as MIME: " + e.getMessage());
            return walk.result(null, "", false, "");
        }
        String text;
        try {
            text = render(walk.walk(message, 0, "message"));
        } catch (RuntimeException e) {
            // A defect we did not foresee must not lose the headers or the parts already read.
            walk.problems.add("the message structure could not be read completely: " + e);
            text = render(List.of());
        }
        return walk.result(message, text, isAutoSubmitted(message), subject(message));
    }

    // ---------------------------------------------------------------- headers

    private static String firstHeader(Part part, String name) {
        try {
            String[] values = part.getHeader(name);
            return values == null || values.length == 0 ? null : unfold(values[0]);
        } catch (MessagingException | RuntimeException e) {
            return null;
        }
    }

    private static List<String> allHeaders(Part part, String name) {
        try {
            String[] values = part.getHeader(name);
            List<String> out = new ArrayList<>();
            if (values != null) {
                for (String v : values) {
                    out.add(unfold(v));
                }
            }
            return out;
        } catch (MessagingException | RuntimeException e) {
            return List.of();
        }
    }

    private static String unfold(String v) {
        return v == null ? null : v.replaceAll("\\r?\\n[ \\t]*", " ").trim();
    }

    private static String subject(MimeMessage message) {
        String raw = firstHeader(message, "Subject");
        return raw == null ? "" : decodeWords(raw).trim();
    }

    private static boolean isAutoSubmitted(MimeMessage message) {
        String autoSubmitted = firstHeader(message, "Auto-Submitted");
        if (autoSubmitted != null && !autoSubmitted.split("[;(]")[0].trim().equalsIgnoreCase("no")) {
            return true;
        }
        String precedence = firstHeader(message, "Precedence");
        if (precedence != null && Set.of("bulk", "junk", "list").contains(precedence.trim().toLowerCase(Locale.ROOT))) {
            return true;
        }
        String autoreply = firstHeader(message, "X-Autoreply");
        if (autoreply != null && !autoreply.trim().equalsIgnoreCase("no")) {
            return true;
        }
        if (firstHeader(message, "X-Autorespond") != null) {
            return true;
        }
        // RFC 3834: automatic responses and bounces carry an empty envelope sender.
        String returnPath = firstHeader(message, "Return-Path");
        if (returnPath != null && returnPath.replaceAll("\\s", "").equals("<>")) {
            return true;
        }
        String[] from = address(firstHeader(message, "From"));
        if (from[0] != null) {
            String local = from[0].substring(0, from[0].indexOf('@'));
            return local.equals("mailer-daemon") || local.equals("postmaster");
        }
        return false;
    }

    /** {address in lower case, decoded display name}; nulls when unreadable. */
    private static String[] address(String headerValue) {
        if (headerValue == null || headerValue.isBlank()) {
            return new String[] {null, null};
        }
        try {
            InternetAddress[] parsed = InternetAddress.parseHeader(headerValue, false);
            if (parsed.length > 0 && parsed[0].getAddress() != null && parsed[0].getAddress().contains("@")) {
                String personal = parsed[0].getPersonal();
                if (personal != null) {
                    personal = decodeWords(personal).trim();
                }
                return new String[] {parsed[0].getAddress().trim().toLowerCase(Locale.ROOT),
                        personal == null || personal.isEmpty() ? null : personal};
            }
        } catch (AddressException | RuntimeException ignored) {
            // fall through to the lenient reading below
        }
        Matcher m = ADDRESS.matcher(headerValue);
        return m.find() ? new String[] {m.group().toLowerCase(Locale.ROOT), null} : new String[] {null, null};
    }

    /**
     * RFC 2047 decoding that also accepts what clients really send: encoded-words glued to
     * other text, inside quoted parameters (Outlook), or split between adjacent words.
     */
    static String decodeWords(String s) {
        if (s == null || !s.contains("=?")) {
            return s;
        }
        String decoded;
        try {
            decoded = MimeUtility.decodeText(s);
        } catch (UnsupportedEncodingException | RuntimeException e) {
            decoded = s;
        }
        if (!ENCODED_WORD.matcher(decoded).find()) {
            return decoded;
        }
        String joined = ADJACENT_WORDS.matcher(decoded).replaceAll("$1$2");
        Matcher m = ENCODED_WORD.matcher(joined);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String word;
            try {
                word = MimeUtility.decodeWord(m.group());
            } catch (Exception e) {
                word = m.group();
            }
            m.appendReplacement(out, Matcher.quoteReplacement(word));
        }
        m.appendTail(out);
        return out.toString();
    }

    // ---------------------------------------------------------------- text

    private static String render(List<Segment> segments) {
        List<String> pieces = new ArrayList<>();
        for (Segment s : segments) {
            String t = s.html() ? HtmlText.toText(s.text()) : s.text();
            t = stripBlankLines(t);
            if (!t.isEmpty()) {
                pieces.add(t);
            }
        }
        return String.join("\n\n", pieces).strip();
    }

    private static String stripBlankLines(String t) {
        return t.replaceAll("^(\\s*\\n)+", "").replaceAll("[\\s&&[^\\n]]*(\\n\\s*)*$", "").stripTrailing();
    }

    private static String normaliseLines(String s) {
        String t = s.startsWith("\uFEFF") ? s.substring(1) : s;
        return t.replace("\r\n", "\n").replace('\r', '\n');
    }

    /** Decodes text bytes with the declared charset, guessing sensibly when it is missing or wrong. */
    private static String decodeText(byte[] bytes, String declared, List<String> problems, String where) {
        Charset charset = null;
        if (declared != null && !declared.isBlank()) {
            try {
                charset = Charset.forName(MimeUtility.javaCharset(declared.trim()));
            } catch (RuntimeException e) {
                problems.add(where + ": unknown charset \"" + declared + "\", read as "
                        + (isUtf8(bytes) ? "UTF-8" : "windows-1252"));
            }
        }
        boolean ascii = charset != null && charset.equals(StandardCharsets.US_ASCII);
        if (charset == null || (ascii && !isAscii(bytes))) {
            // Undeclared or mislabelled 8-bit text: UTF-8 when it decodes cleanly, else the
            // Western European code page that Windows clients use.
            charset = isUtf8(bytes) ? StandardCharsets.UTF_8 : Charset.forName("windows-1252");
        } else if (charset.equals(StandardCharsets.ISO_8859_1)) {
            charset = Charset.forName("windows-1252");
        }
        return new String(bytes, charset);
    }

    private static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    // ---------------------------------------------------------------- part headers, leniently

    private static String contentType(Part part) {
        String ct = firstHeader(part, "Content-Type");
        return ct == null || ct.isBlank() ? "text/plain" : ct;
    }

    private static String baseType(String contentType) {
        String base = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return base.contains("/") ? base : "application/octet-stream";
    }

    /** A parameter read without Jakarta Mail, for headers too broken for its parser. */
    static String lenientParam(String header, String name) {
        if (header == null) {
            return null;
        }
        Matcher m = Pattern.compile("(?i)(?:^|;)\\s*" + Pattern.quote(name) + "\\s*=\\s*(\"((?:[^\"\\\\]|\\\\.)*)\"|[^;]*)")
                .matcher(header);
        if (!m.find()) {
            return null;
        }
        String v = m.group(2) != null ? m.group(2).replaceAll("\\\\(.)", "$1") : m.group(1).trim();
        return v.isEmpty() ? null : v;
    }

    private static String disposition(Part part) {
        String d = firstHeader(part, "Content-Disposition");
        return d == null ? null : d.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    }

    private static String fileName(Part part) {
        String name;
        try {
            name = part.getFileName();
        } catch (MessagingException | RuntimeException e) {
            name = null;
        }
        if (name == null) {
            name = lenientParam(firstHeader(part, "Content-Disposition"), "filename");
        }
        if (name == null) {
            name = lenientParam(firstHeader(part, "Content-Type"), "name");
        }
        if (name != null && name.contains("=?")) {
            name = decodeWords(name); // Outlook puts RFC 2047 words inside quoted parameters
        }
        return name == null || name.isBlank() ? null : name;
    }

    private static String contentId(Part part) {
        String id = firstHeader(part, "Content-ID");
        if (id == null) {
            return null;
        }
        id = id.trim();
        if (id.startsWith("<") && id.endsWith(">")) {
            id = id.substring(1, id.length() - 1);
        }
        return id.isBlank() ? null : id.trim().toLowerCase(Locale.ROOT);
    }

    private static String describe(String path, String name) {
        return name != null ? "attachment \"" + name + "\"" : path;
    }

    // ---------------------------------------------------------------- transfer decoding

    private record Decoded(byte[] bytes, String problem) {
    }

    private static Decoded decodeBody(Part part) {
        byte[] raw;
        try {
            InputStream in;
            if (part instanceof MimeBodyPart mbp) {
                in = mbp.getRawInputStream();
            } else if (part instanceof MimeMessage mm) {
                in = mm.getRawInputStream();
            } else {
                in = part.getInputStream();
            }
            try (in) {
                raw = in.readAllBytes();
            }
        } catch (MessagingException | IOException | RuntimeException e) {
            return new Decoded(new byte[0], "could not be read: " + e.getMessage());
        }
        String cte = firstHeader(part, "Content-Transfer-Encoding");
        cte = cte == null ? "7bit" : cte.replaceAll("\\(.*?\\)", "").trim().toLowerCase(Locale.ROOT);
        switch (cte) {
            case "base64":
                return base64(raw);
            case "quoted-printable", "x-uuencode", "uuencode", "x-uue":
                try (InputStream in = MimeUtility.decode(new ByteArrayInputStream(raw), cte)) {
                    return new Decoded(in.readAllBytes(), null);
                } catch (MessagingException | IOException | RuntimeException e) {
                    return new Decoded(raw, "broken " + cte + " encoding: " + e.getMessage());
                }
            case "7bit", "8bit", "binary", "":
                return new Decoded(raw, null);
            default:
                return new Decoded(raw, "unknown transfer encoding \"" + cte + "\"");
        }
    }

    private static final byte B64_INVALID = 0;
    private static final byte B64_ALPHABET = 1;
    private static final byte B64_PADDING = 2;
    private static final byte B64_SPACE = 3;
    /** What each byte is in a base64 body: alphabet, padding, white space (skipped) or invalid. */
    private static final byte[] BASE64_KIND = new byte[256];

    static {
        for (int c = 0; c < 256; c++) {
            boolean alphabet = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
            BASE64_KIND[c] = alphabet ? B64_ALPHABET : c == '=' ? B64_PADDING
                    : c == ' ' || c == '\t' || c == '\r' || c == '\n' ? B64_SPACE : B64_INVALID;
        }
    }

    /**
     * Strict base64: Jakarta Mail silently skips characters outside the alphabet, which would
     * turn a corrupt file into plausible garbage. Here any such character, misplaced padding or a
     * length that is not a multiple of four (a truncated part) is a problem.
     */
    private static Decoded base64(byte[] raw) {
        // A plain array and one table lookup per byte: this loop runs over every megabyte of every
        // attachment, and was the largest share of the mail intake's CPU with a chain of comparisons.
        byte[] clean = new byte[raw.length];
        int length = 0;
        int invalid = 0;
        int firstPadding = -1;
        for (byte b : raw) {
            byte kind = BASE64_KIND[b & 0xFF];
            if (kind == B64_ALPHABET) {
                clean[length++] = b;
            } else if (kind == B64_PADDING) {
                if (firstPadding < 0) {
                    firstPadding = length;
                }
                clean[length++] = b;
            } else if (kind == B64_INVALID) {
                invalid++;
            }
        }
        boolean dataAfterPadding = false;
        for (int i = Math.max(firstPadding, 0); firstPadding >= 0 && i < length; i++) {
            dataAfterPadding |= clean[i] != '=';
        }
        byte[] chars = java.util.Arrays.copyOf(clean, length);
        String problem = null;
        if (invalid > 0) {
            problem = "corrupt base64: " + invalid + " character(s) outside the base64 alphabet";
        } else if (dataAfterPadding) {
            problem = "corrupt base64: data after the end padding";
        } else if (chars.length % 4 != 0) {
            problem = "truncated base64: " + chars.length + " characters, not a multiple of 4";
        }
        if (problem == null) {
            try {
                return new Decoded(Base64.getDecoder().decode(chars), null);
            } catch (IllegalArgumentException e) {
                problem = "corrupt base64: " + e.getMessage();
            }
        }
        // Keep what decodes, so a person looking at the rejected file sees how far it got.
        try {
            int usable = chars.length - chars.length % 4;
            int end = usable;
            for (int i = 0; i < usable; i++) {
                if (chars[i] == '=') {
                    end = Math.min(usable, (i / 4 + 1) * 4);
                    break;
                }
            }
            return new Decoded(Base64.getMimeDecoder().decode(java.util.Arrays.copyOf(chars, end)), problem);
        } catch (IllegalArgumentException e) {
            return new Decoded(new byte[0], problem);
        }
    }

    // ---------------------------------------------------------------- the walk

    private record Segment(boolean html, String text) {
    }

    /** A file seen during the walk; inline images are only dropped once all HTML is known. */
    private record Candidate(MailAttachment attachment, String contentId, boolean explicitAttachment) {
    }

    /** The state of reading one mail. */
    private final class Walk {
        final List<String> problems = new ArrayList<>();
        final List<Candidate> candidates = new ArrayList<>();
        final Set<String> referencedCids = new HashSet<>();
        final List<CalendarPart> calendarParts = new ArrayList<>();

        ParsedMail result(MimeMessage message, String text, boolean autoSubmitted, String subject) {
            List<MailAttachment> attachments = new ArrayList<>();
            for (Candidate c : candidates) {
                boolean logo = c.contentId() != null && referencedCids.contains(c.contentId()) && !c.explicitAttachment();
                if (!logo) {
                    attachments.add(c.attachment());
                }
            }
            if (message == null) {
                return new ParsedMail(null, null, List.of(), null, null, null, subject, List.of(),
                        autoSubmitted, text, attachments, problems, calendarParts);
            }
            String messageId = first(MailIdentity.ids(firstHeader(message, "Message-ID")));
            String inReplyTo = first(MailIdentity.ids(firstHeader(message, "In-Reply-To")));
            List<String> references = MailIdentity.ids(String.join(" ", allHeaders(message, "References")));
            String[] from = address(firstHeader(message, "From"));
            if (from[0] == null) {
                problems.add("the From header is missing or unreadable");
            }
            String[] replyTo = address(firstHeader(message, "Reply-To"));
            return new ParsedMail(messageId, inReplyTo, references, from[0], from[1], replyTo[0], subject,
                    allHeaders(message, "Authentication-Results"), autoSubmitted, text, attachments,
                    problems, calendarParts);
        }

        private String first(List<String> ids) {
            return ids.isEmpty() ? null : ids.get(0);
        }

        List<Segment> walk(Part part, int depth, String path) {
            if (depth > MAX_DEPTH) {
                problems.add(path + ": nested deeper than " + MAX_DEPTH + " levels, not read");
                return List.of();
            }
            String contentType = contentType(part);
            String type = baseType(contentType);
            String name = fileName(part);
            String disposition = disposition(part);
            if (type.startsWith("multipart/")) {
                return multipart(part, type, depth, path);
            }
            if (type.equals("message/rfc822")) {
                return forwarded(part, depth, path, name);
            }
            String lowerName = name == null ? "" : name.toLowerCase(Locale.ROOT);
            if (SIGNATURE_TYPES.contains(type) || VCARD_TYPES.contains(type) || lowerName.endsWith(".vcf")
                    || lowerName.endsWith(".p7s") || type.equals("application/pgp-keys")) {
                return List.of();
            }
            if (type.equals("text/calendar") || type.equals("application/ics") || lowerName.endsWith(".ics")) {
                calendar(part, contentType, path);
                return List.of();
            }
            if (TNEF_TYPES.contains(type) || lowerName.equals("winmail.dat")) {
                tnef(part, type, name, path);
                return List.of();
            }
            boolean text = type.startsWith("text/");
            boolean explicitAttachment = "attachment".equals(disposition);
            if (explicitAttachment || !text) {
                Decoded d = decodeBody(part);
                if (d.problem() != null) {
                    problems.add(describe(path, name) + ": " + d.problem());
                }
                candidates.add(new Candidate(new MailAttachment(name, type, d.bytes(), d.problem()),
                        contentId(part), explicitAttachment));
                return List.of();
            }
            Decoded d = decodeBody(part);
            if (d.problem() != null) {
                problems.add(path + " (" + type + " body): " + d.problem());
            }
            String body = normaliseLines(decodeText(d.bytes(), lenientParam(contentType, "charset"), problems, path));
            if (type.equals("text/html")) {
                referencedCids.addAll(HtmlText.referencedContentIds(body));
                return List.of(new Segment(true, body));
            }
            if ("flowed".equalsIgnoreCase(lenientParam(contentType, "format"))) {
                body = FlowedText.unflow(body, "yes".equalsIgnoreCase(lenientParam(contentType, "delsp")));
            }
            return List.of(new Segment(false, body));
        }

        private List<Segment> multipart(Part part, String type, int depth, String path) {
            MimeMultipart multipart;
            int count;
            try {
                multipart = new MimeMultipart(part.getDataHandler().getDataSource());
                count = multipart.getCount();
            } catch (MessagingException | RuntimeException e) {
                problems.add(path + " (" + type + "): broken multipart: " + e.getMessage());
                return List.of();
            }
            try {
                if (!multipart.isComplete()) {
                    problems.add(path + " (" + type + "): closing boundary missing, the mail is probably truncated");
                }
            } catch (MessagingException | RuntimeException ignored) {
                // completeness is only a hint
            }
            if (type.equals("multipart/encrypted")) {
                problems.add(path + ": the mail is encrypted and cannot be read");
            }
            List<List<Segment>> children = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                try {
                    BodyPart child = multipart.getBodyPart(i);
                    children.add(walk(child, depth + 1, path + "." + (i + 1)));
                } catch (MessagingException | RuntimeException e) {
                    problems.add(path + "." + (i + 1) + ": unreadable part: " + e.getMessage());
                }
            }
            if (type.equals("multipart/alternative")) {
                return chooseAlternative(children);
            }
            List<Segment> all = new ArrayList<>();
            children.forEach(all::addAll);
            return all;
        }

        /** The plain-text alternative when there is one, else the HTML one. */
        private List<Segment> chooseAlternative(List<List<Segment>> children) {
            for (List<Segment> child : children) {
                if (child.stream().anyMatch(s -> !s.html() && !s.text().isBlank())) {
                    return child;
                }
            }
            for (List<Segment> child : children) {
                if (!child.isEmpty()) {
                    return child;
                }
            }
            return List.of();
        }

        private List<Segment> forwarded(Part part, int depth, String path, String name) {
            Decoded d = decodeBody(part);
            if (d.problem() != null) {
                problems.add(describe(path, name) + " (forwarded mail): " + d.problem());
            }
            MimeMessage inner;
            try {
                inner = new MimeMessage(session, new ByteArrayInputStream(d.bytes()));
            } catch (MessagingException | RuntimeException e) {
                problems.add(path + ": forwarded mail could not be read: " + e.getMessage());
                candidates.add(new Candidate(new MailAttachment(name, "message/rfc822", d.bytes(),
                        "forwarded mail could not be read"), null, true));
                return List.of();
            }
            String innerText = render(walk(inner, depth + 1, path + ".fwd"));
            StringBuilder text = new StringBuilder(FORWARD_SEPARATOR).append('\n');
            appendHeader(text, "From", inner);
            appendHeader(text, "Date", inner);
            appendHeader(text, "Subject", inner);
            appendHeader(text, "To", inner);
            text.append('\n').append(innerText);
            return List.of(new Segment(false, text.toString()));
        }

        private void appendHeader(StringBuilder text, String header, MimeMessage inner) {
            String v = firstHeader(inner, header);
            if (v != null) {
                text.append(header).append(": ").append(decodeWords(v)).append('\n');
            }
        }

        private void calendar(Part part, String contentType, String path) {
            Decoded d = decodeBody(part);
            if (d.problem() != null) {
                problems.add(path + " (calendar): " + d.problem());
            }
            String content = normaliseLines(decodeText(d.bytes(), lenientParam(contentType, "charset"), problems, path));
            String method = lenientParam(contentType, "method");
            if (method == null) {
                Matcher m = Pattern.compile("(?mi)^METHOD:(.+)$").matcher(content);
                method = m.find() ? m.group(1).trim() : null;
            }
            calendarParts.add(new CalendarPart(method == null ? null : method.toUpperCase(Locale.ROOT), content));
        }

        /** Unpacks a winmail.dat into the files it carries (Outlook's rich-text sending). */
        private void tnef(Part part, String type, String name, String path) {
            Decoded d = decodeBody(part);
            String label = name == null ? "winmail.dat" : name;
            if (d.problem() != null) {
                problems.add(describe(path, label) + ": " + d.problem());
                candidates.add(new Candidate(new MailAttachment(label, type, d.bytes(), d.problem()), null, true));
                return;
            }
            HMEFMessage tnef;
            try {
                tnef = new HMEFMessage(new ByteArrayInputStream(d.bytes()));
            } catch (IOException | RuntimeException e) {
                String problem = "winmail.dat (TNEF) could not be unpacked: " + e.getMessage();
                problems.add(describe(path, label) + ": " + problem);
                candidates.add(new Candidate(new MailAttachment(label, type, d.bytes(), problem), null, true));
                return;
            }
            for (Attachment a : tnef.getAttachments()) {
                String fileName = a.getLongFilename() != null && !a.getLongFilename().isBlank()
                        ? a.getLongFilename() : a.getFilename();
                String mime = MAPIStringAttribute.getAsString(a.getMAPIAttribute(MAPIProperty.ATTACH_MIME_TAG));
                String declared = mime == null || mime.isBlank() ? "application/octet-stream" : mime.trim().toLowerCase(Locale.ROOT);
                try {
                    candidates.add(new Candidate(new MailAttachment(fileName, declared, a.getContents(), null), null, true));
                } catch (RuntimeException e) {
                    String problem = "file inside winmail.dat has no content: " + e.getMessage();
                    problems.add(describe(path, fileName) + ": " + problem);
                    candidates.add(new Candidate(new MailAttachment(fileName, declared, new byte[0], problem), null, true));
                }
            }
        }
    }
}
