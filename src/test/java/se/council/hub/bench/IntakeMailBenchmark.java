package se.council.hub.bench;

/**
 * {@code intake-mail}: mails with a 1 MB .pptx each, ingested and stored by the hub, per second,
 * against a plain IMAP fetch of the same mailbox in the same run ({@link RawImapFetch}).
 * Mails: system property {@code bench.mails} (default 500). The mail server is GreenMail in a
 * child JVM ({@link GreenMailProcess}), so its message store is not counted in the benchmark's heap.
 */
public final class IntakeMailBenchmark implements Benchmark {

    /** The hub's mailbox; login and password are the address, as on the embedded GreenMail. */
    public static final String HUB_ADDRESS = "hub@council.example";

    /** The sender: an invented person on IVO's registered domain. */
    public static final String SENDER = "rapportor@ivo.example";

    /** The meeting the subject tags name. */
    public static final String MEETING_REFERENCE = "NRP-2026-12-10";

    @Override
    public String name() {
        return "intake-mail";
    }

    @Override
    public String description() {
        return "mails with a 1 MB pptx over IMAP, hub intake vs plain IMAP fetch (msg/s)";
    }

    @Override
    public Result run() throws Exception {
        int mails = Bench.intProperty("bench.mails", 500);
        RawImapFetch raw = new RawImapFetch(System.out, Bench.timeLimit());
        try (GreenMailProcess server = GreenMailProcess.start(Bench.mailServerHeap())) {
            deliverSampleMails(server, mails, raw);
            double rawRate = measureRaw(server, mails, raw);
            System.out.printf("intake-mail: raw=%.2f msg/s%n", rawRate);
            double hubRate = hubHalf(server, mails);
            return new Result(hubRate, rawRate, "msg/s");
        }
    }

    /**
     * TODO(hub owner): the hub half. Start the hub with its embedded mail server off and its mailbox
     * on {@code server} (IMAP {@code server.imapPort()}, login {@link #HUB_ADDRESS}), with the meeting
     * {@link #MEETING_REFERENCE} open, and time from start of polling until {@code mails} submissions
     * with their attachments are committed in the store; return mails per second.
     */
    private double hubHalf(GreenMailProcess server, int mails) {
        throw new UnsupportedOperationException("hub half not yet wired");
    }

    /**
     * Delivers {@code mails} status updates over SMTP to {@link #HUB_ADDRESS}, each with its own
     * real 1 MB .pptx (a different slide title, so a different SHA-256).
     */
    static void deliverSampleMails(GreenMailProcess server, int mails, RawImapFetch raw) throws Exception {
        byte[] picture = RawImapFetch.noisePng(RawImapFetch.ATTACHMENT_BYTES, 42);
        raw.deliver(server.host(), server.smtpPort(), HUB_ADDRESS, mails, i -> RawImapFetch.buildMail(
                SENDER, HUB_ADDRESS,
                "[" + MEETING_REFERENCE + "] Lägesrapport IVO " + (i + 1),
                "Hej! Här kommer IVO:s lägesrapport inför mötet.\n\nVänliga hälsningar\nRapportör, IVO\n",
                "Lägesrapport IVO " + (i + 1) + ".pptx",
                RawImapFetch.PPTX,
                RawImapFetch.pptx("Lägesrapport IVO " + (i + 1), picture)));
    }

    /**
     * The raw figure: reads every mail of the hub's mailbox with partial fetch off, and a few with
     * Angus Mail's default partial fetch on (system property {@code bench.mail.partialSample},
     * default 3; 0 skips it) to show what that setting costs.
     *
     * @return messages per second with partial fetch off
     */
    static double measureRaw(GreenMailProcess server, int mails, RawImapFetch raw) throws Exception {
        RawImapFetch.FetchResult off = raw.fetch(server.host(), server.imapPort(), HUB_ADDRESS, HUB_ADDRESS,
                false, Integer.MAX_VALUE);
        System.out.printf("raw imap: partial fetch off: %d messages, %.1f MB in %.2f s = %.2f msg/s (%.1f MB/s)%n",
                off.messages(), off.bytes() / 1048576.0, off.seconds(), off.messagesPerSecond(), off.megabytesPerSecond());
        if (off.messages() < mails) {
            System.out.printf("raw imap: WARNING read %d of %d mails%n", off.messages(), mails);
        }
        int sample = Math.min(mails, Bench.intProperty("bench.mail.partialSample", 3));
        if (sample > 0) {
            RawImapFetch.FetchResult on = raw.fetch(server.host(), server.imapPort(), HUB_ADDRESS, HUB_ADDRESS,
                    true, sample);
            System.out.printf("raw imap: partial fetch on (Angus default): %d messages in %.2f s = %.2f msg/s, %.0fx slower%n",
                    on.messages(), on.seconds(), on.messagesPerSecond(), off.messagesPerSecond() / on.messagesPerSecond());
        }
        return off.messagesPerSecond();
    }

    /** Starts a mail server, delivers the mails and measures the raw half alone. */
    static double measureRaw(int mails, RawImapFetch raw) throws Exception {
        try (GreenMailProcess server = GreenMailProcess.start(Bench.mailServerHeap())) {
            deliverSampleMails(server, mails, raw);
            return measureRaw(server, mails, raw);
        }
    }
}
