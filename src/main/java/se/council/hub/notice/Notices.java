package se.council.hub.notice;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import se.council.hub.config.HubProperties;
import se.council.hub.intake.RejectionReason;
import se.council.hub.intake.StoredFile;
import se.council.hub.meeting.Meeting;
import se.council.hub.registry.CouncilRegistry;

/**
 * The texts of the mails the hub writes to agencies: call for contributions, reminder, receipt and
 * rejection notice. Swedish by default, English by configuration; rejection notices carry both.
 */
@Component
public class Notices {

    /** A subject and a plain-text body. */
    public record Text(String subject, String body) { }

    private final HubProperties properties;

    public Notices(HubProperties properties) {
        this.properties = properties;
    }

    private boolean en() {
        return properties.english();
    }

    public Text call(Meeting m, CouncilRegistry.Council council) {
        boolean en = en();
        String subject = "[" + m.reference() + "] " + (en ? "Call for contributions – " : "Inbjudan att lämna bidrag – ")
                + MeetingText.title(m, council, en) + ", " + m.date();
        StringBuilder b = new StringBuilder();
        b.append(en ? "Hello,\n\n" : "Hej!\n\n");
        b.append(en ? "Welcome to " : "Välkommen till ").append(MeetingText.title(m, council, en)).append(".\n\n");
        meetingFacts(b, m, en);
        b.append(en ? "\nPlease send your organisation's status update for the item \"Aktuellt per aktör\" (a few lines of text and, if you wish, your slides) no later than "
                : "\nSkicka er organisations lägesrapport till punkten \"Aktuellt per aktör\" (några rader text och gärna era bilder) senast ")
                .append(MeetingText.instant(m.submissionDeadline(), m, en)).append(".\n\n");
        howToSubmit(b, m, en);
        sign(b, council, en);
        return new Text(subject, b.toString());
    }

    public Text reminder(Meeting m, CouncilRegistry.Council council) {
        boolean en = en();
        String subject = "[" + m.reference() + "] " + (en ? "Reminder: contribution for " : "Påminnelse: bidrag till ")
                + MeetingText.title(m, council, en) + ", " + m.date();
        StringBuilder b = new StringBuilder();
        b.append(en ? "Hello,\n\n" : "Hej!\n\n");
        b.append(en ? "We have not yet received a contribution from your organisation for "
                : "Vi har ännu inte fått något bidrag från er organisation till ")
                .append(MeetingText.title(m, council, en)).append(".\n");
        b.append(en ? "The deadline is " : "Sista dag för bidrag är ")
                .append(MeetingText.instant(m.submissionDeadline(), m, en)).append(".\n\n");
        meetingFacts(b, m, en);
        b.append('\n');
        howToSubmit(b, m, en);
        b.append(en ? "If you have nothing to report this time, a short line saying so is welcome.\n"
                : "Har ni inget att rapportera den här gången räcker en kort rad om det.\n");
        sign(b, council, en);
        return new Text(subject, b.toString());
    }

    public Text receipt(Meeting m, CouncilRegistry.Council council, CouncilRegistry.Agency agency, String sender,
                        boolean agendaItem, String title, boolean late, List<StoredFile> files, String originalSubject) {
        boolean en = en();
        String subject = (en ? "Received: " : "Mottaget: ") + orEmpty(originalSubject, m.reference());
        StringBuilder b = new StringBuilder();
        b.append(en ? "Hello,\n\n" : "Hej!\n\n");
        b.append(en ? "Thank you. We have received your " : "Tack! Vi har tagit emot ert ")
                .append(agendaItem ? (en ? "proposed agenda item" : "förslag till ärende")
                        : (en ? "status update" : "bidrag till \"Aktuellt per aktör\""))
                .append(en ? " for " : " till ").append(MeetingText.title(m, council, en)).append(", ")
                .append(MeetingText.when(m, en)).append(" (").append(m.reference()).append(").\n\n");
        b.append(en ? "Organisation: " : "Organisation: ").append(agency.name()).append(" (").append(agency.abbreviation()).append(")\n");
        b.append(en ? "Sender: " : "Avsändare: ").append(sender).append('\n');
        if (agendaItem) {
            b.append(en ? "Proposed item: " : "Föreslaget ärende: ").append(title).append('\n');
        }
        if (files.isEmpty()) {
            b.append(en ? "Files: none (text only)\n" : "Filer: inga (endast text)\n");
        } else {
            b.append(en ? "Files:\n" : "Filer:\n");
            for (StoredFile f : files) {
                b.append("  - ").append(f.name()).append(" (").append(MeetingText.size(f.size(), en)).append(", ")
                        .append(f.size()).append(en ? " bytes" : " byte").append(")\n");
            }
        }
        b.append('\n');
        if (late) {
            b.append(en ? "It arrived after the deadline and is marked as late; the secretariat decides whether it is included.\n"
                    : "Bidraget kom efter sista dag och markeras som sent; sekretariatet avgör om det kommer med.\n");
        }
        if (agendaItem) {
            b.append(en ? "The secretariat will decide on the proposal when it sets the agenda.\n"
                    : "Sekretariatet tar ställning till förslaget när dagordningen fastställs.\n");
        } else {
            b.append(en ? "A later status update from you for the same meeting replaces this one; both are kept.\n"
                    : "Ett senare bidrag från er till samma möte ersätter detta; båda sparas.\n");
        }
        sign(b, council, en);
        return new Text(subject, b.toString());
    }

    /** The mail that brings the secretariat a new pack version, with a summary per agency. */
    public Text packReady(Meeting m, CouncilRegistry.Council council, int version, JsonNode manifest,
                          List<String> changed, Map<String, String> tooLargeForMail, String filesBase) {
        boolean en = en();
        String subject = "[" + m.reference() + "] " + (en ? "Meeting pack, version " : "Mötesunderlag, version ") + version
                + " – " + MeetingText.title(m, council, en);
        Map<String, Integer> counts = new LinkedHashMap<>();
        StringBuilder lines = new StringBuilder();
        for (JsonNode a : manifest.path("agencies")) {
            String state = a.path("state").asText();
            counts.merge(state, 1, Integer::sum);
            lines.append("  ").append(a.path("name").asText()).append(" – ").append(stateText(state, en));
            if (a.path("changed").asBoolean()) {
                lines.append(en ? ", changed" : ", ändrat");
            }
            int files = a.path("files").size();
            if (files > 0) {
                lines.append(" (").append(files).append(en ? " file(s))" : " fil(er))");
            }
            lines.append('\n');
        }
        StringBuilder b = new StringBuilder(en ? "Hello,\n\n" : "Hej!\n\n");
        b.append(en ? "The meeting pack for " : "Mötesunderlaget till ").append(MeetingText.title(m, council, en)).append(", ")
                .append(MeetingText.when(m, en)).append(en ? ", is assembled: version " : ", är sammanställt: version ")
                .append(version).append(" (").append(reasonText(manifest.path("reason").asText(), en)).append(").\n\n");
        if (version > 1) {
            b.append(en ? "Changed since version " : "Ändrat sedan version ").append(version - 1).append(": ")
                    .append(changed.isEmpty() ? (en ? "no agency" : "ingen organisation") : String.join(", ", changed)).append("\n\n");
        }
        b.append(en ? "Received: " : "Inkommet: ").append(counts.getOrDefault("RECEIVED", 0))
                .append(en ? "   Late: " : "   Sent: ").append(counts.getOrDefault("LATE", 0))
                .append(en ? "   Missing: " : "   Saknas: ").append(counts.getOrDefault("MISSING", 0)).append('\n');
        b.append(lines).append('\n');
        if (tooLargeForMail.isEmpty()) {
            b.append(en ? "Attached: the pack as PDF and the combined presentation.\n"
                    : "Bifogat: underlaget som PDF och den samlade presentationen.\n");
        } else {
            b.append(en ? "Too large for mail, to download:\n" : "För stort för e-post, att hämta:\n");
            tooLargeForMail.forEach((name, url) -> b.append("  ").append(name).append(": ").append(url).append('\n'));
        }
        b.append(en ? "All files (agenda, manifest, originals): " : "Alla filer (dagordning, manifest, originalfiler): ")
                .append(filesBase).append("{agenda.docx, manifest.json, originals.zip}\n");
        if (manifest.path("problems").size() > 0) {
            b.append(en ? "\nProblems while assembling:\n" : "\nProblem vid sammanställningen:\n");
            manifest.path("problems").forEach(pr -> b.append("  - ").append(pr.asText()).append('\n'));
        }
        sign(b, council, en);
        return new Text(subject, b.toString());
    }

    private static String stateText(String state, boolean en) {
        return switch (state) {
            case "RECEIVED" -> en ? "received" : "inkommet";
            case "LATE" -> en ? "late" : "sent inkommet";
            default -> en ? "missing" : "saknas";
        };
    }

    private static String reasonText(String reason, boolean en) {
        return switch (reason) {
            case "deadline" -> en ? "the deadline has passed" : "sista dag för bidrag har passerat";
            case "late submission" -> en ? "a contribution arrived after the previous version" : "ett bidrag har kommit in efter förra versionen";
            default -> en ? "on request" : "på begäran";
        };
    }

    /**
     * A rejection notice, in both languages (the configured one first): what was wrong, the details,
     * and what to do.
     */
    public Text rejection(RejectionReason reason, String details, String originalSubject, String councilName) {
        boolean en = en();
        String subject = (en ? "Not accepted / Ej mottaget: " : "Ej mottaget / Not accepted: ") + orEmpty(originalSubject, "");
        StringBuilder b = new StringBuilder();
        for (boolean lang : en ? new boolean[] {true, false} : new boolean[] {false, true}) {
            b.append(lang ? "Hello,\n\n" : "Hej!\n\n");
            b.append(lang ? "Your message could not be accepted. " : "Ert meddelande kunde inte tas emot. ")
                    .append(reason.problem(lang)).append("\n\n");
            if (details != null && !details.isBlank()) {
                b.append(lang ? "Details: " : "Detaljer: ").append(details).append("\n\n");
            }
            b.append(lang ? "What to do: " : "Så gör du: ").append(reason.action(lang)).append("\n\n");
            b.append(lang ? "This is an automatic reply from the secretariat" : "Detta är ett automatiskt svar från sekretariatet")
                    .append(councilName == null ? "" : (lang ? " of " : " för ") + councilName).append(".\n");
            b.append("\n----------------------------------------\n\n");
        }
        return new Text(subject, b.toString().strip() + "\n");
    }

    private void meetingFacts(StringBuilder b, Meeting m, boolean en) {
        b.append(en ? "Meeting:  " : "Möte:     ").append(m.reference()).append('\n');
        b.append(en ? "When:     " : "När:      ").append(MeetingText.when(m, en)).append('\n');
        b.append(en ? "Where:    " : "Var:      ").append(MeetingText.where(m, en)).append('\n');
        b.append(en ? "Deadline: " : "Sista dag för bidrag: ").append(MeetingText.instant(m.submissionDeadline(), m, en)).append('\n');
    }

    private void howToSubmit(StringBuilder b, Meeting m, boolean en) {
        String hub = properties.mail().address();
        b.append(en ? "How to submit\n" : "Så lämnar ni bidrag\n");
        b.append(en ? "- By mail: reply to this message, or write to " : "- Via e-post: svara på detta brev, eller skriv till ")
                .append(hub).append(en ? " with [" : " med [").append(m.reference())
                .append(en ? "] in the subject. Attach your slides (pptx or pdf).\n"
                        : "] i ämnesraden. Bifoga era bilder (pptx eller pdf).\n");
        b.append(en ? "- To propose an agenda item, start the subject with [" : "- Vill ni föreslå ett ärende till dagordningen, inled ämnesraden med [")
                .append(m.reference()).append(en ? "] Agenda item: followed by its title.\n" : "] Ärende: följt av rubriken.\n");
        b.append(en ? "- By message queue: JSON to council.intake.status-updates (or council.intake.agenda-items) with \"meeting\":\""
                : "- Via meddelandekö: JSON till council.intake.status-updates (eller council.intake.agenda-items) med \"meeting\":\"")
                .append(m.reference()).append("\".\n");
        b.append(en ? "Accepted files: pptx, pdf, docx, xlsx, png, jpeg; no macros, no passwords; at most "
                : "Filer som tas emot: pptx, pdf, docx, xlsx, png, jpeg; utan makron och lösenord; högst ")
                .append(MeetingText.size(properties.intake().maxAttachmentBytes(), en)).append(en ? " per file.\n" : " per fil.\n");
    }

    private void sign(StringBuilder b, CouncilRegistry.Council council, boolean en) {
        b.append(en ? "\nKind regards,\nThe secretariat, " : "\nMed vänliga hälsningar\nSekretariatet, ").append(council.name()).append('\n');
    }

    private static String orEmpty(String s, String fallback) {
        return s == null || s.isBlank() ? fallback : s;
    }
}
