package se.council.hub.outbox;

/**
 * A mail the hub is to send. The dedup key names the step it belongs to ("call:12:anna@ivo.example"),
 * so that the same step never produces a second mail, across restarts too.
 */
public record OutboundMail(String dedupKey, Kind kind, Long meetingId, String agencyId, String recipient,
                           String recipientName, String subject, String body, String inReplyTo,
                           String references) {

    public enum Kind {
        CALL, REMINDER, RECEIPT, REJECTION, PACK, INVITATION, ADJUSTMENT, PROTOCOL,
        ADJUSTMENT_REMINDER, CORRECTIONS_DIGEST;

        /** Replies to inbound mail are rate-limited per address; announcements are not. */
        boolean isReply() {
            return this == RECEIPT || this == REJECTION;
        }
    }
}
