package se.council.hub.intake.mail;

/**
 * What an inbound mail is, decided once it is parsed; the route intake-mail sends each kind to its
 * own bean: contributions to the intake, RSVPs to the attendance list, adjustment replies to the
 * protocol round.
 */
public enum MailKind {
    /** A status update or agenda item proposal from an agency (the default). */
    CONTRIBUTION,
    /** A calendar reply (iTIP REPLY or COUNTER) to one of the hub's invitations. */
    RSVP,
    /** A reply to a protocol draft sent for adjustment ("justering"). */
    ADJUSTMENT_REPLY
}
