package se.council.hub.intake.mail;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One parsed RFC 8601 {@code Authentication-Results} header: which server wrote it
 * ({@code authserv-id}) and what it found per method (dkim, spf, dmarc, arc, …).
 *
 * <p>The parser is tolerant the way real headers need: comments in parentheses (which may hold
 * {@code ;} and {@code =}), folding, quoted values, a version number after the authserv-id,
 * Microsoft's missing spaces after {@code ;}, properties such as {@code header.d=} and
 * {@code smtp.mailfrom=}, and several results for one method.
 *
 * @param authservId the authserv-id in lower case ("" when the header is empty)
 * @param results    every method result in the order written
 */
public record AuthenticationResults(String authservId, List<MethodResult> results) {

    /**
     * One {@code method=result} with its properties.
     *
     * @param method     lower case, without version ("dkim")
     * @param result     lower case ("pass", "fail", "softfail", …)
     * @param properties {@code ptype.property} to value ("header.d" → "ivo.example"), plus
     *                   "reason" when given
     */
    public record MethodResult(String method, String result, Map<String, String> properties) {
        public MethodResult {
            properties = Map.copyOf(properties);
        }
    }

    public AuthenticationResults {
        results = List.copyOf(results);
    }

    /** Parses one header value; never throws, an unreadable value yields no results. */
    public static AuthenticationResults parse(String headerValue) {
        if (headerValue == null) {
            return new AuthenticationResults("", List.of());
        }
        String clean = stripComments(headerValue.replaceAll("\\r?\\n[ \\t]*", " "));
        List<String> statements = splitOutsideQuotes(clean, ';');
        if (statements.isEmpty()) {
            return new AuthenticationResults("", List.of());
        }
        String[] idAndVersion = statements.get(0).trim().split("\\s+");
        String authservId = idAndVersion[0].toLowerCase(Locale.ROOT);
        List<MethodResult> results = new ArrayList<>();
        for (String statement : statements.subList(1, statements.size())) {
            MethodResult result = methodResult(statement);
            if (result != null) {
                results.add(result);
            }
        }
        return new AuthenticationResults(authservId, results);
    }

    /** All results for one method, in the order written. */
    public List<MethodResult> resultsFor(String method) {
        return results.stream().filter(r -> r.method().equalsIgnoreCase(method)).toList();
    }

    /**
     * The combined result for one method, or null when the header does not mention it. Several
     * results for one method (two DKIM signatures, say) combine to "pass" when any passed —
     * one valid signature from the domain is enough — otherwise to the first result written.
     */
    public String resultOf(String method) {
        List<MethodResult> all = resultsFor(method);
        if (all.isEmpty()) {
            return null;
        }
        return all.stream().anyMatch(r -> r.result().equals("pass")) ? "pass" : all.get(0).result();
    }

    private static MethodResult methodResult(String statement) {
        List<String> tokens = splitTokens(statement.trim());
        if (tokens.isEmpty()) {
            return null;
        }
        String first = tokens.get(0);
        int eq = first.indexOf('=');
        if (eq <= 0) {
            return null; // "none" (no results) or junk
        }
        String method = first.substring(0, eq).trim().toLowerCase(Locale.ROOT);
        int slash = method.indexOf('/');
        if (slash > 0) {
            method = method.substring(0, slash).trim();
        }
        String result = unquote(first.substring(eq + 1).trim()).toLowerCase(Locale.ROOT);
        Map<String, String> properties = new LinkedHashMap<>();
        for (String token : tokens.subList(1, tokens.size())) {
            int e = token.indexOf('=');
            if (e > 0) {
                properties.putIfAbsent(token.substring(0, e).trim().toLowerCase(Locale.ROOT),
                        unquote(token.substring(e + 1).trim()));
            }
        }
        return new MethodResult(method, result, properties);
    }

    /** Whitespace-separated tokens, joining "a = b" into "a=b" as some servers space it. */
    private static List<String> splitTokens(String statement) {
        String compact = statement.replaceAll("\\s*=\\s*", "=");
        List<String> tokens = new ArrayList<>();
        for (String t : splitOutsideQuotes(compact, ' ')) {
            if (!t.isBlank()) {
                tokens.add(t.trim());
            }
        }
        return tokens;
    }

    private static String stripComments(String s) {
        StringBuilder out = new StringBuilder();
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length() && (quoted || depth > 0)) {
                if (depth == 0) {
                    out.append(c).append(s.charAt(i + 1));
                }
                i++;
            } else if (quoted) {
                out.append(c);
                if (c == '"') {
                    quoted = false;
                }
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && depth > 0) {
                depth--;
                if (depth == 0) {
                    out.append(' ');
                }
            } else if (depth == 0) {
                if (c == '"') {
                    quoted = true;
                }
                out.append(c);
            }
        }
        return out.toString();
    }

    private static List<String> splitOutsideQuotes(String s, char separator) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == separator && !quoted) {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        parts.add(current.toString());
        parts.removeIf(String::isBlank);
        return parts;
    }

    private static String unquote(String v) {
        return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
    }
}
