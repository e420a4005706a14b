package se.council.hub.intake;

import static se.council.hub.store.Sql.clip;
import static se.council.hub.store.Sql.instant;
import static se.council.hub.store.Sql.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import se.council.hub.store.InsertOnce;

/** Stored inputs: raw inbound messages, submissions with their attachments, and rejections. */
@Repository
public class IntakeStore {

    /** An inbound message as stored before parsing. */
    public record Inbound(long id, Channel channel, String contentKey, String messageId, String rawSha256,
                          State state, int attempts, String outcome) {
        public boolean handled() {
            return state != State.RECEIVED;
        }
    }

    public enum State { RECEIVED, PROCESSED, REJECTED }

    public record SubmissionView(long id, String agency, SubmissionKind kind, Channel channel, String state,
                                 Instant receivedAt, String sender, String title, String presenters, String text,
                                 boolean late, List<StoredFile> attachments) { }

    private final JdbcClient jdbc;
    private final InsertOnce insertOnce;

    public IntakeStore(JdbcClient jdbc, InsertOnce insertOnce) {
        this.jdbc = jdbc;
        this.insertOnce = insertOnce;
    }

    public Optional<Inbound> findInbound(Channel channel, String contentKey) {
        return jdbc.sql("SELECT * FROM inbound_message WHERE channel = ? AND content_key = ?")
                .params(channel.name(), contentKey).query(IntakeStore::inbound).optional();
    }

    /**
     * Records an inbound message, or returns the one already recorded with the same content key
     * (a redelivery). Runs in the caller's transaction, which a second delivery racing this one leaves usable.
     */
    public Inbound recordInbound(Channel channel, String contentKey, String messageId, String rawSha256, long size,
                                 String sender, String subject, Instant receivedAt) {
        return recordInbound(channel, contentKey, messageId, rawSha256, null, size, sender, subject, receivedAt);
    }

    /**
     * @param body the raw input itself when it is small (a queue message's JSON), kept in the row
     *             instead of a file; null when the raw input is in the blob store under rawSha256
     */
    public Inbound recordInbound(Channel channel, String contentKey, String messageId, String rawSha256, String body,
                                 long size, String sender, String subject, Instant receivedAt) {
        Optional<Inbound> existing = findInbound(channel, contentKey);
        if (existing.isPresent()) {
            return existing.get();
        }
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        boolean inserted = insertOnce.insert(() -> jdbc.sql("""
                INSERT INTO inbound_message (channel, content_key, message_id, raw_sha256, body, size, sender, subject,
                    received_at, state, attempts)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'RECEIVED', 0)""")
                .params(channel.name(), contentKey, clip(messageId, 1000), rawSha256, body, size, clip(sender, 320),
                        clip(subject, 1000), utc(receivedAt))
                .update(keys, "id"));
        if (!inserted) {
            // Another delivery of the same input recorded it since the lookup above (and has committed).
            return findInbound(channel, contentKey).orElseThrow(() -> new IllegalStateException(
                    "Inbound " + channel + " " + contentKey + " met its unique key but is not found"));
        }
        return new Inbound(keys.getKey().longValue(), channel, contentKey, messageId, rawSha256, State.RECEIVED, 0, null);
    }

    public void finishInbound(long inboundId, State state, String outcome) {
        jdbc.sql("UPDATE inbound_message SET state = ?, outcome = ? WHERE id = ?")
                .params(state.name(), clip(outcome, 4000), inboundId).update();
    }

    /** The sender recorded with an inbound message, as its From header was written, if any. */
    public Optional<String> inboundSender(long inboundId) {
        return jdbc.sql("SELECT sender FROM inbound_message WHERE id = ?").param(inboundId).query(String.class).optional();
    }

    /** Counts a failed processing attempt and returns the new count. */
    public int countFailure(long inboundId, String error) {
        jdbc.sql("UPDATE inbound_message SET attempts = attempts + 1, outcome = ? WHERE id = ?")
                .params(clip(error, 4000), inboundId).update();
        return jdbc.sql("SELECT attempts FROM inbound_message WHERE id = ?").param(inboundId).query(Integer.class).single();
    }

    /** The agency's current (accepted) status update for the meeting: its id and when it was sent. */
    public record Current(long id, Instant sentAt) { }

    public Optional<Current> currentStatusUpdate(long meetingId, String agencyId) {
        return jdbc.sql("""
                SELECT id, sent_at, received_at FROM submission
                WHERE meeting_id = ? AND agency_id = ? AND kind = 'STATUS_UPDATE' AND state = 'ACCEPTED'
                ORDER BY id DESC""")
                .params(meetingId, agencyId)
                .query((rs, n) -> new Current(rs.getLong("id"),
                        instant(rs, "sent_at") != null ? instant(rs, "sent_at") : instant(rs, "received_at")))
                .list().stream().findFirst();
    }

    /** Stores a submission as ACCEPTED, or as SUPERSEDED by a newer one stored before it. */
    public long insertSubmission(Contribution c, Long supersededBy) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO submission (meeting_id, agency_id, kind, channel, inbound_id, original_message_id,
                    received_at, sent_at, sender, verification, title, presenters, text, state, superseded_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(c.meeting().id(), c.agencyId(), c.kind().name(), c.channel().name(), c.inboundId(),
                        clip(c.originalMessageId(), 1000), utc(c.receivedAt()), utc(c.sentAt()), clip(c.sender(), 320),
                        clip(c.verification(), 300), clip(c.title(), 500), clip(c.presenters(), 500), c.text(),
                        supersededBy == null ? "ACCEPTED" : "SUPERSEDED", supersededBy)
                .update(keys, "id");
        long id = keys.getKey().longValue();
        for (int i = 0; i < c.files().size(); i++) {
            StoredFile f = c.files().get(i);
            jdbc.sql("INSERT INTO attachment (submission_id, position, name, media_type, size, sha256) VALUES (?, ?, ?, ?, ?, ?)")
                    .params(id, i, f.name(), f.mediaType(), f.size(), f.sha256()).update();
        }
        return id;
    }

    /** Holds the agency's row until the transaction ends (SELECT … FOR UPDATE, on H2 and PostgreSQL). */
    public void lockAgency(String agencyId) {
        jdbc.sql("SELECT id FROM agency WHERE id = ? FOR UPDATE").param(agencyId).query(String.class).single();
    }

    /** Marks a status update as superseded by a newer one; found by key, so it costs one row. */
    public void supersede(long submissionId, long newerId) {
        jdbc.sql("UPDATE submission SET state = 'SUPERSEDED', superseded_by = ? WHERE id = ?")
                .params(newerId, submissionId).update();
    }

    public void insertProposedAgendaItem(long meetingId, String agencyId, String title, String presenters,
                                         String text, long submissionId) {
        jdbc.sql("""
                INSERT INTO agenda_item (meeting_id, number, title, presenters, agency_id, text, state, submission_id)
                VALUES (?, NULL, ?, ?, ?, ?, 'PROPOSED', ?)""")
                .params(meetingId, clip(title, 500), clip(presenters, 500), agencyId, text, submissionId).update();
    }

    public long insertRejection(Channel channel, Long inboundId, Instant receivedAt, String sender, String agency,
                                String meetingRef, RejectionReason code, String reason) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO rejection (channel, inbound_id, received_at, sender, agency_id, meeting_ref, reason_code, reason)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(channel.name(), inboundId, utc(receivedAt), clip(sender, 320), agency, meetingRef,
                        code.name(), clip(reason, 4000))
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    public List<Rejection> rejections() {
        return jdbc.sql("SELECT * FROM rejection ORDER BY received_at DESC, id DESC").query((rs, n) -> new Rejection(
                rs.getLong("id"), Channel.valueOf(rs.getString("channel")), (Long) rs.getObject("inbound_id", Long.class),
                instant(rs, "received_at"), rs.getString("sender"), rs.getString("agency_id"), rs.getString("meeting_ref"),
                RejectionReason.valueOf(rs.getString("reason_code")), rs.getString("reason"))).list();
    }

    /** Every submission for a meeting, newest first, with its files. */
    public List<SubmissionView> submissions(long meetingId, Instant deadline) {
        Map<Long, List<StoredFile>> files = new LinkedHashMap<>();
        jdbc.sql("""
                SELECT a.submission_id, a.name, a.media_type, a.size, a.sha256 FROM attachment a
                JOIN submission s ON s.id = a.submission_id WHERE s.meeting_id = ? ORDER BY a.submission_id, a.position""")
                .param(meetingId)
                .query((ResultSet rs) -> {
                    files.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                            .add(new StoredFile(rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5)));
                });
        return jdbc.sql("SELECT * FROM submission WHERE meeting_id = ? ORDER BY received_at DESC, id DESC")
                .param(meetingId)
                .query((rs, n) -> {
                    Instant received = instant(rs, "received_at");
                    return new SubmissionView(rs.getLong("id"), rs.getString("agency_id"),
                            SubmissionKind.valueOf(rs.getString("kind")), Channel.valueOf(rs.getString("channel")),
                            rs.getString("state"), received, rs.getString("sender"), rs.getString("title"),
                            rs.getString("presenters"), rs.getString("text"), received.isAfter(deadline),
                            files.getOrDefault(rs.getLong("id"), List.of()));
                }).list();
    }

    /** The files of one submission, in the order they came. */
    public List<StoredFile> files(long submissionId) {
        return jdbc.sql("SELECT name, media_type, size, sha256 FROM attachment WHERE submission_id = ? ORDER BY position")
                .param(submissionId)
                .query((rs, n) -> new StoredFile(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4))).list();
    }

    /** Agencies with at least one accepted submission for the meeting. */
    public List<String> agenciesWithAcceptedSubmission(long meetingId) {
        return jdbc.sql("SELECT DISTINCT agency_id FROM submission WHERE meeting_id = ? AND state = 'ACCEPTED'")
                .param(meetingId).query(String.class).list();
    }

    private static Inbound inbound(ResultSet rs, int row) throws SQLException {
        return new Inbound(rs.getLong("id"), Channel.valueOf(rs.getString("channel")), rs.getString("content_key"),
                rs.getString("message_id"), rs.getString("raw_sha256"), State.valueOf(rs.getString("state")),
                rs.getInt("attempts"), rs.getString("outcome"));
    }
}
