package se.council.hub.protocol;

import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;
import se.council.hub.config.HubProperties;
import se.council.hub.meeting.Meeting;
import se.council.hub.notice.MeetingText;
import se.council.hub.notice.Notices;
import se.council.hub.registry.CouncilRegistry;

/**
 * The texts of the adjustment round's mails: the protocol sent for adjustment, the reminder, the
 * receipt of an answer, the corrections digest to the secretariat and the adjusted protocol. Every
 * mail an adjuster gets says what to do in Swedish and in English (the configured language first).
 * Subjects carry the round's token, "[NRP-2026-12-10 justering v2]", which replies keep.
 */
@Component
public class ProtocolTexts {

    private final HubProperties properties;

    public ProtocolTexts(HubProperties properties) {
        this.properties = properties;
    }

    /** "[NRP-2026-12-10 justering v2]": recognised in replies' subjects by {@link AdjustmentReplyDetector}. */
    public static String token(Meeting m, int version) {
        return "[" + m.reference() + " justering v" + version + "]";
    }

    private boolean[] languages() {
        return properties.english() ? new boolean[] {true, false} : new boolean[] {false, true};
    }

    public Notices.Text adjustment(Meeting m, CouncilRegistry.Council council, int version, Instant deadline,
                                   String link, boolean resent) {
        String subject = token(m, version) + " " + (properties.english() ? "Minutes for adjustment / Protokoll för justering – "
                : "Protokoll för justering / Minutes for adjustment – ") + MeetingText.title(m, council, properties.english());
        StringBuilder b = new StringBuilder();
        for (boolean en : languages()) {
            b.append(en ? "Hello,\n\n" : "Hej!\n\n");
            if (resent) {
                b.append(en ? "The minutes have been revised after the corrections received. Version " + version
                        + " replaces the earlier one; approvals of the earlier version do not count for it unless the council's rule says so.\n\n"
                        : "Protokollet har reviderats efter inkomna ändringar. Version " + version
                        + " ersätter den tidigare; godkännanden av den tidigare versionen gäller inte denna om inte rådets regel säger det.\n\n");
            }
            b.append(en ? "Attached are the minutes of " : "Bifogat finns protokollet från ")
                    .append(MeetingText.title(m, council, en)).append(", ").append(MeetingText.when(m, en))
                    .append(en ? ", version " : ", version ").append(version).append(en ? ", as PDF and as Word document.\n\n"
                            : ", som PDF och som Word-dokument.\n\n");
            b.append(en ? "Please adjust the minutes no later than " : "Justera protokollet senast ")
                    .append(MeetingText.instant(deadline, m, en)).append(".\n");
            instructions(b, en, link);
            b.append("\n----------------------------------------\n\n");
        }
        sign(b, council);
        return new Notices.Text(subject, b.toString());
    }

    public Notices.Text reminder(Meeting m, CouncilRegistry.Council council, int version, Instant deadline, String link) {
        String subject = token(m, version) + " " + (properties.english() ? "Reminder: adjust the minutes / Påminnelse: justering av protokoll – "
                : "Påminnelse: justering av protokoll / Reminder: adjust the minutes – ") + MeetingText.title(m, council, properties.english());
        StringBuilder b = new StringBuilder();
        for (boolean en : languages()) {
            b.append(en ? "Hello,\n\n" : "Hej!\n\n");
            b.append(en ? "We have not yet received your adjustment of the minutes of " : "Vi har ännu inte fått din justering av protokollet från ")
                    .append(MeetingText.title(m, council, en)).append(en ? " (version " : " (version ").append(version).append(").\n");
            b.append(en ? "The deadline is " : "Sista dag är ").append(MeetingText.instant(deadline, m, en)).append(".\n");
            instructions(b, en, link);
            b.append("\n----------------------------------------\n\n");
        }
        sign(b, council);
        return new Notices.Text(subject, b.toString());
    }

    private static void instructions(StringBuilder b, boolean en, String link) {
        if (en) {
            b.append("\nTo approve: reply to this mail with \"Approved\" (or \"Godkänd\") on the first line.\n");
            b.append("To correct: reply with your corrections in the text, or attach the Word document with your changes.\n");
            b.append("Or use your personal page (no login needed; do not forward this link): ").append(link).append('\n');
        } else {
            b.append("\nFör att godkänna: svara på detta brev med \"Godkänd\" (eller \"Approved\") på första raden.\n");
            b.append("För att föreslå ändringar: svara med ändringarna i texten, eller bifoga Word-dokumentet med dina ändringar.\n");
            b.append("Eller använd din personliga sida (ingen inloggning; vidarebefordra inte länken): ").append(link).append('\n');
        }
    }

    /** The receipt of an answer: what was recorded. */
    public Notices.Text receipt(Meeting m, CouncilRegistry.Council council, int version, boolean approval,
                                String originalSubject, int changedParagraphs) {
        String subject = (properties.english() ? "Received / Mottaget: " : "Mottaget / Received: ")
                + (originalSubject == null || originalSubject.isBlank() ? token(m, version) : originalSubject);
        StringBuilder b = new StringBuilder();
        for (boolean en : languages()) {
            b.append(en ? "Hello,\n\n" : "Hej!\n\n");
            if (approval) {
                b.append(en ? "Thank you. Your approval of the minutes of " : "Tack! Ditt godkännande av protokollet från ")
                        .append(MeetingText.title(m, council, en)).append(en ? ", version " : ", version ").append(version)
                        .append(en ? ", is recorded.\n" : ", är registrerat.\n");
            } else {
                b.append(en ? "Thank you. Your corrections to the minutes of " : "Tack! Dina ändringar i protokollet från ")
                        .append(MeetingText.title(m, council, en)).append(en ? ", version " : ", version ").append(version)
                        .append(en ? ", are recorded and passed to the secretariat" : ", är registrerade och lämnas till sekretariatet");
                if (changedParagraphs > 0) {
                    b.append(en ? " (" + changedParagraphs + " changed paragraph(s) in the attached document)"
                            : " (" + changedParagraphs + " ändrade stycken i det bifogade dokumentet)");
                }
                b.append(en ? ". The secretariat will send a revised version.\n" : ". Sekretariatet skickar en reviderad version.\n");
            }
            b.append("\n----------------------------------------\n\n");
        }
        sign(b, council);
        return new Notices.Text(subject, b.toString());
    }

    /** The secretariat's digest of the corrections received for a version. */
    public Notices.Text digest(Meeting m, CouncilRegistry.Council council, int version, List<String> entries, String stateLine) {
        boolean en = properties.english();
        String subject = token(m, version) + " " + (en ? "Corrections to the minutes (" : "Ändringar i protokollet (")
                + entries.size() + ")";
        StringBuilder b = new StringBuilder(en ? "Hello,\n\n" : "Hej!\n\n");
        b.append(en ? "Corrections received to the minutes of " : "Inkomna ändringar i protokollet från ")
                .append(MeetingText.title(m, council, en)).append(en ? ", version " : ", version ").append(version).append(":\n\n");
        entries.forEach(e -> b.append(e).append("\n\n"));
        b.append(stateLine).append('\n');
        b.append(en ? "\nAnswer them with a new version: PUT …/protocol/items or upload the edited DOCX (POST …/protocol/versions), then send it (POST …/protocol/adjustment).\n"
                : "\nBesvara dem med en ny version: PUT …/protocol/items eller ladda upp det redigerade DOCX-dokumentet (POST …/protocol/versions), och skicka den (POST …/protocol/adjustment).\n");
        sign(b, council);
        return new Notices.Text(subject, b.toString());
    }

    /** The adjusted protocol to every participant and the secretariat. */
    public Notices.Text adjusted(Meeting m, CouncilRegistry.Council council, int version, String date) {
        boolean en0 = properties.english();
        String subject = "[" + m.reference() + "] " + (en0 ? "Adjusted minutes / Justerat protokoll – " : "Justerat protokoll / Adjusted minutes – ")
                + MeetingText.title(m, council, en0);
        StringBuilder b = new StringBuilder();
        for (boolean en : languages()) {
            b.append(en ? "Hello,\n\n" : "Hej!\n\n");
            b.append(en ? "The minutes of " : "Protokollet från ").append(MeetingText.title(m, council, en)).append(", ")
                    .append(MeetingText.when(m, en)).append(en ? ", are adjusted (adjusted by: all participants, " : ", är justerat (justerat av: samtliga deltagare, ")
                    .append(date).append(en ? "; version " : "; version ").append(version)
                    .append(en ? "). The final PDF is attached.\n" : "). Det slutliga protokollet bifogas som PDF.\n");
            b.append("\n----------------------------------------\n\n");
        }
        sign(b, council);
        return new Notices.Text(subject, b.toString());
    }

    private void sign(StringBuilder b, CouncilRegistry.Council council) {
        b.append(properties.english() ? "Kind regards / Med vänliga hälsningar\nThe secretariat, "
                : "Med vänliga hälsningar / Kind regards\nSekretariatet, ").append(council.name()).append('\n');
    }
}
