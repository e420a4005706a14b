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
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.protocol.BODY;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.eclipse.angus.mail.imap.protocol.MessageSet;
import org.eclipse.angus.mail.imap.protocol.UIDSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import se.council.hub.config.HubProperties;

/**
 * The hub's IMAP mailbox, as the intake-mail route reads it. Each poll hands over a batch of unseen
 * mails fetched in one FETCH (bodies peeked, so reading flags nothing); while the route takes that
 * batch in, the next one is already being fetched. A mail whose outcome the route has committed is
 * flagged as seen (or moved) together with the other committed mails of its batch, in one UID STORE
 * after the batch, never before its commit.
 *
 * <p>All IMAP work runs in order on one thread of Camel's ExecutorServiceManager (so it stops with the
 * Camel context, after the routes): the flags of a batch are set before the mailbox is searched
 * again, and a batch being taken in is left out of the next fetch, so no mail is fetched twice.
 */
@Component("mailbox")
public class Mailbox implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Mailbox.class);

    /** Longest wait for the mailbox thread; IMAP reads time out well before (mail.imap.timeout). */
    private static final long WAIT_MINUTES = 5;

    /**
     * A mail as fetched: its UID, when the server received it, its size, and its raw bytes (only the
     * header block when oversized). {@code arrivedAt} orders mails: the server's INTERNALDATE has whole
     * seconds, so the UID (which grows with every delivery) is folded into the microseconds to order
     * mails of the same second. Microseconds, not nanoseconds: the database keeps timestamps to the
     * microsecond (H2 and PostgreSQL), and the stored value is what later mails are compared with.
     */
    public record FetchedMail(long uid, Instant arrivedAt, long size, byte[] raw, boolean oversized) { }

    /** One fetch: its mails, and whether more unseen mails were left for the next one. */
    private record Batch(List<FetchedMail> mails, boolean more) {
        static final Batch EMPTY = new Batch(List.of(), false);
    }

    private final HubProperties properties;
    private final Session session;
    private final CamelContext camel;
    /** UIDs whose outcome is committed, waiting to be flagged with the rest of their batch. */
    private final Queue<Long> committed = new ConcurrentLinkedQueue<>();
    /** Guards the connection; it is used on the mailbox thread, and closed by {@link #close()}. */
    private final Object connection = new Object();
    private Store store;
    private IMAPFolder inbox;
    private ExecutorService thread;
    /** The next batch, being fetched while the route takes in the current one; null when none. */
    private Future<Batch> ahead;

    public Mailbox(HubProperties properties, @Qualifier("imapJavaMailProperties") Properties imapProperties,
                   CamelContext camel) {
        this.properties = properties;
        this.session = Session.getInstance(imapProperties);
        this.camel = camel;
    }

    /**
     * The next batch of unseen mails, oldest first, within the poll's count and byte limits: the one
     * fetched ahead while the last batch was taken in, or, when there is none, a fresh one. When more
     * unseen mails are waiting, the batch after it is fetched ahead now.
     */
    public synchronized List<FetchedMail> fetchNew() throws MessagingException, InterruptedException {
        ExecutorService worker = thread();
        Future<Batch> next = ahead;
        ahead = null;
        Batch batch = next == null ? Batch.EMPTY : result(next);
        if (batch.mails().isEmpty()) {
            // Nothing fetched ahead (or it found nothing): look now, behind the flags still to be set.
            batch = result(worker.submit(() -> fetch(Set.of())));
        }
        if (batch.more()) {
            Set<Long> takenIn = batch.mails().stream().map(FetchedMail::uid).collect(Collectors.toUnmodifiableSet());
            ahead = worker.submit(() -> fetch(takenIn));
        }
        return batch.mails();
    }

    /**
     * Records that the outcome of a mail is committed. It is flagged (or moved) with the other
     * committed mails of its batch by {@link #flagDone()}; a crash before that means it is read
     * again, finds its record and changes nothing.
     */
    public void done(long uid) {
        committed.add(uid);
    }

    /**
     * Flags (or moves) the mails recorded by {@link #done(long)}, in one UID STORE on the mailbox
     * thread, before it searches the mailbox again. Called by the route after a batch.
     */
    public synchronized void flagDone() {
        List<Long> uids = new ArrayList<>();
        for (Long uid = committed.poll(); uid != null; uid = committed.poll()) {
            uids.add(uid);
        }
        if (!uids.isEmpty()) {
            thread().execute(() -> flag(uids));
        }
    }

    /**
     * The mailbox thread: one thread of Camel's ExecutorServiceManager, which shuts it down when the
     * Camel context stops (after the routes, letting queued flags finish). A new one after a restart.
     */
    private ExecutorService thread() {
        if (thread == null || thread.isShutdown()) {
            thread = camel.getExecutorServiceManager().newSingleThreadExecutor(this, "mailbox");
            ahead = null;
        }
        return thread;
    }

    private static Batch result(Future<Batch> future) throws MessagingException, InterruptedException {
        try {
            return future.get(WAIT_MINUTES, TimeUnit.MINUTES);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof MessagingException m) {
                throw m;
            }
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new MessagingException("Mailbox: fetching failed", e);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new MessagingException("Mailbox: no answer from the mailbox thread in " + WAIT_MINUTES + " minutes", e);
        }
    }

    /** On the mailbox thread: the unseen mails not in {@code takenIn}, within the poll's limits. */
    private Batch fetch(Set<Long> takenIn) throws MessagingException {
        synchronized (connection) {
            // Select the folder afresh for every poll: a folder kept selected learns of new mail only
            // from the server's unsolicited answers, which not every server sends when asked to search.
            closeFolder();
            IMAPFolder folder = open();
            Message[] unseen = folder.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false));
            if (unseen.length == 0) {
                return Batch.EMPTY;
            }
            FetchProfile profile = new FetchProfile();
            profile.add(UIDFolder.FetchProfileItem.UID);
            profile.add(IMAPFolder.FetchProfileItem.SIZE);
            profile.add(IMAPFolder.FetchProfileItem.INTERNALDATE);
            folder.fetch(unseen, profile);

            HubProperties.Mail mail = properties.mail();
            long budget = mail.maxBytesPerPoll();
            List<Message> whole = new ArrayList<>();
            List<Message> headersOnly = new ArrayList<>();
            int left = 0;
            for (Message m : unseen) {
                if (takenIn.contains(folder.getUID(m))) {
                    continue;
                }
                long size = m.getSize();
                if (whole.size() + headersOnly.size() >= mail.maxMessagesPerPoll()) {
                    left++;
                } else if (size > properties.intake().maxMessageBytes()) {
                    headersOnly.add(m);
                } else if (whole.isEmpty() || size <= budget) {
                    whole.add(m);
                    budget -= size;
                } else {
                    left++;
                }
            }
            List<FetchedMail> fetched = new ArrayList<>();
            fetched.addAll(fetch(folder, whole, "BODY.PEEK[]", false));
            fetched.addAll(fetch(folder, headersOnly, "BODY.PEEK[HEADER]", true));
            fetched.sort((a, b) -> Long.compare(a.uid(), b.uid()));
            LOG.debug("Mailbox: {} unseen, {} being taken in, {} fetched, {} left", unseen.length, takenIn.size(),
                    fetched.size(), left);
            return new Batch(List.copyOf(fetched), left > 0);
        }
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
                    .plus(uid % 1_000_000L, ChronoUnit.MICROS);
            fetched.add(new FetchedMail(uid, arrivedAt, m.getSize(), body.getByteArray().getNewBytes(), oversized));
        }
        return fetched;
    }

    /**
     * On the mailbox thread: flags (or moves) committed mails in one command. When that fails they
     * stay unseen: the next poll reads them again, finds them handled and flags them then.
     */
    private void flag(List<Long> uids) {
        long[] sorted = uids.stream().mapToLong(Long::longValue).sorted().toArray();
        String set = UIDSet.toString(UIDSet.createUIDSets(sorted));
        synchronized (connection) {
            try {
                IMAPFolder folder = open();
                String moveTo = properties.mail().moveTo();
                if (moveTo != null && !moveTo.isBlank()) {
                    Message[] messages = Arrays.stream(folder.getMessagesByUID(sorted)).filter(Objects::nonNull)
                            .toArray(Message[]::new);
                    if (messages.length > 0) {
                        folder.moveMessages(messages, folder.getStore().getFolder(moveTo));
                    }
                } else {
                    // RFC 3501 6.4.8: UIDs, so it does not matter that the folder was selected again since.
                    folder.doCommand(p -> {
                        p.simpleCommand("UID STORE " + set + " +FLAGS.SILENT (\\Seen)", null);
                        return null;
                    });
                }
                LOG.debug("Mailbox: {} handled mail(s) flagged: UID {}", sorted.length, set);
            } catch (MessagingException | RuntimeException e) {
                LOG.warn("Mailbox: could not flag handled mails (UID {}): {}; they stay unseen, are read again and change nothing",
                        set, e.toString());
                closeConnection();
            }
        }
    }

    private IMAPFolder open() throws MessagingException {
        // isOpen() checks the folder's own connection (a NOOP when it was idle); Store.isConnected()
        // would send a NOOP on a second connection every time.
        if (inbox != null && inbox.isOpen()) {
            return inbox;
        }
        if (store == null || !store.isConnected()) {
            closeConnection();
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

    private void closeConnection() {
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

    /** Closes the connection (bean destruction, after the Camel context has stopped the routes and the thread). */
    @Override
    public void close() {
        synchronized (connection) {
            closeConnection();
        }
    }
}
