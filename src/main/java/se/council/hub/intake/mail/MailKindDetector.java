package se.council.hub.intake.mail;

import java.util.Optional;

/**
 * Recognises one kind of mail other than a contribution. Each feature that answers mail of its own
 * (invitations, the protocol round) provides one; the first detector that recognises a mail, in
 * {@link org.springframework.core.annotation.Order} order, decides its {@link MailKind}.
 */
public interface MailKindDetector {

    /** The kind of this mail when this detector recognises it, otherwise empty. */
    Optional<MailKind> detect(ParsedMail mail);
}
