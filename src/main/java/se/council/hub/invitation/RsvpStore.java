package se.council.hub.invitation;

import static se.council.hub.store.Sql.clip;
import static se.council.hub.store.Sql.instant;
import static se.council.hub.store.Sql.utc;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * What reading replies needs from the store besides the attendance list: the invitation a UID
 * belongs to (table invitation, written when invitations are sent) and the counter proposals.
 */
@Repository
public class RsvpStore {

    /** The calendar event of a meeting's invitations. */
    public record Invitation(long meetingId, String uid, int sequence, Instant dtstamp) { }

    /** A proposed new time for a meeting, from one invited person. */
    public record CounterProposal(long id, long meetingId, String email, Instant proposedStart, Instant proposedEnd,
                                  String comment, int sequence, Instant dtstamp, Instant receivedAt) { }

    private final JdbcClient jdbc;

    public RsvpStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The invitation with this UID (exactly as sent; UIDs are case-sensitive), if the hub sent one. */
    public Optional<Invitation> invitation(String uid) {
        return jdbc.sql("SELECT meeting_id, uid, sequence, dtstamp FROM invitation WHERE uid = ?").param(uid)
                .query((rs, n) -> new Invitation(rs.getLong("meeting_id"), rs.getString("uid"), rs.getInt("sequence"),
                        instant(rs, "dtstamp")))
                .optional();
    }

    /** The newest counter proposal of one person for a meeting (highest SEQUENCE, then DTSTAMP). */
    public Optional<CounterProposal> latestCounter(long meetingId, String email) {
        return jdbc.sql("""
                        SELECT * FROM counter_proposal WHERE meeting_id = ? AND email = ?
                        ORDER BY sequence DESC, dtstamp DESC NULLS LAST, id DESC""")
                .params(meetingId, email.toLowerCase(Locale.ROOT)).query(this::counter).list().stream().findFirst();
    }

    /** Keeps a counter proposal; one per reply mail. */
    public long insertCounter(long meetingId, String email, Instant proposedStart, Instant proposedEnd, String comment,
                              int sequence, Instant dtstamp, Instant receivedAt, long inboundId) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO counter_proposal (meeting_id, email, proposed_start, proposed_end, comment, sequence,
                            dtstamp, received_at, inbound_id)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(meetingId, email.toLowerCase(Locale.ROOT), utc(proposedStart), utc(proposedEnd), clip(comment, 2000),
                        sequence, utc(dtstamp), utc(receivedAt), inboundId)
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    /** A meeting's counter proposals, newest first. */
    public List<CounterProposal> counters(long meetingId) {
        return jdbc.sql("SELECT * FROM counter_proposal WHERE meeting_id = ? ORDER BY received_at DESC, id DESC")
                .param(meetingId).query(this::counter).list();
    }

    private CounterProposal counter(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new CounterProposal(rs.getLong("id"), rs.getLong("meeting_id"), rs.getString("email"),
                instant(rs, "proposed_start"), instant(rs, "proposed_end"), rs.getString("comment"), rs.getInt("sequence"),
                instant(rs, "dtstamp"), instant(rs, "received_at"));
    }
}
