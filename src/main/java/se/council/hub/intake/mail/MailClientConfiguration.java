package se.council.hub.intake.mail;

import java.util.Properties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Jakarta Mail settings of the hub's IMAP client, used by the intake-mail route. */
@Configuration(proxyBeanMethods = false)
class MailClientConfiguration {

    /**
     * Fetch whole messages in one go: Angus Mail's default partial fetch reads bodies in 16 KB
     * pieces, about 25 times slower for one-megabyte slide decks. Timeouts keep a hung server from
     * blocking the poller forever.
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
