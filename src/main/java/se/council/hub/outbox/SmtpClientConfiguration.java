package se.council.hub.outbox;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import jakarta.mail.Provider;
import jakarta.mail.Session;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import javax.net.SocketFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import se.council.hub.config.DaemonThreads;
import se.council.hub.config.HubProperties;

/**
 * JavaMail settings of the route outbox-dispatch's SMTP step. The socket has Nagle's algorithm off:
 * JavaMail writes a message's last line (".") as a small segment after the large ones, which Nagle
 * holds back until the server acknowledges, and servers delay that acknowledgement (about 40 ms on
 * Linux): every mail would wait that long. Measured in docs/BENCHMARKS.md (invitations).
 */
@Configuration(proxyBeanMethods = false)
public class SmtpClientConfiguration {

    @Bean
    Properties smtpJavaMailProperties() {
        Properties properties = new Properties();
        properties.put("mail.smtp.socketFactory", new NoDelaySocketFactory());
        return properties;
    }

    /**
     * The threads of the route outbox-dispatch that send the mails of one page side by side
     * ({@code hub.outbox.senders}), each over an SMTP connection of its own: while one waits for the
     * server's answer to its DATA, the next composes its mail and marks the last one sent.
     */
    @Bean(destroyMethod = "shutdown")
    ExecutorService outboxSenders(HubProperties properties) {
        return DaemonThreads.fixedPool("outbox-sender", properties.outbox().senders());
    }

    /** SMTP connections kept open between the outbox's mails (see {@link KeptSmtpTransport}). */
    @Bean(destroyMethod = "close")
    SmtpConnections smtpConnections() {
        return new SmtpConnections();
    }

    /**
     * The mail session of the SMTP step: TCP_NODELAY sockets, and {@link KeptSmtpTransport} as its
     * SMTP transport (registered in this session only), so that a run of mails shares one connection.
     * Host and port stay in the route's endpoint URI.
     */
    @Bean
    Session smtpSession(SmtpConnections connections) {
        Properties properties = new Properties();
        properties.putAll(smtpJavaMailProperties());
        properties.put(SmtpConnections.PROPERTY, connections);
        properties.put("mail.smtp.class", KeptSmtpTransport.class.getName());
        Session session = Session.getInstance(properties);
        session.addProvider(new Provider(Provider.Type.TRANSPORT, "smtp", KeptSmtpTransport.class.getName(),
                "council-hub", null));
        return session;
    }

    /** Plain sockets with TCP_NODELAY. */
    public static final class NoDelaySocketFactory extends SocketFactory {

        @Override
        public Socket createSocket() throws IOException {
            Socket s = new Socket();
            s.setTcpNoDelay(true);
            return s;
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return noDelay(new Socket(host, port));
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            return noDelay(new Socket(host, port, localHost, localPort));
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return noDelay(new Socket(host, port));
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
            return noDelay(new Socket(address, port, localAddress, localPort));
        }

        private static Socket noDelay(Socket s) throws IOException {
            s.setTcpNoDelay(true);
            return s;
        }
    }
}
