package se.council.hub.audit;

import static se.council.hub.store.Sql.clip;
import static se.council.hub.store.Sql.utc;

import java.time.Clock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Records every inbound and outbound message; joins the caller's transaction. */
@Component
public class AuditLog {

    public enum Direction { IN, OUT }

    private final JdbcClient jdbc;
    private final Clock clock;

    public AuditLog(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public void record(Direction direction, String channel, String messageId, String counterpart,
                       String meetingRef, String summary) {
        jdbc.sql("""
                INSERT INTO audit_log (at, direction, channel, message_id, counterpart, meeting_ref, summary)
                VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(utc(clock.instant()), direction.name(), channel, clip(messageId, 1000),
                        clip(counterpart, 320), meetingRef, clip(summary, 2000))
                .update();
    }

    /** Records that the outbox's mails were sent: one statement, from their stored rows. */
    public void recordSent(java.util.Collection<Long> outboundIds) {
        jdbc.sql("""
                INSERT INTO audit_log (at, direction, channel, message_id, counterpart, meeting_ref, summary)
                SELECT :at, 'OUT', 'MAIL', o.message_id, o.recipient, m.reference, 'sent: ' || o.subject
                FROM outbound_mail o LEFT JOIN meeting m ON m.id = o.meeting_id WHERE o.id IN (:ids) ORDER BY o.id""")
                .param("at", utc(clock.instant())).param("ids", outboundIds)
                .update();
    }
}
