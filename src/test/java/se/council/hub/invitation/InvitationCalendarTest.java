package se.council.hub.invitation;

import static org.assertj.core.api.Assertions.assertThat;

import biweekly.Biweekly;
import biweekly.ICalendar;
import biweekly.component.VEvent;
import biweekly.property.Attendee;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.validate.ValidationResult;
import org.junit.jupiter.api.Test;
import se.council.hub.agenda.AgendaItem;
import se.council.hub.meeting.Meeting;
import se.council.hub.registry.CouncilRegistry;

/** The invitation's iCalendar object: every property a calendar client needs, escaped, folded, DST-correct. */
class InvitationCalendarTest {

    static final ZoneId STOCKHOLM = ZoneId.of("Europe/Stockholm");
    static final CouncilRegistry.Council NRP = new CouncilRegistry.Council("NRP", "Nationellt råd för patientsäkerhet",
            "socialstyrelsen", 19, List.of("socialstyrelsen", "ivo"));
    static final List<InvitationCalendar.Invitee> PEOPLE = List.of(
            new InvitationCalendar.Invitee("anna.lind@ivo.example", "Anna Lind", "REQ-PARTICIPANT"),
            new InvitationCalendar.Invitee("per.oberg@ivo.example", "Per Öberg", "OPT-PARTICIPANT"),
            new InvitationCalendar.Invitee("asa.angstrom@socialstyrelsen.example", "Åsa Ängström-Äng", "REQ-PARTICIPANT"));

    static Meeting meeting(LocalDate date, Meeting.Format format) {
        return new Meeting(7, "NRP", 19, "NRP-" + date, date, LocalTime.of(9, 0), LocalTime.of(16, 0), STOCKHOLM,
                date.atTime(9, 0).atZone(STOCKHOLM).toInstant(), date.atTime(16, 0).atZone(STOCKHOLM).toInstant(), format,
                format == Meeting.Format.DIGITAL ? null : "Socialstyrelsen, Rålambsvägen 3, Stockholm",
                format == Meeting.Format.PHYSICAL ? null : "https://meet.council.example/nrp?id=19&pwd=x",
                date.minusDays(7).atTime(12, 0).atZone(STOCKHOLM).toInstant(), Meeting.State.SCHEDULED,
                Instant.parse("2026-11-01T10:00:00Z"));
    }

    static final List<AgendaItem> AGENDA = List.of(
            new AgendaItem(1, 7, 1, "Mötet öppnas", null, null, null, null, AgendaItem.State.ACCEPTED, AgendaItem.Kind.STANDARD, null),
            new AgendaItem(2, 7, 2, "Aktuellt per aktör", null, null, null, null, AgendaItem.State.ACCEPTED, AgendaItem.Kind.STATUS_ROUND, null),
            new AgendaItem(3, 7, null, "Ett förslag som väntar", null, null, null, null, AgendaItem.State.PROPOSED, AgendaItem.Kind.PROPOSAL, null));

    static InvitationCalendar.Event event(Meeting m, InvitationCalendar.ItipMethod method, String summary, boolean cancelled) {
        InvitationTexts texts = new InvitationTexts(false);
        return new InvitationCalendar.Event(method, "6f1c0a52-0b7e-4a43-9d36-2b1d4f0f9e11@council.example", 2,
                Instant.parse("2026-11-20T09:00:00Z"), m.startsAt().atZone(m.zone()), m.endsAt().atZone(m.zone()),
                summary != null ? summary : texts.summary(m, NRP), texts.location(m), m.joinUrl() != null ? m.joinUrl()
                : "http://localhost:8080/api/meetings/7", texts.description(m, NRP, AGENDA), "hub@council.example",
                "Rådssekretariatet", PEOPLE, cancelled, "sv");
    }

    static String ics(InvitationCalendar.Event e) {
        return InvitationCalendar.text(InvitationCalendar.build(e));
    }

    static String unfolded(String ics) {
        return ics.replace("\r\n ", "");
    }

    @Test
    void aRequestCarriesMethodProdidUidSequenceDtstampAndStatus() {
        String ics = unfolded(ics(event(meeting(LocalDate.of(2026, 12, 10), Meeting.Format.HYBRID),
                InvitationCalendar.ItipMethod.REQUEST, null, false)));
        assertThat(ics).startsWith("BEGIN:VCALENDAR\r\n").endsWith("END:VCALENDAR\r\n")
                .contains("\r\nMETHOD:REQUEST\r\n", "\r\nVERSION:2.0\r\n", "\r\nPRODID:-//Council Hub//council-hub invitations 1.0//SV\r\n",
                        "\r\nUID:6f1c0a52-0b7e-4a43-9d36-2b1d4f0f9e11@council.example\r\n", "\r\nSEQUENCE:2\r\n",
                        "\r\nDTSTAMP:20261120T090000Z\r\n", "\r\nSTATUS:CONFIRMED\r\n");
    }

    @Test
    void startAndEndAreLocalTimesWithTheirZoneAndTheZoneIsDefinedWithItsDaylightSavingRules() {
        String ics = unfolded(ics(event(meeting(LocalDate.of(2026, 12, 10), Meeting.Format.HYBRID),
                InvitationCalendar.ItipMethod.REQUEST, null, false)));
        assertThat(ics).contains("DTSTART;TZID=Europe/Stockholm:20261210T090000\r\n",
                "DTEND;TZID=Europe/Stockholm:20261210T160000\r\n");
        String tz = ics.substring(ics.indexOf("BEGIN:VTIMEZONE"), ics.indexOf("END:VTIMEZONE"));
        assertThat(tz).contains("TZID:Europe/Stockholm\r\n");
        String daylight = tz.substring(tz.indexOf("BEGIN:DAYLIGHT"), tz.indexOf("END:DAYLIGHT"));
        assertThat(daylight).contains("DTSTART:19700329T020000", "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
                "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200", "TZNAME:CEST");
        String standard = tz.substring(tz.indexOf("BEGIN:STANDARD"), tz.indexOf("END:STANDARD"));
        assertThat(standard).contains("DTSTART:19701025T030000", "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
                "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100", "TZNAME:CET");
    }

    /**
     * Daylight saving in 2027 begins on 28 March, and in 2026 ends on 25 October. Read by biweekly, which
     * resolves TZID through the object's own VTIMEZONE, each start lands on the instant java.time gives.
     */
    @Test
    void meetingsAroundTheDaylightSavingSwitchesResolveToTheRightInstants() {
        for (LocalDate date : List.of(LocalDate.of(2027, 3, 26), LocalDate.of(2027, 3, 29), LocalDate.of(2026, 10, 23),
                LocalDate.of(2026, 10, 26))) {
            Meeting m = meeting(date, Meeting.Format.PHYSICAL);
            String ics = ics(event(m, InvitationCalendar.ItipMethod.REQUEST, null, false));
            VEvent parsed = Biweekly.parse(ics).first().getEvents().get(0);
            assertThat(parsed.getDateStart().getValue().toInstant()).as("start %s", date).isEqualTo(m.startsAt());
            assertThat(parsed.getDateEnd().getValue().toInstant()).as("end %s", date).isEqualTo(m.endsAt());
        }
        assertThat(meeting(LocalDate.of(2027, 3, 29), Meeting.Format.PHYSICAL).startsAt())
                .isEqualTo(Instant.parse("2027-03-29T07:00:00Z"));
        assertThat(meeting(LocalDate.of(2027, 3, 26), Meeting.Format.PHYSICAL).startsAt())
                .isEqualTo(Instant.parse("2027-03-26T08:00:00Z"));
        assertThat(meeting(LocalDate.of(2026, 10, 26), Meeting.Format.PHYSICAL).startsAt())
                .isEqualTo(Instant.parse("2026-10-26T08:00:00Z"));
        assertThat(meeting(LocalDate.of(2026, 10, 23), Meeting.Format.PHYSICAL).startsAt())
                .isEqualTo(Instant.parse("2026-10-23T07:00:00Z"));
    }

    /** The object depends on the meeting's zone only, never on the JVM's default zone. */
    @Test
    void theJvmsDefaultZoneChangesNothing() {
        Meeting m = meeting(LocalDate.of(2027, 3, 29), Meeting.Format.HYBRID);
        java.util.TimeZone pinned = java.util.TimeZone.getDefault();
        String inUtc;
        String inNewYork;
        try {
            java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone("UTC"));
            inUtc = ics(event(m, InvitationCalendar.ItipMethod.REQUEST, null, false));
            java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone("America/New_York"));
            inNewYork = ics(event(m, InvitationCalendar.ItipMethod.REQUEST, null, false));
        } finally {
            java.util.TimeZone.setDefault(pinned);
        }
        assertThat(inNewYork).isEqualTo(inUtc).contains("DTSTART;TZID=Europe/Stockholm:20270329T090000");
    }

    @Test
    void summaryNamesTheCouncilAndItsOrdinalMeetingAndTheDescriptionListsTheAcceptedAgenda() {
        Meeting m = meeting(LocalDate.of(2026, 12, 10), Meeting.Format.HYBRID);
        VEvent e = Biweekly.parse(ics(event(m, InvitationCalendar.ItipMethod.REQUEST, null, false))).first().getEvents().get(0);
        assertThat(e.getSummary().getValue()).isEqualTo("Nationellt råd för patientsäkerhet, rådets nittonde möte");
        assertThat(e.getDescription().getValue()).contains("Dagordning\n1. Mötet öppnas\n2. Aktuellt per aktör\n")
                .doesNotContain("Ett förslag som väntar").contains("torsdag 10 december 2026 kl. 09.00–16.00");
        assertThat(e.getUrl().getValue()).isEqualTo("https://meet.council.example/nrp?id=19&pwd=x");
    }

    @Test
    void locationIsThePlaceTheJoinLinkOrBoth() {
        LocalDate date = LocalDate.of(2026, 12, 10);
        assertThat(location(meeting(date, Meeting.Format.PHYSICAL))).isEqualTo("Socialstyrelsen, Rålambsvägen 3, Stockholm");
        assertThat(location(meeting(date, Meeting.Format.DIGITAL))).isEqualTo("https://meet.council.example/nrp?id=19&pwd=x");
        assertThat(location(meeting(date, Meeting.Format.HYBRID))).isEqualTo(
                "Socialstyrelsen, Rålambsvägen 3, Stockholm – eller digitalt: https://meet.council.example/nrp?id=19&pwd=x");
        assertThat(unfolded(ics(event(meeting(date, Meeting.Format.PHYSICAL), InvitationCalendar.ItipMethod.REQUEST, null, false))))
                .contains("LOCATION:Socialstyrelsen\\, Rålambsvägen 3\\, Stockholm\r\n");
    }

    private static String location(Meeting m) {
        return Biweekly.parse(ics(event(m, InvitationCalendar.ItipMethod.REQUEST, null, false))).first().getEvents().get(0)
                .getLocation().getValue();
    }

    @Test
    void organizerIsTheHubsMailboxAndEveryPersonIsAnAttendeeAwaitingAnAnswer() {
        String ics = ics(event(meeting(LocalDate.of(2026, 12, 10), Meeting.Format.HYBRID), InvitationCalendar.ItipMethod.REQUEST, null, false));
        // åäö travel as they are, in UTF-8, the CN quoted as ical4j does for non-ASCII text
        assertThat(unfolded(ics)).contains("ORGANIZER;CN=\"Rådssekretariatet\":mailto:hub@council.example\r\n")
                .contains("ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=OPT-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE;CN=\"Per Öberg\":mailto:per.oberg@ivo.example\r\n");
        VEvent e = Biweekly.parse(ics).first().getEvents().get(0);
        assertThat(e.getOrganizer().getEmail()).isEqualTo("hub@council.example");
        assertThat(e.getOrganizer().getCommonName()).isEqualTo("Rådssekretariatet");
        assertThat(e.getAttendees()).extracting(Attendee::getCommonName)
                .containsExactly("Anna Lind", "Per Öberg", "Åsa Ängström-Äng");
        assertThat(e.getAttendees()).extracting(a -> a.getParticipationStatus().getValue()).containsOnly("NEEDS-ACTION");
        assertThat(e.getAttendees()).allMatch(Attendee::getRsvp);
        assertThat(e.getAttendees()).extracting(Attendee::getParticipationLevel).containsExactly(
                biweekly.parameter.ParticipationLevel.REQUIRED, biweekly.parameter.ParticipationLevel.OPTIONAL,
                biweekly.parameter.ParticipationLevel.REQUIRED);
    }

    @Test
    void textThatLooksLikeSyntaxCannotBreakTheObject() throws Exception {
        String hostile = "Rådet, extra; möte\nrad två\r\nATTENDEE:mailto:intruder@evil.example\r\nEND:VEVENT\\slut";
        String ics = ics(event(meeting(LocalDate.of(2026, 12, 10), Meeting.Format.HYBRID), InvitationCalendar.ItipMethod.REQUEST,
                hostile, false));
        assertThat(ics).doesNotContain("\r\nATTENDEE:mailto:intruder").doesNotContain("\nrad två");
        assertThat(ics.split("\r\nEND:VEVENT", -1)).hasSize(2);
        VEvent e = Biweekly.parse(ics).first().getEvents().get(0);
        assertThat(e.getSummary().getValue()).isEqualTo(hostile.replace("\r\n", "\n"));
        assertThat(e.getAttendees()).hasSize(3).noneMatch(a -> "intruder@evil.example".equals(a.getEmail()));
        Calendar own = ical4j(ics);
        assertThat(own.getComponents("VEVENT").get(0).getProperties("ATTENDEE")).hasSize(3);
        assertThat(InvitationCalendar.validate(own).hasErrors()).isFalse();
    }

    @Test
    void aNameWithQuotesAndLineBreaksStaysOneParameter() {
        var people = List.of(new InvitationCalendar.Invitee("x@ivo.example", "Eva \"Evi\" Sjö;berg\r\nATTENDEE:mailto:y@evil.example", "REQ-PARTICIPANT"));
        Meeting m = meeting(LocalDate.of(2026, 12, 10), Meeting.Format.PHYSICAL);
        InvitationCalendar.Event base = event(m, InvitationCalendar.ItipMethod.REQUEST, null, false);
        InvitationCalendar.Event e = new InvitationCalendar.Event(base.method(), base.uid(), base.sequence(), base.dtstamp(),
                base.start(), base.end(), base.summary(), base.location(), base.url(), base.description(),
                base.organizerEmail(), base.organizerName(), people, false, "sv");
        ICalendar parsed = Biweekly.parse(ics(e)).first();
        assertThat(parsed.getEvents().get(0).getAttendees()).singleElement()
                .satisfies(a -> assertThat(a.getEmail()).isEqualTo("x@ivo.example"));
    }

    @Test
    void linesAreFoldedAtSeventyFiveOctetsWithoutSplittingACharacter() throws Exception {
        String longTitle = "Åäö ".repeat(60) + "€𝄞 slut";
        String ics = ics(event(meeting(LocalDate.of(2026, 12, 10), Meeting.Format.HYBRID), InvitationCalendar.ItipMethod.REQUEST,
                longTitle, false));
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        int folded = 0;
        for (String line : ics.split("\r\n")) {
            byte[] octets = line.getBytes(StandardCharsets.UTF_8);
            assertThat(octets.length).as(line).isLessThanOrEqualTo(75);
            try {
                decoder.decode(ByteBuffer.wrap(octets));
            } catch (CharacterCodingException e) {
                throw new AssertionError("a folded line splits a UTF-8 character: " + line, e);
            }
            folded += line.startsWith(" ") ? 1 : 0;
        }
        assertThat(folded).isGreaterThan(5);
        assertThat(ics).doesNotContain("\n\n").doesNotContainPattern("[^\r]\n");
        assertThat(Biweekly.parse(ics).first().getEvents().get(0).getSummary().getValue()).isEqualTo(longTitle);
    }

    @Test
    void requestAndCancelValidateWithIcal4jsItipRules() throws Exception {
        Meeting m = meeting(LocalDate.of(2026, 12, 10), Meeting.Format.HYBRID);
        for (InvitationCalendar.ItipMethod method : InvitationCalendar.ItipMethod.values()) {
            Calendar built = InvitationCalendar.build(event(m, method, null, method == InvitationCalendar.ItipMethod.CANCEL));
            ValidationResult result = InvitationCalendar.validate(built);
            assertThat(result.hasErrors()).as(method + ": " + result).isFalse();
            Calendar reread = ical4j(InvitationCalendar.text(built));
            assertThat(InvitationCalendar.validate(reread).hasErrors()).as(method + " read back").isFalse();
        }
        String cancel = unfolded(ics(event(m, InvitationCalendar.ItipMethod.CANCEL, null, true)));
        assertThat(cancel).contains("\r\nMETHOD:CANCEL\r\n", "\r\nSTATUS:CANCELLED\r\n").doesNotContain("RSVP=TRUE");
    }

    static Calendar ical4j(String ics) throws Exception {
        return new CalendarBuilder().build(new StringReader(ics));
    }
}
