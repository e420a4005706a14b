package se.council.hub.pack;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.List;

/**
 * What a meeting pack is made of, independent of how it is stored: the meeting header, the agenda
 * in order, and per agenda item the files to show. "Aktuellt per aktör" holds one part per member
 * agency, in the registry's order. The deck, the PDF and the manifest are all written from this.
 */
public final class PackModel {

    private PackModel() {
    }

    /** Opens a stored file's content; called as often as a writer needs it. */
    @FunctionalInterface
    public interface Content {
        InputStream open() throws IOException;
    }

    /** A file an agency sent, as stored (content addressed by SHA-256). */
    public record SourceFile(String name, String mediaType, long size, String sha256, Content content) {
        public boolean isPptx() {
            return "application/vnd.openxmlformats-officedocument.presentationml.presentation".equals(mediaType);
        }

        public boolean isPdf() {
            return "application/pdf".equals(mediaType);
        }
    }

    /**
     * The meeting as the documents head it.
     *
     * @param councilName  "Nationellt råd för patientsäkerhet"
     * @param meetingTitle "rådets nittonde möte" (or English)
     * @param time         "09.00–16.00"
     * @param place        the place and/or join link, as the format needs
     * @param format       "Fysiskt möte", "Digitalt möte", "Digifysiskt möte" (or English)
     * @param reference    "NRP-2026-12-10"
     */
    public record Header(String councilName, String meetingTitle, LocalDate date, String time, String place,
                         String format, String reference, boolean english) { }

    public enum PartState { RECEIVED, MISSING, LATE }

    /** One agency's contribution under "Aktuellt per aktör". */
    public record AgencyPart(String agencyId, String agencyName, String abbreviation, PartState state,
                             String statusText, List<SourceFile> files) { }

    /**
     * One agenda item. {@code parts} is non-empty only for the round of status updates
     * ("Aktuellt per aktör"); {@code files} are the item's own attachments.
     */
    public record Item(int number, String title, String presenters, String text, List<SourceFile> files,
                       List<AgencyPart> parts) {
        public boolean isStatusRound() {
            return !parts.isEmpty();
        }
    }

    /**
     * The expected attendance from the answers to the calendar invitation: counts per answer, and who
     * is expected ("Anna Lind (IVO)"; a tentative answer marked as such). All zero before invitations.
     */
    public record Attendance(int accepted, int declined, int tentative, int noAnswer, List<String> expected) {
        public static final Attendance NONE = new Attendance(0, 0, 0, 0, List.of());

        public boolean invited() {
            return accepted + declined + tentative + noAnswer > 0;
        }
    }

    public record Pack(Header header, List<Item> agenda, Attendance attendance) {
        public Pack(Header header, List<Item> agenda) {
            this(header, agenda, Attendance.NONE);
        }
    }
}
