package se.council.hub.attendance;

import java.time.Instant;

/**
 * One person's row in a meeting's attendance list: their answer to the invitation and, once the
 * secretariat has recorded it, whether they were there.
 *
 * @param agencyId     the registry agency, or null for a guest
 * @param organisation a guest's organisation as written, or null
 * @param invited      whether the person is on the current invitation
 * @param presence     null while the secretariat has recorded nothing; then the RSVP stands
 * @param previousPartstat the answer given before a change of date or time asked again, or null
 */
public record Attendee(long meetingId, String email, String name, String agencyId, String organisation,
                       String role, boolean invited, PartStat partstat, String comment, String delegatedTo,
                       String delegatedFrom, Instant respondedAt, Integer replySequence, Instant replyDtstamp,
                       Presence presence, String presenceNote, PartStat previousPartstat) {

    /** Present for the protocol: as recorded by the secretariat, otherwise when the person accepted. */
    public boolean present() {
        return presence != null ? presence != Presence.ABSENT : partstat == PartStat.ACCEPTED;
    }
}
