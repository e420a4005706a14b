package se.council.hub.outbox;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.URLName;

/**
 * The SMTP transport of the route outbox-dispatch's SMTP step ({@code mail.smtp.class}, see
 * {@link SmtpClientConfiguration}): Camel's mail producer connects, sends one message and closes for
 * every mail; this transport takes an open connection to the same server from {@link SmtpConnections}
 * instead of opening a new one, and gives it back on close. One SMTP session then carries a run of mails
 * (RFC 5321 allows any number of transactions per session), which spares the connect, greeting, EHLO
 * and QUIT of each. A mail still counts as sent only when the server has answered its DATA with 250:
 * {@link #sendMessage} throws otherwise, and a connection that failed is closed, never given back.
 */
public final class KeptSmtpTransport extends Transport {

    private final SmtpConnections connections;
    private SmtpConnections.Kept kept;

    public KeptSmtpTransport(Session session, URLName urlname) {
        super(session, urlname);
        Object pool = session.getProperties().get(SmtpConnections.PROPERTY);
        if (!(pool instanceof SmtpConnections c)) {
            throw new IllegalStateException(SmtpConnections.PROPERTY + " is not set in the mail session");
        }
        this.connections = c;
    }

    @Override
    protected boolean protocolConnect(String host, int port, String user, String password) throws MessagingException {
        kept = connections.take(session, host, port, user, password);
        return true;
    }

    @Override
    public void sendMessage(Message message, Address[] addresses) throws MessagingException {
        if (kept == null) {
            throw new IllegalStateException("not connected");
        }
        try {
            kept.transport().sendMessage(message, addresses);
        } catch (MessagingException | RuntimeException e) {
            SmtpConnections.Kept failed = kept;
            kept = null;
            connections.discard(failed);
            throw e;
        }
    }

    @Override
    public synchronized void close() throws MessagingException {
        SmtpConnections.Kept done = kept;
        kept = null;
        if (done != null) {
            connections.giveBack(done);
        }
        super.close();
    }
}
