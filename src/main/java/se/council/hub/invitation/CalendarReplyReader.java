package se.council.hub.invitation;

/**
 * Reads the iTIP REPLY and COUNTER objects calendar clients send (Outlook/Exchange, Google, Apple,
 * Thunderbird, Nextcloud, Zimbra) into {@link CalendarReply}. Pure: no Spring, no store.
 */
public final class CalendarReplyReader {

    /** The reply in an iCalendar text; throws {@link InvalidCalendarException} saying what is wrong. */
    public CalendarReply read(String icalendar) {
        throw new UnsupportedOperationException("not yet built (issue 4)");
    }
}
