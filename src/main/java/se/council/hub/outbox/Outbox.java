package se.council.hub.outbox;

import static se.council.hub.store.Sql.clip;
import static se.council.hub.store.Sql.utc;

import jakarta.activation.DataHandler;
import jakarta.activation.DataSource;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import se.council.hub.audit.AuditLog;
import se.council.hub.config.HubProperties;
import se.council.hub.store.BlobStore;
import se.council.hub.store.InsertOnce;

/**
 * The transactional outbox for mail. Callers enqueue in the same transaction as the state that
 * causes the mail; the outbox route sends what is due and marks it sent. Each mail keeps the
 * Message-ID it was given when enqueued, so a retry after a failure re-sends the same message.
 */
@Component
public class Outbox {

    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);

    public enum State { PENDING, SENT, FAILED, SUPPRESSED }

    /** The header of the route outbox-dispatch that carries the id of the mail being sent. */
    public static final String ID_HEADER = "outboxId";

    private final JdbcClient jdbc;
    private final HubProperties properties;
    private final AuditLog audit;
    private final Clock clock;
    private final BlobStore blobs;
    private final InsertOnce insertOnce;
    private final JdbcTemplate batch;
    private final Session session = Session.getInstance(new Properties());

    public Outbox(JdbcClient jdbc, HubProperties properties, AuditLog audit, Clock clock, BlobStore blobs,
                  InsertOnce insertOnce, JdbcTemplate batch) {
        this.insertOnce = insertOnce;
        this.batch = batch;
        this.jdbc = jdbc;
        this.blobs = blobs;
        this.properties = properties;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Enqueues a mail unless its step was enqueued before. A reply to an address that has had
     * {@code hub.mail.max-replies-per-hour} replies within the hour is kept as SUPPRESSED, not sent.
     *
     * @return the stored state, or empty when the step already had its mail
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<State> enqueue(OutboundMail mail) {
        return enqueue(mail, List.of());
    }

    /** Enqueues a mail with files from the blob store attached. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<State> enqueue(OutboundMail mail, List<OutboundAttachment> attachments) {
        Optional<Inserted> inserted = insert(mail, null, null);
        if (inserted.isEmpty()) {
            return Optional.empty();
        }
        if (!attachments.isEmpty()) {
            long id = jdbc.sql("SELECT id FROM outbound_mail WHERE message_id = ?").param(inserted.get().messageId()).query(Long.class).single();
            for (int i = 0; i < attachments.size(); i++) {
                OutboundAttachment a = attachments.get(i);
                jdbc.sql("INSERT INTO outbound_attachment (outbound_id, position, name, media_type, sha256) VALUES (?, ?, ?, ?, ?)")
                        .params(id, i, a.name(), a.mediaType(), a.sha256()).update();
            }
        }
        return Optional.of(inserted.get().state());
    }

    /**
     * Inserts the row (with the calendar's columns for an iMIP mail, in the same statement).
     *
     * @return the new row, or empty when the step already had its mail
     */
    private Optional<Inserted> insert(OutboundMail mail, OutboundCalendar calendar, String calendarSha) {
        Instant now = clock.instant();
        State state = mail.kind().isReply()
                && repliesWithinHour(mail.recipient(), now) >= properties.mail().maxRepliesPerHour()
                ? State.SUPPRESSED : State.PENDING;
        String messageId = newMessageId();
        String limited = state == State.SUPPRESSED ? "rate limit: more than " + properties.mail().maxRepliesPerHour()
                + " replies to this address within an hour" : null;
        // A step that had its mail already meets the unique key of its dedup key; the caller's transaction goes on.
        boolean inserted = insertOnce.insert(() -> jdbc.sql(INSERT)
                .params(row(mail, messageId, state, now, limited, calendarSha, calendar)).update());
        if (!inserted) {
            return Optional.empty();
        }
        return Optional.of(new Inserted(messageId, state));
    }

    /** The values of {@link #INSERT} for one mail. */
    private static Object[] row(OutboundMail mail, String messageId, State state, Instant now, String lastError,
                                String calendarSha, OutboundCalendar calendar) {
        return new Object[] {mail.dedupKey(), messageId, mail.kind().name(), mail.meetingId(), mail.agencyId(),
                mail.recipient(), mail.recipientName(), mail.subject(), mail.body(), mail.inReplyTo(),
                clip(mail.references(), 4000), state.name(), utc(now), lastError, utc(now), calendarSha,
                calendar == null ? null : calendar.method(), calendar == null ? null : calendar.html()};
    }

    private String newMessageId() {
        return "<" + UUID.randomUUID() + "@" + domainOf(properties.mail().address()) + ">";
    }

    private static final String INSERT = """
            INSERT INTO outbound_mail (dedup_key, message_id, kind, meeting_id, agency_id, recipient, recipient_name,
                subject, body, in_reply_to, mail_references, state, attempts, next_attempt_at, last_error, created_at,
                calendar_sha256, calendar_method, body_html)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?)""";

    /** A row just inserted. */
    private record Inserted(String messageId, State state) {
    }

    /**
     * Enqueues an iMIP mail (RFC 6047) unless its step was enqueued before. The calendar text goes to the
     * blob store (once per distinct text, however many recipients share it), so that every attempt sends
     * the very same object, with the same Message-ID and Date.
     *
     * @return the stored state, or empty when the step already had its mail
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<State> enqueue(OutboundMail mail, OutboundCalendar calendar) {
        return insert(mail, calendar, calendarSha(calendar.icalendar())).map(Inserted::state);
    }

    /**
     * Enqueues iMIP mails (one invitation round: a calendar object to each of its recipients) in one
     * batch of INSERTs within one savepoint, rather than one statement and savepoint per mail. When a
     * step of the batch had its mail already (two rounds of one meeting side by side), the batch rolls
     * back to its savepoint and each mail is enqueued on its own, as {@link #enqueue(OutboundMail,
     * OutboundCalendar)} does.
     *
     * @return the mails enqueued now, in the given order (not those whose step had its mail before)
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<OutboundMail> enqueueAll(List<CalendarMail> mails) {
        if (mails.isEmpty()) {
            return List.of();
        }
        Instant now = clock.instant();
        List<Object[]> rows = new java.util.ArrayList<>(mails.size());
        for (CalendarMail c : mails) {
            if (c.mail().kind().isReply()) {
                throw new IllegalArgumentException("replies are rate-limited one by one: " + c.mail().dedupKey());
            }
            rows.add(row(c.mail(), newMessageId(), State.PENDING, now, null, calendarSha(c.calendar().icalendar()),
                    c.calendar()));
        }
        if (insertOnce.insert(() -> batch.batchUpdate(INSERT, rows))) {
            return mails.stream().map(CalendarMail::mail).toList();
        }
        return mails.stream().filter(c -> enqueue(c.mail(), c.calendar()).isPresent()).map(CalendarMail::mail).toList();
    }

    /** An iMIP mail: the mail and its calendar. */
    public record CalendarMail(OutboundMail mail, OutboundCalendar calendar) {
    }

    /**
     * Stores a calendar text in the blob store once: every recipient of one version shares the same
     * text (the same String), so hashing and storing it again for each of them is skipped.
     */
    private String calendarSha(String icalendar) {
        Object[] last = lastCalendar;
        if (last != null && last[0] == icalendar) {
            return (String) last[1];
        }
        String sha = blobs.put(icalendar.getBytes(StandardCharsets.UTF_8));
        lastCalendar = new Object[] {icalendar, sha};
        return sha;
    }

    /** The last calendar text stored and its SHA-256 (identity of the String, not its content). */
    private volatile Object[] lastCalendar;

    /** The dedup keys of a meeting's mails that match a LIKE pattern (steps that have their mail already). */
    public java.util.Set<String> dedupKeys(long meetingId, String likePattern) {
        return new java.util.HashSet<>(jdbc.sql("SELECT dedup_key FROM outbound_mail WHERE meeting_id = ? AND dedup_key LIKE ?")
                .params(meetingId, likePattern).query(String.class).list());
    }

    private int repliesWithinHour(String recipient, Instant now) {
        // Mails are taken in side by side: lock the address's counted replies first, so that a second
        // transaction counting for the same address waits for this one and then counts its reply too
        // (else both could take the last place within the hour).
        jdbc.sql("""
                SELECT id FROM outbound_mail WHERE recipient = ? AND kind IN ('RECEIPT', 'REJECTION')
                AND state <> 'SUPPRESSED' AND created_at > ? ORDER BY id FOR UPDATE""")
                .params(recipient, utc(now.minus(Duration.ofHours(1)))).query(Long.class).list();
        return jdbc.sql("""
                SELECT COUNT(*) FROM outbound_mail WHERE recipient = ? AND kind IN ('RECEIPT', 'REJECTION')
                AND state <> 'SUPPRESSED' AND created_at > ?""")
                .params(recipient, utc(now.minus(Duration.ofHours(1)))).query(Integer.class).single();
    }

    /**
     * The mails due to be sent now, at most {@link #PAGE}, oldest first: of each recipient only the
     * oldest due mail, so that mails sent side by side never overtake one another on the way to one
     * person (an invitation and its CANCEL, two SEQUENCEs). The rest come with the next page.
     */
    public List<Long> due() {
        List<java.util.Map<String, Object>> rows = jdbc.sql("""
                SELECT * FROM outbound_mail WHERE id IN (
                    SELECT MIN(id) FROM outbound_mail WHERE state = 'PENDING' AND next_attempt_at <= ?
                    GROUP BY recipient ORDER BY 1 LIMIT ?)
                ORDER BY id""")
                .params(utc(clock.instant()), PAGE).query().listOfRows();
        page.clear();
        List<Long> ids = new java.util.ArrayList<>(rows.size());
        for (var row : rows) {
            long id = ((Number) row.get("id")).longValue();
            page.put(id, row);
            ids.add(id);
        }
        return ids;
    }

    /**
     * The rows of the page {@link #due()} read last, each taken by {@link #compose} when it builds that
     * mail: a page costs one query, not one per mail. (A row's content never changes after enqueue.)
     */
    private final java.util.Map<Long, java.util.Map<String, Object>> page = new java.util.concurrent.ConcurrentHashMap<>();

    /** The most mails one page of the route outbox-dispatch holds (its memory: one composed mail each). */
    static final int PAGE = 100;

    /** Builds the MIME message of a stored mail, with its stored Message-ID. */
    public MimeMessage compose(@Header(ID_HEADER) long id) throws MessagingException, UnsupportedEncodingException {
        var row = page.remove(id);
        if (row == null) {
            row = jdbc.sql("SELECT * FROM outbound_mail WHERE id = ?").param(id).query().singleRow();
        }
        MimeMessage message = new StableIdMimeMessage(session, (String) row.get("message_id"));
        HubProperties.Mail mail = properties.mail();
        message.setFrom(new InternetAddress(mail.address(), mail.displayName(), StandardCharsets.UTF_8.name()));
        String name = (String) row.get("recipient_name");
        message.setRecipient(MimeMessage.RecipientType.TO,
                new InternetAddress((String) row.get("recipient"), name, StandardCharsets.UTF_8.name()));
        message.setSubject((String) row.get("subject"), StandardCharsets.UTF_8.name());
        if (row.get("calendar_sha256") != null) {
            // An iMIP mail is the same on every attempt: its Date is when it was enqueued.
            message.setSentDate(Date.from(instantOf(row.get("created_at"))));
            message.setContent(CalendarMime.multipart((String) row.get("body"), (String) row.get("body_html"),
                    encodedCalendar((String) row.get("calendar_sha256")), (String) row.get("calendar_method")));
            headers(message, row);
            return message;
        }
        message.setSentDate(Date.from(clock.instant()));
        List<OutboundAttachment> files = jdbc.sql(
                "SELECT name, media_type, sha256 FROM outbound_attachment WHERE outbound_id = ? ORDER BY position")
                .param(id).query((rs, n) -> new OutboundAttachment(rs.getString(1), rs.getString(2), rs.getString(3))).list();
        if (files.isEmpty()) {
            message.setText((String) row.get("body"), StandardCharsets.UTF_8.name());
            message.setHeader("Content-Transfer-Encoding", "quoted-printable");
        } else {
            MimeMultipart mixed = new MimeMultipart("mixed");
            MimeBodyPart text = new MimeBodyPart();
            text.setText((String) row.get("body"), StandardCharsets.UTF_8.name());
            text.setHeader("Content-Transfer-Encoding", "quoted-printable");
            mixed.addBodyPart(text);
            for (OutboundAttachment f : files) {
                MimeBodyPart part = new MimeBodyPart();
                part.setDataHandler(new DataHandler(new BlobDataSource(blobs, f)));
                part.setFileName(MimeUtility.encodeText(f.name(), StandardCharsets.UTF_8.name(), "B"));
                part.setDisposition(MimeBodyPart.ATTACHMENT);
                mixed.addBodyPart(part);
            }
            message.setContent(mixed);
        }
        headers(message, row);
        return message;
    }

    private void headers(MimeMessage message, java.util.Map<String, Object> row) throws MessagingException {
        message.setHeader("Content-Language", properties.english() ? "en" : "sv");
        String kind = (String) row.get("kind");
        message.setHeader("Auto-Submitted", "RECEIPT".equals(kind) || "REJECTION".equals(kind) ? "auto-replied" : "auto-generated");
        message.setHeader("X-Council-Hub-Kind", kind);
        if (row.get("in_reply_to") != null) {
            message.setHeader("In-Reply-To", (String) row.get("in_reply_to"));
        }
        if (row.get("mail_references") != null) {
            message.setHeader("References", (String) row.get("mail_references"));
        }
    }

    /**
     * Marks mails sent (the server took each) and records each in the audit log, in one transaction: the
     * route outbox-dispatch calls it once per page with the ids {@link SentMails} collected.
     */
    @Transactional
    public void sent(List<Long> ids) {
        if (ids.isEmpty()) {
            return;
        }
        int updated = jdbc.sql("""
                UPDATE outbound_mail SET state = 'SENT', sent_at = :now, attempts = attempts + 1
                WHERE id IN (:ids) AND state = 'PENDING'""")
                .param("now", utc(clock.instant())).param("ids", ids).update();
        if (updated != ids.size()) {
            LOG.warn("Outbox: {} of {} mails marked sent; the others were not pending", updated, ids.size());
        }
        audit.recordSent(ids);
    }

    /** Records a failed attempt; retries with a growing delay, gives up (FAILED, visible) after max attempts. */
    @Transactional
    public void failed(long id, Exception error) {
        int attempts = jdbc.sql("SELECT attempts FROM outbound_mail WHERE id = ?").param(id).query(Integer.class).single() + 1;
        boolean giveUp = attempts >= properties.outbox().maxAttempts();
        Duration backoff = Duration.ofSeconds(Math.min(3600, 5L << Math.min(attempts, 10)));
        jdbc.sql("UPDATE outbound_mail SET attempts = ?, state = ?, next_attempt_at = ?, last_error = ? WHERE id = ?")
                .params(attempts, giveUp ? "FAILED" : "PENDING", utc(clock.instant().plus(backoff)),
                        clip(String.valueOf(error), 2000), id).update();
        LOG.warn("Outbound mail {} failed (attempt {}{}): {}", id, attempts, giveUp ? ", giving up" : "", error.toString());
    }

    /** The meeting a mail the hub sent belongs to, by its Message-ID. */
    public Optional<Long> meetingOfMessage(String messageId) {
        return jdbc.sql("SELECT meeting_id FROM outbound_mail WHERE message_id = ? AND meeting_id IS NOT NULL")
                .param(messageId).query(Long.class).optional();
    }

    /** The few calendar objects being sent now, base64-encoded once for all their recipients. */
    private final java.util.Map<String, byte[]> encodedCalendars = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(java.util.Map.Entry<String, byte[]> eldest) {
                    return size() > 8;
                }
            });

    private byte[] encodedCalendar(String sha256) {
        byte[] encoded = encodedCalendars.get(sha256);
        if (encoded == null) {
            encoded = CalendarMime.base64(blobs.get(sha256));
            encodedCalendars.put(sha256, encoded);
        }
        return encoded;
    }

    private static Instant instantOf(Object value) {
        if (value instanceof java.time.OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (value instanceof java.sql.Timestamp ts) {
            return ts.toInstant();
        }
        return (Instant) value;
    }

    static String domainOf(String address) {
        return address.substring(address.indexOf('@') + 1);
    }

    /** A stored file as a mail part's content, read from the blob store when the mail is written. */
    private record BlobDataSource(BlobStore blobs, OutboundAttachment file) implements DataSource {
        @Override
        public InputStream getInputStream() throws IOException {
            return blobs.open(file.sha256());
        }

        @Override
        public OutputStream getOutputStream() {
            throw new UnsupportedOperationException("read only");
        }

        @Override
        public String getContentType() {
            return file.mediaType();
        }

        @Override
        public String getName() {
            return file.name();
        }
    }

    /** Keeps the Message-ID chosen at enqueue time; JavaMail would otherwise make a new one when saving. */
    static final class StableIdMimeMessage extends MimeMessage {
        private final String messageId;

        StableIdMimeMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
