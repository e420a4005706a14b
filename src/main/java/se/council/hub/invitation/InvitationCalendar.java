package se.council.hub.invitation;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.parameter.Cn;
import net.fortuna.ical4j.model.parameter.CuType;
import net.fortuna.ical4j.model.parameter.Role;
import net.fortuna.ical4j.model.parameter.Rsvp;
import net.fortuna.ical4j.model.property.Attendee;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtEnd;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.Method;
import net.fortuna.ical4j.model.property.Organizer;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Status;
import net.fortuna.ical4j.model.property.Summary;
import net.fortuna.ical4j.model.property.Transp;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.Url;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;
import net.fortuna.ical4j.validate.ValidationResult;

/**
 * The iCalendar object (RFC 5545) of a meeting's invitation as an iTIP message (RFC 5546): a REQUEST
 * listing every invited person, or a CANCEL (of the whole meeting, or to people taken off it).
 * Pure: the caller gives every value; nothing here reads the store or the clock.
 */
public final class InvitationCalendar {

    /** Ours, so that a reply or a support case can tell which program wrote the object. */
    public static final String PRODID = "-//Council Hub//council-hub invitations 1.0//";

    public enum ItipMethod { REQUEST, CANCEL }

    /** One person on the invitation; role is iCalendar's ROLE (REQ-PARTICIPANT, OPT-PARTICIPANT, CHAIR). */
    public record Invitee(String email, String name, String role) { }

    /**
     * @param cancelled   the whole meeting is cancelled (STATUS:CANCELLED); false for a CANCEL to removed people
     * @param url         the join link or the meeting's page
     * @param description the text with the agenda headlines
     */
    public record Event(ItipMethod method, String uid, int sequence, Instant dtstamp, ZonedDateTime start,
                        ZonedDateTime end, String summary, String location, String url, String description,
                        String organizerEmail, String organizerName, List<Invitee> attendees, boolean cancelled,
                        String language) {
        public Event {
            attendees = List.copyOf(attendees);
        }
    }

    private InvitationCalendar() {
    }

    /** The calendar as ical4j's model. */
    public static Calendar build(Event e) {
        Calendar calendar = new Calendar();
        calendar.add(new ProdId(PRODID + e.language().toUpperCase(Locale.ROOT)));
        calendar.add(ImmutableVersion.VERSION_2_0);
        calendar.add(ImmutableCalScale.GREGORIAN);
        calendar.add(new Method(e.method().name()));
        calendar.add(TimeZoneComponent.of(e.start().getZone()));

        VEvent event = new VEvent(false);
        event.add(new Uid(e.uid()));
        event.add(new Sequence(e.sequence()));
        event.add(new DtStamp(e.dtstamp()));
        event.add(new DtStart<>(e.start()));
        event.add(new DtEnd<>(e.end()));
        event.add(new Summary(e.summary()));
        if (e.location() != null) {
            event.add(new Location(e.location()));
        }
        if (e.url() != null) {
            event.add(new Url(URI.create(e.url())));
        }
        if (e.description() != null) {
            event.add(new Description(e.description()));
        }
        Organizer organizer = new Organizer(mailto(e.organizerEmail()));
        organizer.add(new Cn(name(e.organizerName())));
        event.add(organizer);
        for (Invitee invitee : e.attendees()) {
            Attendee attendee = new Attendee(mailto(invitee.email()));
            attendee.add(CuType.INDIVIDUAL);
            attendee.add(new Role(invitee.role()));
            if (e.method() == ItipMethod.REQUEST) {
                attendee.add(net.fortuna.ical4j.model.parameter.PartStat.NEEDS_ACTION);
                attendee.add(Rsvp.TRUE);
            }
            attendee.add(new Cn(name(invitee.name())));
            event.add(attendee);
        }
        event.add(e.method() == ItipMethod.CANCEL && e.cancelled() ? new Status(Status.VALUE_CANCELLED)
                : new Status(Status.VALUE_CONFIRMED));
        event.add(new Transp(Transp.VALUE_OPAQUE));
        calendar.add(event);
        return calendar;
    }

    /** The calendar as text: CRLF lines folded at 75 octets. */
    public static String text(Calendar calendar) {
        StringWriter out = new StringWriter(4096);
        try {
            new CalendarOutputter(false).output(calendar, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return IcsText.fold(out.toString());
    }

    /** ical4j's own validation of the object, iTIP rules of its METHOD included. */
    public static ValidationResult validate(Calendar calendar) {
        return calendar.validate();
    }

    private static URI mailto(String email) {
        // The address comes from the registry or the settings, both validated; "mailto:" keeps it opaque.
        return URI.create("mailto:" + email.strip().toLowerCase(Locale.ROOT));
    }

    /** A CN: no control characters (a newline cannot open a new property even unescaped), one line. */
    static String name(String name) {
        String s = name == null ? "" : name.replaceAll("[\\p{Cntrl}]+", " ").strip();
        return s.isEmpty() ? "-" : s;
    }
}
