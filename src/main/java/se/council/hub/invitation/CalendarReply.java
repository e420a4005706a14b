package se.council.hub.invitation;

import java.time.Instant;
import java.util.List;
import se.council.hub.attendance.PartStat;

/**
 * What one iTIP REPLY or COUNTER (RFC 5546) says, read from whatever a calendar client sent, with
 * its time zones (IANA or Windows names such as "W. Europe Standard Time") resolved to instants.
 *
 * @param method        REPLY or COUNTER
 * @param uid           the event's UID
 * @param sequence      SEQUENCE, 0 when absent (RFC 5545's default)
 * @param dtstamp       DTSTAMP, or null when absent
 * @param attendees     the ATTENDEE properties of the event (a valid REPLY holds exactly one;
 *                      Google adds the organizer's at times, so the caller decides)
 * @param comment       COMMENT, or null
 * @param proposedStart for a COUNTER, the proposed DTSTART as an instant; null otherwise
 * @param proposedEnd   for a COUNTER, the proposed DTEND; null otherwise
 * @param recurrenceId  RECURRENCE-ID when the reply answers one occurrence, else null
 */
public record CalendarReply(String method, String uid, int sequence, Instant dtstamp, List<Attendee> attendees,
                            String comment, Instant proposedStart, Instant proposedEnd, String recurrenceId) {

    public CalendarReply {
        attendees = List.copyOf(attendees);
    }

    /**
     * One ATTENDEE of the reply.
     *
     * @param email       the mailto address, lower case, without "mailto:"
     * @param name        CN, or null
     * @param partstat    PARTSTAT (NEEDS-ACTION when absent)
     * @param delegatedTo the DELEGATED-TO address (lower case, no "mailto:"), or null
     */
    public record Attendee(String email, String name, PartStat partstat, String delegatedTo) { }
}
