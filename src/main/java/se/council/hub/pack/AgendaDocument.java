package se.council.hub.pack;

import java.io.IOException;
import java.io.OutputStream;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.TableRowAlign;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;

/**
 * agenda.docx: the meeting's agenda in the council's own layout — the header (Ämne, Datum, Tid,
 * Plats, Form) and the table Nr / Ärende / Föredragande — editable in Word and LibreOffice.
 */
public final class AgendaDocument {

    private AgendaDocument() {
    }

    public static void write(PackModel.Pack pack, OutputStream out) throws IOException {
        PackModel.Header h = pack.header();
        boolean en = h.english();
        try (XWPFDocument doc = new XWPFDocument()) {
            XWPFParagraph heading = doc.createParagraph();
            heading.setAlignment(ParagraphAlignment.LEFT);
            XWPFRun title = heading.createRun();
            title.setBold(true);
            title.setFontSize(16);
            title.setText(en ? "Agenda" : "Dagordning");

            PackModel.Attendance attendance = pack.attendance();
            XWPFTable head = doc.createTable(attendance.invited() ? 7 : 5, 2);
            head.setTableAlignment(TableRowAlign.LEFT);
            String date = h.date().format(DateTimeFormatter.ofPattern("EEEE d MMMM yyyy",
                    en ? Locale.UK : Locale.forLanguageTag("sv-SE")));
            row(head.getRow(0), en ? "Subject" : "Ämne", (en ? "Meeting, " : "Möte, ") + h.councilName() + ", " + h.meetingTitle());
            row(head.getRow(1), en ? "Date" : "Datum", date + " (" + h.date() + ")");
            row(head.getRow(2), en ? "Time" : "Tid", h.time());
            row(head.getRow(3), en ? "Place" : "Plats", h.place() == null ? "" : h.place());
            row(head.getRow(4), en ? "Format" : "Form", h.format());
            if (attendance.invited()) {
                row(head.getRow(5), en ? "Answers" : "Svar", en
                        ? attendance.accepted() + " accepted, " + attendance.declined() + " declined, " + attendance.tentative()
                          + " tentative, " + attendance.noAnswer() + " no answer"
                        : attendance.accepted() + " kommer, " + attendance.declined() + " har lämnat återbud, "
                          + attendance.tentative() + " preliminärt, " + attendance.noAnswer() + " har inte svarat");
                row(head.getRow(6), en ? "Expected" : "Väntas delta",
                        attendance.expected().isEmpty() ? "–" : String.join(", ", attendance.expected()));
            }
            doc.createParagraph();

            XWPFTable table = doc.createTable(1 + pack.agenda().size(), 3);
            XWPFTableRow header = table.getRow(0);
            cell(header, 0, en ? "No." : "Nr", true);
            cell(header, 1, en ? "Item" : "Ärende", true);
            cell(header, 2, en ? "Presenter" : "Föredragande", true);
            for (int i = 0; i < pack.agenda().size(); i++) {
                PackModel.Item item = pack.agenda().get(i);
                XWPFTableRow row = table.getRow(i + 1);
                cell(row, 0, item.number() + ".", false);
                cell(row, 1, item.title(), false);
                cell(row, 2, item.presenters() == null ? "" : item.presenters(), false);
            }
            doc.write(out);
        }
    }

    private static void row(XWPFTableRow row, String label, String value) {
        cell(row, 0, label, true);
        cell(row, 1, value, false);
    }

    private static void cell(XWPFTableRow row, int column, String text, boolean bold) {
        XWPFParagraph p = row.getCell(column).getParagraphs().get(0);
        XWPFRun run = p.createRun();
        run.setBold(bold);
        run.setText(text);
    }
}
