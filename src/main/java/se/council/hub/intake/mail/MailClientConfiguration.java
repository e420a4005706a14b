package se.council.hub.intake.mail;

import java.util.Properties;
import java.util.concurrent.ExecutorService;
import se.council.hub.config.DaemonThreads;
import se.council.hub.config.HubProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The hub's IMAP session settings and the threads of the intake-mail route. */
@Configuration(proxyBeanMethods = false)
class MailClientConfiguration {

    /** Jakarta Mail's system property naming its stream provider (jakarta.mail.util.FactoryFinder reads it first). */
    static final String STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";

    static {
        // jakarta.mail-api 2.1 looks its StreamProvider up with a new ServiceLoader for every header
        // block and multipart it parses (jakartaee/mail-api issues 699 and 861): 1-3 ms each across the
        // hub's 250 jars, several times per mail. Named, the lookup is a Class.forName. Angus Mail's
        // provider is the one the ServiceLoader finds anyway; a value set outside the hub is kept. The
        // property is JVM-wide: it spares the outbox the same lookup for every body part it writes.
        if (System.getProperty(STREAM_PROVIDER) == null) {
            System.setProperty(STREAM_PROVIDER, "org.eclipse.angus.mail.util.MailStreamProvider");
        }
    }

    /** The threads that take in the mails of one batch side by side (hub.mail.intake-threads). */
    @Bean(destroyMethod = "shutdown")
    ExecutorService mailIntakeExecutor(HubProperties properties) {
        return DaemonThreads.fixedPool("mail-intake", properties.mail().intakeThreads());
    }

    /**
     * Jakarta Mail settings of the hub's IMAP session (see Mailbox): whole bodies in one piece (Angus
     * Mail's default partial fetch reads 16 KB at a time, about 25 times slower for slide decks), and
     * timeouts so that a hung server cannot block the poller for ever.
     */
    @Bean
    Properties imapJavaMailProperties() {
        Properties p = new Properties();
        p.setProperty("mail.imap.partialfetch", "false");
        p.setProperty("mail.imap.fetchsize", String.valueOf(4 * 1024 * 1024));
        p.setProperty("mail.imap.connectiontimeout", "30000");
        p.setProperty("mail.imap.timeout", "120000");
        p.setProperty("mail.imaps.partialfetch", "false");
        p.setProperty("mail.imaps.fetchsize", String.valueOf(4 * 1024 * 1024));
        p.setProperty("mail.mime.decodeparameters", "true");
        return p;
    }
}
