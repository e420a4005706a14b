package se.council.hub.pack.pdf;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The words the meeting-pack PDF prints itself, in Swedish (the council's language, the default)
 * or English. Vocabulary follows the council's protocols: "Nr / Ärende / Föredragande".
 */
final class PdfTexts {

    private final boolean english;

    PdfTexts(boolean english) {
        this.english = english;
    }

    static PdfTexts of(boolean english) {
        return new PdfTexts(english);
    }

    String agenda() {
        return english ? "Agenda" : "Dagordning";
    }

    String contents() {
        return english ? "Contents" : "Innehåll";
    }

    String colNumber() {
        return english ? "No." : "Nr";
    }

    String colItem() {
        return english ? "Item" : "Ärende";
    }

    String colPresenter() {
        return english ? "Presenter" : "Föredragande";
    }

    String date() {
        return english ? "Date" : "Datum";
    }

    String time() {
        return english ? "Time" : "Tid";
    }

    String place() {
        return english ? "Place" : "Plats";
    }

    String format() {
        return english ? "Format" : "Mötesform";
    }

    String reference() {
        return english ? "Reference" : "Referens";
    }

    String presenterLabel() {
        return english ? "Presenter: " : "Föredragande: ";
    }

    String nothingReceived() {
        return english ? "No material was received." : "Inget underlag inkom.";
    }

    String late() {
        return english ? "Received after the deadline." : "Inkom efter sista dag för underlag.";
    }

    String attachedFiles() {
        return english ? "Files: " : "Filer: ";
    }

    String pagesOf(int pages, boolean slides) {
        if (english) {
            return pages + (slides ? (pages == 1 ? " slide" : " slides") : (pages == 1 ? " page" : " pages"));
        }
        return pages + (slides ? (pages == 1 ? " bild" : " bilder") : (pages == 1 ? " sida" : " sidor"));
    }

    String couldNotShow(String fileName, String why) {
        return english
                ? "The file " + fileName + " could not be shown in full: " + why
                : "Filen " + fileName + " kunde inte visas i sin helhet: " + why;
    }

    String timedOut(String seconds) {
        return english
                ? "it took longer than " + seconds + " s to render"
                : "det tog längre tid än " + seconds + " s att rita upp den";
    }

    String unreadable(String detail) {
        return english ? "it could not be read (" + detail + ")" : "den gick inte att läsa (" + detail + ")";
    }

    String unsupported(String mediaType) {
        return english
                ? "files of type " + mediaType + " are not shown in the PDF; the original is in the pack"
                : "filer av typen " + mediaType + " visas inte i PDF:en; originalet finns i paketet";
    }

    String slidesNotDrawn(String slides) {
        return english ? "slide(s) " + slides + " could not be drawn" : "bild " + slides + " kunde inte ritas";
    }

    String slideNotDrawn(int number) {
        return english ? "Slide " + number + " could not be drawn." : "Bild " + number + " kunde inte ritas.";
    }

    String slideCaption(int number, int count) {
        return (english ? "slide " : "bild ") + number + "/" + count;
    }

    String pageLabel(int page, int pages) {
        // the council's protocols number pages "3(5)"
        return page + "(" + pages + ")";
    }

    String longDate(LocalDate date) {
        return date == null ? "" : date.format(DateTimeFormatter.ofPattern("d MMMM yyyy",
                english ? Locale.ENGLISH : Locale.forLanguageTag("sv-SE")));
    }
}
