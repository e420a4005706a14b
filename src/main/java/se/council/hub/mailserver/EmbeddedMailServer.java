package se.council.hub.mailserver;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import se.council.hub.config.HubProperties;

/**
 * The embedded mail server (GreenMail SMTP + IMAP) of the one-machine default. Any mailbox exists
 * once mail reaches it; the login and password of a mailbox are its address. It starts before the
 * Camel routes and stops after them.
 */
@Component
@ConditionalOnProperty(name = "hub.mail.embedded.enabled", havingValue = "true", matchIfMissing = true)
public class EmbeddedMailServer implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedMailServer.class);

    private final HubProperties properties;
    private GreenMail greenMail;

    public EmbeddedMailServer(HubProperties properties) {
        this.properties = properties;
        start();
    }

    @Override
    public synchronized void start() {
        if (greenMail != null) {
            return;
        }
        HubProperties.EmbeddedMail config = properties.mail().embedded();
        greenMail = new GreenMail(new ServerSetup[] {
            new ServerSetup(config.smtpPort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
            new ServerSetup(config.imapPort(), "127.0.0.1", ServerSetup.PROTOCOL_IMAP)});
        greenMail.start();
        String hub = properties.mail().address();
        greenMail.setUser(hub, properties.mail().username(), properties.mail().password());
        LOG.info("Embedded mail server: SMTP 127.0.0.1:{}, IMAP 127.0.0.1:{}, hub mailbox {}",
                config.smtpPort(), config.imapPort(), hub);
    }

    @Override
    public synchronized void stop() {
        if (greenMail != null) {
            greenMail.stop();
            greenMail = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return greenMail != null;
    }

    /** Stops after Camel (whose routes use the mail server) and starts before it. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 100;
    }

    public GreenMail greenMail() {
        return greenMail;
    }
}
