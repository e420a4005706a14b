package se.council.hub.support;

import jakarta.mail.Address;
import jakarta.mail.Flags;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import se.council.hub.config.HubProperties;
import se.council.hub.mailserver.EmbeddedMailServer;

/** Sends raw mails to the hub over SMTP as a client would, and reads what the mail server received. */
public final class TestMail {

    private final EmbeddedMailServer server;
    private final HubProperties properties;

    public TestMail(EmbeddedMailServer server, HubProperties properties) {
        this.server = server;
        this.properties = properties;
    }

    /** Submits the mail exactly as given (no header rewritten) to the hub's mailbox. */
    public void deliverToHub(byte[] raw) {
        Properties p = new Properties();
        p.setProperty("mail.smtp.host", "127.0.0.1");
        p.setProperty("mail.smtp.port", String.valueOf(properties.mail().embedded().smtpPort()));
        Session session = Session.getInstance(p);
        try {
            MimeMessage message = new MimeMessage(session, new ByteArrayInputStream(raw));
            try (Transport transport = session.getTransport("smtp")) {
                transport.connect();
                // sendMessage, not Transport.send: that would call saveChanges() and rewrite the headers.
                transport.sendMessage(message, new Address[] {new InternetAddress(properties.mail().address())});
            }
        } catch (MessagingException e) {
            throw new IllegalStateException("Could not deliver the test mail", e);
        }
    }

    /** Every mail the server received for this address (not the hub's own mailbox). */
    public List<MimeMessage> receivedBy(String address) {
        return Arrays.stream(server.greenMail().getReceivedMessages()).filter(m -> {
            try {
                Address[] to = m.getAllRecipients();
                return to != null && Arrays.stream(to).anyMatch(a -> ((InternetAddress) a).getAddress().equalsIgnoreCase(address));
            } catch (MessagingException e) {
                return false;
            }
        }).toList();
    }

    /** Waits (up to 30 s) for a mail to this address whose subject starts so, and returns it. */
    public MimeMessage awaitMail(String to, String subjectPrefix) {
        return org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .until(() -> receivedBy(to).stream().filter(m -> subjectOf(m).startsWith(subjectPrefix)).findFirst(),
                        java.util.Optional::isPresent)
                .get();
    }

    public static String subjectOf(MimeMessage message) {
        try {
            return message.getSubject() == null ? "" : message.getSubject();
        } catch (MessagingException e) {
            return "";
        }
    }

    /** Whether every mail in the hub's mailbox has been flagged as seen. */
    public long unseenInHubMailbox() {
        return hubInbox().stream().filter(m -> !m.isSet(Flags.Flag.SEEN)).count();
    }

    /** Whether the hub's INBOX holds a mail with this Message-ID, flagged as seen (and not deleted). */
    public boolean seenInHubMailbox(String messageId) {
        return hubInbox().stream().anyMatch(m -> {
            try {
                return messageId.equals(m.getMimeMessage().getMessageID()) && m.isSet(Flags.Flag.SEEN) && !m.isSet(Flags.Flag.DELETED);
            } catch (MessagingException e) {
                return false;
            }
        });
    }

    private List<com.icegreen.greenmail.store.StoredMessage> hubInbox() {
        try {
            return server.greenMail().getManagers().getImapHostManager()
                    .getInbox(server.greenMail().getManagers().getUserManager().getUserByEmail(properties.mail().address()))
                    .getMessages();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String text(MimeMessage message) {
        try {
            Object content = message.getContent();
            return content instanceof String s ? s : String.valueOf(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String header(MimeMessage message, String name) {
        try {
            String value = message.getHeader(name, ",");
            return value;
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
