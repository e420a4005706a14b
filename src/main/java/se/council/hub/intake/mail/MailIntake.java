package se.council.hub.intake.mail;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.UnsupportedEncodingException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import se.council.hub.audit.AuditLog;
import se.council.hub.config.HubProperties;
import se.council.hub.intake.Channel;
import se.council.hub.intake.Contribution;
import se.council.hub.intake.FileScreening;
import se.council.hub.intake.Intake;
import se.council.hub.intake.IntakeStore;
import se.council.hub.intake.RejectionReason;
import se.council.hub.intake.SubjectLine;
import se.council.hub.intake.SubmissionKind;
import se.council.hub.meeting.Meeting;
import se.council.hub.notice.Notices;
import se.council.hub.outbox.OutboundMail;
import se.council.hub.outbox.Outbox;
import se.council.hub.registry.CouncilRegistry;
import se.council.hub.store.BlobStore;

/**
 * The mail intake, called by the route intake-mail for each mail in the hub's mailbox. First the raw
 * mail is stored and recorded (its own commit), then it is parsed, attributed, screened and its
 * outcome committed together with the receipt or notice in the outbox. The route lets the mail
 * server flag the mail only after that; a mail seen again finds its record and changes nothing.
 */
@Component("mailIntake")
public class MailIntake {

    private static final Logger LOG = LoggerFactory.getLogger(MailIntake.class);

    /** A stored inbound mail: its record, and its raw bytes unless it was already handled. */
    public record InboundMail(IntakeStore.Inbound inbound, byte[] raw, boolean oversized, long size, Instant arrivedAt) {
        public boolean alreadyHandled() {
            return inbound.handled();
        }
    }

    private final IntakeStore store;
    private final Intake intake;
    private final Outbox outbox;
    private final Notices notices;
    private final CouncilRegistry registry;
    private final BlobStore blobs;
    private final AuditLog audit;
    private final HubProperties properties;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final MailParser parser = new MailParser();
    private final SenderVerification verification;
    private final List<MailKindDetector> detectors;

    public MailIntake(IntakeStore store, Intake intake, Outbox outbox,
                      Notices notices, CouncilRegistry registry, BlobStore blobs, AuditLog audit,
                      HubProperties properties, TransactionTemplate tx, Clock clock, List<MailKindDetector> detectors) {
        this.detectors = List.copyOf(detectors);
        this.store = store;
        this.intake = intake;
        this.outbox = outbox;
        this.notices = notices;
        this.registry = registry;
        this.blobs = blobs;
        this.audit = audit;
        this.properties = properties;
        this.tx = tx;
        this.clock = clock;
        this.verification = new SenderVerification(properties.mail().trustedAuthservIds(),
                properties.mail().requireAuthenticatedSender());
    }

    /** Stores the raw mail and records it, or finds the record of the same mail seen before. */
    public InboundMail store(Mailbox.FetchedMail fetched) throws MessagingException {
        long size = fetched.size();
        boolean oversized = fetched.oversized();
        byte[] raw = fetched.raw();
        String key = MailIdentity.contentKey(raw);
        Optional<IntakeStore.Inbound> seen = store.findInbound(Channel.MAIL, key);
        if (seen.isPresent() && seen.get().handled()) {
            LOG.info("Mail {} was handled before ({}); nothing changes", seen.get().messageId(), seen.get().state());
            return new InboundMail(seen.get(), null, oversized, size, fetched.arrivedAt());
        }
        String sha = blobs.put(raw);
        // From the bytes at hand: asking the message would cost a round trip to the IMAP server each.
        InternetHeaders headers = new InternetHeaders(new ByteArrayInputStream(raw));
        String from = firstHeader(headers, "From");
        String subject = firstHeader(headers, "Subject");
        IntakeStore.Inbound inbound = tx.execute(status -> {
            IntakeStore.Inbound recorded = store.recordInbound(Channel.MAIL, key, MailIdentity.messageId(raw), sha,
                    Math.max(size, raw.length), from, subject, clock.instant());
            if (recorded.attempts() == 0 && !recorded.handled()) {
                audit.record(AuditLog.Direction.IN, "MAIL", recorded.messageId(), from, null,
                        "received mail of " + Math.max(size, raw.length) + " bytes");
            }
            return recorded;
        });
        return new InboundMail(inbound, raw, oversized, size, fetched.arrivedAt());
    }

    /**
     * Parses a stored mail, checks what its receiving server says of the sender and decides its
     * kind: the first {@link MailKindDetector} that recognises it, else a contribution.
     */
    public ReadMail read(InboundMail mail) {
        ParsedMail parsed = parser.parse(mail.raw());
        SenderVerification.Verdict verdict = verification.verify(parsed.authenticationResults());
        MailKind kind = detectors.stream().map(d -> d.detect(parsed)).flatMap(Optional::stream)
                .findFirst().orElse(MailKind.CONTRIBUTION);
        return new ReadMail(mail, parsed, verdict, kind, clock.instant());
    }

    /**
     * The checks every mail passes whatever its kind: not a loop from the hub's own address, and a
     * sender its receiving server did not fail. Rejects the mail when one fails.
     *
     * @return the log line of the rejection, or empty when the mail may go on
     */
    public Optional<String> refuseSender(ReadMail read) {
        ParsedMail parsed = read.parsed();
        String from = parsed.fromAddress();
        if (from != null && from.equalsIgnoreCase(properties.mail().address())) {
            return Optional.of(reject(read, null, null, RejectionReason.INVALID_MESSAGE,
                    "mail from the hub's own address (loop) / brev från navets egen adress", null));
        }
        if (read.verdict().outcome() == SenderVerification.Outcome.FAIL) {
            // Never answer an unverified outsider: only the registered address the mail claimed gets the notice.
            return Optional.of(reject(read, registry.agencyForAddress(from).map(CouncilRegistry.Agency::id).orElse(null),
                    null, RejectionReason.SENDER_NOT_VERIFIED, read.verdict().summary(),
                    registry.person(from).filter(p -> !parsed.autoSubmitted()).map(CouncilRegistry.Person::email).orElse(null)));
        }
        return Optional.empty();
    }

    /** The address a notice about this mail may go to: its sender, unless that is the hub or an automatic mail. */
    public String replyAddress(ReadMail read) {
        String from = read.parsed().fromAddress();
        return from != null && !read.parsed().autoSubmitted() && !from.equalsIgnoreCase(properties.mail().address())
                ? from : null;
    }

    /** Takes in a contribution: attributes, screens and stores the outcome; returns a one-line summary for the log. */
    public String process(ReadMail read) {
        Optional<String> refused = refuseSender(read);
        if (refused.isPresent()) {
            return refused.get();
        }
        InboundMail mail = read.mail();
        ParsedMail parsed = read.parsed();
        Instant receivedAt = read.receivedAt();
        String from = parsed.fromAddress();
        String subject = parsed.subject();
        long inboundId = read.inboundId();
        SenderVerification.Verdict verdict = read.verdict();
        Optional<CouncilRegistry.Person> person = registry.person(from);
        Optional<CouncilRegistry.Agency> agency = registry.agencyForAddress(from);
        if (agency.isEmpty()) {
            return reject(mail, parsed, receivedAt, null, null, RejectionReason.UNKNOWN_SENDER, from, replyAddress(read));
        }
        String agencyId = agency.get().id();
        if (parsed.autoSubmitted()) {
            return reject(mail, parsed, receivedAt, agencyId, null, RejectionReason.INVALID_MESSAGE,
                    "automatic reply (for example an out-of-office message) / automatiskt svar", null);
        }
        String replyTo = replyAddress(read);
        if (mail.oversized()) {
            return reject(mail, parsed, receivedAt, agencyId, null, RejectionReason.MESSAGE_TOO_LARGE,
                    mail.size() + " bytes > " + properties.intake().maxMessageBytes(), replyTo);
        }
        SubjectLine line = SubjectLine.parse(subject);
        if (line.kind() == SubmissionKind.AGENDA_ITEM && (line.title() == null || line.title().isBlank())) {
            return reject(mail, parsed, receivedAt, agencyId, line.reference(), RejectionReason.INVALID_MESSAGE,
                    "the agenda item has no title after 'Ärende:' / ärendet saknar rubrik efter 'Ärende:'", replyTo);
        }
        List<FileScreening.IncomingFile> files = parsed.attachments().stream()
                .map(a -> new FileScreening.IncomingFile(a.name(), a.content(), a.problem())).toList();
        String text = parsed.text() == null ? "" : parsed.text().strip();
        Intake.Admission admission = intake.admit(agencyId, threadIds(parsed), line.reference(), line.kind(), text, files);
        if (!admission.admitted()) {
            return reject(mail, parsed, receivedAt, agencyId, admission.meetingRef(), admission.refusal(),
                    admission.details(), replyTo);
        }
        Meeting meeting = admission.meeting();
        String presenters = person.map(CouncilRegistry.Person::name)
                .orElse(parsed.fromName() != null && !parsed.fromName().isBlank() ? parsed.fromName() : from);
        // Mails are taken in side by side: the order the server received them says which is newer.
        Contribution contribution = new Contribution(Channel.MAIL, inboundId, parsed.messageId(), receivedAt, mail.arrivedAt(), from,
                verdict.summary(), agencyId, meeting, line.kind(), line.title(), presenters, text, admission.files());
        CouncilRegistry.Council council = registry.council(meeting.council()).orElseThrow();
        return tx.execute(status -> {
            long submissionId = intake.accept(contribution);
            Notices.Text receipt = notices.receipt(meeting, council, agency.get(), from,
                    line.kind() == SubmissionKind.AGENDA_ITEM, line.title(), contribution.late(), admission.files(), subject);
            outbox.enqueue(new OutboundMail("receipt:mail:" + inboundId, OutboundMail.Kind.RECEIPT, meeting.id(), agencyId,
                    from, person.map(CouncilRegistry.Person::name).orElse(parsed.fromName()), receipt.subject(),
                    receipt.body(), parsed.messageId(), references(parsed)));
            audit.record(AuditLog.Direction.IN, "MAIL", parsed.messageId(), from, meeting.reference(),
                    "accepted " + line.kind() + " as submission " + submissionId + " with " + admission.files().size() + " file(s)");
            return "accepted " + line.kind() + " from " + agencyId + " for " + meeting.reference() + " as submission " + submissionId;
        });
    }

    /**
     * Called by the route's error path when processing threw. Counts the failure; at the broker-like
     * limit of attempts the mail becomes a visible rejected record so it stops coming back.
     */
    public void failed(Exchange exchange) {
        Object body = exchange.getMessage().getBody();
        Throwable error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (body instanceof ReadMail read) {
            body = read.mail();
        }
        if (!(body instanceof InboundMail mail)) {
            // Either storing failed (nothing recorded yet) or a step after processing did (its outcome is committed):
            // in both cases the mail stays unread and the next poll stores it, or finds it handled.
            LOG.error("Mail failed outside its processing step; it stays unread in the mailbox and is read again", error);
            return;
        }
        long id = mail.inbound().id();
        int attempts = tx.execute(status -> store.countFailure(id, String.valueOf(error)));
        LOG.error("Processing mail {} failed (attempt {})", mail.inbound().messageId(), attempts, error);
        if (attempts >= properties.broker().maxDeliveryAttempts()) {
            String sender = store.inboundSender(id).map(MailIntake::address).orElse(null);
            tx.executeWithoutResult(status -> intake.reject(Channel.MAIL, id, clock.instant(), sender,
                    null, null, RejectionReason.PROCESSING_FAILED, String.valueOf(error)));
        }
    }

    /**
     * Keeps the mail as a rejected record and, when {@code notify} is set, queues the bilingual
     * notice to that address, answering the mail in its thread.
     *
     * @return the log line
     */
    public String reject(ReadMail read, String agencyId, String meetingRef, RejectionReason reason, String details,
                         String notify) {
        return reject(read.mail(), read.parsed(), read.receivedAt(), agencyId, meetingRef, reason, details, notify);
    }

    private String reject(InboundMail mail, ParsedMail parsed, Instant receivedAt, String agencyId, String meetingRef,
                          RejectionReason reason, String details, String notify) {
        String councilName = meetingRef == null ? null : registry.councils().stream()
                .filter(c -> meetingRef.startsWith(c.code() + "-")).map(CouncilRegistry.Council::name).findFirst().orElse(null);
        return tx.execute(status -> {
            long id = intake.reject(Channel.MAIL, mail.inbound().id(), receivedAt, parsed.fromAddress(), agencyId,
                    meetingRef, reason, details);
            String noticeState = "no notice";
            if (notify != null) {
                Notices.Text text = notices.rejection(reason, details, parsed.subject(), councilName);
                noticeState = outbox.enqueue(new OutboundMail("rejection:mail:" + mail.inbound().id(), OutboundMail.Kind.REJECTION,
                        null, agencyId, notify, null, text.subject(), text.body(), parsed.messageId(), references(parsed)))
                        .map(s -> "notice " + s).orElse("notice already sent");
            }
            audit.record(AuditLog.Direction.IN, "MAIL", parsed.messageId(), parsed.fromAddress(), meetingRef,
                    "rejected " + reason + " (" + noticeState + ")");
            return "rejected " + reason + " from " + parsed.fromAddress() + " as rejection " + id + " (" + noticeState + ")";
        });
    }

    /** Message-IDs this mail answers, most recent first: In-Reply-To, then References from the end. */
    public static List<String> threadIds(ParsedMail parsed) {
        List<String> ids = new ArrayList<>();
        if (parsed.inReplyTo() != null) {
            ids.add(parsed.inReplyTo());
        }
        List<String> refs = new ArrayList<>(parsed.references());
        Collections.reverse(refs);
        ids.addAll(refs);
        return ids;
    }

    /** The References header for an answer to this mail: its own References plus its Message-ID. */
    public static String references(ParsedMail parsed) {
        List<String> refs = new ArrayList<>(parsed.references());
        if (parsed.messageId() != null && !refs.contains(parsed.messageId())) {
            refs.add(parsed.messageId());
        }
        return refs.isEmpty() ? null : String.join(" ", refs);
    }

    /** The bare address of a From header as written ("Name <a@b>"), or the text itself when it is no address. */
    private static String address(String from) {
        try {
            return new InternetAddress(from, false).getAddress();
        } catch (AddressException e) {
            return from;
        }
    }



    private static String firstHeader(InternetHeaders headers, String name) {
        String[] values = headers.getHeader(name);
        if (values == null || values.length == 0) {
            return null;
        }
        try {
            return MimeUtility.decodeText(values[0]);
        } catch (UnsupportedEncodingException e) {
            return values[0];
        }
    }
}
