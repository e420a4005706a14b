package se.council.hub.invitation;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.web.util.HtmlUtils;
import se.council.hub.agenda.AgendaItem;
import se.council.hub.meeting.Meeting;
import se.council.hub.notice.MeetingText;
import se.council.hub.registry.CouncilRegistry;

/**
 * What an invitation says to a person, in Swedish (default) or English: subject, plain text and its
 * HTML alternative, and the calendar event's SUMMARY, LOCATION and DESCRIPTION. Pure.
 */
public final class InvitationTexts {

    /** Which mail of the invitation's life. */
    public enum Occasion { NEW, UPDATED, REMOVED, CANCELLED }

    /** Subject, plain text and HTML of one mail. */
    public record Mail(String subject, String text, String html) { }

    private static final Pattern LINK = Pattern.compile("https?://[^\\s<>\"]+");

    private final boolean en;

    public InvitationTexts(boolean english) {
        this.en = english;
    }

    /** SUMMARY: "Nationellt råd för patientsäkerhet, rådets nittonde möte". */
    public String summary(Meeting m, CouncilRegistry.Council council) {
        return MeetingText.title(m, council, en);
    }

    /** LOCATION: the place; for a digital meeting the join link; for a hybrid one both. */
    public String location(Meeting m) {
        return switch (m.format()) {
            case PHYSICAL -> m.location();
            case DIGITAL -> m.joinUrl();
            case HYBRID -> m.location() + (en ? " – or online: " : " – eller digitalt: ") + m.joinUrl();
        };
    }

    /** DESCRIPTION: the meeting in a few lines and the agenda's headlines. */
    public String description(Meeting m, CouncilRegistry.Council council, List<AgendaItem> agenda) {
        StringBuilder b = new StringBuilder();
        b.append(MeetingText.title(m, council, en)).append('\n');
        b.append(MeetingText.when(m, en)).append('\n');
        b.append(MeetingText.where(m, en)).append("\n\n");
        List<AgendaItem> items = agenda.stream().filter(i -> i.state() == AgendaItem.State.ACCEPTED).toList();
        if (!items.isEmpty()) {
            b.append(en ? "Agenda\n" : "Dagordning\n");
            for (AgendaItem i : items) {
                b.append(i.number() == null ? "–" : i.number() + ".").append(' ').append(i.title()).append('\n');
            }
            b.append('\n');
        }
        b.append(en ? "Please answer with your calendar's Accept or Decline, so that the secretariat knows who will attend."
                : "Svara gärna med kalenderns knappar (Acceptera/Avböj) så att sekretariatet vet vilka som kommer.");
        b.append('\n').append(en ? "Meeting: " : "Möte: ").append(m.reference());
        return b.toString();
    }

    public Mail mail(Occasion occasion, Meeting m, CouncilRegistry.Council council, List<AgendaItem> agenda,
                     String recipientName) {
        String title = MeetingText.title(m, council, en);
        String subject = "[" + m.reference() + "] " + switch (occasion) {
            case NEW -> (en ? "Invitation: " : "Inbjudan: ") + title + ", " + MeetingText.when(m, en);
            case UPDATED -> (en ? "Updated invitation: " : "Ändrad inbjudan: ") + title + ", " + MeetingText.when(m, en);
            case REMOVED -> (en ? "Invitation withdrawn: " : "Inbjudan återkallad: ") + title;
            case CANCELLED -> (en ? "Cancelled: " : "Inställt: ") + title + ", " + MeetingText.when(m, en);
        };
        StringBuilder b = new StringBuilder();
        b.append(en ? "Dear " : "Hej ").append(InvitationCalendar.name(recipientName)).append(en ? ",\n\n" : "!\n\n");
        switch (occasion) {
            case NEW -> {
                b.append(en ? "You are warmly welcome to " : "Varmt välkommen till ").append(title).append(".\n\n");
                b.append(en ? "The council brings the agencies and organisations that work for safer care together, to share what is going on and to coordinate the work ahead. We look forward to meeting you.\n\n"
                        : "I rådet möts myndigheter och organisationer som arbetar för en säker vård, för att dela lägesbilder och samordna det fortsatta arbetet. Vi ser fram emot att träffa dig.\n\n");
            }
            case UPDATED -> b.append(en ? "The time or place of " : "Tid eller plats för ").append(title)
                    .append(en ? " has changed. The invitation in your calendar is updated with this message; please answer again.\n\n"
                            : " har ändrats. Inbjudan i din kalender uppdateras med detta meddelande; svara gärna på nytt.\n\n");
            case REMOVED -> b.append(en ? "You are no longer on the invitation to " : "Du finns inte längre med i inbjudan till ")
                    .append(title).append(en ? ". The meeting is removed from your calendar with this message.\n\n"
                            : ". Mötet tas bort ur din kalender med detta meddelande.\n\n");
            case CANCELLED -> b.append(title).append(en ? " is cancelled. The meeting is removed from your calendar with this message.\n\n"
                    : " är inställt. Mötet tas bort ur din kalender med detta meddelande.\n\n");
        }
        if (occasion == Occasion.NEW || occasion == Occasion.UPDATED) {
            b.append(en ? "When:    " : "När:     ").append(MeetingText.when(m, en)).append('\n');
            b.append(en ? "Where:   " : "Var:     ").append(MeetingText.where(m, en)).append('\n');
            b.append(en ? "Meeting: " : "Möte:    ").append(m.reference()).append("\n\n");
            List<AgendaItem> items = agenda.stream().filter(i -> i.state() == AgendaItem.State.ACCEPTED).toList();
            if (!items.isEmpty()) {
                b.append(en ? "Agenda\n" : "Dagordning\n");
                items.forEach(i -> b.append("  ").append(i.number() == null ? "–" : i.number() + ".").append(' ')
                        .append(i.title()).append('\n'));
                b.append('\n');
            }
            b.append(en ? "Please answer with your calendar's Accept, Tentative or Decline buttons: the answer comes back to the secretariat and shows who will attend. If someone else attends in your place, forward the invitation from your calendar (delegate).\n"
                    : "Svara gärna med kalenderns knappar (Acceptera, Preliminärt eller Avböj): svaret kommer tillbaka till sekretariatet och visar vilka som kommer. Om någon annan deltar i ditt ställe kan du delegera inbjudan i din kalender.\n");
        }
        b.append(en ? "\nKind regards,\nThe secretariat, " : "\nMed vänliga hälsningar\nSekretariatet, ").append(council.name()).append('\n');
        String text = b.toString();
        return new Mail(subject, text, html(text, en));
    }

    /** The plain text as simple HTML: paragraphs and lines kept, links clickable, everything escaped. */
    static String html(String text, boolean en) {
        StringBuilder h = new StringBuilder("<!DOCTYPE html>\n<html lang=\"").append(en ? "en" : "sv")
                .append("\"><head><meta charset=\"UTF-8\"></head>\n<body style=\"font-family: Arial, sans-serif; font-size: 11pt\">\n");
        for (String paragraph : text.strip().split("\n\n")) {
            h.append("<p>");
            String[] lines = paragraph.split("\n");
            for (int i = 0; i < lines.length; i++) {
                if (i > 0) {
                    h.append("<br>\n");
                }
                h.append(linked(lines[i]));
            }
            h.append("</p>\n");
        }
        return h.append("</body></html>\n").toString();
    }

    private static String linked(String line) {
        StringBuilder out = new StringBuilder();
        Matcher m = LINK.matcher(line);
        int last = 0;
        while (m.find()) {
            out.append(escape(line.substring(last, m.start())));
            String url = escape(m.group());
            out.append("<a href=\"").append(url).append("\">").append(url).append("</a>");
            last = m.end();
        }
        return out.append(escape(line.substring(last))).toString();
    }

    static String escape(String s) {
        return HtmlUtils.htmlEscape(s, "UTF-8");
    }
}
