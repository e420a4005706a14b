package se.council.hub.invitation;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.BodyPart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;

/** Reads an invitation mail as a calendar client would, asserting the iMIP structure (RFC 6047) on the way. */
final class InvitationMails {

    /** The parts of one iMIP mail. */
    record Imip(String text, String html, String calendar, String method, byte[] attachment) { }

    private InvitationMails() {
    }

    /**
     * multipart/mixed holding multipart/alternative (text/plain, text/html, text/calendar; method=…;
     * charset=UTF-8) and the attachment invite.ics with the same object.
     */
    static Imip read(MimeMessage message) throws Exception {
        assertThat(message.getContentType()).startsWith("multipart/mixed");
        MimeMultipart mixed = (MimeMultipart) message.getContent();
        assertThat(mixed.getCount()).isEqualTo(2);
        BodyPart alternative = mixed.getBodyPart(0);
        assertThat(alternative.isMimeType("multipart/alternative")).as(alternative.getContentType()).isTrue();
        MimeMultipart alt = (MimeMultipart) alternative.getContent();
        assertThat(alt.getCount()).isEqualTo(3);
        BodyPart plain = alt.getBodyPart(0);
        BodyPart html = alt.getBodyPart(1);
        BodyPart calendar = alt.getBodyPart(2);
        assertThat(plain.isMimeType("text/plain")).isTrue();
        assertThat(new ContentType(plain.getContentType()).getParameter("charset")).isEqualToIgnoringCase("UTF-8");
        assertThat(html.isMimeType("text/html")).isTrue();
        ContentType calendarType = new ContentType(calendar.getContentType());
        assertThat(calendarType.getBaseType()).isEqualTo("text/calendar");
        assertThat(calendarType.getParameter("charset")).isEqualTo("UTF-8");
        assertThat(calendar.getDisposition()).isNull();
        BodyPart attachment = mixed.getBodyPart(1);
        assertThat(attachment.getDisposition()).isEqualTo(Part.ATTACHMENT);
        assertThat(attachment.getFileName()).isEqualTo("invite.ics");
        assertThat(new ContentType(attachment.getContentType()).getBaseType()).isEqualTo("application/ics");
        byte[] ics = bytes(calendar);
        byte[] file = bytes(attachment);
        assertThat(file).as("invite.ics is the inline object").isEqualTo(ics);
        return new Imip((String) plain.getContent(), (String) html.getContent(), new String(ics, StandardCharsets.UTF_8),
                calendarType.getParameter("method"), file);
    }

    static Calendar ical4j(String ics) throws Exception {
        return new CalendarBuilder().build(new StringReader(ics));
    }

    private static byte[] bytes(BodyPart part) throws Exception {
        try (InputStream in = part.getInputStream()) {
            return in.readAllBytes();
        }
    }
}
