package se.council.hub.invitation;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the TZID of a calendar reply into a time zone, whatever the client wrote: an IANA name
 * ("Europe/Stockholm"), a Windows name ("W. Europe Standard Time", through a table after CLDR's
 * windowsZones.xml), an Outlook display name ("(UTC+01:00) Amsterdam, Berlin, …" or just
 * "Sarajevo, Skopje, Warsaw, Zagreb"), a vendor path ("/mozilla.org/20070129_1/Europe/Berlin"),
 * or, when none of those is known, the rules of the VTIMEZONE the object carries.
 */
final class CalendarZones {

    /** A resolved zone: the instant a local date-time in it stands for. */
    interface Zone {
        java.time.Instant at(LocalDateTime local);
    }

    /** One STANDARD or DAYLIGHT observance of a VTIMEZONE, as written. */
    record Observance(LocalDateTime start, ZoneOffset from, ZoneOffset to, String rrule) { }

    private static final Pattern DISPLAY_PREFIX = Pattern.compile("^\\((?:utc|gmt)[^)]*\\)\\s*");
    private static final Pattern OFFSET_NAME = Pattern.compile("(?i)^(?:utc|gmt)\\s*([+-])(\\d{1,2})(?::?(\\d{2}))?$");
    private static final Pattern BYDAY = Pattern.compile("([+-]?\\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)");
    private static final Map<String, ZoneId> TABLE = load();

    private CalendarZones() {
    }

    /**
     * The zone a TZID names.
     *
     * @param tzid        the TZID parameter as written (quotes allowed)
     * @param hints       zone names the object's VTIMEZONE offers besides its TZID
     *                    (X-LIC-LOCATION, X-ENTOURAGE-CFTIMEZONE), possibly empty
     * @param observances the VTIMEZONE's observances, possibly empty
     * @return empty when neither the name nor a definition says what the zone is
     */
    static Optional<Zone> resolve(String tzid, List<String> hints, List<Observance> observances) {
        Optional<ZoneId> named = zoneId(tzid);
        for (int i = 0; named.isEmpty() && i < hints.size(); i++) {
            named = zoneId(hints.get(i));
        }
        if (named.isPresent()) {
            ZoneId zone = named.get();
            return Optional.of(local -> local.atZone(zone).toInstant());
        }
        if (!observances.isEmpty()) {
            return Optional.of(local -> local.toInstant(offsetAt(local, observances)));
        }
        return Optional.empty();
    }

    /** The IANA zone a name stands for, by any of the spellings clients use; empty when unknown. */
    static Optional<ZoneId> zoneId(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String n = unquote(name.strip());
        if (n.isEmpty()) {
            return Optional.empty();
        }
        if (n.equalsIgnoreCase("Z") || n.equalsIgnoreCase("UTC") || n.equalsIgnoreCase("GMT")) {
            return Optional.of(ZoneOffset.UTC);
        }
        Optional<ZoneId> iana = iana(n);
        if (iana.isPresent()) {
            return iana;
        }
        ZoneId fromTable = TABLE.get(key(n));
        if (fromTable == null) {
            fromTable = TABLE.get(key(DISPLAY_PREFIX.matcher(n.toLowerCase(Locale.ROOT)).replaceFirst("")));
        }
        if (fromTable != null) {
            return Optional.of(fromTable);
        }
        Matcher offset = OFFSET_NAME.matcher(n);
        if (offset.matches()) {
            int hours = Integer.parseInt(offset.group(2));
            int minutes = offset.group(3) == null ? 0 : Integer.parseInt(offset.group(3));
            int sign = offset.group(1).equals("-") ? -1 : 1;
            try {
                return Optional.of(ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes));
            } catch (DateTimeException e) {
                return Optional.empty();
            }
        }
        // Vendor paths: "/mozilla.org/20070129_1/Europe/Berlin", "/softwarestudio.org/Olson_20011030_5/Europe/Paris".
        String[] parts = n.split("/");
        for (int i = 1; i < parts.length - 1; i++) {
            Optional<ZoneId> tail = iana(String.join("/", java.util.Arrays.copyOfRange(parts, i, parts.length)));
            if (tail.isPresent()) {
                return tail;
            }
        }
        return Optional.empty();
    }

    /** The UTC offset in force at a local time under a VTIMEZONE's observances (RFC 5545 3.6.5). */
    static ZoneOffset offsetAt(LocalDateTime local, List<Observance> observances) {
        LocalDateTime bestOnset = null;
        ZoneOffset best = null;
        for (Observance o : observances) {
            for (int year = local.getYear() - 1; year <= local.getYear(); year++) {
                LocalDateTime onset = onset(o, year);
                if (onset != null && !onset.isAfter(local) && (bestOnset == null || onset.isAfter(bestOnset))) {
                    bestOnset = onset;
                    best = o.to();
                }
            }
        }
        if (best != null) {
            return best;
        }
        // Before every onset: the earliest observance's offset before it began.
        return observances.stream().min(java.util.Comparator.comparing(Observance::start)).map(Observance::from)
                .orElse(ZoneOffset.UTC);
    }

    /** When an observance begins in a year (local wall time), or null when it does not begin that year. */
    private static LocalDateTime onset(Observance o, int year) {
        if (o.rrule() == null || o.rrule().isBlank()) {
            return o.start().getYear() == year ? o.start() : null;
        }
        if (year < o.start().getYear()) {
            return null;
        }
        Map<String, String> rule = new HashMap<>();
        for (String part : o.rrule().split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                rule.put(part.substring(0, eq).trim().toUpperCase(Locale.ROOT), part.substring(eq + 1).trim().toUpperCase(Locale.ROOT));
            }
        }
        if (!"YEARLY".equals(rule.get("FREQ"))) {
            return null;
        }
        String until = rule.get("UNTIL");
        int month = rule.containsKey("BYMONTH") ? Integer.parseInt(rule.get("BYMONTH").split(",")[0]) : o.start().getMonthValue();
        LocalDate date;
        String byday = rule.get("BYDAY");
        if (byday == null) {
            date = LocalDate.of(year, month, Math.min(o.start().getDayOfMonth(), java.time.YearMonth.of(year, month).lengthOfMonth()));
        } else {
            Matcher m = BYDAY.matcher(byday.split(",")[0]);
            if (!m.matches()) {
                return null;
            }
            DayOfWeek day = dayOfWeek(m.group(2));
            int ordinal = m.group(1) == null ? 1 : Integer.parseInt(m.group(1).replace("+", ""));
            LocalDate first = LocalDate.of(year, month, 1);
            if (rule.containsKey("BYMONTHDAY")) {
                // "the first Sunday on or after the 8th" style rules
                int monthDay = Integer.parseInt(rule.get("BYMONTHDAY").split(",")[0]);
                date = LocalDate.of(year, month, Math.max(1, monthDay)).with(TemporalAdjusters.nextOrSame(day));
            } else if (ordinal < 0) {
                date = first.with(TemporalAdjusters.lastInMonth(day)).plusWeeks(ordinal + 1L);
            } else {
                date = first.with(TemporalAdjusters.dayOfWeekInMonth(ordinal, day));
            }
        }
        LocalDateTime onset = date.atTime(o.start().toLocalTime());
        if (until != null && until.length() >= 8) {
            LocalDate last = LocalDate.parse(until.substring(0, 8), java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
            if (date.isAfter(last)) {
                return null;
            }
        }
        return onset;
    }

    private static DayOfWeek dayOfWeek(String code) {
        return switch (code) {
            case "MO" -> DayOfWeek.MONDAY;
            case "TU" -> DayOfWeek.TUESDAY;
            case "WE" -> DayOfWeek.WEDNESDAY;
            case "TH" -> DayOfWeek.THURSDAY;
            case "FR" -> DayOfWeek.FRIDAY;
            case "SA" -> DayOfWeek.SATURDAY;
            default -> DayOfWeek.SUNDAY;
        };
    }

    private static Optional<ZoneId> iana(String name) {
        // Only region ids ("Area/City", "Etc/…", "UTC"): ZoneId.of would also take "+01:00" or "GMT+1", which mean offsets.
        if (!name.contains("/")) {
            return Optional.empty();
        }
        try {
            return Optional.of(ZoneId.of(name));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1).strip() : s;
    }

    /** Lower case, "&" as "and", "/" between cities as a comma, no spaces around commas, single spaces. */
    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT).replace("&", "and").replaceAll("\\s*[,/]\\s*", ",")
                .replaceAll("\\s+", " ").strip();
    }

    private static Map<String, ZoneId> load() {
        Map<String, ZoneId> table = new HashMap<>();
        try (InputStream in = CalendarZones.class.getResourceAsStream("windows-zones.txt")) {
            if (in == null) {
                throw new IllegalStateException("windows-zones.txt is missing from the classpath");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = reader.readLine()) != null; ) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int eq = line.lastIndexOf('=');
                String name = line.substring(0, eq).strip();
                ZoneId zone = ZoneId.of(line.substring(eq + 1).strip());
                table.put(key(name), zone);
                table.putIfAbsent(key(DISPLAY_PREFIX.matcher(name.toLowerCase(Locale.ROOT)).replaceFirst("")), zone);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.copyOf(table);
    }
}
