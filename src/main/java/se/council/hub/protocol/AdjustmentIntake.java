package se.council.hub.protocol;

import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import se.council.hub.intake.IntakeStore;
import se.council.hub.intake.RejectionReason;
import se.council.hub.intake.mail.MailAttachment;
import se.council.hub.intake.mail.MailIntake;
import se.council.hub.intake.mail.ParsedMail;
import se.council.hub.intake.mail.ReadMail;
import se.council.hub.meeting.Meeting;
import se.council.hub.meeting.MeetingRepository;

/**
 * Takes in replies to a protocol sent for adjustment, called by the route intake-mail. A reply is
 * matched to its round by In-Reply-To/References, else by the subject's token; it counts only from
 * an adjuster of that version whose sender the receiving server did not fail, and only while that
 * version is the one out for adjustment. Its own text (quoted text removed) approves when its first
 * line says so; anything else, or an edited DOCX, is a correction. Every answer gets a receipt;
 * everything refused becomes a visible rejected record with a notice.
 */
@Component("adjustmentIntake")
public class AdjustmentIntake {

    private final MailIntake mailIntake;
    private final ProtocolStore store;
    private final ProtocolRound round;
    private final MeetingRepository meetings;
    private final IntakeStore intakeStore;
    private final TransactionTemplate tx;

    public AdjustmentIntake(MailIntake mailIntake, ProtocolStore store, ProtocolRound round, MeetingRepository meetings,
                            IntakeStore intakeStore, TransactionTemplate tx) {
        this.mailIntake = mailIntake;
        this.store = store;
        this.round = round;
        this.meetings = meetings;
        this.intakeStore = intakeStore;
        this.tx = tx;
    }

    /** Records an approval or corrections, or rejects the reply; returns a one-line summary for the log. */
    public String process(ReadMail read) {
        Optional<String> refused = mailIntake.refuseSender(read);
        if (refused.isPresent()) {
            return refused.get();
        }
        ParsedMail parsed = read.parsed();
        String replyTo = mailIntake.replyAddress(read);
        Optional<ProtocolStore.Version> matched = match(parsed);
        if (matched.isEmpty()) {
            return mailIntake.reject(read, null, AdjustmentReplyDetector.token(parsed.subject())
                            .map(AdjustmentReplyDetector.Token::reference).orElse(null), RejectionReason.INVALID_MESSAGE,
                    "no protocol version sent for adjustment matches this reply / inget protokoll för justering motsvarar svaret",
                    replyTo);
        }
        ProtocolStore.Version answered = matched.get();
        Meeting m = meetings.find(answered.meetingId()).orElseThrow();
        if (parsed.autoSubmitted()) {
            return mailIntake.reject(read, null, m.reference(), RejectionReason.INVALID_MESSAGE,
                    "automatic reply (for example an out-of-office message) / automatiskt svar", null);
        }
        Optional<ProtocolStore.Adjuster> adjuster = round.adjusterFor(answered.id(), parsed.fromAddress());
        if (adjuster.isEmpty()) {
            return mailIntake.reject(read, null, m.reference(), RejectionReason.PROTOCOL_NOT_ADJUSTER,
                    parsed.fromAddress() + " is not an adjuster of version " + answered.version()
                            + " / är inte justerare av version " + answered.version(), replyTo);
        }
        String agency = adjuster.get().agencyId();
        ProtocolStore.Version latest = store.latest(m.id()).orElseThrow();
        if (latest.locked() || answered.locked()) {
            return mailIntake.reject(read, agency, m.reference(), RejectionReason.PROTOCOL_CLOSED,
                    "the protocol was adjusted on " + (latest.adjustedAt() == null ? "" : latest.adjustedAt().atZone(m.zone()).toLocalDate())
                            + " / protokollet justerades", replyTo);
        }
        Optional<ProtocolStore.Version> current = store.versions(m.id()).stream()
                .filter(v -> v.state() == ProtocolStore.State.IN_ADJUSTMENT).reduce((a, b) -> b);
        if (current.isEmpty() || current.get().id() != answered.id()) {
            return mailIntake.reject(read, agency, m.reference(), RejectionReason.PROTOCOL_STALE_VERSION,
                    "reply for version " + answered.version() + "; current version " + current.map(v -> String.valueOf(v.version())).orElse("-")
                            + " / svar på version " + answered.version() + "; aktuell version "
                            + current.map(v -> String.valueOf(v.version())).orElse("-"), replyTo);
        }
        if (read.mail().oversized()) {
            return mailIntake.reject(read, agency, m.reference(), RejectionReason.MESSAGE_TOO_LARGE,
                    read.mail().size() + " bytes", replyTo);
        }
        String own = ReplyText.own(parsed.text());
        MailAttachment docx = parsed.attachments().stream().filter(AdjustmentIntake::isDocx).findFirst().orElse(null);
        if (own.isEmpty() && docx == null) {
            return mailIntake.reject(read, agency, m.reference(), RejectionReason.EMPTY,
                    "write \"Godkänd\" on the first line, or your corrections / skriv \"Godkänd\" på första raden, eller era ändringar",
                    replyTo);
        }
        ReplyText.Verdict verdict = ReplyText.verdict(own);
        return tx.execute(status -> {
            ProtocolRound.Outcome outcome = round.recordAnswer(answered, m, adjuster.get(), verdict, own,
                    docx == null ? null : docx.name(), docx == null ? null : docx.content(), read.inboundId(), "MAIL",
                    parsed.messageId(), MailIntake.references(parsed), parsed.subject());
            intakeStore.finishInbound(read.inboundId(), IntakeStore.State.PROCESSED, outcome.summary());
            return outcome.summary();
        });
    }

    /** The version this reply answers: by the thread's Message-IDs, else by the subject's token. */
    private Optional<ProtocolStore.Version> match(ParsedMail parsed) {
        Optional<ProtocolStore.Sent> sent = store.sentMessage(MailIntake.threadIds(parsed));
        if (sent.isPresent()) {
            return store.byId(sent.get().protocolId());
        }
        return AdjustmentReplyDetector.token(parsed.subject()).flatMap(t -> meetings.findByReference(t.reference())
                .flatMap(m -> store.version(m.id(), t.version()))
                .filter(v -> v.sentAt() != null));
    }

    private static boolean isDocx(MailAttachment a) {
        String name = a.name() == null ? "" : a.name().toLowerCase(Locale.ROOT);
        return a.content() != null && a.problem() == null && (name.endsWith(".docx")
                || ProtocolRound.DOCX_TYPE.equals(a.declaredType()));
    }
}
