package se.council.hub.attendance;

import static se.council.hub.store.Sql.instant;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The attendee table: who is expected at each meeting, their RSVP and their recorded presence. */
@Repository
public class AttendanceStore {

    private final JdbcClient jdbc;

    public AttendanceStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A meeting's attendees, by agency (guests last), then name. */
    public List<Attendee> list(long meetingId) {
        return jdbc.sql("""
                        SELECT * FROM attendee WHERE meeting_id = :m ORDER BY agency_id NULLS LAST, name, email""")
                .param("m", meetingId)
                .query((rs, n) -> new Attendee(rs.getLong("meeting_id"), rs.getString("email"), rs.getString("name"),
                        rs.getString("agency_id"), rs.getString("organisation"), rs.getString("role"),
                        rs.getBoolean("invited"), PartStat.of(rs.getString("partstat")), rs.getString("comment"),
                        rs.getString("delegated_to"), rs.getString("delegated_from"), instant(rs, "responded_at"),
                        (Integer) rs.getObject("reply_sequence"), instant(rs, "reply_dtstamp"),
                        rs.getString("presence") == null ? null : Presence.valueOf(rs.getString("presence")),
                        rs.getString("presence_note")))
                .list();
    }
}
