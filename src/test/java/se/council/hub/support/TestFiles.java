package se.council.hub.support;

import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.awt.Rectangle;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Date;
import java.util.HexFormat;
import java.util.Properties;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFSlide;
import org.apache.poi.xslf.usermodel.XSLFTextBox;

/** Real files and mails for tests: decks made with POI, mails built as a plain client builds them. */
public final class TestFiles {

    private TestFiles() {
    }

    /** A one-slide pptx saying the text. */
    public static byte[] pptx(String text) {
        try (XMLSlideShow deck = new XMLSlideShow(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            XSLFSlide slide = deck.createSlide();
            XSLFTextBox box = slide.createTextBox();
            box.setAnchor(new Rectangle(50, 50, 600, 100));
            box.setText(text);
            deck.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A mail to the hub: multipart/mixed with a text part and the given attachments (name, bytes, type). */
    public static byte[] mail(String from, String subject, String messageId, String text, Object... attachments) {
        try {
            MimeMessage m = mailToHub(from, subject, messageId);
            m.setContent(textWithFiles(text, attachments));
            return bytes(m);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** multipart/mixed: a text part, then the attachments (name, bytes, type). */
    public static MimeMultipart textWithFiles(String text, Object... attachments) throws MessagingException {
        MimeMultipart mixed = new MimeMultipart("mixed");
        MimeBodyPart body = new MimeBodyPart();
        body.setText(text, StandardCharsets.UTF_8.name());
        mixed.addBodyPart(body);
        for (int i = 0; i < attachments.length; i += 3) {
            MimeBodyPart part = new MimeBodyPart();
            part.setDataHandler(new DataHandler(new ByteArrayDataSource((byte[]) attachments[i + 1], (String) attachments[i + 2])));
            part.setFileName((String) attachments[i]);
            part.setDisposition(MimeBodyPart.ATTACHMENT);
            mixed.addBodyPart(part);
        }
        return mixed;
    }

    /** A mail to hub@council.example from this sender, sent now, keeping this Message-ID; the caller sets its body. */
    public static MimeMessage mailToHub(String from, String subject, String messageId) throws MessagingException {
        MimeMessage m = new MimeMessage(Session.getInstance(new Properties())) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        m.setFrom(new InternetAddress(from));
        m.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress("hub@council.example"));
        m.setSubject(subject, StandardCharsets.UTF_8.name());
        m.setSentDate(new Date());
        return m;
    }

    /** The mail as a client sends it (headers completed, then written out). */
    public static byte[] bytes(MimeMessage m) throws MessagingException, IOException {
        m.saveChanges();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.writeTo(out);
        return out.toByteArray();
    }

    public static final String PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation";

    public static byte[] fixture(String path) {
        try (var in = TestFiles.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
