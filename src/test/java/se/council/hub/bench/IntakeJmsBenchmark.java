package se.council.hub.bench;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.component.jms.JmsComponent;
import org.apache.camel.component.jms.JmsConsumer;
import org.springframework.jms.listener.DefaultMessageListenerContainer;
import se.council.hub.broker.EmbeddedBroker;

/**
 * {@code intake-jms}: 10 KB status updates on the intake queue, persisted end to end, per second,
 * against Artemis producing and consuming the same messages durably on the same broker in the
 * same run ({@link RawArtemisDurable}). Messages: system property {@code bench.messages}
 * (default 20,000).
 *
 * <p>One hub runs in this JVM as in production (embedded Artemis with a durable journal, H2 file
 * database, blob store on disk; see {@link BenchHub}). The raw half runs first on the hub's own
 * broker as the broker user {@code hub}, on a queue the hub does not read ({@code bench.raw}).
 * Then the agency user {@code ivo} sends the status updates to
 * {@code council.intake.status-updates} (persistent, blocking durable sends) and the figure is
 * the time from the first send until the store holds all of them as submissions (rows in table
 * {@code submission}, read through the hub's DataSource). The sender keeps at most
 * {@code bench.jms.window} (default 1000; 0 = no limit) messages ahead of the store, so the
 * broker holds a bounded backlog, as with agencies that send now and then. A warm-up of
 * min(500, N/10) messages, not counted, comes first, as in the raw half.
 */
public final class IntakeJmsBenchmark implements Benchmark {

    @Override
    public String name() {
        return "intake-jms";
    }

    @Override
    public String description() {
        return "durable 10 KB status updates over Artemis, hub intake vs broker alone (msg/s)";
    }

    @Override
    public Result run() throws Exception {
        int n = Bench.intProperty("bench.messages", 20_000);
        RawArtemisDurable raw = new RawArtemisDurable(System.out, Bench.timeLimit());
        boolean localTx = "local-tx".equals(System.getProperty("bench.jms.experiment"));
        // The experiment needs the routes stopped until the jms component is changed.
        Map<String, String> settings = localTx ? Map.of("camel.main.auto-startup", "false") : Map.of();
        try (BenchHub hub = BenchHub.start(name(), settings)) {
            if (localTx) {
                localTransactionsExperiment(hub);
            }
            System.out.println("intake-jms: raw half on the hub's broker " + hub.brokerUrl() + " as user hub, queue bench.raw");
            double rawRate = raw.messagesPerSecond(n, hub.brokerUrl(), "hub", hub.hubBrokerPassword(), "bench.raw");
            System.out.printf("intake-jms: raw=%.1f msg/s%n", rawRate);
            String meeting = hub.createMeeting(BenchHub.meetingDate());
            System.out.println("intake-jms: meeting " + meeting + " created over REST");
            double hubRate;
            try (PeakHeap heap = PeakHeap.start()) {
                hubRate = hubHalf(hub, n, meeting);
                System.out.printf("intake-jms: peak heap during the hub half %.0f MB used, %.0f MB live after GC%n",
                        heap.peakMb(), heap.peakAfterGcMb());
            }
            System.out.printf("intake-jms: hub=%.1f msg/s; hub's data on disk %.0f MB%n", hubRate, hub.diskBytes() / 1048576.0);
            System.out.println("intake-jms: stopping the hub");
            return new Result(hubRate, rawRate, "msg/s");
        }
    }

    /**
     * An experiment, not the hub as built ({@code -Dbench.jms.experiment=local-tx}): removes the
     * JmsTransactionManager that {@code JmsComponent.jmsComponentTransacted(cf)} creates, so that the
     * listener container commits its own cached session (transacted=true,
     * lazyCreateTransactionManager=false), then starts the routes. Measures what that change to
     * {@code JmsConfiguration} would give.
     */
    private static void localTransactionsExperiment(BenchHub hub) throws Exception {
        JmsComponent jms = hub.camel().getComponent("jms", JmsComponent.class);
        System.out.println("intake-jms: EXPERIMENT local-tx: jms transaction manager was "
                + jms.getConfiguration().getTransactionManager() + "; set to none, routes started by the bench");
        jms.getConfiguration().setTransactionManager(null);
        for (org.apache.camel.Route route : hub.camel().getRoutes()) {
            if (route.getConsumer() instanceof JmsConsumer consumer
                    && consumer.getListenerContainer() instanceof DefaultMessageListenerContainer container) {
                container.setTransactionManager(null);
                System.out.println("intake-jms: EXPERIMENT local-tx: " + route.getRouteId() + " commits its own session");
            }
        }
        hub.camel().getRouteController().startAllRoutes();
    }

    /**
     * The hub half: sends {@code n} status updates as agency user {@code ivo} and waits until the
     * store has them all; returns messages per second from the first send to the last commit seen.
     */
    private double hubHalf(BenchHub hub, int n, String meeting) throws Exception {
        int warmup = Math.min(500, Math.max(1, n / 10));
        int window = Bench.intProperty("bench.jms.window", 1000);
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(hub.brokerUrl());
             Connection connection = factory.createConnection("ivo", BenchHub.IVO_PASSWORD)) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createQueue(EmbeddedBroker.STATUS_UPDATES));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);

            System.out.printf("hub jms: warm-up %d status updates for %s%n", warmup, meeting);
            sendAndWait(hub, session, producer, meeting, 0, warmup, window, false);

            System.out.printf("hub jms: measuring %d durable %d-byte status updates as user ivo to %s (window %s)%n",
                    n, RawArtemisDurable.MESSAGE_CHARS, EmbeddedBroker.STATUS_UPDATES, window == 0 ? "unlimited" : window);
            try (StackSampler profile = StackSampler.startIfAsked("JmsConsumer\\[council\\.intake\\.status-updates")) {
                double rate = sendAndWait(hub, session, producer, meeting, warmup, n, window, true);
                if (profile != null) {
                    profile.report(System.out, 15);
                    // What the statement every accepted status update runs (before IntakeStore.supersede replaced it) scans.
                    try {
                        System.out.println("profile: superseding query: " + hub.explainAnalyze(
                                "UPDATE submission SET state = 'SUPERSEDED', superseded_by = NULL"
                                        + " WHERE meeting_id = (SELECT MAX(meeting_id) FROM submission) AND agency_id = 'ivo'"
                                        + " AND kind = 'STATUS_UPDATE' AND state = 'ACCEPTED' AND id <> 0"));
                    } catch (SQLException e) {
                        System.out.println("profile: EXPLAIN ANALYZE failed: " + e.getMessage());
                    }
                }
                return rate;
            }
        }
    }

    /**
     * Sends {@code count} messages and waits until {@code count} more submissions are stored.
     *
     * @return submissions stored per second, from the first send
     */
    private double sendAndWait(BenchHub hub, Session session, MessageProducer producer, String meeting, int first,
                               int count, int window, boolean report) throws Exception {
        long baseSubmissions = hub.count("submission");
        long baseRejections = hub.count("rejection");
        AtomicLong stored = new AtomicLong();
        AtomicLong rejected = new AtomicLong();
        Thread counter = new Thread(() -> {
            long lastRejectionCheck = 0;
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    stored.set(hub.count("submission") - baseSubmissions);
                    long now = System.nanoTime();
                    if (now - lastRejectionCheck > 1_000_000_000L) {
                        rejected.set(hub.count("rejection") - baseRejections);
                        lastRejectionCheck = now;
                    }
                } catch (SQLException e) {
                    System.out.println("hub jms: counting failed: " + e);
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
            }
        }, "bench-submission-counter");
        counter.setDaemon(true);
        long start = System.nanoTime();
        long deadline = start + Bench.timeLimit().toNanos();
        long lastReport = start;
        long lastDone = 0;
        long lastProgress = start;
        boolean stallReported = false;
        int sent = 0;
        counter.start();
        try {
            String filler = filler();
            while (true) {
                long now = System.nanoTime();
                long done = stored.get();
                if (done >= count) {
                    break;
                }
                if (rejected.get() > 0) {
                    throw new IllegalStateException(rejected.get() + " status updates were rejected, last: "
                            + hub.lastRejections(3));
                }
                if (now >= deadline) {
                    System.out.printf("hub jms: time limit %s reached after %d of %d stored%n", Bench.timeLimit(), done, count);
                    break;
                }
                if (done > lastDone) {
                    lastProgress = now;
                } else if (sent == count && !stallReported && now - lastProgress > 30_000_000_000L) {
                    // Once seen (1 of about 10 runs, 19,999 of 20,000 stored, no rejection, no error logged): what to
                    // look at next time.
                    stallReported = true;
                    reportStall(hub, count - done);
                }
                if (report && now - lastReport > 5_000_000_000L) {
                    System.out.printf("hub jms: %d sent, %d stored (%.1f msg/s so far, %.1f msg/s in the last %.0f s)%n",
                            sent, done, done / ((now - start) / 1e9), (done - lastDone) / ((now - lastReport) / 1e9),
                            (now - lastReport) / 1e9);
                    lastReport = now;
                    lastDone = done;
                }
                if (sent < count && (window == 0 || sent - done < window)) {
                    TextMessage message = session.createTextMessage(body(meeting, first + sent, filler));
                    producer.send(message);
                    sent++;
                } else {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
                }
            }
            long done = stored.get();
            double seconds = (System.nanoTime() - start) / 1e9;
            double rate = done / seconds;
            if (report) {
                System.out.printf("hub jms: %d status updates stored in %.2f s = %.1f msg/s%n", done, seconds, rate);
            } else {
                System.out.printf("hub jms: warm-up done in %.2f s%n", seconds);
            }
            return rate;
        } finally {
            counter.interrupt();
            counter.join(1000);
        }
    }

    /** The JSON of one status update: about {@link RawArtemisDurable#MESSAGE_CHARS} characters. */
    private static String body(String meeting, int seq, String filler) {
        String head = "{\"meeting\":\"" + meeting + "\",\"text\":\"Lägesrapport " + seq + ": ";
        int room = RawArtemisDurable.MESSAGE_CHARS - head.length() - 2;
        return head + filler.substring(0, Math.max(0, room)) + "\"}";
    }

    private static String filler() {
        String words = "Inspektionen har under perioden granskat vårdgivarnas rapportering av allvarliga händelser. ";
        StringBuilder sb = new StringBuilder(RawArtemisDurable.MESSAGE_CHARS);
        while (sb.length() < RawArtemisDurable.MESSAGE_CHARS) {
            sb.append(words);
        }
        return sb.toString();
    }

    /** Prints what the hub holds of the inputs and what its JMS consumer threads are doing. */
    private static void reportStall(BenchHub hub, long missing) {
        System.out.printf("hub jms: STALL: %d not stored after 30 s without progress%n", missing);
        try {
            for (String state : new String[] {"RECEIVED", "PROCESSED", "REJECTED"}) {
                System.out.printf("hub jms: STALL: inbound_message %s = %d%n", state,
                        hub.countWhere("inbound_message", "state = '" + state + "'"));
            }
            System.out.printf("hub jms: STALL: rejections %d%n", hub.count("rejection"));
        } catch (SQLException e) {
            System.out.println("hub jms: STALL: counting failed: " + e);
        }
        Thread.getAllStackTraces().forEach((thread, stack) -> {
            String name = thread.getName();
            if (name.contains("JmsConsumer") || name.contains("intake-queue") || name.contains("Thread-")) {
                System.out.printf("hub jms: STALL: thread %s %s%n", name, thread.getState());
                for (int f = 0; f < Math.min(25, stack.length); f++) {
                    System.out.println("hub jms: STALL:     at " + stack[f]);
                }
            }
        });
    }
}
