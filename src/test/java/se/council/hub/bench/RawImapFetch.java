package se.council.hub.bench;

import jakarta.activation.DataHandler;
import jakarta.mail.Address;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Properties;
import java.util.Random;
import java.util.function.IntFunction;
import javax.imageio.ImageIO;
import org.apache.poi.sl.usermodel.PictureData.PictureType;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFPictureData;
import org.apache.poi.xslf.usermodel.XSLFSlide;
import org.apache.poi.xslf.usermodel.XSLFTextBox;

/**
 * The raw half of {@code intake-mail}: how fast a plain IMAP client (Angus Mail) reads every mail
 * of a mailbox, each carrying a one-megabyte attachment.
 *
 * <p>The client opens INBOX read-only and, for each message, reads the full content through
 * {@link Message#writeTo} into a counting stream, with {@code mail.imap.partialfetch=false} and
 * {@code mail.imap.peek=true} (the mailbox is left as it was, so the hub can read it next). Angus
 * Mail's default partial fetch reads bodies in 16 KB pieces and is about 25 times slower against
 * GreenMail; {@link #fetch} measures either.
 *
 * <p>Helpers build the mails: {@link #buildMail} gives the raw MIME bytes of one mail with one
 * attachment, {@link #pptx} a real .pptx of about the requested size, {@link #randomPayload} plain
 * random bytes, and {@link #deliver} sends mails over SMTP.
 *
 * <p>Reference on this kind of machine: about 6.5 one-megabyte messages a second.
 */
public final class RawImapFetch {

    /** Size of the attachment each mail carries: 1 MB. */
    public static final int ATTACHMENT_BYTES = 1024 * 1024;

    /** Media type of a .pptx. */
    public static final String PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation";

    /**
     * What one fetch of a mailbox did.
     *
     * @param messages messages read in full
     * @param bytes bytes those messages had, as {@code writeTo} wrote them
     * @param seconds time from connect to the last byte
     */
    public record FetchResult(int messages, long bytes, double seconds) {

        /** Messages per second. */
        public double messagesPerSecond() {
            return messages / seconds;
        }

        /** Megabytes (2^20 bytes) per second. */
        public double megabytesPerSecond() {
            return bytes / seconds / (1024.0 * 1024.0);
        }
    }

    private final PrintStream progress;
    private final Duration timeLimit;

    /** Prints progress to standard output; stops fetching after 10 minutes whatever the count. */
    public RawImapFetch() {
        this(System.out, Duration.ofMinutes(10));
    }

    /**
     * @param progress where progress lines go
     * @param timeLimit a fetch stops after this long and reports the rate so far
     */
    public RawImapFetch(PrintStream progress, Duration timeLimit) {
        this.progress = progress;
        this.timeLimit = timeLimit;
    }

    /**
     * Reads every message of INBOX in full with partial fetch off and returns the rate.
     *
     * @param host IMAP host
     * @param imapPort IMAP port (plain IMAP, no TLS)
     * @param user login
     * @param password password
     * @return messages per second
     * @throws MessagingException when the server fails
     * @throws IOException when reading a message fails
     */
    public double messagesPerSecond(String host, int imapPort, String user, String password)
            throws MessagingException, IOException {
        return fetch(host, imapPort, user, password, false, Integer.MAX_VALUE).messagesPerSecond();
    }

    /**
     * Reads up to {@code limit} messages of INBOX in full, from the first.
     *
     * @param host IMAP host
     * @param imapPort IMAP port (plain IMAP, no TLS)
     * @param user login
     * @param password password
     * @param partialFetch Angus Mail's {@code mail.imap.partialfetch}: true is its default (slow)
     * @param limit the most messages to read
     * @return what was read and how long it took
     * @throws MessagingException when the server fails
     * @throws IOException when reading a message fails
     */
    public FetchResult fetch(String host, int imapPort, String user, String password, boolean partialFetch, int limit)
            throws MessagingException, IOException {
        Properties props = new Properties();
        props.setProperty("mail.imap.partialfetch", Boolean.toString(partialFetch));
        props.setProperty("mail.imap.peek", "true");
        props.setProperty("mail.imap.connectiontimeout", "30000");
        props.setProperty("mail.imap.timeout", "120000");
        Session session = Session.getInstance(props);
        long start = System.nanoTime();
        long deadline = start + timeLimit.toNanos();
        long lastReport = start;
        int read = 0;
        long bytes = 0;
        Store store = session.getStore("imap");
        store.connect(host, imapPort, user, password);
        try {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            try {
                int count = Math.min(limit, inbox.getMessageCount());
                String mode = partialFetch ? "partial fetch on" : "partial fetch off";
                progress.printf("raw imap: reading %d messages (%s)%n", count, mode);
                CountingStream counter = new CountingStream();
                for (int i = 1; i <= count; i++) {
                    Message message = inbox.getMessage(i);
                    long before = counter.count;
                    message.writeTo(counter);
                    bytes += counter.count - before;
                    read++;
                    long now = System.nanoTime();
                    if (now >= deadline) {
                        progress.printf("raw imap: time limit %s reached after %d of %d messages%n", timeLimit, read, count);
                        break;
                    }
                    if (now - lastReport > 5_000_000_000L) {
                        progress.printf("raw imap: %d/%d (%s)%n", read, count, mode);
                        lastReport = now;
                    }
                }
            } finally {
                inbox.close(false);
            }
        } finally {
            store.close();
        }
        return new FetchResult(read, bytes, (System.nanoTime() - start) / 1e9);
    }

    /**
     * Sends {@code count} mails over one SMTP connection.
     *
     * @param host SMTP host
     * @param smtpPort SMTP port (plain, no authentication)
     * @param to the envelope recipient
     * @param count how many
     * @param mailBytes the raw MIME bytes of mail {@code i} (0-based), for example from {@link #buildMail}
     * @throws MessagingException when the server refuses
     * @throws IOException when a mail cannot be parsed
     */
    public void deliver(String host, int smtpPort, String to, int count, IntFunction<byte[]> mailBytes)
            throws MessagingException, IOException {
        Properties props = new Properties();
        props.setProperty("mail.smtp.host", host);
        props.setProperty("mail.smtp.port", Integer.toString(smtpPort));
        props.setProperty("mail.smtp.connectiontimeout", "30000");
        props.setProperty("mail.smtp.timeout", "120000");
        Session session = Session.getInstance(props);
        Address[] recipients = {new InternetAddress(to)};
        long start = System.nanoTime();
        long lastReport = start;
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect();
            for (int i = 0; i < count; i++) {
                MimeMessage message = new MimeMessage(session, new ByteArrayInputStream(mailBytes.apply(i)));
                transport.sendMessage(message, recipients);
                long now = System.nanoTime();
                if (now - lastReport > 5_000_000_000L) {
                    progress.printf("deliver: %d/%d mails sent to %s%n", i + 1, count, to);
                    lastReport = now;
                }
            }
        }
        progress.printf("deliver: %d mails sent to %s in %.1f s%n", count, to, (System.nanoTime() - start) / 1e9);
    }

    /**
     * The raw MIME bytes of a mail with a short text and one attachment, with a fresh Message-ID.
     *
     * @param from sender address
     * @param to recipient address
     * @param subject subject, any characters (encoded as RFC 2047 when needed)
     * @param text the body text
     * @param fileName the attachment's file name
     * @param mediaType the attachment's media type, such as {@link #PPTX}
     * @param attachment the attachment's content
     * @return the mail as it would travel over SMTP
     */
    public static byte[] buildMail(String from, String to, String subject, String text, String fileName,
                                   String mediaType, byte[] attachment) {
        try {
            MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
            message.setFrom(new InternetAddress(from));
            message.setRecipients(Message.RecipientType.TO, to);
            message.setSubject(subject, "UTF-8");
            message.setSentDate(new java.util.Date());
            MimeBodyPart body = new MimeBodyPart();
            body.setText(text, "UTF-8");
            MimeBodyPart file = new MimeBodyPart();
            file.setDataHandler(new DataHandler(new ByteArrayDataSource(attachment, mediaType)));
            file.setFileName(fileName);
            file.setDisposition(MimeBodyPart.ATTACHMENT);
            MimeMultipart multipart = new MimeMultipart();
            multipart.addBodyPart(body);
            multipart.addBodyPart(file);
            message.setContent(multipart);
            message.saveChanges();
            ByteArrayOutputStream out = new ByteArrayOutputStream(attachment.length * 4 / 3 + 4096);
            message.writeTo(out);
            return out.toByteArray();
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("Could not build a mail", e);
        }
    }

    /**
     * Random bytes, as a stand-in attachment for the raw side only (the hub would refuse it).
     *
     * @param size bytes
     * @param seed random seed
     * @return the payload
     */
    public static byte[] randomPayload(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /**
     * A PNG of random noise of about {@code approxBytes} (noise does not compress), to make
     * slide decks of a realistic size.
     *
     * @param approxBytes target size
     * @param seed random seed
     * @return PNG bytes
     */
    public static byte[] noisePng(int approxBytes, long seed) {
        int side = (int) Math.sqrt(approxBytes / 3.0);
        BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(seed);
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                image.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(approxBytes + 65536);
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    /**
     * A real, valid .pptx (built with Apache POI): one slide with a title and a picture.
     * With a {@link #noisePng} of 1 MB it is about 1 MB; a different title gives a different file.
     *
     * @param title text on the slide
     * @param picturePng the picture, PNG bytes
     * @return the .pptx bytes
     */
    public static byte[] pptx(String title, byte[] picturePng) {
        try (XMLSlideShow show = new XMLSlideShow()) {
            XSLFSlide slide = show.createSlide();
            XSLFTextBox box = slide.createTextBox();
            box.setAnchor(new java.awt.geom.Rectangle2D.Double(40, 20, 640, 60));
            box.setText(title);
            XSLFPictureData picture = show.addPicture(picturePng, PictureType.PNG);
            slide.createPicture(picture).setAnchor(new java.awt.geom.Rectangle2D.Double(160, 100, 400, 400));
            ByteArrayOutputStream out = new ByteArrayOutputStream(picturePng.length + 65536);
            show.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("Could not build a pptx", e);
        }
    }

    /** An output stream that only counts. */
    private static final class CountingStream extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }

    /**
     * Tries the raw measurement on its own: starts GreenMail in a child JVM, delivers
     * {@code bench.mails} (default 500) mails of 1 MB, reads them with partial fetch off and a
     * few with it on. Arguments: {@code [mails]}.
     */
    public static void main(String[] args) throws Exception {
        Bench.quietLogging();
        int mails = args.length > 0 ? Integer.parseInt(args[0]) : Integer.getInteger("bench.mails", 500);
        IntakeMailBenchmark.measureRaw(mails, new RawImapFetch());
        System.exit(0);
    }
}
