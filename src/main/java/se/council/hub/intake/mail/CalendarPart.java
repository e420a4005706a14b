package se.council.hub.intake.mail;

/**
 * An iCalendar object found in a mail (a text/calendar or application/ics part, or a .ics file),
 * kept aside for the RSVP feature rather than treated as a submitted file.
 *
 * @param method  the iTIP method (REPLY, REQUEST, …) from the Content-Type or the METHOD line,
 *                upper case; null when neither says
 * @param content the decoded iCalendar text
 */
public record CalendarPart(String method, String content) {
}
