package se.council.hub.bench;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.TransportConfiguration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.io.aio.AIOSequentialFileFactory;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.core.remoting.impl.netty.NettyAcceptorFactory;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * The raw half of {@code intake-jms}: what Artemis alone does with durable 10 KB text messages,
 * one in flight.
 *
 * <p>A producer sends one persistent {@link TextMessage} (a blocking, journal-synced send), a
 * consumer in a transacted session receives it and commits (a journal-synced acknowledgement), and
 * only then is the next one sent. That is the shape of the hub's own intake (acknowledge after
 * commit), without the hub. {@link #messagesPerSecond} can be pointed at any broker, so the hub
 * benchmark can measure this baseline on the hub's own broker in the same run; {@link #startBroker()}
 * starts a stand-alone embedded broker for when there is none.
 *
 * <p>Reference on this kind of machine: about 6,700 messages a second.
 */
public final class RawArtemisDurable {

    /** Size of each message body in characters (ASCII, so also in UTF-8 bytes): 10 KB. */
    public static final int MESSAGE_CHARS = 10 * 1024;

    private final PrintStream progress;
    private final Duration timeLimit;
    private final boolean transacted = !"client".equals(System.getProperty("bench.jms.ack", "transacted"));

    /** Prints progress to standard output; stops measuring after 10 minutes whatever N is. */
    public RawArtemisDurable() {
        this(System.out, Duration.ofMinutes(10));
    }

    /**
     * @param progress where progress lines go
     * @param timeLimit the measurement stops after this long and reports the rate so far
     */
    public RawArtemisDurable(PrintStream progress, Duration timeLimit) {
        this.progress = progress;
        this.timeLimit = timeLimit;
    }

    /**
     * Sends and receives {@code n} durable 10 KB text messages one in flight and returns the rate.
     * A short warm-up (not counted) comes first; the queue is drained of leftovers before that.
     *
     * @param n messages to measure
     * @param brokerUrl an Artemis core URL such as {@code tcp://127.0.0.1:61616}
     * @param user broker user, or null when security is off
     * @param password its password, or null
     * @param queue the queue to use; it should not be one the hub reads
     * @return messages per second, end to end
     * @throws JMSException when the broker fails or a message does not come back within 30 s
     */
    public double messagesPerSecond(int n, String brokerUrl, String user, String password, String queue)
            throws JMSException {
        String body = body();
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(brokerUrl);
             Connection producerConnection = factory.createConnection(user, password);
             Connection consumerConnection = factory.createConnection(user, password)) {
            Session producerSession = producerConnection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Session consumerSession = transacted
                    ? consumerConnection.createSession(true, Session.SESSION_TRANSACTED)
                    : consumerConnection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
            Queue destination = producerSession.createQueue(queue);
            MessageProducer producer = producerSession.createProducer(destination);
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            MessageConsumer consumer = consumerSession.createConsumer(destination);
            consumerConnection.start();

            int drained = 0;
            while (consumer.receive(200) != null) {
                drained++;
            }
            finish(consumerSession, null);
            if (drained > 0) {
                progress.printf("raw jms: drained %d leftover messages from %s%n", drained, queue);
            }

            int warmup = Math.min(500, Math.max(1, n / 10));
            progress.printf("raw jms: warm-up %d messages on %s%n", warmup, queue);
            roundTrips(warmup, body, producerSession, producer, consumerSession, consumer, Long.MAX_VALUE, false);

            progress.printf("raw jms: measuring %d durable %d-byte messages, one in flight%n", n, MESSAGE_CHARS);
            long start = System.nanoTime();
            long deadline = start + timeLimit.toNanos();
            int done = roundTrips(n, body, producerSession, producer, consumerSession, consumer, deadline, true);
            double seconds = (System.nanoTime() - start) / 1e9;
            if (done < n) {
                progress.printf("raw jms: time limit %s reached after %d of %d messages%n", timeLimit, done, n);
            }
            double rate = done / seconds;
            progress.printf("raw jms: %d messages in %.2f s = %.1f msg/s%n", done, seconds, rate);
            return rate;
        }
    }

    private int roundTrips(int n, String body, Session producerSession, MessageProducer producer,
                           Session consumerSession, MessageConsumer consumer, long deadline, boolean report)
            throws JMSException {
        long lastReport = System.nanoTime();
        for (int i = 0; i < n; i++) {
            TextMessage out = producerSession.createTextMessage(body);
            out.setIntProperty("seq", i);
            producer.send(out);
            Message in = consumer.receive(30_000);
            if (in == null) {
                throw new JMSException("Message " + i + " did not come back within 30 s");
            }
            if (!(in instanceof TextMessage text) || text.getIntProperty("seq") != i
                    || text.getText().length() != MESSAGE_CHARS) {
                throw new JMSException("Unexpected message back for " + i + ": " + in);
            }
            finish(consumerSession, in);
            long now = System.nanoTime();
            if (now >= deadline) {
                return i + 1;
            }
            if (report && now - lastReport > 5_000_000_000L) {
                progress.printf("raw jms: %d/%d%n", i + 1, n);
                lastReport = now;
            }
        }
        return n;
    }

    private void finish(Session session, Message last) throws JMSException {
        if (transacted) {
            session.commit();
        } else if (last != null) {
            last.acknowledge();
        }
    }

    private static String body() {
        StringBuilder sb = new StringBuilder(MESSAGE_CHARS);
        sb.append("{\"meeting\":\"NRP-2026-12-10\",\"text\":\"Status update ");
        while (sb.length() < MESSAGE_CHARS - 2) {
            sb.append((char) ('a' + sb.length() % 26));
        }
        sb.append("\"}");
        return sb.toString();
    }

    /**
     * Starts a stand-alone embedded Artemis on a free port of 127.0.0.1: persistence on, journal
     * in a new temporary directory (ASYNCIO when libaio works there, NIO otherwise), security off.
     *
     * @return the running broker; close it to stop it and remove its directory
     * @throws Exception when the broker does not start
     */
    public static Broker startBroker() throws Exception {
        return Broker.start();
    }

    /** A stand-alone embedded Artemis broker with a durable journal in a temporary directory. */
    public static final class Broker implements AutoCloseable {

        private final EmbeddedActiveMQ server;
        private final Path dir;
        private final String url;
        private final JournalType journalType;

        private Broker(EmbeddedActiveMQ server, Path dir, String url, JournalType journalType) {
            this.server = server;
            this.dir = dir;
            this.url = url;
            this.journalType = journalType;
        }

        static Broker start() throws Exception {
            Path dir = Files.createTempDirectory("council-bench-artemis-");
            int port = freePort();
            Path journal = dir.resolve("journal");
            Files.createDirectories(journal);
            JournalType type = AIOSequentialFileFactory.isSupported()
                    && AIOSequentialFileFactory.isSupported(journal.toFile()) ? JournalType.ASYNCIO : JournalType.NIO;
            ConfigurationImpl config = new ConfigurationImpl();
            config.setName("bench-raw");
            config.setPersistenceEnabled(true);
            config.setSecurityEnabled(false);
            config.setJMXManagementEnabled(false);
            config.setJournalType(type);
            config.setJournalDirectory(journal.toString());
            config.setBindingsDirectory(dir.resolve("bindings").toString());
            config.setPagingDirectory(dir.resolve("paging").toString());
            config.setLargeMessagesDirectory(dir.resolve("large").toString());
            config.setMaxDiskUsage(100);
            if (!Boolean.parseBoolean(System.getProperty("bench.artemis.journalSync", "true"))) {
                config.setJournalSyncTransactional(false);
                config.setJournalSyncNonTransactional(false);
            }
            // Artemis's NIO default (3.33 ms) holds every sync that long: with one message in flight
            // that caps the broker at ~130 msg/s here. 50 us flushes at once, as a tuned broker would.
            int timeout = Integer.getInteger("bench.artemis.bufferTimeoutNanos", 50_000);
            config.setJournalBufferTimeout_NIO(timeout);
            config.setJournalBufferTimeout_AIO(timeout);
            config.addAddressSetting("#", new AddressSettings()
                    .setDeadLetterAddress(SimpleString.of("DLQ"))
                    .setExpiryAddress(SimpleString.of("ExpiryQueue")));
            Map<String, Object> params = new HashMap<>();
            params.put("host", "127.0.0.1");
            params.put("port", port);
            config.addAcceptorConfiguration(new TransportConfiguration(NettyAcceptorFactory.class.getName(), params, "bench"));
            EmbeddedActiveMQ server = new EmbeddedActiveMQ();
            server.setConfiguration(config);
            server.start();
            return new Broker(server, dir, "tcp://127.0.0.1:" + port, type);
        }

        /** The core URL to connect to, {@code tcp://127.0.0.1:PORT}. */
        public String url() {
            return url;
        }

        /** The journal type in use (ASYNCIO or NIO). */
        public JournalType journalType() {
            return journalType;
        }

        /** Stops the broker and removes its journal. */
        @Override
        public void close() throws Exception {
            try {
                server.stop();
            } finally {
                try (Stream<Path> walk = Files.walk(dir)) {
                    walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Tries the raw measurement on its own.
     *
     * <p>Arguments: {@code [n [brokerUrl [user password [queue]]]]}; without a broker URL a
     * stand-alone embedded broker is started.
     */
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : Integer.getInteger("bench.messages", 20_000);
        RawArtemisDurable raw = new RawArtemisDurable();
        if (args.length > 1) {
            String user = args.length > 3 ? args[2] : null;
            String password = args.length > 3 ? args[3] : null;
            String queue = args.length > 4 ? args[4] : "bench.raw";
            raw.messagesPerSecond(n, args[1], user, password, queue);
        } else {
            try (Broker broker = startBroker()) {
                System.out.println("raw jms: embedded Artemis at " + broker.url() + ", journal " + broker.journalType());
                raw.messagesPerSecond(n, broker.url(), null, null, "bench.raw");
            }
        }
        System.exit(0);
    }
}
