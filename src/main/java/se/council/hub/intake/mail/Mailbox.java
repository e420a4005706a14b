package se.council.hub.intake.mail;

import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.search.FlagTerm;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.protocol.BODY;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.eclipse.angus.mail.imap.protocol.MessageSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import se.council.hub.config.HubProperties;

/**
 * The hub's IMAP mailbox, as the intake-mail route reads it: each poll fetches the unseen mails of a
 * batch in one FETCH (bodies peeked, so nothing is flagged by reading), and after the route has
 * committed a mail's outcome it is flagged as seen (or moved).
 * Camel's imap consumer asks the server for flags, headers and an id per mail, one round trip each.
 */
@Component("mailbox")
public class Mailbox implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Mailbox.class);

    /**
     * A mail as fetched: its UID, when the server received it, its size, and its raw bytes (only the
     * header block when oversized). {@code arrivedAt} orders mails: the server's INTERNALDATE has whole
     * seconds, so the UID (which grows with every delivery) is folded into the nanoseconds to order
     * mails of the same second.
     */
    public record FetchedMail(long uid, Instant arrivedAt, long size, byte[] raw, boolean oversized) { }

    private final HubProperties properties;
    private final Session session;
    private Store store;
    private IMAPFolder inbox;

    public Mailbox(HubProperties properties, @Qualifier("imapJavaMailProperties") Properties imapProperties) {
        this.properties = properties;
        this.session = Session.getInstance(imapProperties);
    }

    /** The next batch of unseen mails, oldest first, within the poll's count and byte limits. */
    public synchronized List<FetchedMail> fetchNew() throws MessagingException {
        // Select the folder afresh for every poll: a folder kept selected learns of new mail only
        // from the server's unsolicited answers, which not every server sends when asked to search.
        closeFolder();
        IMAPFolder folder = open();
        Message[] unseen = folder.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false));
        if (unseen.length == 0) {
            return List.of();
        }
        FetchProfile profile = new FetchProfile();
        profile.add(UIDFolder.FetchProfileItem.UID);
        profile.add(FetchProfile.Item.SIZE);
        profile.add(FetchProfile.Item.ENVELOPE);
        folder.fetch(unseen, profile);

        HubProperties.Mail mail = properties.mail();
        long budget = mail.maxBytesPerPoll();
        List<Message> whole = new ArrayList<>();
        List<Message> headersOnly = new ArrayList<>();
        for (Message m : unseen) {
            if (whole.size() + headersOnly.size() >= mail.maxMessagesPerPoll()) {
                break;
            }
            long size = m.getSize();
            if (size > properties.intake().maxMessageBytes()) {
                headersOnly.add(m);
            } else if (whole.isEmpty() || size <= budget) {
                whole.add(m);
                budget -= size;
            }
        }
        List<FetchedMail> fetched = new ArrayList<>();
        fetched.addAll(fetch(folder, whole, "BODY.PEEK[]", false));
        fetched.addAll(fetch(folder, headersOnly, "BODY.PEEK[HEADER]", true));
        fetched.sort((a, b) -> Long.compare(a.uid(), b.uid()));
        LOG.debug("Mailbox: {} unseen, {} fetched", unseen.length, fetched.size());
        return fetched;
    }

    private List<FetchedMail> fetch(IMAPFolder folder, List<Message> messages, String item, boolean oversized)
            throws MessagingException {
        if (messages.isEmpty()) {
            return List.of();
        }
        int[] numbers = messages.stream().mapToInt(Message::getMessageNumber).toArray();
        Response[] responses = (Response[]) folder.doCommand(p -> p.fetch(MessageSet.createMessageSets(numbers), item));
        List<FetchedMail> fetched = new ArrayList<>();
        for (Message m : messages) {
            BODY body = FetchResponse.getItem(responses, m.getMessageNumber(), BODY.class);
            if (body == null) {
                LOG.warn("Mailbox: no body came back for mail {}; it is tried at the next poll", m.getMessageNumber());
                continue;
            }
            long uid = folder.getUID(m);
            Date received = m.getReceivedDate();
            Instant arrivedAt = (received == null ? Instant.EPOCH : received.toInstant().truncatedTo(ChronoUnit.SECONDS))
                    .plusNanos(uid % 1_000_000_000L);
            fetched.add(new FetchedMail(uid, arrivedAt, m.getSize(), body.getByteArray().getNewBytes(), oversized));
        }
        return fetched;
    }

    /**
     * Flags (or moves) one mail whose outcome is committed. Called for each mail right after its
     * commit, from the thread that took it in; the folder stays selected for the whole batch.
     */
    public synchronized void done(long uid) throws MessagingException {
        IMAPFolder folder = open();
        Message message = folder.getMessageByUID(uid);
        if (message == null) {
            LOG.warn("Mailbox: mail with UID {} is gone; nothing to flag", uid);
            return;
        }
        String moveTo = properties.mail().moveTo();
        if (moveTo != null && !moveTo.isBlank()) {
            folder.moveMessages(new Message[] {message}, folder.getStore().getFolder(moveTo));
        } else {
            message.setFlag(Flags.Flag.SEEN, true);
        }
    }

    private IMAPFolder open() throws MessagingException {
        if (inbox != null && inbox.isOpen() && store.isConnected()) {
            return inbox;
        }
        if (store == null || !store.isConnected()) {
            close();
            HubProperties.Mail mail = properties.mail();
            store = session.getStore("imap");
            store.connect(mail.imapHost(), mail.imapPort(), mail.username(), mail.password());
        }
        inbox = (IMAPFolder) store.getFolder("INBOX");
        inbox.open(Folder.READ_WRITE);
        return inbox;
    }

    private void closeFolder() {
        try {
            if (inbox != null && inbox.isOpen()) {
                inbox.close(false);
            }
        } catch (MessagingException e) {
            LOG.debug("Mailbox: closing INBOX: {}", e.toString());
        }
        inbox = null;
    }

    @Override
    public synchronized void close() {
        closeFolder();
        try {
            if (store != null) {
                store.close();
            }
        } catch (MessagingException e) {
            LOG.debug("Mailbox close: {}", e.toString());
        }
        store = null;
    }
}
