package se.council.hub.outbox;

import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.PreencodedMimeBodyPart;
import jakarta.mail.util.ByteArrayDataSource;
import java.nio.charset.StandardCharsets;

/**
 * The body of an iMIP mail (RFC 6047) as Google Calendar and Outlook build theirs, which every
 * mainstream client shows with its Accept/Decline buttons: multipart/mixed holding a
 * multipart/alternative of text/plain, text/html and text/calendar with the iTIP method, followed by
 * the same object as the attachment invite.ics for clients that only look at attachments.
 */
final class CalendarMime {

    static final String ATTACHMENT_NAME = "invite.ics";

    private CalendarMime() {
    }

    /** The object as MIME's base64: lines of 76 characters ending in CRLF. */
    static byte[] base64(byte[] icalendar) {
        return java.util.Base64.getMimeEncoder(76, new byte[] {'\r', '\n'}).encode(icalendar);
    }

    /**
     * @param base64 the calendar object, base64-encoded in lines of 76 (as MIME writes it), shared by
     *     every mail of one version so that it is encoded once, not once per recipient and part
     */
    static MimeMultipart multipart(String text, String html, byte[] base64, String method) throws MessagingException {
        MimeMultipart alternative = new MimeMultipart("alternative");
        MimeBodyPart plain = new MimeBodyPart();
        plain.setText(text, StandardCharsets.UTF_8.name());
        plain.setHeader("Content-Transfer-Encoding", "quoted-printable");
        alternative.addBodyPart(plain);
        MimeBodyPart rich = new MimeBodyPart();
        rich.setText(html == null ? "" : html, StandardCharsets.UTF_8.name(), "html");
        rich.setHeader("Content-Transfer-Encoding", "quoted-printable");
        alternative.addBodyPart(rich);
        MimeBodyPart inline = new PreencodedMimeBodyPart("base64");
        inline.setDataHandler(new DataHandler(new ByteArrayDataSource(base64,
                "text/calendar; charset=UTF-8; method=" + method)));
        inline.setHeader("Content-Type", "text/calendar; charset=UTF-8; method=" + method);
        // base64 keeps the folded CRLF lines exactly as written, whatever a relay does to long lines.
        inline.setHeader("Content-Transfer-Encoding", "base64");
        alternative.addBodyPart(inline);

        MimeMultipart mixed = new MimeMultipart("mixed");
        MimeBodyPart wrapper = new MimeBodyPart();
        wrapper.setContent(alternative);
        mixed.addBodyPart(wrapper);
        MimeBodyPart attachment = new PreencodedMimeBodyPart("base64");
        attachment.setDataHandler(new DataHandler(new ByteArrayDataSource(base64, "application/ics")));
        attachment.setHeader("Content-Type", "application/ics; name=\"" + ATTACHMENT_NAME + "\"");
        attachment.setDisposition(MimeBodyPart.ATTACHMENT);
        attachment.setFileName(ATTACHMENT_NAME);
        attachment.setHeader("Content-Transfer-Encoding", "base64");
        mixed.addBodyPart(attachment);
        return mixed;
    }
}
