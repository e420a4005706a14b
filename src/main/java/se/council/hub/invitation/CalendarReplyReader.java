package se.council.hub.invitation;

import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.fortuna.ical4j.data.CalendarParserImpl;
import net.fortuna.ical4j.data.ContentHandler;
import net.fortuna.ical4j.data.ParserException;
import se.council.hub.attendance.PartStat;

/**
 * Reads the iTIP REPLY and COUNTER objects calendar clients send (Outlook/Exchange, Google, Apple,
 * Thunderbird, Nextcloud, Zimbra) into {@link CalendarReply}. Pure: no Spring, no store.
 *
 * <p>Lenient in what it reads: ical4j's parser does the lexical work (properties, parameters,
 * quoting) on text first normalised the way real clients need it (CRLF, LF or CR line ends, lines
 * folded with a space or a tab, a byte-order mark, lower-case names). Values are interpreted here,
 * so an unknown X- property, a TZID no zone database knows or a VTIMEZONE after the event never
 * makes a reply unreadable. Strict in what counts: the method must be REPLY or COUNTER, the event
 * must have a UID, and a COUNTER must propose a start that resolves to an instant.
 *
 * <p>ical4j's {@code CompatibilityHints} are left alone on purpose: they are static, JVM-wide
 * switches, and relaxing them here would also relax what the sending side builds and validates
 * with ical4j. The leniency lives in the normalising and in reading values here instead.
 */
public final class CalendarReplyReader {

    private static final Pattern DATE_TIME = Pattern.compile("(\\d{8})T(\\d{4})(\\d{2})?(Z)?");
    private static final Pattern DATE = Pattern.compile("\\d{8}");
    private static final Pattern DURATION = Pattern.compile("([+-])?P(?:(\\d+)W)?(?:(\\d+)D)?(?:T(?:(\\d+)H)?(?:(\\d+)M)?(?:(\\d+)S)?)?");
    private static final Pattern LINE_NAME = Pattern.compile("^([A-Za-z0-9-]+)([;:])");

    private final ZoneId floatingZone;

    /** A reader that takes floating times (no TZID, no Z) as Europe/Stockholm time, the council's zone. */
    public CalendarReplyReader() {
        this(ZoneId.of("Europe/Stockholm"));
    }

    /** A reader that takes floating times (no TZID, no Z) and unknown zones without definition as this zone. */
    public CalendarReplyReader(ZoneId floatingZone) {
        this.floatingZone = floatingZone;
    }

    /** The reply in an iCalendar text; throws {@link InvalidCalendarException} saying what is wrong. */
    public CalendarReply read(String icalendar) {
        return read(icalendar, null);
    }

    /**
     * The reply in an iCalendar text, with the method the mail's Content-Type named for it. The
     * object's own METHOD wins (Google sends a COUNTER in a part labelled method=REPLY); the
     * Content-Type's only counts when the object has none.
     */
    public CalendarReply read(String icalendar, String contentTypeMethod) {
        if (icalendar == null || icalendar.isBlank()) {
            throw new InvalidCalendarException("the calendar part is empty");
        }
        Node root = parse(icalendar);
        Node calendar = root.children.stream().filter(c -> c.name.equals("VCALENDAR")).findFirst()
                .orElseThrow(() -> new InvalidCalendarException("no VCALENDAR object in the calendar part"));
        String method = calendar.value("METHOD").map(m -> m.toUpperCase(Locale.ROOT))
                .orElse(contentTypeMethod == null ? null : contentTypeMethod.strip().toUpperCase(Locale.ROOT));
        if (method == null) {
            throw new InvalidCalendarException("the calendar object names no METHOD; a reply must say METHOD:REPLY");
        }
        if (!method.equals("REPLY") && !method.equals("COUNTER")) {
            throw new InvalidCalendarException("METHOD:" + method + " is not a reply to an invitation (REPLY or COUNTER)");
        }
        List<Node> events = calendar.children.stream().filter(c -> c.name.equals("VEVENT")).toList();
        if (events.isEmpty()) {
            throw new InvalidCalendarException("the calendar object holds no event (VEVENT)");
        }
        // A reply to a whole series comes first or alone; overrides (RECURRENCE-ID) answer single occurrences.
        Node event = events.stream().filter(e -> e.property("RECURRENCE-ID").isEmpty()).findFirst().orElse(events.get(0));
        String uid = event.value("UID").filter(u -> !u.isBlank())
                .orElseThrow(() -> new InvalidCalendarException("the event has no UID, so it cannot be matched to an invitation"));
        int sequence = event.value("SEQUENCE").map(CalendarReplyReader::sequence).orElse(0);
        Zones zones = new Zones(calendar);
        Instant dtstamp = event.property("DTSTAMP").map(p -> stamp(p, zones)).orElse(null);
        List<CalendarReply.Attendee> attendees = new ArrayList<>();
        for (Prop p : event.properties("ATTENDEE")) {
            String email = address(p.value, p.param("EMAIL"));
            if (email == null) {
                continue;
            }
            String name = p.param("CN") == null || p.param("CN").isBlank() ? null : p.param("CN").strip();
            PartStat partstat = partstat(p.param("PARTSTAT"));
            String delegatedTo = p.param("DELEGATED-TO") == null ? null : address(firstOfList(p.param("DELEGATED-TO")), null);
            attendees.add(new CalendarReply.Attendee(email, name, partstat, delegatedTo));
        }
        List<String> comments = event.properties("COMMENT").stream().map(p -> unescape(p.value).strip())
                .filter(c -> !c.isEmpty()).toList();
        String comment = comments.isEmpty() ? null : String.join("\n", comments);
        Instant proposedStart = null;
        Instant proposedEnd = null;
        if (method.equals("COUNTER")) {
            Prop start = event.property("DTSTART")
                    .orElseThrow(() -> new InvalidCalendarException("the COUNTER proposes no start (DTSTART)"));
            proposedStart = instant(start, zones, "DTSTART");
            Optional<Prop> end = event.property("DTEND");
            if (end.isPresent()) {
                proposedEnd = instant(end.get(), zones, "DTEND");
            } else if (event.value("DURATION").isPresent()) {
                proposedEnd = proposedStart.plus(duration(event.value("DURATION").get()));
            }
            if (proposedEnd != null && proposedEnd.isBefore(proposedStart)) {
                throw new InvalidCalendarException("the COUNTER proposes an end (" + proposedEnd + ") before its start (" + proposedStart + ")");
            }
        }
        String recurrenceId = event.value("RECURRENCE-ID").orElse(null);
        return new CalendarReply(method, uid.strip(), sequence, dtstamp, attendees, comment, proposedStart, proposedEnd, recurrenceId);
    }

    // ---------------------------------------------------------------- parsing

    /** A component as read: its properties in order and its sub-components. */
    private static final class Node {
        final String name;
        final List<Prop> props = new ArrayList<>();
        final List<Node> children = new ArrayList<>();

        Node(String name) {
            this.name = name;
        }

        Optional<Prop> property(String propertyName) {
            return props.stream().filter(p -> p.name.equals(propertyName)).findFirst();
        }

        List<Prop> properties(String propertyName) {
            return props.stream().filter(p -> p.name.equals(propertyName)).toList();
        }

        Optional<String> value(String propertyName) {
            return property(propertyName).map(p -> p.value == null ? "" : p.value.strip());
        }
    }

    /** A property as read: upper-case name, parameters (upper-case names, unquoted values), raw value. */
    private static final class Prop {
        final String name;
        final Map<String, String> params = new LinkedHashMap<>();
        String value = "";

        Prop(String name) {
            this.name = name;
        }

        String param(String paramName) {
            return params.get(paramName);
        }
    }

    private static Node parse(String icalendar) {
        String text = normalise(icalendar);
        Node root = new Node("ROOT");
        Deque<Node> open = new ArrayDeque<>();
        open.push(root);
        Prop[] current = new Prop[1];
        ContentHandler handler = new ContentHandler() {
            @Override
            public void startCalendar() {
                Node calendar = new Node("VCALENDAR");
                open.peek().children.add(calendar);
                open.push(calendar);
            }

            @Override
            public void endCalendar() {
                if (open.size() > 1) {
                    open.pop();
                }
            }

            @Override
            public void startComponent(String name) {
                Node component = new Node(name.toUpperCase(Locale.ROOT));
                open.peek().children.add(component);
                open.push(component);
            }

            @Override
            public void endComponent(String name) {
                if (open.size() > 2) {
                    open.pop();
                }
            }

            @Override
            public void startProperty(String name) {
                current[0] = new Prop(name.toUpperCase(Locale.ROOT));
            }

            @Override
            public void propertyValue(String value) {
                current[0].value = value == null ? "" : value;
            }

            @Override
            public void endProperty(String name) {
                open.peek().props.add(current[0]);
            }

            @Override
            public void parameter(String name, String value) {
                current[0].params.putIfAbsent(name.toUpperCase(Locale.ROOT), unquote(value));
            }
        };
        try {
            new CalendarParserImpl().parse(new StringReader(text), handler);
        } catch (ParserException e) {
            throw new InvalidCalendarException("the calendar data cannot be read (line " + e.getLineNo() + "): "
                    + rootMessage(e), e);
        } catch (IOException | RuntimeException e) {
            throw new InvalidCalendarException("the calendar data cannot be read: " + rootMessage(e), e);
        }
        return root;
    }

    /**
     * What real clients send, made readable: one kind of line end, folded lines joined (CRLF or LF
     * followed by a space or a tab), no byte-order mark, blank and stray lines dropped, component
     * and property names in upper case (some clients write "begin:vcalendar").
     */
    static String normalise(String icalendar) {
        String text = icalendar.startsWith("\uFEFF") ? icalendar.substring(1) : icalendar;
        text = text.replace("\r\n", "\n").replace('\r', '\n');
        text = text.replaceAll("\n[ \t]", "");
        StringBuilder out = new StringBuilder(text.length() + 64);
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            Matcher m = LINE_NAME.matcher(line);
            if (!m.find()) {
                // Not a property: a stray line some generators leave (an unescaped line break in a
                // long DESCRIPTION, a signature glued to the part). Dropped rather than failing the reply.
                continue;
            }
            String name = m.group(1).toUpperCase(Locale.ROOT);
            String rest = line.substring(m.end(1));
            if ((name.equals("BEGIN") || name.equals("END")) && rest.startsWith(":")) {
                rest = rest.toUpperCase(Locale.ROOT);
            }
            out.append(name).append(rest).append("\r\n");
        }
        return out.toString();
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return String.valueOf(t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage());
    }

    // ---------------------------------------------------------------- values

    /** The zones a calendar object defines, by TZID, resolved on first use. */
    private final class Zones {
        private final Map<String, Node> definitions = new LinkedHashMap<>();

        Zones(Node calendar) {
            for (Node c : calendar.children) {
                if (c.name.equals("VTIMEZONE")) {
                    c.value("TZID").ifPresent(id -> definitions.put(unquote(id), c));
                }
            }
        }

        Optional<CalendarZones.Zone> zone(String tzid) {
            Node definition = definitions.get(tzid);
            List<String> hints = new ArrayList<>();
            List<CalendarZones.Observance> observances = new ArrayList<>();
            if (definition != null) {
                for (String hint : List.of("X-LIC-LOCATION", "X-ENTOURAGE-CFTIMEZONE", "X-MS-OLK-TZID")) {
                    definition.value(hint).ifPresent(hints::add);
                }
                for (Node o : definition.children) {
                    if (o.name.equals("STANDARD") || o.name.equals("DAYLIGHT")) {
                        observance(o).ifPresent(observances::add);
                    }
                }
            }
            return CalendarZones.resolve(tzid, hints, observances);
        }

        private Optional<CalendarZones.Observance> observance(Node o) {
            try {
                LocalDateTime start = localDateTime(o.value("DTSTART").orElse("16010101T000000"));
                ZoneOffset from = offset(o.value("TZOFFSETFROM").orElseThrow());
                ZoneOffset to = offset(o.value("TZOFFSETTO").orElseThrow());
                return Optional.of(new CalendarZones.Observance(start, from, to, o.value("RRULE").orElse(null)));
            } catch (RuntimeException e) {
                return Optional.empty();
            }
        }
    }

    /** The instant a DTSTART, DTEND or DTSTAMP stands for: UTC, with its TZID, or floating in the default zone. */
    private Instant instant(Prop p, Zones zones, String what) {
        String v = p.value == null ? "" : p.value.strip();
        String tzid = p.param("TZID");
        try {
            if (DATE.matcher(v).matches() || "DATE".equalsIgnoreCase(p.param("VALUE"))) {
                LocalDate date = LocalDate.parse(v.substring(0, 8), DateTimeFormatter.BASIC_ISO_DATE);
                return zoneOrFloating(tzid, zones, what).at(date.atStartOfDay());
            }
            Matcher m = DATE_TIME.matcher(v);
            if (!m.matches()) {
                throw new InvalidCalendarException(what + " '" + v + "' is not a date-time");
            }
            LocalDateTime local = localDateTime(v);
            if (m.group(4) != null) {
                return local.toInstant(ZoneOffset.UTC);
            }
            return zoneOrFloating(tzid, zones, what).at(local);
        } catch (DateTimeParseException e) {
            throw new InvalidCalendarException(what + " '" + v + "' is not a valid date-time", e);
        }
    }

    /**
     * DTSTAMP is UTC by the standard; a client that writes it otherwise, unreadably, loses only the
     * tie-break between two replies of the same SEQUENCE (null never counts as newer), not its reply.
     */
    private Instant stamp(Prop p, Zones zones) {
        try {
            return instant(p, zones, "DTSTAMP");
        } catch (InvalidCalendarException e) {
            return null;
        }
    }

    private CalendarZones.Zone zoneOrFloating(String tzid, Zones zones, String what) {
        if (tzid == null || tzid.isBlank()) {
            return local -> local.atZone(floatingZone).toInstant();
        }
        return zones.zone(unquote(tzid)).orElseThrow(() -> new InvalidCalendarException(
                what + " names the time zone '" + tzid + "', which is neither known nor defined in the object"));
    }

    private static LocalDateTime localDateTime(String v) {
        Matcher m = DATE_TIME.matcher(v.strip());
        if (!m.matches()) {
            throw new DateTimeParseException("not a date-time", v, 0);
        }
        LocalDate date = LocalDate.parse(m.group(1), DateTimeFormatter.BASIC_ISO_DATE);
        String hhmm = m.group(2);
        int seconds = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
        return date.atTime(LocalTime.of(Integer.parseInt(hhmm.substring(0, 2)), Integer.parseInt(hhmm.substring(2)),
                Math.min(seconds, 59)));
    }

    private static ZoneOffset offset(String v) {
        String s = v.strip();
        if (s.length() == 5 || s.length() == 7) {
            s = s.substring(0, 3) + ":" + s.substring(3, 5) + (s.length() == 7 ? ":" + s.substring(5) : "");
        }
        return ZoneOffset.of(s);
    }

    private static java.time.Duration duration(String v) {
        Matcher m = DURATION.matcher(v.strip().toUpperCase(Locale.ROOT));
        if (!m.matches()) {
            throw new InvalidCalendarException("DURATION '" + v + "' is not a duration");
        }
        long seconds = num(m.group(2)) * 7 * 86400 + num(m.group(3)) * 86400 + num(m.group(4)) * 3600
                + num(m.group(5)) * 60 + num(m.group(6));
        return java.time.Duration.ofSeconds("-".equals(m.group(1)) ? -seconds : seconds);
    }

    private static long num(String s) {
        return s == null ? 0 : Long.parseLong(s);
    }

    private static int sequence(String v) {
        try {
            return Math.max(0, Integer.parseInt(v.strip()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** NEEDS-ACTION when absent or unknown: the caller refuses a reply that answers nothing. */
    private static PartStat partstat(String value) {
        if (value == null || value.isBlank()) {
            return PartStat.NEEDS_ACTION;
        }
        try {
            return PartStat.of(value);
        } catch (IllegalArgumentException e) {
            return PartStat.NEEDS_ACTION;
        }
    }

    /**
     * The mail address of a calendar user: the mailto value (any case, angle brackets tolerated),
     * else the EMAIL parameter Apple and Thunderbird add; lower case; null when there is none.
     */
    static String address(String value, String emailParam) {
        String v = value == null ? "" : unquote(value.strip());
        if (v.regionMatches(true, 0, "mailto:", 0, 7)) {
            v = v.substring(7).strip();
        } else if (v.contains(":") || !v.contains("@")) {
            v = "";
        }
        if (v.startsWith("<") && v.endsWith(">")) {
            v = v.substring(1, v.length() - 1).strip();
        }
        if (!v.contains("@") && emailParam != null) {
            v = unquote(emailParam.strip());
            if (v.regionMatches(true, 0, "mailto:", 0, 7)) {
                v = v.substring(7);
            }
        }
        return v.contains("@") ? v.strip().toLowerCase(Locale.ROOT) : null;
    }

    private static String firstOfList(String value) {
        int comma = value.indexOf(',');
        return comma < 0 ? value : value.substring(0, comma);
    }

    private static String unquote(String s) {
        if (s == null) {
            return null;
        }
        String t = s.strip();
        return t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"") ? t.substring(1, t.length() - 1) : t;
    }

    /** RFC 5545 TEXT unescaping: \n, \N, \, \; and \\. */
    private static String unescape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                char n = text.charAt(++i);
                b.append(n == 'n' || n == 'N' ? '\n' : n);
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
