package se.council.hub.outbox;

/**
 * The calendar of an iMIP mail (RFC 6047): the iCalendar text with its iTIP method, and the HTML
 * alternative of the mail's text. The outbox sends it as the big clients do: multipart/mixed holding
 * multipart/alternative (text/plain, text/html, text/calendar; method=…) and invite.ics.
 *
 * @param method   REQUEST or CANCEL, as in the object's METHOD
 * @param icalendar the object, CRLF lines, folded
 * @param html     the HTML alternative of the mail's plain text
 */
public record OutboundCalendar(String method, String icalendar, String html) { }
