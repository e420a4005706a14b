package se.council.hub.attendance;

import static se.council.hub.store.Sql.instant;

import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The attendee table: who is expected at each meeting, their RSVP and their recorded presence. */
@Repository
public class AttendanceStore {

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;

    public AttendanceStore(JdbcClient jdbc, JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    /** A meeting's attendees, by agency (guests last), then name. */
    public List<Attendee> list(long meetingId) {
        return jdbc.sql("""
                        SELECT * FROM attendee WHERE meeting_id = :m ORDER BY agency_id NULLS LAST, name, email""")
                .param("m", meetingId)
                .query(AttendanceStore::attendee)
                .list();
    }

    private static Attendee attendee(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Attendee(rs.getLong("meeting_id"), rs.getString("email"), rs.getString("name"),
                rs.getString("agency_id"), rs.getString("organisation"), rs.getString("role"),
                rs.getBoolean("invited"), PartStat.of(rs.getString("partstat")), rs.getString("comment"),
                rs.getString("delegated_to"), rs.getString("delegated_from"), instant(rs, "responded_at"),
                (Integer) rs.getObject("reply_sequence"), instant(rs, "reply_dtstamp"),
                rs.getString("presence") == null ? null : Presence.valueOf(rs.getString("presence")),
                rs.getString("presence_note"),
                rs.getString("previous_partstat") == null ? null : PartStat.of(rs.getString("previous_partstat")));
    }

    /**
     * Puts a person on a meeting's invitation: a new row awaiting an answer, or an existing one
     * (removed earlier, or a name or role changed in the registry) updated and invited again. Their
     * answer so far is kept.
     *
     * @return true when the person was not on the invitation before
     */
    public boolean invite(long meetingId, String email, String name, String agencyId, String organisation, String role) {
        String address = email.toLowerCase(java.util.Locale.ROOT);
        var existing = jdbc.sql("SELECT name, agency_id, organisation, role, invited FROM attendee WHERE meeting_id = ? AND email = ?")
                .params(meetingId, address)
                .query((rs, n) -> java.util.Arrays.asList(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getBoolean(5)))
                .optional();
        Boolean invited = existing.map(row -> (Boolean) row.get(4)).orElse(null);
        if (existing.isPresent() && invited
                && existing.get().subList(0, 4).equals(java.util.Arrays.asList(name, agencyId, organisation, role))) {
            return false;
        }
        if (invited == null) {
            jdbc.sql(INSERT_INVITED).params(meetingId, address, name, agencyId, organisation, role).update();
            return true;
        }
        jdbc.sql("""
                UPDATE attendee SET name = ?, agency_id = ?, organisation = ?, role = ?, invited = TRUE
                WHERE meeting_id = ? AND email = ?""")
                .params(name, agencyId, organisation, role, meetingId, address).update();
        return !invited;
    }

    /**
     * Puts people who have no row for the meeting yet on its invitation, awaiting an answer, in one
     * batch of INSERTs (a new meeting's whole list at once); see {@link #invite} for anyone else.
     */
    public void inviteNew(long meetingId, List<NewAttendee> people) {
        if (people.isEmpty()) {
            return;
        }
        batch.batchUpdate(INSERT_INVITED, people.stream().map(p -> new Object[] {meetingId, p.email().toLowerCase(java.util.Locale.ROOT), p.name(),
                        p.agencyId(), p.organisation(), p.role()}).toList());
    }

    /** A new row of a person on the invitation, awaiting an answer. */
    private static final String INSERT_INVITED = """
            INSERT INTO attendee (meeting_id, email, name, agency_id, organisation, role, invited, partstat)
            VALUES (?, ?, ?, ?, ?, ?, TRUE, 'NEEDS-ACTION')""";

    /** A person to put on an invitation who has no row for the meeting yet. */
    public record NewAttendee(String email, String name, String agencyId, String organisation, String role) {
    }

    /** Takes a person off a meeting's invitation; their row (and answer) stays for the record. */
    public void uninvite(long meetingId, String email) {
        jdbc.sql("UPDATE attendee SET invited = FALSE WHERE meeting_id = ? AND email = ?")
                .params(meetingId, email.toLowerCase(java.util.Locale.ROOT)).update();
    }

    /** Those currently on a meeting's invitation. */
    public List<Attendee> invited(long meetingId) {
        return list(meetingId).stream().filter(Attendee::invited).toList();
    }

    // ---------------------------------------------------------------- replies to invitations (issue 4)

    /** One person's row of a meeting's attendance list, by address (any case). */
    public java.util.Optional<Attendee> find(long meetingId, String email) {
        // Every row's address is stored in lower case (invite, inviteNew, addDelegate).
        return jdbc.sql("SELECT * FROM attendee WHERE meeting_id = :m AND email = :email")
                .param("m", meetingId).param("email", email.toLowerCase(java.util.Locale.ROOT))
                .query(AttendanceStore::attendee).optional();
    }

    /**
     * Records a person's answer: PARTSTAT, COMMENT and when it came, with the SEQUENCE and DTSTAMP
     * of the reply, unless the row already holds a newer answer: a higher SEQUENCE, or the same
     * SEQUENCE with a DTSTAMP not older than this one (RFC 5546 2.1.5). Decided in the UPDATE
     * itself, so two replies taken in side by side cannot both win.
     *
     * @return whether the row was updated (false when the person is not on the list or the reply is older)
     */
    public boolean recordReply(long meetingId, String email, PartStat partstat, String comment, String delegatedTo,
                               java.time.Instant respondedAt, int replySequence, java.time.Instant replyDtstamp) {
        return jdbc.sql("""
                        UPDATE attendee SET partstat = :partstat, comment = :comment, delegated_to = :delegatedTo,
                               responded_at = :respondedAt, reply_sequence = :sequence, reply_dtstamp = :dtstamp
                        WHERE meeting_id = :m AND email = :email
                          AND (reply_sequence IS NULL OR reply_sequence < :sequence
                               OR (reply_sequence = :sequence AND (reply_dtstamp IS NULL OR reply_dtstamp < :dtstamp)))""")
                .param("partstat", partstat.value()).param("comment", se.council.hub.store.Sql.clip(comment, 2000))
                .param("delegatedTo", delegatedTo).param("respondedAt", se.council.hub.store.Sql.utc(respondedAt))
                .param("sequence", replySequence).param("dtstamp", se.council.hub.store.Sql.utc(replyDtstamp))
                .param("m", meetingId).param("email", email.toLowerCase(java.util.Locale.ROOT))
                .update() == 1;
    }

    /**
     * Adds the person a participant delegated to as an attendee of their own (NEEDS-ACTION until
     * they answer), or marks an existing row as delegated from that participant.
     *
     * @return true when a row was added
     */
    public boolean addDelegate(long meetingId, String email, String name, String agencyId, String role,
                               String delegatedFrom) {
        String address = email.toLowerCase(java.util.Locale.ROOT);
        int updated = jdbc.sql("UPDATE attendee SET delegated_from = :from WHERE meeting_id = :m AND email = :email")
                .param("from", delegatedFrom).param("m", meetingId).param("email", address).update();
        if (updated > 0) {
            return false;
        }
        jdbc.sql("""
                        INSERT INTO attendee (meeting_id, email, name, agency_id, role, invited, partstat, delegated_from)
                        VALUES (:m, :email, :name, :agency, :role, TRUE, 'NEEDS-ACTION', :from)""")
                .param("m", meetingId).param("email", address).param("name", se.council.hub.store.Sql.clip(name, 300))
                .param("agency", agencyId).param("role", role).param("from", delegatedFrom).update();
        return true;
    }

    /** Whether the address is on any meeting's attendance list (someone the hub has invited). */
    public boolean isAttendeeAnywhere(String email) {
        return email != null && jdbc.sql("SELECT COUNT(*) FROM attendee WHERE email = ?")
                .param(email.toLowerCase(java.util.Locale.ROOT)).query(Integer.class).single() > 0;
    }
}
