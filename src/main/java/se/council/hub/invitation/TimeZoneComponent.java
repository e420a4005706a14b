package se.council.hub.invitation;

import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneOffsetTransitionRule;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import net.fortuna.ical4j.model.ComponentList;
import net.fortuna.ical4j.model.PropertyList;
import net.fortuna.ical4j.model.component.Daylight;
import net.fortuna.ical4j.model.component.Observance;
import net.fortuna.ical4j.model.component.Standard;
import net.fortuna.ical4j.model.component.VTimeZone;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.model.property.RRule;
import net.fortuna.ical4j.model.property.TzId;
import net.fortuna.ical4j.model.property.TzName;
import net.fortuna.ical4j.model.property.TzOffsetFrom;
import net.fortuna.ical4j.model.property.TzOffsetTo;

/**
 * The VTIMEZONE of a zone written from the JVM's own time-zone rules (its yearly daylight-saving
 * rules, as Google and Thunderbird write them: one STANDARD and one DAYLIGHT with a yearly RRULE),
 * so that every client resolves DTSTART;TZID=Europe/Stockholm the way java.time does.
 */
final class TimeZoneComponent {

    private TimeZoneComponent() {
    }

    static VTimeZone of(ZoneId zone) {
        ZoneRules rules = zone.getRules();
        List<Observance> observances = new ArrayList<>();
        List<ZoneOffsetTransitionRule> yearly = rules.getTransitionRules();
        if (yearly.isEmpty()) {
            // No daylight saving (any more): one STANDARD with today's offset.
            ZoneOffset offset = rules.getStandardOffset(java.time.Instant.now());
            Standard standard = new Standard();
            standard.add(new DtStart<>(LocalDateTime.of(1970, 1, 1, 0, 0)));
            standard.add(new TzOffsetFrom(offset));
            standard.add(new TzOffsetTo(offset));
            observances.add(standard);
        } else {
            for (ZoneOffsetTransitionRule rule : yearly) {
                // The rule's first transition from 1970 on, as local time before it (RFC 5545 3.6.5).
                ZoneOffsetTransition first = rule.createTransition(1970);
                boolean daylight = first.getOffsetAfter().getTotalSeconds() > rule.getStandardOffset().getTotalSeconds();
                Observance o = daylight ? new Daylight() : new Standard();
                o.add(new DtStart<>(first.getDateTimeBefore()));
                o.add(new RRule<>(recurrence(rule)));
                o.add(new TzOffsetFrom(first.getOffsetBefore()));
                o.add(new TzOffsetTo(first.getOffsetAfter()));
                o.add(new TzName(abbreviation(zone, daylight)));
                observances.add(o);
            }
        }
        return new VTimeZone(new PropertyList(List.of(new TzId(zone.getId()))), new ComponentList<>(observances));
    }

    /** "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU" for "last Sunday of March". */
    static String recurrence(ZoneOffsetTransitionRule rule) {
        int month = rule.getMonth().getValue();
        int day = rule.getDayOfMonthIndicator();
        DayOfWeek dow = rule.getDayOfWeek();
        if (dow == null) {
            return "FREQ=YEARLY;BYMONTH=" + month + ";BYMONTHDAY=" + day;
        }
        String weekday = dow.name().substring(0, 2);
        if (day == -1) {
            return "FREQ=YEARLY;BYMONTH=" + month + ";BYDAY=-1" + weekday;
        }
        if (day < 0) {
            // "dow on or before the day that is |day|-1 days before the month's end": the last week's dow.
            return "FREQ=YEARLY;BYMONTH=" + month + ";BYDAY=-1" + weekday;
        }
        int monthLength = rule.getMonth().maxLength();
        if (rule.getMonth() != java.time.Month.FEBRUARY && day + 6 == monthLength) {
            // "dow on or after the 25th" of a 31-day month is its last dow, as clients expect it written.
            return "FREQ=YEARLY;BYMONTH=" + month + ";BYDAY=-1" + weekday;
        }
        if ((day - 1) % 7 == 0) {
            return "FREQ=YEARLY;BYMONTH=" + month + ";BYDAY=" + ((day - 1) / 7 + 1) + weekday;
        }
        StringBuilder days = new StringBuilder();
        for (int d = day; d < day + 7; d++) {
            days.append(days.isEmpty() ? "" : ",").append(d);
        }
        return "FREQ=YEARLY;BYMONTH=" + month + ";BYDAY=" + weekday + ";BYMONTHDAY=" + days;
    }

    private static String abbreviation(ZoneId zone, boolean daylight) {
        var names = java.time.format.DateTimeFormatter.ofPattern("zzz", java.util.Locale.UK);
        // A date well inside each season of the northern or southern hemisphere's rules.
        ZoneRules rules = zone.getRules();
        for (int month : new int[] {1, 7}) {
            var at = java.time.LocalDate.of(2025, month, 15).atStartOfDay(zone);
            if (rules.isDaylightSavings(at.toInstant()) == daylight) {
                return at.format(names);
            }
        }
        return daylight ? "DST" : "STD";
    }
}
