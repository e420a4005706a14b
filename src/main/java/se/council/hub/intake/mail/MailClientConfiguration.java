package se.council.hub.intake.mail;

import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import se.council.hub.config.HubProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The hub's IMAP session settings and the threads of the intake-mail route. */
@Configuration(proxyBeanMethods = false)
class MailClientConfiguration {

    /** The threads that take in the mails of one batch side by side (hub.mail.intake-threads). */
    @Bean(destroyMethod = "shutdown")
    ExecutorService mailIntakeExecutor(HubProperties properties) {
        AtomicInteger n = new AtomicInteger();
        return Executors.newFixedThreadPool(properties.mail().intakeThreads(), r -> {
            Thread t = new Thread(r, "mail-intake-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
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
