package se.council.hub.meeting;

import static se.council.hub.store.Sql.instant;
import static se.council.hub.store.Sql.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

import java.time.ZoneId;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Stored meetings. */
@Repository
public class MeetingRepository {

    private static final String COLUMNS = """
            id, council_code, sequence_number, reference, meeting_date, start_time, end_time, time_zone,
            starts_at, ends_at, format, location, join_url, submission_deadline, state, created_at""";

    static final RowMapper<Meeting> MAPPER = MeetingRepository::map;

    private final JdbcClient jdbc;

    public MeetingRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Meeting> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM meeting WHERE id = ?").param(id).query(MAPPER).optional();
    }

    public Optional<Meeting> findByReference(String reference) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM meeting WHERE reference = ?").param(reference).query(MAPPER).optional();
    }

    public List<Meeting> all() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM meeting ORDER BY starts_at, id").query(MAPPER).list();
    }

    /** Scheduled meetings that have not ended yet, soonest first. */
    public List<Meeting> upcoming(Instant now) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM meeting WHERE state = 'SCHEDULED' AND ends_at > ? ORDER BY starts_at, id")
                .param(utc(now)).query(MAPPER).list();
    }

    public int nextSequenceNumber(String council, int registryStart) {
        Integer max = jdbc.sql("SELECT COALESCE(MAX(sequence_number), 0) FROM meeting WHERE council_code = ?")
                .param(council).query(Integer.class).single();
        return max == 0 ? registryStart : max + 1;
    }

    public boolean sequenceNumberTaken(String council, int number) {
        return jdbc.sql("SELECT COUNT(*) FROM meeting WHERE council_code = ? AND sequence_number = ?")
                .params(council, number).query(Integer.class).single() > 0;
    }

    public long insert(Meeting m) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO meeting (council_code, sequence_number, reference, meeting_date, start_time, end_time,
                    time_zone, starts_at, ends_at, format, location, join_url, submission_deadline, state, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(m.council(), m.sequenceNumber(), m.reference(), m.date(), m.start(), m.end(),
                        m.zone().getId(), utc(m.startsAt()), utc(m.endsAt()), m.format().name(), m.location(),
                        m.joinUrl(), utc(m.submissionDeadline()), m.state().name(), utc(m.createdAt()))
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    /** Stores a changed time and place (and the deadline that moves with the date). */
    public void update(Meeting m) {
        jdbc.sql("""
                UPDATE meeting SET meeting_date = ?, start_time = ?, end_time = ?, starts_at = ?, ends_at = ?, format = ?,
                    location = ?, join_url = ?, submission_deadline = ? WHERE id = ?""")
                .params(m.date(), m.start(), m.end(), utc(m.startsAt()), utc(m.endsAt()), m.format().name(), m.location(),
                        m.joinUrl(), utc(m.submissionDeadline()), m.id())
                .update();
    }

    public void cancel(long id) {
        jdbc.sql("UPDATE meeting SET state = 'CANCELLED' WHERE id = ?").param(id).update();
    }

    private static Meeting map(ResultSet rs, int row) throws SQLException {
        return new Meeting(rs.getLong("id"), rs.getString("council_code"), rs.getInt("sequence_number"),
                rs.getString("reference"), rs.getObject("meeting_date", java.time.LocalDate.class),
                rs.getObject("start_time", java.time.LocalTime.class), rs.getObject("end_time", java.time.LocalTime.class),
                ZoneId.of(rs.getString("time_zone")), instant(rs, "starts_at"), instant(rs, "ends_at"),
                Meeting.Format.valueOf(rs.getString("format")), rs.getString("location"), rs.getString("join_url"),
                instant(rs, "submission_deadline"), Meeting.State.valueOf(rs.getString("state")),
                instant(rs, "created_at"));
    }
}
