package se.council.hub.bench;

import jakarta.mail.FetchProfile;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.UIDFolder;
import org.apache.camel.component.mail.DefaultMailUidGenerator;
import org.apache.camel.component.mail.MailEndpoint;
import org.apache.camel.component.mail.MailUidGenerator;
import org.eclipse.angus.mail.imap.IMAPFolder;

/**
 * An experiment of {@code intake-mail} ({@code -Dbench.mail.experiment=prefetch}), not the hub as
 * built: Camel's mail consumer asks every message for its Message-ID (this generator), its flags
 * ({@code MailConsumer.createExchange}) and all its headers ({@code MailBinding.extractHeadersFromMail}),
 * and the hub asks for its size ({@code MailIntake.store}); against an IMAP server each is a FETCH
 * of its own. Camel calls the uid generator first for every message of a poll, so this one fetches
 * UID, FLAGS, ENVELOPE, RFC822.SIZE and the header block of the next {@code batch} messages with a
 * single FETCH when it meets a message outside the range fetched last; Angus Mail then answers
 * all those calls from its cache. The uid itself is Camel's default (the Message-ID header).
 */
final class PrefetchingMailUidGenerator implements MailUidGenerator {

    private final MailUidGenerator fallback = new DefaultMailUidGenerator();
    private final int batch;
    private Folder lastFolder;
    private int from;
    private int to;
    private long fetches;

    PrefetchingMailUidGenerator(int batch) {
        this.batch = batch;
    }

    @Override
    public synchronized String generateUuid(MailEndpoint endpoint, Message message) {
        try {
            if (message.getFolder() instanceof IMAPFolder folder && folder.isOpen()) {
                int n = message.getMessageNumber();
                if (folder != lastFolder || n < from || n > to) {
                    int end = Math.min(folder.getMessageCount(), n + batch - 1);
                    FetchProfile profile = new FetchProfile();
                    profile.add(UIDFolder.FetchProfileItem.UID);
                    profile.add(FetchProfile.Item.FLAGS);
                    profile.add(FetchProfile.Item.ENVELOPE);
                    profile.add(FetchProfile.Item.SIZE);
                    profile.add(IMAPFolder.FetchProfileItem.HEADERS);
                    folder.fetch(folder.getMessages(n, end), profile);
                    lastFolder = folder;
                    from = n;
                    to = end;
                    fetches++;
                }
            }
        } catch (MessagingException | RuntimeException e) {
            // fall back to one message at a time
        }
        return fallback.generateUuid(endpoint, message);
    }

    synchronized long fetches() {
        return fetches;
    }
}
