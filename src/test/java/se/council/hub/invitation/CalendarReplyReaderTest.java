package se.council.hub.invitation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import se.council.hub.attendance.PartStat;

/** Every collected client sample (src/test/resources/rsvp-samples, see SOURCES.md) and the quirks clients have. */
class CalendarReplyReaderTest {

    private final CalendarReplyReader reader = new CalendarReplyReader();

    static String sample(String name) {
        try (InputStream in = CalendarReplyReaderTest.class.getResourceAsStream("/rsvp-samples/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no sample " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void outlookOnWindowsAcceptanceWithAWindowsZoneNameAndAComment() {
        CalendarReply r = reader.read(sample("outlook-windows-accepted.ics"));
        assertThat(r.method()).isEqualTo("REPLY");
        assertThat(r.uid()).isEqualTo("040000008200E00074C5B7101A82E00800000000D0A1B2C3D4E5DA01000000000000000"
                + "0100000004F7574C6F6F6B526570C7953616D706C6531");
        assertThat(r.sequence()).isZero();
        assertThat(r.dtstamp()).isEqualTo(Instant.parse("2026-11-21T10:15:32Z"));
        assertThat(r.attendees()).containsExactly(
                new CalendarReply.Attendee("anna.lind@ivo.example", "Lind, Anna", PartStat.ACCEPTED, null));
        assertThat(r.comment()).isEqualTo("Jag kommer, men måste gå 15.00.");
        assertThat(r.proposedStart()).isNull();
        assertThat(r.recurrenceId()).isNull();
    }

    @Test
    void outlookOnWindowsWritesWesternEuropeanTimeWhichResolvesWithBerlinOffsets() {
        // The reply's own DTSTART, read as a proposal: W. Europe Standard Time is UTC+1 in winter, UTC+2 in summer.
        String reply = sample("outlook-windows-accepted.ics").replace("METHOD:REPLY", "METHOD:COUNTER");
        CalendarReply winter = reader.read(reply);
        assertThat(winter.proposedStart()).isEqualTo(Instant.parse("2026-12-10T08:00:00Z"));
        assertThat(winter.proposedEnd()).isEqualTo(Instant.parse("2026-12-10T15:00:00Z"));
        CalendarReply summer = reader.read(reply.replace(":20261210T", ":20270610T"));
        assertThat(summer.proposedStart()).isEqualTo(Instant.parse("2027-06-10T07:00:00Z"));
        assertThat(summer.proposedEnd()).isEqualTo(Instant.parse("2027-06-10T14:00:00Z"));
    }

    @Test
    void exchangeAcceptanceCapturedWithItsPacificZoneEmptyCommentAndNoOrganizer() {
        String captured = sample("exchange-pacific-accepted.ics");
        CalendarReply r = reader.read(captured);
        assertThat(r.method()).isEqualTo("REPLY");
        assertThat(r.uid()).isEqualTo("3f6a1c2e-8b4d-4e7a-9c51-0d2e7b9a4f18");
        assertThat(r.sequence()).isZero();
        assertThat(r.dtstamp()).isEqualTo(Instant.parse("2014-07-23T17:26:04Z"));
        // MAILTO in capitals, no ORGANIZER line (Exchange leaves it out of replies)
        assertThat(r.attendees()).containsExactly(new CalendarReply.Attendee(
                "mikael.strand@lakemedelsverket.example", "Mikael Strand", PartStat.ACCEPTED, null));
        // Exchange writes an empty note as "COMMENT;LANGUAGE=en-US:\n": no comment
        assertThat(r.comment()).isNull();
        assertThat(r.proposedStart()).isNull();

        // Its DTSTART read as a proposal: "Pacific Standard Time" with Exchange's 1601 VTIMEZONE, in
        // daylight saving time in July (13:00 PDT, UTC-7) and standard time in December (UTC-8).
        String asCounter = captured.replace("METHOD:REPLY", "METHOD:COUNTER");
        CalendarReply july = reader.read(asCounter);
        assertThat(july.proposedStart()).isEqualTo(Instant.parse("2014-07-29T20:00:00Z"));
        assertThat(july.proposedEnd()).isEqualTo(Instant.parse("2014-07-29T21:00:00Z"));
        CalendarReply december = reader.read(asCounter.replace(":20140729T", ":20141229T"));
        assertThat(december.proposedStart()).isEqualTo(Instant.parse("2014-12-29T21:00:00Z"));
    }

    @Test
    void outlookCounterInRomanceStandardTimeIsResolvedToInstants() {
        CalendarReply r = reader.read(sample("outlook-windows-counter.ics"));
        assertThat(r.method()).isEqualTo("COUNTER");
        // 10:00 and 16:00 in Paris in December (CET, UTC+1)
        assertThat(r.proposedStart()).isEqualTo(Instant.parse("2026-12-10T09:00:00Z"));
        assertThat(r.proposedEnd()).isEqualTo(Instant.parse("2026-12-10T15:00:00Z"));
        assertThat(r.attendees()).containsExactly(
                new CalendarReply.Attendee("per.oberg@ivo.example", "Per Öberg", PartStat.TENTATIVE, null));
        assertThat(r.comment()).isEqualTo("Kan vi börja en timme senare? Tåget från Göteborg är framme 9.40.");
    }

    @Test
    void outlookForMacWithItsDisplayNameZoneFoldedQuotedNameAndUpperCaseMailto() {
        CalendarReply r = reader.read(sample("outlook-mac-accepted.ics"));
        assertThat(r.uid()).isEqualTo("f1394aba7ca8b9474af204a4d88934b7c7aa2191");
        assertThat(r.dtstamp()).isEqualTo(Instant.parse("2012-05-25T15:41:21Z"));
        assertThat(r.attendees()).containsExactly(new CalendarReply.Attendee(
                "karin.blomqvist@arbetsmiljoverket.example", "Karin Blomqvist", PartStat.ACCEPTED, null));
        CalendarReply declined = reader.read(sample("outlook-mac-declined.ics"));
        assertThat(declined.attendees()).extracting(CalendarReply.Attendee::email, CalendarReply.Attendee::partstat)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("henrik.dahl@forte.example", PartStat.DECLINED));
    }

    @Test
    void googleAcceptanceWithItsExtraAttendeeParameters() {
        CalendarReply r = reader.read(sample("google-accepted.ics"), "REPLY");
        assertThat(r.uid()).isEqualTo("14ef516ad2e6ce325d5c8efcf9d7ddbfa30f9d15");
        assertThat(r.dtstamp()).isEqualTo(Instant.parse("2012-05-30T07:56:52Z"));
        assertThat(r.attendees()).containsExactly(new CalendarReply.Attendee(
                "eva.sjoberg@folkhalsomyndigheten.example", "Eva Sjöberg", PartStat.ACCEPTED, null));
        assertThat(r.comment()).isNull();
    }

    @Test
    void googleListingTheOrganizerAsAnAttendeeGivesBothForTheCallerToSortOut() {
        CalendarReply r = reader.read(sample("google-accepted-organizer-listed.ics"));
        assertThat(r.attendees()).extracting(CalendarReply.Attendee::email)
                .containsExactly("hub@council.example", "eva.sjoberg@folkhalsomyndigheten.example");
    }

    @Test
    void googleCounterInAPartLabelledReplyIsACounterWithItsProposedTime() {
        CalendarReply r = reader.read(sample("google-counter.ics"), "REPLY");
        assertThat(r.method()).isEqualTo("COUNTER");
        assertThat(r.proposedStart()).isEqualTo(Instant.parse("2021-01-13T18:45:00Z"));
        assertThat(r.proposedEnd()).isEqualTo(Instant.parse("2021-01-13T19:45:00Z"));
        assertThat(r.attendees()).containsExactly(new CalendarReply.Attendee(
                "ulrika.nystrom@lof.example", "ulrika.nystrom@lof.example", PartStat.TENTATIVE, null));
    }

    @Test
    void appleIphoneAcceptanceKeepsItsPrivateAnnotationPrivate() {
        CalendarReply r = reader.read(sample("apple-ios-accepted.ics"));
        assertThat(r.uid()).isEqualTo("b84ce20");
        assertThat(r.attendees()).containsExactly(
                new CalendarReply.Attendee("ingrid.palm@sbu.example", "Ingrid Palm", PartStat.ACCEPTED, null));
        assertThat(r.comment()).isNull();
        assertThat(r.dtstamp()).isEqualTo(Instant.parse("2012-05-25T15:41:22Z"));
    }

    @Test
    void nextcloudAcceptanceWithAllDayDatesAndALaterSequence() {
        CalendarReply r = reader.read(sample("nextcloud-accepted.ics"));
        assertThat(r.sequence()).isEqualTo(3);
        assertThat(r.attendees()).containsExactly(new CalendarReply.Attendee("anders.holm@ehalsomyndigheten.example",
                "anders.holm@ehalsomyndigheten.example", PartStat.ACCEPTED, null));
    }

    @Test
    void thunderbirdTentativeAcceptance() {
        CalendarReply r = reader.read(sample("thunderbird-tentative.ics"));
        assertThat(r.uid()).isEqualTo("b0c0b197-4e1d-4c55-9d5f-thunderbird-sample");
        assertThat(r.attendees()).containsExactly(new CalendarReply.Attendee(
                "nils.akesson@folkhalsomyndigheten.example", "Nils Åkesson", PartStat.TENTATIVE, null));
        assertThat(r.dtstamp()).isEqualTo(Instant.parse("2026-11-21T08:44:10Z"));
    }

    @Test
    void zimbraDeclineWithAFoldedComment() {
        CalendarReply r = reader.read(sample("zimbra-declined.ics"));
        assertThat(r.attendees()).containsExactly(
                new CalendarReply.Attendee("anna.lind@ivo.example", "Anna Lind", PartStat.DECLINED, null));
        assertThat(r.comment()).isEqualTo("Tyvärr krockar mötet med en inspektion. Per Öberg kommer i mitt ställe.");
    }

    @Test
    void delegationNamesTheDelegate() {
        CalendarReply r = reader.read(sample("rfc5546-delegated.ics"));
        assertThat(r.attendees()).containsExactly(new CalendarReply.Attendee(
                "anna.lind@ivo.example", null, PartStat.DELEGATED, "per.oberg@ivo.example"));
    }

    @Test
    void aTruncatedReplyIsRefusedSayingWhy() {
        assertThatThrownBy(() -> reader.read(sample("broken-truncated.ics")))
                .isInstanceOf(InvalidCalendarException.class).hasMessageContaining("cannot be read");
    }

    @ParameterizedTest
    @ValueSource(strings = {"outlook-windows-accepted.ics", "exchange-pacific-accepted.ics", "outlook-mac-accepted.ics", "google-accepted.ics",
            "apple-ios-accepted.ics", "nextcloud-accepted.ics", "thunderbird-tentative.ics", "zimbra-declined.ics"})
    void lineEndsDoNotMatterCrlfLfOrCr(String name) {
        String original = sample(name);
        String lf = original.replace("\r\n", "\n");
        CalendarReply expected = reader.read(original);
        assertThat(reader.read(lf)).isEqualTo(expected);
        assertThat(reader.read(lf.replace("\n", "\r\n"))).isEqualTo(expected);
        assertThat(reader.read(lf.replace("\n", "\r"))).isEqualTo(expected);
        assertThat(reader.read("\uFEFF" + lf)).isEqualTo(expected);
    }

    @Test
    void lowerCaseNamesAndMailtoTabFoldingAndQuotedNames() {
        String ics = String.join("\n",
                "begin:vcalendar", "version:2.0", "method:reply", "begin:vevent",
                "uid:lower-case-1", "sequence:2", "dtstamp:20261121T080000Z",
                "attendee;cn=\"Öberg, Per\";partstat=accepted:mailto:Per.Oberg@IVO.example",
                "comment:Jag kommer\\; kanske sent\\, men",
                "\tdå med tåg.",
                "end:vevent", "end:vcalendar", "");
        CalendarReply r = reader.read(ics);
        assertThat(r.uid()).isEqualTo("lower-case-1");
        assertThat(r.sequence()).isEqualTo(2);
        assertThat(r.attendees()).containsExactly(
                new CalendarReply.Attendee("per.oberg@ivo.example", "Öberg, Per", PartStat.ACCEPTED, null));
        assertThat(r.comment()).isEqualTo("Jag kommer; kanske sent, mendå med tåg.");
    }

    @Test
    void aStrayLineInsideTheObjectIsDroppedNotFatal() {
        String ics = String.join("\r\n", "BEGIN:VCALENDAR", "METHOD:REPLY", "BEGIN:VEVENT", "UID:stray-1",
                "DESCRIPTION:Första raden", "andra raden utan vikning", "",
                "ATTENDEE;PARTSTAT=DECLINED:mailto:anna.lind@ivo.example", "END:VEVENT", "END:VCALENDAR", "");
        assertThat(reader.read(ics).attendees()).extracting(CalendarReply.Attendee::partstat).containsExactly(PartStat.DECLINED);
    }

    @Test
    void anUnreadableDtstampIsNoStampButTheAnswerStands() {
        String ics = String.join("\n", "BEGIN:VCALENDAR", "METHOD:REPLY", "BEGIN:VEVENT", "UID:stamp-1",
                "DTSTAMP;TZID=Nowhere Standard Time:20261121T080000",
                "ATTENDEE;PARTSTAT=ACCEPTED:mailto:anna.lind@ivo.example", "END:VEVENT", "END:VCALENDAR");
        CalendarReply r = reader.read(ics);
        assertThat(r.dtstamp()).isNull();
        assertThat(r.attendees()).extracting(CalendarReply.Attendee::partstat).containsExactly(PartStat.ACCEPTED);
        assertThat(reader.read(ics.replace("DTSTAMP;TZID=Nowhere Standard Time:20261121T080000", "DTSTAMP:yesterday")).dtstamp())
                .isNull();
    }

    @Test
    void aWindowsZoneWithoutItsVtimezoneStillResolvesAcrossTheDaylightSavingSwitch() {
        // Europe/Stockholm-like rules: DST began 2027-03-28 at 02:00.
        CalendarReply winter = reader.read(counter("DTSTART;TZID=W. Europe Standard Time:20270326T090000", ""));
        CalendarReply summer = reader.read(counter("DTSTART;TZID=\"W. Europe Standard Time\":20270329T090000", ""));
        assertThat(winter.proposedStart()).isEqualTo(Instant.parse("2027-03-26T08:00:00Z"));
        assertThat(summer.proposedStart()).isEqualTo(Instant.parse("2027-03-29T07:00:00Z"));
    }

    @Test
    void floatingTimesAreCouncilTimeAndUtcTimesAreUtc() {
        CalendarReply floating = reader.read(counter("DTSTART:20270329T090000", "DURATION:PT1H30M"));
        assertThat(floating.proposedStart()).isEqualTo(Instant.parse("2027-03-29T07:00:00Z"));
        assertThat(floating.proposedEnd()).isEqualTo(Instant.parse("2027-03-29T08:30:00Z"));
        CalendarReply utc = reader.read(counter("DTSTART:20270329T090000Z", "DTEND:20270329T100000Z"));
        assertThat(utc.proposedStart()).isEqualTo(Instant.parse("2027-03-29T09:00:00Z"));
        assertThat(utc.proposedEnd()).isEqualTo(Instant.parse("2027-03-29T10:00:00Z"));
    }

    @Test
    void anUnknownZoneIsResolvedFromTheVtimezoneRulesTheObjectCarries() {
        String vtimezone = String.join("\n", "BEGIN:VTIMEZONE", "TZID:Customized Time Zone",
                "BEGIN:STANDARD", "DTSTART:16010101T030000", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100",
                "RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10", "END:STANDARD",
                "BEGIN:DAYLIGHT", "DTSTART:16010101T020000", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200",
                "RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3", "END:DAYLIGHT", "END:VTIMEZONE");
        CalendarReply r = reader.read(counter("DTSTART;TZID=Customized Time Zone:20261025T090000", "", vtimezone));
        // 2026-10-25 is the last Sunday of October: standard time from 03:00, so 09:00 is UTC+1.
        assertThat(r.proposedStart()).isEqualTo(Instant.parse("2026-10-25T08:00:00Z"));
        CalendarReply before = reader.read(counter("DTSTART;TZID=Customized Time Zone:20261024T090000", "", vtimezone));
        assertThat(before.proposedStart()).isEqualTo(Instant.parse("2026-10-24T07:00:00Z"));
    }

    @Test
    void aCounterInAZoneNobodyKnowsIsRefused() {
        assertThatThrownBy(() -> reader.read(counter("DTSTART;TZID=Atlantis Standard Time:20270329T090000", "")))
                .isInstanceOf(InvalidCalendarException.class).hasMessageContaining("Atlantis Standard Time");
    }

    @Test
    void theMethodComesFromTheObjectOrElseFromTheContentType() {
        String noMethod = String.join("\n", "BEGIN:VCALENDAR", "VERSION:2.0", "BEGIN:VEVENT", "UID:no-method",
                "ATTENDEE;PARTSTAT=DECLINED:mailto:anna.lind@ivo.example", "END:VEVENT", "END:VCALENDAR");
        assertThat(reader.read(noMethod, "reply").method()).isEqualTo("REPLY");
        assertThatThrownBy(() -> reader.read(noMethod)).isInstanceOf(InvalidCalendarException.class)
                .hasMessageContaining("METHOD");
        assertThatThrownBy(() -> reader.read(noMethod.replace("VERSION:2.0", "VERSION:2.0\nMETHOD:REQUEST"), "REPLY"))
                .isInstanceOf(InvalidCalendarException.class).hasMessageContaining("METHOD:REQUEST");
    }

    @Test
    void aReplyWithoutUidOrEventOrCalendarIsRefused() {
        assertThatThrownBy(() -> reader.read("BEGIN:VCALENDAR\nMETHOD:REPLY\nBEGIN:VEVENT\n"
                + "ATTENDEE;PARTSTAT=ACCEPTED:mailto:a@ivo.example\nEND:VEVENT\nEND:VCALENDAR\n"))
                .isInstanceOf(InvalidCalendarException.class).hasMessageContaining("UID");
        assertThatThrownBy(() -> reader.read("BEGIN:VCALENDAR\nMETHOD:REPLY\nEND:VCALENDAR\n"))
                .isInstanceOf(InvalidCalendarException.class).hasMessageContaining("VEVENT");
        assertThatThrownBy(() -> reader.read("Hej, jag kommer!")).isInstanceOf(InvalidCalendarException.class);
        assertThatThrownBy(() -> reader.read("")).isInstanceOf(InvalidCalendarException.class);
    }

    @Test
    void theSeriesAnswerWinsOverAnOccurrenceAndAnUnknownPartstatAnswersNothing() {
        String ics = String.join("\n", "BEGIN:VCALENDAR", "METHOD:REPLY", "BEGIN:VEVENT", "UID:series-1",
                "RECURRENCE-ID:20261210T080000Z", "ATTENDEE;PARTSTAT=DECLINED:mailto:anna.lind@ivo.example",
                "END:VEVENT", "BEGIN:VEVENT", "UID:series-1",
                "ATTENDEE;PARTSTAT=X-MAYBE-LATER:mailto:anna.lind@ivo.example", "END:VEVENT", "END:VCALENDAR");
        CalendarReply r = reader.read(ics);
        assertThat(r.recurrenceId()).isNull();
        assertThat(r.attendees()).extracting(CalendarReply.Attendee::partstat).containsExactly(PartStat.NEEDS_ACTION);
    }

    @Test
    void anAttendeeWithoutMailtoIsFoundByItsEmailParameter() {
        String ics = String.join("\n", "BEGIN:VCALENDAR", "METHOD:REPLY", "BEGIN:VEVENT", "UID:urn-1",
                "ATTENDEE;EMAIL=\"Sara.Lindqvist@socialstyrelsen.example\";PARTSTAT=ACCEPTED:urn:uuid:0b5f8d1e-7c1a-4c1e-9d3b-3c7a1f0e2b44",
                "ATTENDEE;PARTSTAT=ACCEPTED:urn:uuid:without-address",
                "END:VEVENT", "END:VCALENDAR");
        assertThat(reader.read(ics).attendees()).extracting(CalendarReply.Attendee::email)
                .containsExactly("sara.lindqvist@socialstyrelsen.example");
    }

    private static String counter(String start, String end) {
        return counter(start, end, "");
    }

    private static String counter(String start, String end, String vtimezone) {
        List<String> lines = new java.util.ArrayList<>(List.of("BEGIN:VCALENDAR", "VERSION:2.0", "METHOD:COUNTER"));
        if (!vtimezone.isEmpty()) {
            lines.add(vtimezone);
        }
        lines.addAll(List.of("BEGIN:VEVENT", "UID:counter-1", "DTSTAMP:20261121T080000Z",
                "ATTENDEE;PARTSTAT=TENTATIVE:mailto:anna.lind@ivo.example", start));
        if (!end.isEmpty()) {
            lines.add(end);
        }
        lines.addAll(List.of("END:VEVENT", "END:VCALENDAR", ""));
        return String.join("\r\n", lines);
    }
}
