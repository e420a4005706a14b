package se.council.hub.invitation;

import static se.council.hub.store.Sql.instant;
import static se.council.hub.store.Sql.utc;

import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The invitation table: per meeting the calendar event's UID, its current SEQUENCE and DTSTAMP. */
@Repository
public class InvitationStore {

    /** The event of a meeting's invitations as last sent. */
    public record Event(long meetingId, String uid, int sequence, Instant dtstamp) { }

    private final JdbcClient jdbc;

    public InvitationStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Event> find(long meetingId) {
        return jdbc.sql("SELECT meeting_id, uid, sequence, dtstamp FROM invitation WHERE meeting_id = ?").param(meetingId)
                .query((rs, n) -> new Event(rs.getLong(1), rs.getString(2), rs.getInt(3), instant(rs, "dtstamp")))
                .optional();
    }

    /** The meeting's event, created with SEQUENCE 0 on its first invitation. */
    public Event findOrCreate(long meetingId, String uid, Instant now) {
        return find(meetingId).orElseGet(() -> {
            jdbc.sql("INSERT INTO invitation (meeting_id, uid, sequence, dtstamp) VALUES (?, ?, 0, ?)")
                    .params(meetingId, uid, utc(now)).update();
            return new Event(meetingId, uid, 0, now);
        });
    }

    /** A new version of the event: SEQUENCE + 1 and a new DTSTAMP (RFC 5546 2.1.4). */
    public Event next(Event event, Instant now) {
        jdbc.sql("UPDATE invitation SET sequence = ?, dtstamp = ? WHERE meeting_id = ?")
                .params(event.sequence() + 1, utc(now), event.meetingId()).update();
        return new Event(event.meetingId(), event.uid(), event.sequence() + 1, now);
    }

    // ---------------------------------------------------------------- kept in step with the meeting

    /** The invite round of each attendee removed at least once (the others are in round 0), by address. */
    public java.util.Map<String, Integer> rounds(long meetingId) {
        java.util.Map<String, Integer> rounds = new java.util.HashMap<>();
        jdbc.sql("SELECT email, invite_round FROM attendee WHERE meeting_id = ? AND invite_round > 0").param(meetingId)
                .query(rs -> {
                    rounds.put(rs.getString(1), rs.getInt(2));
                });
        return rounds;
    }

    /** Counts one more removal of the person from the invitation: their next REQUEST is a new step. */
    public void nextRound(long meetingId, String email) {
        jdbc.sql("UPDATE attendee SET invite_round = invite_round + 1 WHERE meeting_id = ? AND email = ?")
                .params(meetingId, email.toLowerCase(java.util.Locale.ROOT)).update();
    }

    /**
     * The meeting moved to another time: every answer of a person still invited (ACCEPTED, DECLINED,
     * TENTATIVE) goes back to NEEDS-ACTION, kept in previous_partstat; comment and responded_at stay.
     * A delegation stands (it says who comes, not when); the delegate's own answer is reset.
     *
     * @return the number of answers reset
     */
    public int resetAnswers(long meetingId) {
        return jdbc.sql("""
                        UPDATE attendee SET previous_partstat = partstat, partstat = 'NEEDS-ACTION'
                        WHERE meeting_id = ? AND invited AND partstat IN ('ACCEPTED', 'DECLINED', 'TENTATIVE')""")
                .param(meetingId).update();
    }
}
