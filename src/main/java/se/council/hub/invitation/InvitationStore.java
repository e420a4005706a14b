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
}
