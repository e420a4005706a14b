package se.council.hub.invitation;

import jakarta.activation.DataHandler;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.nio.charset.StandardCharsets;
import se.council.hub.support.TestFiles;

/** Reply mails as calendar clients send them, around a calendar object, for the tests. */
final class ReplyMails {

    /** Where the calendar object sits in the mail. */
    enum Layout {
        /** multipart/alternative: text, then text/calendar; method=REPLY inline (Outlook, Apple). */
        INLINE,
        /** multipart/mixed: text, then text/calendar as the attachment invite.ics (Thunderbird). */
        ATTACHMENT,
        /** multipart/mixed: text, then application/ics invite.ics without a method (some webmails). */
        APPLICATION_ICS,
        /** Google: text/calendar inline in the alternative, and the same object again as application/ics invite.ics. */
        GOOGLE
    }

    private ReplyMails() {
    }

    static byte[] reply(String from, String subject, String messageId, String ics, Layout layout, String... extraHeaders) {
        try {
            MimeMessage m = TestFiles.mailToHub(from, subject, messageId);
            for (int i = 0; i + 1 < extraHeaders.length; i += 2) {
                m.addHeader(extraHeaders[i], extraHeaders[i + 1]);
            }
            String method = methodOf(ics);
            MimeBodyPart text = new MimeBodyPart();
            text.setText(subject, StandardCharsets.UTF_8.name());
            MimeBodyPart calendar = new MimeBodyPart();
            switch (layout) {
                case INLINE -> {
                    calendar.setDataHandler(new DataHandler(new ByteArrayDataSource(ics, "text/calendar; charset=UTF-8; method=" + method)));
                    MimeMultipart alternative = new MimeMultipart("alternative", text, calendar);
                    m.setContent(alternative);
                }
                case ATTACHMENT -> {
                    calendar.setDataHandler(new DataHandler(new ByteArrayDataSource(ics,
                            "text/calendar; charset=UTF-8; method=" + method + "; name=invite.ics")));
                    calendar.setFileName("invite.ics");
                    calendar.setDisposition(MimeBodyPart.ATTACHMENT);
                    m.setContent(new MimeMultipart("mixed", text, calendar));
                }
                case APPLICATION_ICS -> {
                    calendar.setDataHandler(new DataHandler(new ByteArrayDataSource(ics.getBytes(StandardCharsets.UTF_8),
                            "application/ics; name=invite.ics")));
                    calendar.setFileName("invite.ics");
                    calendar.setDisposition(MimeBodyPart.ATTACHMENT);
                    m.setContent(new MimeMultipart("mixed", text, calendar));
                }
                case GOOGLE -> {
                    // Google labels even a COUNTER method=REPLY in the Content-Type.
                    calendar.setDataHandler(new DataHandler(new ByteArrayDataSource(ics, "text/calendar; charset=UTF-8; method=REPLY")));
                    MimeBodyPart attachment = new MimeBodyPart();
                    attachment.setDataHandler(new DataHandler(new ByteArrayDataSource(ics.replace("\r\n", "\n").replace("\n", "\r\n")
                            .getBytes(StandardCharsets.UTF_8), "application/ics; name=\"invite.ics\"")));
                    attachment.setFileName("invite.ics");
                    attachment.setDisposition(MimeBodyPart.ATTACHMENT);
                    attachment.setHeader("Content-Transfer-Encoding", "base64");
                    MimeBodyPart alternativePart = new MimeBodyPart();
                    alternativePart.setContent(new MimeMultipart("alternative", text, calendar));
                    m.setContent(new MimeMultipart("mixed", alternativePart, attachment));
                }
                default -> throw new IllegalArgumentException(layout.name());
            }
            return TestFiles.bytes(m);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The sample with another UID (the UID line, folded or not, replaced). */
    static String withUid(String ics, String uid) {
        return ics.replaceFirst("(?m)^UID:.*(\\r?\\n[ \\t].*)*", "UID:" + java.util.regex.Matcher.quoteReplacement(uid));
    }

    /** The sample with another SEQUENCE and DTSTAMP (of the event). */
    static String withVersion(String ics, int sequence, String dtstamp) {
        return ics.replaceFirst("(?m)^SEQUENCE:\\d+", "SEQUENCE:" + sequence)
                .replaceFirst("(?m)^DTSTAMP:[0-9TZ]+", "DTSTAMP:" + dtstamp);
    }

    private static String methodOf(String ics) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^METHOD:(\\w+)").matcher(ics);
        return m.find() ? m.group(1) : "REPLY";
    }
}
