package se.council.hub.outbox;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Open SMTP connections kept between mails ({@link KeptSmtpTransport}). A connection is used by one
 * sender at a time; it is closed (QUIT) after {@link #MAX_MAILS} mails, when it has been idle for
 * {@link #IDLE_MILLIS} ms, when a send on it failed, and when the hub stops. A connection idle for more
 * than a second is checked with NOOP before it is used again, so a server that dropped it costs a
 * reconnect, not a failed mail.
 */
public final class SmtpConnections implements AutoCloseable {

    /** The session property that carries this pool to {@link KeptSmtpTransport}. */
    public static final String PROPERTY = "se.council.hub.smtp.connections";

    static final int MAX_MAILS = 100;
    static final long IDLE_MILLIS = 5_000;
    private static final long CHECK_AFTER_MILLIS = 1_000;
    private static final int MAX_KEPT = 4;
    private static final Logger LOG = LoggerFactory.getLogger(SmtpConnections.class);

    /** One open connection and what it has done. */
    static final class Kept {
        private final String key;
        private final SMTPTransport transport;
        private int mails;
        private long idleSince;

        private Kept(String key, SMTPTransport transport) {
            this.key = key;
            this.transport = transport;
        }

        SMTPTransport transport() {
            return transport;
        }
    }

    private final Deque<Kept> idle = new ArrayDeque<>();
    private final ScheduledExecutorService closer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "smtp-connections");
        t.setDaemon(true);
        return t;
    });

    public SmtpConnections() {
        closer.scheduleWithFixedDelay(this::closeIdle, 1, 1, TimeUnit.SECONDS);
    }

    /** An open connection to host:port, kept or new. */
    Kept take(Session session, String host, int port, String user, String password) throws MessagingException {
        String key = user + "@" + host + ":" + port;
        while (true) {
            Kept k = takeIdle(key);
            if (k == null) {
                break;
            }
            if (System.currentTimeMillis() - k.idleSince < CHECK_AFTER_MILLIS || k.transport.isConnected()) {
                return k;
            }
            quietlyClose(k);
        }
        SMTPTransport transport = new SMTPTransport(session, new URLName("smtp", host, port, null, user, password));
        transport.connect(host, port, user, password);
        return new Kept(key, transport);
    }

    private synchronized Kept takeIdle(String key) {
        for (var it = idle.iterator(); it.hasNext(); ) {
            Kept k = it.next();
            if (Objects.equals(k.key, key)) {
                it.remove();
                return k;
            }
        }
        return null;
    }

    /** After a successful send: the connection goes back for the next mail, or is closed. */
    void giveBack(Kept k) {
        k.mails++;
        k.idleSince = System.currentTimeMillis();
        synchronized (this) {
            if (k.mails < MAX_MAILS && idle.size() < MAX_KEPT && !closer.isShutdown()) {
                idle.push(k);
                return;
            }
        }
        quietlyClose(k);
    }

    /** A connection on which a send failed: closed, never used again. */
    void discard(Kept k) {
        quietlyClose(k);
    }

    private void closeIdle() {
        List<Kept> old = new ArrayList<>();
        long now = System.currentTimeMillis();
        synchronized (this) {
            idle.removeIf(k -> {
                if (now - k.idleSince >= IDLE_MILLIS) {
                    old.add(k);
                    return true;
                }
                return false;
            });
        }
        old.forEach(SmtpConnections::quietlyClose);
    }

    private static void quietlyClose(Kept k) {
        try {
            k.transport.close();
        } catch (MessagingException | RuntimeException e) {
            LOG.debug("Closing an SMTP connection: {}", e.toString());
        }
    }

    @Override
    public void close() {
        closer.shutdownNow();
        List<Kept> all;
        synchronized (this) {
            all = new ArrayList<>(idle);
            idle.clear();
        }
        all.forEach(SmtpConnections::quietlyClose);
    }
}
