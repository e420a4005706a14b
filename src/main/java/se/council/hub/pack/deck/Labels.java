package se.council.hub.pack.deck;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The deck's fixed wording, Swedish by default and English when the meeting header asks for it. */
record Labels(boolean english) {

    private static final DateTimeFormatter SV_DATE = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.forLanguageTag("sv-SE"));
    private static final DateTimeFormatter EN_DATE = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.UK);

    String language() {
        return english ? "en-GB" : "sv-SE";
    }

    String agenda() {
        return english ? "Agenda" : "Dagordning";
    }

    String number() {
        return english ? "No." : "Nr";
    }

    String matter() {
        return english ? "Item" : "Ärende";
    }

    String presenter() {
        return english ? "Presenter" : "Föredragande";
    }

    String opening() {
        return english ? "Opening" : "Inledning";
    }

    String nothingReceived() {
        return english ? "Nothing was received" : "Inget underlag inkom";
    }

    String late() {
        return english ? "Received after the deadline" : "Inkom efter sista dag";
    }

    String statusUpdate() {
        return english ? "Status update" : "Lägesrapport";
    }

    String reference() {
        return english ? "Reference" : "Referens";
    }

    String presentationUnreadable(String why) {
        return (english ? "The presentation could not be read: " : "Presentationen kunde inte läsas: ") + why;
    }

    String pdfUnreadable(String why) {
        return (english ? "The PDF could not be read: " : "PDF-filen kunde inte läsas: ") + why;
    }

    String pictureUnreadable(String why) {
        return (english ? "The picture could not be read: " : "Bilden kunde inte läsas: ") + why;
    }

    String pdfTooSlow(int pages, int total) {
        return english ? "rendering took too long; " + pages + " of " + total + " pages shown"
                : "det tog för lång tid att rita sidorna; " + pages + " av " + total + " sidor visas";
    }

    String date(LocalDate date) {
        String text = (english ? EN_DATE : SV_DATE).format(date);
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
