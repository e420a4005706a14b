package se.council.hub.notice;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import se.council.hub.meeting.Meeting;
import se.council.hub.registry.CouncilRegistry;

/** How a meeting is named and described in mails, in Swedish or English. */
public final class MeetingText {

    private static final Locale SV = Locale.forLanguageTag("sv-SE");
    private static final DateTimeFormatter SV_DATE = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", SV);
    private static final DateTimeFormatter EN_DATE = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.UK);
    private static final DateTimeFormatter SV_TIME = DateTimeFormatter.ofPattern("HH.mm", SV);
    private static final DateTimeFormatter EN_TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.UK);

    private MeetingText() {
    }

    /** "Nationellt råd för patientsäkerhet, rådets nittonde möte". */
    public static String title(Meeting m, CouncilRegistry.Council council, boolean english) {
        return english ? council.name() + ", the council's " + Ordinals.english(m.sequenceNumber()) + " meeting"
                : council.name() + ", rådets " + Ordinals.swedish(m.sequenceNumber()) + " möte";
    }

    /** "torsdag 10 december 2026 kl. 09.00–16.00". */
    public static String when(Meeting m, boolean english) {
        return m.date().format(english ? EN_DATE : SV_DATE) + (english ? ", " : " kl. ") + time(m, english);
    }

    /** "09.00–16.00" (Swedish) or "09:00–16:00". */
    public static String time(Meeting m, boolean english) {
        DateTimeFormatter f = english ? EN_TIME : SV_TIME;
        return m.start().format(f) + "–" + m.end().format(f);
    }

    /** The deadline in Stockholm time, "torsdag 3 december 2026 kl. 12.00". */
    public static String instant(Instant instant, Meeting m, boolean english) {
        var local = instant.atZone(m.zone());
        return english ? local.format(EN_DATE) + ", " + local.format(EN_TIME)
                : local.format(SV_DATE) + " kl. " + local.format(SV_TIME);
    }

    /** Place and/or join link, by format. */
    public static String where(Meeting m, boolean english) {
        return switch (m.format()) {
            case PHYSICAL -> (english ? "In person: " : "Fysiskt möte: ") + m.location();
            case DIGITAL -> (english ? "Online: " : "Digitalt möte: ") + m.joinUrl();
            case HYBRID -> (english ? "Hybrid: " : "Digifysiskt möte: ") + m.location()
                    + (english ? ", or online: " : ", eller digitalt: ") + m.joinUrl();
        };
    }

    /** Human file size, "1,2 MB" / "1.2 MB". */
    public static String size(long bytes, boolean english) {
        String unit;
        double value;
        if (bytes >= 1024 * 1024) {
            value = bytes / (1024.0 * 1024.0);
            unit = "MB";
        } else if (bytes >= 1024) {
            value = bytes / 1024.0;
            unit = "kB";
        } else {
            return bytes + (english ? " bytes" : " byte");
        }
        return String.format(english ? Locale.UK : SV, "%.1f %s", value, unit);
    }
}
