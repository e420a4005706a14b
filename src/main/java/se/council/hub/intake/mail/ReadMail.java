package se.council.hub.intake.mail;

import java.time.Instant;

/**
 * A stored inbound mail once parsed: its record and bytes, what the parser read, what the receiving
 * server's Authentication-Results say of its sender, and its kind.
 *
 * @param receivedAt when the hub took it in (the hub's clock)
 */
public record ReadMail(MailIntake.InboundMail mail, ParsedMail parsed, SenderVerification.Verdict verdict,
                       MailKind kind, Instant receivedAt) {

    public long inboundId() {
        return mail.inbound().id();
    }
}
