package se.council.hub.invitation;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import se.council.hub.intake.mail.CalendarPart;
import se.council.hub.intake.mail.MailKind;
import se.council.hub.intake.mail.MailKindDetector;
import se.council.hub.intake.mail.ParsedMail;

/**
 * Recognises a calendar reply to one of the hub's invitations: a mail carrying an iCalendar part
 * (inline text/calendar, an .ics attachment or application/ics) whose method is REPLY or COUNTER,
 * by the part's Content-Type or by the object's own METHOD line. The object is not read here: a
 * reply whose calendar data is broken is still an RSVP, so its sender gets a clear answer.
 */
@Component
@Order(10)
public class RsvpDetector implements MailKindDetector {

    private static final Pattern METHOD_LINE = Pattern.compile("(?mi)^METHOD\\s*:\\s*([A-Za-z-]+)");

    @Override
    public Optional<MailKind> detect(ParsedMail mail) {
        return mail.calendarParts().stream().anyMatch(RsvpDetector::isReply) ? Optional.of(MailKind.RSVP) : Optional.empty();
    }

    /** Whether the part says it is a REPLY or COUNTER, in its Content-Type or its METHOD line. */
    static boolean isReply(CalendarPart part) {
        return isReplyMethod(part.method()) || isReplyMethod(objectMethod(part.content()));
    }

    /** The METHOD the object itself names, upper case, or null. */
    static String objectMethod(String content) {
        if (content == null) {
            return null;
        }
        Matcher m = METHOD_LINE.matcher(content);
        return m.find() ? m.group(1).toUpperCase(Locale.ROOT) : null;
    }

    private static boolean isReplyMethod(String method) {
        return method != null && (method.equalsIgnoreCase("REPLY") || method.equalsIgnoreCase("COUNTER"));
    }
}
