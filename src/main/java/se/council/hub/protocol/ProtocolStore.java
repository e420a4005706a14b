package se.council.hub.protocol;

import static se.council.hub.store.Sql.instant;
import static se.council.hub.store.Sql.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The protocol tables (V5__protocol.sql): versions, adjusters, answers and the Message-IDs of the round's mails. */
@Repository
public class ProtocolStore {

    public enum State { DRAFT, IN_ADJUSTMENT, SUPERSEDED, ADJUSTED }

    public enum AdjusterState { PENDING, APPROVED, CORRECTIONS }

    /** One stored version (its document, the ProtocolDocument as JSON, is read on its own: {@link #document}). */
    public record Version(long id, long meetingId, int version, State state, String source,
                          String docxSha256, String pdfSha256, Instant createdAt, Instant sentAt, Instant deadline,
                          Instant adjustedAt, String completion, String finalDocxSha256, String finalPdfSha256) {
        public boolean locked() {
            return state == State.ADJUSTED;
        }
    }

    public record Adjuster(long protocolId, String email, String name, String agencyId, String organisation,
                           AdjusterState state, String text, Instant answeredAt, String channel) { }

    public record Response(long id, long protocolId, String email, String kind, String channel, String text,
                           String fileName, String fileSha256, String changes, Instant receivedAt) { }

    private static final String COLUMNS = """
            id, meeting_id, version, state, source, docx_sha256, pdf_sha256, created_at, sent_at, deadline, adjusted_at,
            completion, final_docx_sha256, final_pdf_sha256""";

    private final JdbcClient jdbc;

    public ProtocolStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<Version> versions(long meetingId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM protocol_version WHERE meeting_id = ? ORDER BY version")
                .param(meetingId).query(ProtocolStore::version).list();
    }

    public Optional<Version> latest(long meetingId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM protocol_version WHERE meeting_id = ? ORDER BY version DESC LIMIT 1")
                .param(meetingId).query(ProtocolStore::version).optional();
    }

    public Optional<Version> version(long meetingId, int version) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM protocol_version WHERE meeting_id = ? AND version = ?")
                .params(meetingId, version).query(ProtocolStore::version).optional();
    }

    public Optional<Version> byId(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM protocol_version WHERE id = ?").param(id).query(ProtocolStore::version).optional();
    }

    /** A version's document: the ProtocolDocument as JSON. */
    public String document(long id) {
        return jdbc.sql("SELECT document FROM protocol_version WHERE id = ?").param(id).query(String.class).single();
    }

    /** Locks the meeting's versions for the rest of the transaction, so two writers cannot make the same version. */
    public void lockMeeting(long meetingId) {
        jdbc.sql("SELECT id FROM meeting WHERE id = ? FOR UPDATE").param(meetingId).query(Long.class).list();
    }

    /** Versions sent for adjustment and not yet adjusted nor superseded. */
    public List<Version> inAdjustment() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM protocol_version WHERE state = 'IN_ADJUSTMENT' ORDER BY id")
                .query(ProtocolStore::version).list();
    }

    public long insert(long meetingId, int version, String source, String document, String docx, String pdf, Instant now) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO protocol_version (meeting_id, version, state, source, document, docx_sha256, pdf_sha256, created_at)
                VALUES (?, ?, 'DRAFT', ?, ?, ?, ?, ?)""")
                .params(meetingId, version, source, document, docx, pdf, utc(now)).update(keys, "id");
        return keys.getKey().longValue();
    }

    public void markSent(long id, Instant sentAt, Instant deadline) {
        jdbc.sql("UPDATE protocol_version SET state = 'IN_ADJUSTMENT', sent_at = ?, deadline = ? WHERE id = ?")
                .params(utc(sentAt), utc(deadline), id).update();
    }

    /** Earlier versions of the meeting still in adjustment are superseded by the one now sent. */
    public void supersedeBefore(long meetingId, int version) {
        jdbc.sql("UPDATE protocol_version SET state = 'SUPERSEDED' WHERE meeting_id = ? AND version < ? AND state = 'IN_ADJUSTMENT'")
                .params(meetingId, version).update();
    }

    /** Marks the version adjusted unless it already is; false when another caller got there first. */
    public boolean markAdjusted(long id, Instant at, String completion, String document, String finalDocx, String finalPdf) {
        return jdbc.sql("""
                UPDATE protocol_version SET state = 'ADJUSTED', adjusted_at = ?, completion = ?, document = ?,
                    final_docx_sha256 = ?, final_pdf_sha256 = ? WHERE id = ? AND state = 'IN_ADJUSTMENT'""")
                .params(utc(at), completion, document, finalDocx, finalPdf, id).update() == 1;
    }

    public void insertAdjuster(long protocolId, String email, String name, String agencyId, String organisation,
                               AdjusterState state, String text, Instant at, String channel) {
        jdbc.sql("""
                INSERT INTO protocol_adjuster (protocol_id, email, name, agency_id, organisation, state, text, answered_at, channel)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(protocolId, email, name, agencyId, organisation, state.name(), text, at == null ? null : utc(at), channel)
                .update();
    }

    public List<Adjuster> adjusters(long protocolId) {
        return jdbc.sql("SELECT * FROM protocol_adjuster WHERE protocol_id = ? ORDER BY agency_id NULLS LAST, name, email")
                .param(protocolId)
                .query((rs, n) -> new Adjuster(rs.getLong("protocol_id"), rs.getString("email"), rs.getString("name"),
                        rs.getString("agency_id"), rs.getString("organisation"), AdjusterState.valueOf(rs.getString("state")),
                        rs.getString("text"), instant(rs, "answered_at"), rs.getString("channel")))
                .list();
    }

    public void answer(long protocolId, String email, AdjusterState state, String text, Instant at, String channel) {
        jdbc.sql("UPDATE protocol_adjuster SET state = ?, text = ?, answered_at = ?, channel = ? WHERE protocol_id = ? AND email = ?")
                .params(state.name(), text, utc(at), channel, protocolId, email).update();
    }

    public long insertResponse(long protocolId, String email, String kind, String channel, Long inboundId, String text,
                               String fileName, String fileSha256, String changes, Instant at) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO protocol_response (protocol_id, email, kind, channel, inbound_id, text, file_name, file_sha256,
                    changes, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(protocolId, email, kind, channel, inboundId, text, fileName, fileSha256, changes, utc(at))
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    public List<Response> corrections(long protocolId) {
        return jdbc.sql("SELECT * FROM protocol_response WHERE protocol_id = ? AND kind = 'CORRECTIONS' ORDER BY received_at, id")
                .param(protocolId)
                .query((rs, n) -> new Response(rs.getLong("id"), rs.getLong("protocol_id"), rs.getString("email"),
                        rs.getString("kind"), rs.getString("channel"), rs.getString("text"), rs.getString("file_name"),
                        rs.getString("file_sha256"), rs.getString("changes"), instant(rs, "received_at")))
                .list();
    }

    public void recordMessage(String messageId, long protocolId, String email) {
        jdbc.sql("INSERT INTO protocol_message (message_id, protocol_id, email) VALUES (?, ?, ?)")
                .params(messageId, protocolId, email).update();
    }

    /** The version and adjuster of the first of these Message-IDs that is one of the round's mails. */
    public Optional<Sent> sentMessage(List<String> messageIds) {
        for (String id : messageIds) {
            Optional<Sent> sent = jdbc.sql("SELECT protocol_id, email FROM protocol_message WHERE message_id = ?").param(id)
                    .query((rs, n) -> new Sent(rs.getLong(1), rs.getString(2))).optional();
            if (sent.isPresent()) {
                return sent;
            }
        }
        return Optional.empty();
    }

    /** A mail of the round: to whom, for which version. */
    public record Sent(long protocolId, String email) { }

    /** The Message-ID the outbox gave the mail of this step. */
    public Optional<String> outboundMessageId(String dedupKey) {
        return jdbc.sql("SELECT message_id FROM outbound_mail WHERE dedup_key = ?").param(dedupKey).query(String.class).optional();
    }

    private static Version version(ResultSet rs, int row) throws SQLException {
        return new Version(rs.getLong("id"), rs.getLong("meeting_id"), rs.getInt("version"), State.valueOf(rs.getString("state")),
                rs.getString("source"), rs.getString("docx_sha256"), rs.getString("pdf_sha256"),
                instant(rs, "created_at"), instant(rs, "sent_at"), instant(rs, "deadline"), instant(rs, "adjusted_at"),
                rs.getString("completion"), rs.getString("final_docx_sha256"), rs.getString("final_pdf_sha256"));
    }
}
