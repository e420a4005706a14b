package se.council.hub.invitation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import se.council.hub.intake.mail.CalendarPart;
import se.council.hub.intake.mail.MailKind;
import se.council.hub.intake.mail.ParsedMail;

class RsvpDetectorTest {

    private final RsvpDetector detector = new RsvpDetector();

    @Test
    void aReplyOrCounterByContentTypeOrByMethodLineIsAnRsvp() {
        assertThat(detector.detect(mail(new CalendarPart("REPLY", "BEGIN:VCALENDAR\r\nMETHOD:REPLY\r\n")))).contains(MailKind.RSVP);
        assertThat(detector.detect(mail(new CalendarPart(null, "BEGIN:VCALENDAR\nmethod:counter\n")))).contains(MailKind.RSVP);
        // Google labels a COUNTER method=REPLY; an application/ics attachment has no method at all
        assertThat(detector.detect(mail(new CalendarPart("REPLY", "BEGIN:VCALENDAR\nMETHOD:COUNTER\n")))).contains(MailKind.RSVP);
    }

    @Test
    void brokenCalendarDataThatClaimsToBeAReplyIsStillAnRsvpSoItsSenderGetsAnAnswer() {
        assertThat(detector.detect(mail(new CalendarPart("REPLY", "this is not iCalendar at all")))).contains(MailKind.RSVP);
    }

    @Test
    void invitationsPublishedEventsAndMailsWithoutCalendarAreNot() {
        assertThat(detector.detect(mail(new CalendarPart("REQUEST", "BEGIN:VCALENDAR\nMETHOD:REQUEST\n")))).isEmpty();
        assertThat(detector.detect(mail(new CalendarPart(null, "BEGIN:VCALENDAR\nMETHOD:PUBLISH\n")))).isEmpty();
        assertThat(detector.detect(mail(new CalendarPart(null, "BEGIN:VCALENDAR\nBEGIN:VEVENT\n")))).isEmpty();
        assertThat(detector.detect(mail())).isEmpty();
    }

    @Test
    void newerFollowsSequenceThenDtstamp() {
        Instant t = Instant.parse("2026-11-21T08:00:00Z");
        assertThat(RsvpIntake.newer(0, t, null, null)).isTrue();
        assertThat(RsvpIntake.newer(0, null, null, null)).isTrue();
        assertThat(RsvpIntake.newer(2, t, 1, t.plusSeconds(3600))).isTrue();
        assertThat(RsvpIntake.newer(0, t.plusSeconds(3600), 1, t)).isFalse();
        assertThat(RsvpIntake.newer(1, t.plusSeconds(1), 1, t)).isTrue();
        assertThat(RsvpIntake.newer(1, t, 1, t)).isFalse();
        assertThat(RsvpIntake.newer(1, t.minusSeconds(1), 1, t)).isFalse();
        assertThat(RsvpIntake.newer(1, null, 1, t)).isFalse();
        assertThat(RsvpIntake.newer(1, t, 1, null)).isTrue();
    }

    private static ParsedMail mail(CalendarPart... parts) {
        return new ParsedMail("<m@x.example>", null, List.of(), "a@x.example", null, null, "s", List.of(), false, "",
                List.of(), List.of(), List.of(parts));
    }
}
