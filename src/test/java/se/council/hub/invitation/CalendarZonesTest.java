package se.council.hub.invitation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CalendarZonesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "W. Europe Standard Time | Europe/Berlin",
            "\"W. Europe Standard Time\" | Europe/Berlin",
            "w. europe standard time | Europe/Berlin",
            "Romance Standard Time | Europe/Paris",
            "Central European Standard Time | Europe/Warsaw",
            "GMT Standard Time | Europe/London",
            "FLE Standard Time | Europe/Kiev",
            "Eastern Standard Time | America/New_York",
            "Pacific Standard Time | America/Los_Angeles",
            "Tokyo Standard Time | Asia/Tokyo",
            "(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna | Europe/Berlin",
            "(GMT+01.00) Amsterdam / Berlin / Bern / Rome / Stockholm / Vienna | Europe/Berlin",
            "Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna | Europe/Berlin",
            "Sarajevo, Skopje, Warsaw, Zagreb | Europe/Warsaw",
            "(UTC-05:00) Eastern Time (US & Canada) | America/New_York",
            "Eastern Time (US and Canada) | America/New_York",
            "Europe/Stockholm | Europe/Stockholm",
            "/mozilla.org/20070129_1/Europe/Berlin | Europe/Berlin",
            "/softwarestudio.org/Olson_20011030_5/Europe/Paris | Europe/Paris",
            "UTC | Z",
            "Etc/UTC | Etc/UTC"})
    void namesClientsWriteResolveToIanaZones(String tzid, String zone) {
        assertThat(CalendarZones.zoneId(tzid)).contains(ZoneId.of(zone));
    }

    @Test
    void offsetNamesAreOffsetsAndUnknownNamesAreNothing() {
        assertThat(CalendarZones.zoneId("GMT+0100")).contains(ZoneOffset.ofHours(1));
        assertThat(CalendarZones.zoneId("UTC-05:30")).contains(ZoneOffset.ofHoursMinutes(-5, -30));
        assertThat(CalendarZones.zoneId("Customized Time Zone")).isEmpty();
        assertThat(CalendarZones.zoneId("Atlantis Standard Time")).isEmpty();
        assertThat(CalendarZones.zoneId("")).isEmpty();
        assertThat(CalendarZones.zoneId(null)).isEmpty();
    }

    @Test
    void aWindowsZoneWithoutVtimezoneFollowsStockholmAcrossBothSwitches() {
        CalendarZones.Zone zone = CalendarZones.resolve("W. Europe Standard Time", List.of(), List.of()).orElseThrow();
        // 2026: summer time from 29 March 02:00 to 25 October 03:00
        assertThat(zone.at(LocalDateTime.parse("2026-03-29T01:30"))).hasToString("2026-03-29T00:30:00Z");
        assertThat(zone.at(LocalDateTime.parse("2026-03-29T03:30"))).hasToString("2026-03-29T01:30:00Z");
        assertThat(zone.at(LocalDateTime.parse("2026-10-25T03:30"))).hasToString("2026-10-25T02:30:00Z");
    }

    @Test
    void vtimezoneRulesGiveTheOffsetInForceEuropeanAndAmericanStyle() {
        List<CalendarZones.Observance> europe = List.of(
                new CalendarZones.Observance(LocalDateTime.parse("1601-01-01T03:00"), ZoneOffset.ofHours(2), ZoneOffset.ofHours(1),
                        "FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10"),
                new CalendarZones.Observance(LocalDateTime.parse("1601-01-01T02:00"), ZoneOffset.ofHours(1), ZoneOffset.ofHours(2),
                        "FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3"));
        assertThat(CalendarZones.offsetAt(LocalDateTime.parse("2026-03-29T01:59"), europe)).isEqualTo(ZoneOffset.ofHours(1));
        assertThat(CalendarZones.offsetAt(LocalDateTime.parse("2026-03-29T02:00"), europe)).isEqualTo(ZoneOffset.ofHours(2));
        assertThat(CalendarZones.offsetAt(LocalDateTime.parse("2026-10-25T02:59"), europe)).isEqualTo(ZoneOffset.ofHours(2));
        assertThat(CalendarZones.offsetAt(LocalDateTime.parse("2026-10-25T03:00"), europe)).isEqualTo(ZoneOffset.ofHours(1));
        assertThat(CalendarZones.offsetAt(LocalDateTime.parse("2027-01-15T12:00"), europe)).isEqualTo(ZoneOffset.ofHours(1));

        List<CalendarZones.Observance> newYork = List.of(
                new CalendarZones.Observance(LocalDateTime.parse("1601-01-01T02:00"), ZoneOffset.ofHours(-4), ZoneOffset.ofHours(-5),
                        "FREQ=YEARLY;BYDAY=1SU;BYMONTH=11"),
                new CalendarZones.Observance(LocalDateTime.parse("1601-01-01T02:00"), ZoneOffset.ofHours(-5), ZoneOffset.ofHours(-4),
                        "FREQ=YEARLY;BYDAY=2SU;BYMONTH=3"));
        // 2026: 8 March and 1 November
        assertThat(CalendarZones.offsetAt(LocalDateTime.parse("2026-03-07T12:00"), newYork)).isEqualTo(ZoneOffset.ofHours(-5));
        assertThat(CalendarZones.offsetAt(LocalDateTime.parse("2026-03-08T12:00"), newYork)).isEqualTo(ZoneOffset.ofHours(-4));
        assertThat(CalendarZones.offsetAt(LocalDateTime.parse("2026-11-01T12:00"), newYork)).isEqualTo(ZoneOffset.ofHours(-5));
    }

    @Test
    void aVtimezoneHintNamesTheZoneWhenItsTzidDoesNot() {
        Optional<CalendarZones.Zone> zone = CalendarZones.resolve("Outlook custom zone", List.of("Europe/Warsaw"), List.of());
        assertThat(zone.orElseThrow().at(LocalDateTime.parse("2026-07-01T12:00"))).hasToString("2026-07-01T10:00:00Z");
        assertThat(CalendarZones.resolve("Outlook custom zone", List.of(), List.of())).isEmpty();
    }
}
