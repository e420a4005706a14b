package se.council.hub.audit;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Records every inbound and outbound message; joins the caller's transaction. */
@Component
public class AuditLog {

    public enum Direction { IN, OUT }

    private final JdbcClient jdbc;

    public AuditLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void record(Direction direction, String channel, String messageId, String counterpart,
                       String meetingRef, String summary) {
        jdbc.sql("""
                INSERT INTO audit_log (at, direction, channel, message_id, counterpart, meeting_ref, summary)
                VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(OffsetDateTime.now(ZoneOffset.UTC), direction.name(), channel, clip(messageId, 1000),
                        clip(counterpart, 320), meetingRef, clip(summary, 2000))
                .update();
    }

    static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
