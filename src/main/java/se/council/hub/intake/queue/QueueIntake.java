package se.council.hub.intake.queue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import se.council.hub.audit.AuditLog;
import se.council.hub.config.HubProperties;
import se.council.hub.intake.Channel;
import se.council.hub.intake.Contribution;
import se.council.hub.intake.Intake;
import se.council.hub.intake.IntakeStore;
import se.council.hub.intake.RejectionReason;
import se.council.hub.intake.SubmissionKind;
import se.council.hub.registry.CouncilRegistry;
import se.council.hub.store.BlobStore;

/**
 * The queue intake, called by the intake-queue routes inside the JMS transaction. The agency is the
 * broker user the broker validated (JMSXUserID, set by populate-validated-user), never a field of
 * the message. Only text messages are read: no other body is ever touched, so an ObjectMessage is
 * never deserialized. Returns the JSON answer the route sends to JMSReplyTo when set.
 */
@Component("queueIntake")
public class QueueIntake {

    private static final Logger LOG = LoggerFactory.getLogger(QueueIntake.class);
    static final String VALIDATED_USER = "JMSXUserID";
    static final int INLINE_BODY_BYTES = 256 * 1024;

    private final IntakeStore store;
    private final Intake intake;
    private final CouncilRegistry registry;
    private final BlobStore blobs;
    private final AuditLog audit;
    private final HubProperties properties;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final QueueMessageReader reader;
    private final JmsTemplate lastWord;
    private final ObjectMapper json = new ObjectMapper();

    public QueueIntake(IntakeStore store, Intake intake,
                       CouncilRegistry registry, BlobStore blobs, AuditLog audit, HubProperties properties,
                       TransactionTemplate tx, Clock clock, ActiveMQConnectionFactory artemisConnectionFactory) {
        // Outside the listener's JMS transaction, which rolls back when the message dead-letters.
        this.lastWord = new JmsTemplate(artemisConnectionFactory);
        this.lastWord.setSessionTransacted(false);
        this.store = store;
        this.intake = intake;
        this.registry = registry;
        this.blobs = blobs;
        this.audit = audit;
        this.properties = properties;
        this.tx = tx;
        this.clock = clock;
        this.reader = new QueueMessageReader(properties.intake().schemaDir());
    }

    public String statusUpdate(Message message) throws JMSException {
        return answered(message, receive(message, SubmissionKind.STATUS_UPDATE));
    }

    public String agendaItem(Message message) throws JMSException {
        return answered(message, receive(message, SubmissionKind.AGENDA_ITEM));
    }

    /** The answer goes back on JMSReplyTo (sent by the route's consumer): it is outbound, so it is audited. */
    private String answered(Message message, String answer) throws JMSException {
        if (message.getJMSReplyTo() != null) {
            audit.record(AuditLog.Direction.OUT, "QUEUE", message.getJMSMessageID(),
                    message.getStringProperty(VALIDATED_USER), null, "answer to " + message.getJMSReplyTo() + ": " + answer);
        }
        return answer;
    }

    private String receive(Message message, SubmissionKind kind) throws JMSException {
        Instant receivedAt = clock.instant();
        String user = message.getStringProperty(VALIDATED_USER);
        String messageId = message.getJMSMessageID();
        String text = message instanceof TextMessage t ? t.getText() : null;
        String body = text != null ? text : "(" + message.getClass().getSimpleName() + ", not read)";
        String key = BlobStore.sha256((messageId + "\n" + kind + "\n" + body).getBytes(StandardCharsets.UTF_8));

        Optional<IntakeStore.Inbound> seen = store.findInbound(Channel.QUEUE, key);
        if (seen.isPresent() && seen.get().handled()) {
            LOG.info("Queue message {} was handled before; answering as then", messageId);
            return seen.get().outcome();
        }
        byte[] bytes = text == null ? new byte[0] : text.getBytes(StandardCharsets.UTF_8);
        // Small bodies stay in the inbound row: a file per message costs more than the rest of the intake.
        boolean inline = text != null && bytes.length <= INLINE_BODY_BYTES;
        String sha = text == null || inline ? null : blobs.put(bytes);
        IntakeStore.Inbound inbound = tx.execute(s -> {
            IntakeStore.Inbound recorded = store.recordInbound(Channel.QUEUE, key, messageId, sha, inline ? text : null,
                    bytes.length, user, kind.name(), receivedAt);
            audit.record(AuditLog.Direction.IN, "QUEUE", messageId, user, null, "received " + kind + " message");
            return recorded;
        });

        Optional<CouncilRegistry.Agency> agency = Optional.ofNullable(user).flatMap(registry::agency);
        if (agency.isEmpty()) {
            return reject(inbound, receivedAt, user, null, null, RejectionReason.UNKNOWN_AGENCY,
                    user == null ? "the broker did not name a validated user" : "broker user '" + user + "'");
        }
        String agencyId = agency.get().id();
        if (text == null) {
            return reject(inbound, receivedAt, user, agencyId, null, RejectionReason.INVALID_MESSAGE,
                    "only text messages with JSON are read; this was a " + jmsType(message)
                            + " / endast textmeddelanden med JSON läses");
        }
        if (bytes.length > properties.intake().maxMessageBytes()) {
            return reject(inbound, receivedAt, user, agencyId, null, RejectionReason.MESSAGE_TOO_LARGE,
                    bytes.length + " bytes > " + properties.intake().maxMessageBytes());
        }
        QueueMessageReader.Read read = reader.read(kind, text);
        if (!read.valid()) {
            return reject(inbound, receivedAt, user, agencyId, null, RejectionReason.INVALID_MESSAGE, read.errors());
        }
        Intake.Admission admission = intake.admit(agencyId, List.of(), read.meeting(), kind, read.text(), read.files());
        if (!admission.admitted()) {
            return reject(inbound, receivedAt, user, agencyId, admission.meetingRef(), admission.refusal(), admission.details());
        }
        // Consumers run side by side: the agency's send time, not the order of commits, says which update is newer.
        Instant sentAt = message.getJMSTimestamp() > 0 ? Instant.ofEpochMilli(message.getJMSTimestamp()) : receivedAt;
        Contribution c = new Contribution(Channel.QUEUE, inbound.id(), messageId, receivedAt, sentAt, user,
                "broker user " + user, agencyId, admission.meeting(), kind, read.title(), read.presenters(),
                read.text().strip(), admission.files());
        return tx.execute(s -> {
            long id = intake.accept(c);
            String answer = answer("ACCEPTED", id, null);
            store.finishInbound(inbound.id(), IntakeStore.State.PROCESSED, answer);
            audit.record(AuditLog.Direction.IN, "QUEUE", messageId, user, read.meeting(),
                    "accepted " + kind + " as submission " + id + " with " + admission.files().size() + " file(s)");
            return answer;
        });
    }

    /**
     * Called by the route's error path. When the broker has delivered the message for the last time,
     * the failure becomes a visible rejected record before the broker moves the message to the DLQ.
     */
    public void failed(Exchange exchange) throws JMSException {
        Message message = exchange.getMessage().getBody(Message.class);
        Throwable error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        int delivery = message == null ? 0 : message.getIntProperty("JMSXDeliveryCount");
        LOG.error("Queue message {} failed (delivery {})", message == null ? null : message.getJMSMessageID(), delivery, error);
        if (message != null && delivery >= properties.broker().maxDeliveryAttempts()) {
            String user = message.getStringProperty(VALIDATED_USER);
            String messageId = message.getJMSMessageID();
            String details = "message " + messageId + " moved to the dead-letter queue DLQ after " + delivery
                    + " deliveries: " + error;
            RejectionReason reason = RejectionReason.PROCESSING_FAILED;
            tx.executeWithoutResult(s -> intake.reject(Channel.QUEUE, null, clock.instant(), user,
                    registry.agency(user == null ? "" : user).map(CouncilRegistry.Agency::id).orElse(null), null,
                    reason, details));
            answerDeadLetter(message, user, answer("REJECTED", null, reason.problem(false) + " / " + reason.problem(true)
                    + " " + details + " " + reason.action(false) + " / " + reason.action(true)));
        }
    }

    /**
     * The sender of a message that dead-letters still gets an answer: sent on a session of its own,
     * since the listener's transaction rolls back. A failure to answer is logged; the rejected record stands.
     */
    private void answerDeadLetter(Message message, String user, String answer) throws JMSException {
        if (message.getJMSReplyTo() == null) {
            return;
        }
        try {
            lastWord.send(message.getJMSReplyTo(), session -> session.createTextMessage(answer));
            audit.record(AuditLog.Direction.OUT, "QUEUE", message.getJMSMessageID(), user, null,
                    "answer to " + message.getJMSReplyTo() + ": " + answer);
        } catch (RuntimeException e) {
            LOG.warn("Could not answer dead-lettered message {} on {}", message.getJMSMessageID(), message.getJMSReplyTo(), e);
        }
    }

    private String reject(IntakeStore.Inbound inbound, Instant receivedAt, String user, String agencyId, String meetingRef,
                          RejectionReason reason, String details) {
        return tx.execute(s -> {
            long id = intake.reject(Channel.QUEUE, inbound.id(), receivedAt, user, agencyId, meetingRef, reason, details);
            // In Swedish and English, like the notices by mail: the sending system's operators may read either.
            String answer = answer("REJECTED", null, reason.problem(false) + " / " + reason.problem(true)
                    + (details == null ? "" : " " + details) + " " + reason.action(false) + " / " + reason.action(true));
            store.finishInbound(inbound.id(), IntakeStore.State.REJECTED, answer);
            audit.record(AuditLog.Direction.IN, "QUEUE", inbound.messageId(), user, meetingRef, "rejected " + reason + " as rejection " + id);
            return answer;
        });
    }

    private String answer(String status, Long submissionId, String reason) {
        ObjectNode node = json.createObjectNode().put("status", status);
        if (submissionId != null) {
            node.put("submissionId", submissionId);
        } else {
            node.putNull("submissionId");
        }
        if (reason != null) {
            node.put("reason", reason);
        }
        return node.toString();
    }

    private static String jmsType(Message message) {
        for (Class<?> type : List.of(jakarta.jms.ObjectMessage.class, jakarta.jms.BytesMessage.class,
                jakarta.jms.MapMessage.class, jakarta.jms.StreamMessage.class)) {
            if (type.isInstance(message)) {
                return type.getSimpleName();
            }
        }
        return "Message without body";
    }
}
