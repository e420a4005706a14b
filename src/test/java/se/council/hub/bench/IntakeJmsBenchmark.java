package se.council.hub.bench;

/**
 * {@code intake-jms}: 10 KB status updates on the intake queue, persisted end to end, per second,
 * against Artemis producing and consuming the same messages durably on the same broker in the
 * same run ({@link RawArtemisDurable}). Messages: system property {@code bench.messages}
 * (default 20,000).
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
        // TODO(hub owner): start the hub here (embedded broker on a random port, H2 or LocalPostgres),
        //  and measure the raw half against the hub's own broker, on a queue the hub does not read,
        //  so both halves share one broker in one run:
        //    double rawRate = raw.messagesPerSecond(n, hubBrokerUrl, adminUser, adminPassword, "bench.raw");
        //  Until then the raw half runs on a stand-alone embedded broker with the same settings.
        double rawRate;
        try (RawArtemisDurable.Broker broker = RawArtemisDurable.startBroker()) {
            System.out.println("intake-jms: embedded Artemis at " + broker.url() + ", journal " + broker.journalType());
            rawRate = raw.messagesPerSecond(n, broker.url(), null, null, "bench.raw");
        }
        System.out.printf("intake-jms: raw=%.1f msg/s%n", rawRate);
        double hubRate = hubHalf(n);
        return new Result(hubRate, rawRate, "msg/s");
    }

    /**
     * TODO(hub owner): the hub half. Send {@code n} 10 KB status updates (JSON, as an agency's broker
     * user) to {@code council.intake.status-updates}, one in flight with {@code JMSReplyTo}, and
     * count one as done when its ACCEPTED receipt arrives (it is then committed in the store);
     * return messages per second over the measured part, after a warm-up like the raw half's.
     */
    private double hubHalf(int n) {
        throw new UnsupportedOperationException("hub half not yet wired");
    }
}
