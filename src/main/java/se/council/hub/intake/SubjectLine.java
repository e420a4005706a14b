package se.council.hub.intake;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a mail subject: the meeting tag ("[NRP-2026-12-10]") and whether the mail proposes an agenda
 * item ("Ärende:" or "Agenda item:" after the tag). Reply and forward prefixes of the common clients
 * in Swedish and English (Re, SV, AW, Fwd, VB, VS, TR) are set aside first.
 */
public record SubjectLine(String reference, SubmissionKind kind, String title) {

    private static final Pattern PREFIX = Pattern.compile(
            "^\\s*(?:(?:re|sv|aw|fw|fwd|vb|vs|tr|wg|antw|ang|svar)\\s*(?:\\[\\d+])?\\s*:\\s*)+",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern TAG = Pattern.compile("\\[([A-Z][A-Z0-9]*-\\d{4}-\\d{2}-\\d{2})]");
    private static final Pattern AGENDA = Pattern.compile("^\\s*(?:ärende|agenda item)\\s*:\\s*(.*)$",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL);

    public static SubjectLine parse(String subject) {
        String rest = subject == null ? "" : subject.replaceAll("[\\r\\n\\t]+", " ").trim();
        rest = PREFIX.matcher(rest).replaceFirst("");
        String reference = null;
        Matcher tag = TAG.matcher(rest);
        if (tag.find()) {
            reference = tag.group(1);
            rest = (rest.substring(0, tag.start()) + " " + rest.substring(tag.end())).trim();
            rest = PREFIX.matcher(rest).replaceFirst("");
        }
        Matcher agenda = AGENDA.matcher(rest);
        if (agenda.matches()) {
            return new SubjectLine(reference, SubmissionKind.AGENDA_ITEM, agenda.group(1).trim());
        }
        return new SubjectLine(reference, SubmissionKind.STATUS_UPDATE, null);
    }
}
