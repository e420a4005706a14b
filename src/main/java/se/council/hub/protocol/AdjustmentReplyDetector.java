package se.council.hub.protocol;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import se.council.hub.intake.mail.MailIntake;
import se.council.hub.intake.mail.MailKind;
import se.council.hub.intake.mail.MailKindDetector;
import se.council.hub.intake.mail.ParsedMail;

/**
 * Recognises answers to the adjustment round: a mail whose In-Reply-To or References name one of
 * the round's mails (the protocol sent for adjustment, or its reminder), or whose subject carries
 * the round's token "[NRP-2026-12-10 justering v2]" (whatever "SV:", "Re:", "AW:" came before it).
 * Runs after the RSVP detector, so a calendar reply stays an RSVP.
 */
@Component
@Order(20)
public class AdjustmentReplyDetector implements MailKindDetector {

    /** The round's token: the meeting's reference and the version. */
    public record Token(String reference, int version) { }

    private static final Pattern TOKEN = Pattern.compile(
            "\\[\\s*([A-Z][A-Z0-9]*-\\d{4}-\\d{2}-\\d{2})\\s+(?:justering|adjustment)\\s+v(\\d{1,4})\\s*]",
            Pattern.CASE_INSENSITIVE);

    private final ProtocolStore store;

    public AdjustmentReplyDetector(ProtocolStore store) {
        this.store = store;
    }

    @Override
    public Optional<MailKind> detect(ParsedMail mail) {
        if (token(mail.subject()).isPresent() || store.sentMessage(MailIntake.threadIds(mail)).isPresent()) {
            return Optional.of(MailKind.ADJUSTMENT_REPLY);
        }
        return Optional.empty();
    }

    /** The round's token in a subject, if any. */
    public static Optional<Token> token(String subject) {
        if (subject == null) {
            return Optional.empty();
        }
        Matcher m = TOKEN.matcher(subject);
        return m.find() ? Optional.of(new Token(m.group(1).toUpperCase(java.util.Locale.ROOT), Integer.parseInt(m.group(2))))
                : Optional.empty();
    }
}
