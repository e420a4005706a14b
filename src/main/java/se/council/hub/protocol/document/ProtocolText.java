package se.council.hub.protocol.document;

import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import se.council.hub.protocol.document.ProtocolDocument.AgencyStatus;
import se.council.hub.protocol.document.ProtocolDocument.Group;
import se.council.hub.protocol.document.ProtocolDocument.Item;
import se.council.hub.protocol.document.ProtocolDocument.Person;

/**
 * The words of a protocol, worked out once for both the DOCX and the PDF so that the two show the
 * same text: the labels in Swedish or English and the sentences the reference protocols write
 * ("Från Socialstyrelsen: A, B och C", "Organisation, Name", "IVO: … Se ppt.").
 */
final class ProtocolText {

    /** The labels of one language. */
    record Labels(String subject, String date, String time, String place, String preparedBy, String adjustedBy,
                  String signature, String diaryNumber, String draft, String participants, String from,
                  String and, String partlyPresent, String othersPresent, String absent, String invitedAbsent,
                  String number, String item, String presenters, String decision, String nextMeeting,
                  String seeSlides, String draftWatermark) {
    }

    static final Labels SWEDISH = new Labels("Ämne", "Datum", "Tid", "Plats", "Upprättad av", "Justerad av",
            "Signatur", "Dnr", "UTKAST", "Deltagare", "Från", "och", "Närvarande del av mötet",
            "Övriga närvarande", "Ej närvarande", "Inbjudna men ej närvarande", "Nr", "Ärende", "Föredragande",
            "Beslut, åtgärd etc.", "Nästa möte", "Se ppt.", "UTKAST");

    static final Labels ENGLISH = new Labels("Subject", "Date", "Time", "Place", "Prepared by", "Adjusted by",
            "Signature", "Reg. no.", "DRAFT", "Participants", "From", "and", "Present for part of the meeting",
            "Others present", "Not present", "Invited but not present", "No.", "Item", "Presenter",
            "Decision, action etc.", "Next meeting", "See slides.", "DRAFT");

    /** A label and its value, one cell of the header block. */
    record Field(String label, String value) {
    }

    /** A paragraph that starts with a bold label: "Ej närvarande: Arbetsmiljöverket, …". */
    record Labelled(String label, String text) {
        String plain() {
            return label + ": " + text;
        }
    }

    private ProtocolText() {
    }

    static Labels labels(ProtocolDocument doc) {
        return doc.english() ? ENGLISH : SWEDISH;
    }

    /** The heading of the document. */
    static String title(ProtocolDocument doc) {
        return blank(doc.title()) ? nz(doc.councilName()) : doc.title();
    }

    /** "UTKAST version 2" on a draft, null on the adjusted protocol. */
    static String draftMark(ProtocolDocument doc) {
        return doc.draft() ? labels(doc).draft() + " version " + doc.version() : null;
    }

    /** The organisation that keeps the protocol (the secretariat's group, first), in capitals as the page header shows it. */
    static String keeper(ProtocolDocument doc) {
        String name = doc.participants().isEmpty() ? doc.councilName() : doc.participants().get(0).organisation();
        return nz(name).toUpperCase(Locale.forLanguageTag("sv"));
    }

    /** The left part of the page header: "SOCIALSTYRELSEN   2025-02-26   Dnr 3.5-862/2025". */
    static String pageHeader(ProtocolDocument doc) {
        StringBuilder out = new StringBuilder(keeper(doc));
        if (doc.date() != null) {
            out.append("   ").append(doc.date());
        }
        if (!blank(doc.diaryNumber())) {
            out.append("   ").append(labels(doc).diaryNumber()).append(' ').append(doc.diaryNumber());
        }
        return out.toString();
    }

    /** The page number as the protocols write it: "3(5)". */
    static String pageNumber(int page, int pages) {
        return page + "(" + pages + ")";
    }

    /** The header block: Ämne, Datum, Tid / Upprättad av, Justerad av, Signatur / Plats and Dnr when set. */
    static List<List<Field>> headerRows(ProtocolDocument doc) {
        Labels l = labels(doc);
        List<List<Field>> rows = new ArrayList<>();
        rows.add(List.of(new Field(l.subject(), nz(doc.subject())),
                new Field(l.date(), doc.date() == null ? "" : doc.date().toString()),
                new Field(l.time(), time(doc))));
        String adjusted = nz(doc.adjustedBy());
        if (!adjusted.isEmpty() && doc.adjustedOn() != null) {
            adjusted += " " + doc.adjustedOn();
        }
        rows.add(List.of(new Field(l.preparedBy(), nz(doc.preparedBy())), new Field(l.adjustedBy(), adjusted),
                new Field(l.signature(), nz(doc.signature()))));
        List<Field> third = new ArrayList<>();
        if (!blank(doc.place())) {
            third.add(new Field(l.place(), doc.place()));
        }
        if (!blank(doc.diaryNumber())) {
            third.add(new Field(l.diaryNumber(), doc.diaryNumber()));
        }
        if (!third.isEmpty()) {
            while (third.size() < 3) {
                third.add(new Field("", ""));
            }
            rows.add(third);
        }
        return rows;
    }

    /** "09.00-16.00" (Swedish) or "09:00-16:00". */
    static String time(ProtocolDocument doc) {
        if (doc.start() == null) {
            return "";
        }
        String from = clock(doc.start(), doc.english());
        return doc.end() == null ? from : from + "-" + clock(doc.end(), doc.english());
    }

    private static String clock(LocalTime t, boolean english) {
        return String.format(english ? "%02d:%02d" : "%02d.%02d", t.getHour(), t.getMinute());
    }

    /** "Från Socialstyrelsen: A, B och C", or null when nobody is listed. */
    static String secretariatLine(ProtocolDocument doc) {
        if (doc.participants().isEmpty()) {
            return null;
        }
        Group first = doc.participants().get(0);
        return labels(doc).from() + " " + first.organisation() + ": " + names(first.names(), labels(doc).and());
    }

    /** The other organisations present, as the reference writes them: "e-hälsomyndigheten, Anette Aronsson, IVO, …". */
    static String otherParticipants(ProtocolDocument doc) {
        List<String> parts = new ArrayList<>();
        for (Group g : doc.participants().subList(Math.min(1, doc.participants().size()), doc.participants().size())) {
            parts.add(g.names().isEmpty() ? g.organisation()
                    : g.organisation() + ", " + names(g.names(), labels(doc).and()));
        }
        return parts.isEmpty() ? null : String.join(", ", parts);
    }

    /** The labelled lists after the participants; lists that are empty are left out. */
    static List<Labelled> attendanceLines(ProtocolDocument doc) {
        Labels l = labels(doc);
        List<Labelled> out = new ArrayList<>();
        if (!doc.partlyPresent().isEmpty()) {
            out.add(new Labelled(l.partlyPresent(), orgFirst(doc.partlyPresent())));
        }
        if (!doc.othersPresent().isEmpty()) {
            List<String> parts = new ArrayList<>();
            for (Person p : doc.othersPresent()) {
                String s = nz(p.name());
                if (!blank(p.organisation())) {
                    s += ", " + p.organisation();
                }
                if (!blank(p.note())) {
                    s += " " + p.note();
                }
                parts.add(s);
            }
            out.add(new Labelled(l.othersPresent(), String.join(", ", parts)));
        }
        if (!doc.absentOrganisations().isEmpty()) {
            out.add(new Labelled(l.absent(), String.join(", ", doc.absentOrganisations())));
        }
        if (!doc.invitedAbsent().isEmpty()) {
            out.add(new Labelled(l.invitedAbsent(), orgFirst(doc.invitedAbsent())));
        }
        return out;
    }

    private static String orgFirst(List<Person> people) {
        List<String> parts = new ArrayList<>();
        for (Person p : people) {
            String s = blank(p.organisation()) ? nz(p.name()) : p.organisation() + ", " + nz(p.name());
            if (!blank(p.note())) {
                s += " " + p.note();
            }
            parts.add(s);
        }
        return String.join(", ", parts);
    }

    /** "A", "A och B", "A, B och C". */
    static String names(List<String> names, String and) {
        if (names.size() <= 1) {
            return names.isEmpty() ? "" : names.get(0);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " " + and + " " + names.get(names.size() - 1);
    }

    /** The table's header row. */
    static List<String> tableHeader(ProtocolDocument doc) {
        Labels l = labels(doc);
        return List.of(l.number(), l.item(), l.presenters(), l.decision());
    }

    /** "1." as the Nr column writes it. */
    static String number(Item item) {
        return item.number() + ".";
    }

    /**
     * True when the item is the agenda's own "Nästa möte" row with nothing written in it yet: the
     * next meeting's sentence goes into that row, as in the reference protocols, instead of after the table.
     */
    static boolean isNextMeetingRow(ProtocolDocument doc, Item item) {
        if (blank(doc.nextMeeting()) || !blank(item.text()) || !item.statuses().isEmpty()) {
            return false;
        }
        String t = nz(item.title()).strip().toLowerCase(Locale.ROOT);
        return t.equals("nästa möte") || t.equals("next meeting");
    }

    /**
     * The paragraphs of the cell "Beslut, åtgärd etc." of an item: the agencies' paragraphs
     * ("IVO: … Se ppt.") first, as in the reference, then the secretariat's text, one paragraph per line.
     */
    static List<String> cellParagraphs(ProtocolDocument doc, Item item) {
        List<String> out = new ArrayList<>();
        for (AgencyStatus s : item.statuses()) {
            out.add(statusLine(doc, s));
        }
        if (isNextMeetingRow(doc, item)) {
            out.add(doc.nextMeeting().strip());
        } else {
            out.addAll(lines(item.text()));
        }
        return out;
    }

    /** "IVO: <text> Se ppt." */
    static String statusLine(ProtocolDocument doc, AgencyStatus s) {
        String text = nz(s.text()).strip().replaceAll("\\s*\\R\\s*", " ");
        StringBuilder out = new StringBuilder(nz(s.agency())).append(':');
        if (!text.isEmpty()) {
            out.append(' ').append(text);
        }
        if (s.slides()) {
            out.append(' ').append(labels(doc).seeSlides());
        }
        return out.toString();
    }

    /** The next meeting's sentence when it goes after the table (no "Nästa möte" row takes it), else null. */
    static String nextMeetingAfterTable(ProtocolDocument doc) {
        if (blank(doc.nextMeeting())) {
            return null;
        }
        for (Item item : doc.items()) {
            if (isNextMeetingRow(doc, item)) {
                return null;
            }
        }
        return doc.nextMeeting().strip();
    }

    /** The non-empty lines of a text, stripped. */
    static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        for (String line : text.split("\\R")) {
            if (!line.isBlank()) {
                out.add(line.strip());
            }
        }
        return out;
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    static String nz(String s) {
        return s == null ? "" : s;
    }
}
