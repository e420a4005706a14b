package se.council.hub.invitation;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Arranges "the hub has sent the invitations of a meeting" for the reply tests: the meeting's row in
 * invitation (UID, SEQUENCE, DTSTAMP) and one attendee row per invited person, as the sending side
 * writes them.
 *
 * <p>Kept although sending exists ({@code POST /api/meetings/{id}/invitations}, used end to end by
 * InvitationRoundTripIT and by RsvpIT's first test through {@link #sent}): most reply tests replay
 * whole mails of real clients (Google, Apple, Outlook for Mac) whose UID, sender and ATTENDEE are
 * fixed inside the sample and are people outside the registry, so the invitation must carry that UID
 * and list those people, which the sending side (a random UID, the registry's people) cannot arrange;
 * and a reply test needs no 16 invitation mails per meeting.
 */
final class InvitedMeeting {

    private final JdbcClient jdbc;
    private final long meetingId;

    private InvitedMeeting(JdbcClient jdbc, long meetingId) {
        this.jdbc = jdbc;
        this.meetingId = meetingId;
    }

    /** Records that the invitation with this UID and SEQUENCE went out for the meeting. */
    static InvitedMeeting invite(JdbcClient jdbc, long meetingId, String uid, int sequence) {
        jdbc.sql("INSERT INTO invitation (meeting_id, uid, sequence, dtstamp) VALUES (?, ?, ?, ?)")
                .params(meetingId, uid, sequence, OffsetDateTime.of(2026, 11, 20, 9, 0, 0, 0, ZoneOffset.UTC)).update();
        return new InvitedMeeting(jdbc, meetingId);
    }

    /** A meeting whose invitations the hub has really sent ({@code POST …/invitations}): nothing is inserted. */
    static InvitedMeeting sent(JdbcClient jdbc, long meetingId) {
        return new InvitedMeeting(jdbc, meetingId);
    }

    /** The UID of the meeting's invitation, as the hub chose it. */
    String uid() {
        return jdbc.sql("SELECT uid FROM invitation WHERE meeting_id = ?").param(meetingId).query(String.class).single();
    }

    /** Puts a person on the invitation, NEEDS-ACTION, as the sending side does for each participant. */
    InvitedMeeting person(String email, String name, String agencyId) {
        jdbc.sql("""
                        INSERT INTO attendee (meeting_id, email, name, agency_id, role, invited, partstat)
                        VALUES (?, ?, ?, ?, 'REQ-PARTICIPANT', TRUE, 'NEEDS-ACTION')""")
                .params(meetingId, email.toLowerCase(java.util.Locale.ROOT), name, agencyId).update();
        return this;
    }

    /** Takes a person off the invitation (the sending side sends them a CANCEL and keeps the row). */
    InvitedMeeting removed(String email) {
        jdbc.sql("UPDATE attendee SET invited = FALSE WHERE meeting_id = ? AND email = ?").params(meetingId, email).update();
        return this;
    }

    long meetingId() {
        return meetingId;
    }

    /** A person's row as stored: partstat, comment, delegations, the reply's time and version. */
    record Row(String partstat, String comment, String delegatedTo, String delegatedFrom, Instant respondedAt,
               Integer replySequence, Instant replyDtstamp, boolean invited) { }

    Row row(String email) {
        return jdbc.sql("SELECT * FROM attendee WHERE meeting_id = ? AND email = ?").params(meetingId, email)
                .query((rs, n) -> new Row(rs.getString("partstat"), rs.getString("comment"), rs.getString("delegated_to"),
                        rs.getString("delegated_from"), instant(rs.getObject("responded_at", OffsetDateTime.class)),
                        (Integer) rs.getObject("reply_sequence"), instant(rs.getObject("reply_dtstamp", OffsetDateTime.class)),
                        rs.getBoolean("invited")))
                .optional().orElse(null);
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }
}
