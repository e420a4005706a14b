package se.council.hub.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code intake-mail}: mails with a 1 MB .pptx each, ingested and stored by the hub, per second,
 * against a plain IMAP fetch of the same mailbox in the same run ({@link RawImapFetch}).
 * Mails: system property {@code bench.mails} (default 500). The mail server is GreenMail in a
 * child JVM ({@link GreenMailProcess}), so its message store is not counted in the benchmark's heap.
 */
public final class IntakeMailBenchmark implements Benchmark {

    /** The hub's mailbox; login and password are the address, as on the embedded GreenMail. */
    public static final String HUB_ADDRESS = "hub@council.example";

    /** The sender: a registered person of IVO in config/council.yml. */
    public static final String SENDER = "anna.lind@ivo.example";

    /** The meeting the subject tags name: NRP, 10 days ahead (the hub's clock is real time). */
    public static final String MEETING_REFERENCE = "NRP-" + BenchHub.meetingDate();

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
        // Both halves are measured warm, as a long-running hub is: the JVM compiles the intake's code in
        // its first hundred mails (the JIT was busy more than one core of two while a cold hub took in 500).
        int warmup = Bench.intProperty("bench.mail.warmup", 150);
        RawImapFetch raw = new RawImapFetch(System.out, Bench.timeLimit());
        try (GreenMailProcess server = GreenMailProcess.start(Bench.mailServerHeap())) {
            deliverSampleMails(server, mails + warmup, raw);
            if (warmup > 0) {
                RawImapFetch.FetchResult warm = raw.fetch(server.host(), server.imapPort(), HUB_ADDRESS, HUB_ADDRESS,
                        false, warmup);
                System.out.printf("raw imap: warm-up fetch of %d messages (not counted) in %.2f s%n", warm.messages(), warm.seconds());
            }
            double rawRate = measureRaw(server, mails + warmup, raw);
            System.out.printf("intake-mail: raw=%.2f msg/s%n", rawRate);
            double hubRate = hubHalf(server, mails, warmup);
            describeMailbox(server);
            return new Result(hubRate, rawRate, "msg/s");
        }
    }

    /**
     * The hub half: starts the hub with its embedded mail server off and its mailbox on
     * {@code server}, routes stopped ({@code camel.main.auto-startup=false}); creates the meeting
     * {@link #MEETING_REFERENCE} over REST; then starts the routes, lets the hub take in {@code warmup}
     * mails (its JIT warm-up, not counted), and times from then until the {@code timed} mails after
     * them are committed in the store with their attachments.
     *
     * @return mails per second
     */
    private double hubHalf(GreenMailProcess server, int timed, int warmup) throws Exception {
        int mails = timed + warmup;
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("hub.mail.embedded.enabled", "false");
        settings.put("hub.mail.imap-host", server.host());
        settings.put("hub.mail.imap-port", Integer.toString(server.imapPort()));
        settings.put("hub.mail.smtp-host", server.host());
        settings.put("hub.mail.smtp-port", Integer.toString(server.smtpPort()));
        settings.put("hub.mail.username", HUB_ADDRESS);
        settings.put("hub.mail.password", HUB_ADDRESS);
        settings.put("hub.mail.poll-delay", "100");
        // Routes start once the meeting exists, so that no mail is read before it can be matched.
        settings.put("camel.main.auto-startup", "false");
        try (PeakHeap heap = PeakHeap.start(); BenchHub hub = BenchHub.start(name(), settings)) {
            String meeting = hub.createMeeting(BenchHub.meetingDate());
            if (!meeting.equals(MEETING_REFERENCE)) {
                throw new IllegalStateException("meeting " + meeting + " is not the mails' " + MEETING_REFERENCE);
            }
            System.out.println("hub mail: meeting " + meeting + " created over REST; starting the routes (polling)");
            long base = hub.count("submission");
            long baseRejections = hub.count("rejection");
            double rate;
            PrefetchingMailUidGenerator prefetch = null;
            if ("prefetch".equals(System.getProperty("bench.mail.experiment"))) {
                prefetch = new PrefetchingMailUidGenerator(
                        Bench.intProperty("bench.hub.hub.mail.max-messages-per-poll", 100));
                for (org.apache.camel.Endpoint e : hub.camel().getEndpoints()) {
                    if (e instanceof org.apache.camel.component.mail.MailEndpoint mail) {
                        mail.setMailUidGenerator(prefetch);
                        System.out.println("hub mail: EXPERIMENT prefetch: " + e.getEndpointBaseUri()
                                + " prefetches UID, FLAGS, ENVELOPE, size and headers per batch in one FETCH");
                    }
                }
            }
            try (StackSampler profile = StackSampler.startIfAsked("mailbox|mail-intake")) {
                System.out.println("hub mail: load average " + loadAverage());
                double hubCpu = cpuSeconds();
                ThreadCpu threadCpu = ThreadCpu.start();
                double serverCpu = server.cpuSeconds();
                long start = System.nanoTime();
                hub.camel().getRouteController().startAllRoutes();
                long deadline = start + Bench.timeLimit().toNanos();
                long lastReport = start;
                long lastDone = 0;
                long firstStoredAt = 0;
                long warmAt = warmup == 0 ? start : 0;
                long warmDone = 0;
                long done = 0;
                while (true) {
                    long now = System.nanoTime();
                    done = hub.count("submission") - base;
                    if (done > 0 && firstStoredAt == 0) {
                        firstStoredAt = now;
                    }
                    if (warmAt == 0 && done >= warmup) {
                        warmAt = now;
                        warmDone = done;
                        System.out.printf("hub mail: warm after %d mails (%.2f s); timing the next %d%n", done,
                                (now - start) / 1e9, mails - done);
                    }
                    if (done >= mails) {
                        break;
                    }
                    long rejected = hub.count("rejection") - baseRejections;
                    if (rejected > 0) {
                        throw new IllegalStateException(rejected + " mails were rejected, last: " + hub.lastRejections(3));
                    }
                    if (now >= deadline) {
                        System.out.printf("hub mail: time limit %s reached after %d of %d mails%n", Bench.timeLimit(), done, mails);
                        break;
                    }
                    if (now - lastReport > 5_000_000_000L) {
                        System.out.printf("hub mail: %d/%d stored (%.2f msg/s in the last %.0f s), heap %.0f MB used, peak %.0f MB%n",
                                done, mails, (done - lastDone) / ((now - lastReport) / 1e9), (now - lastReport) / 1e9,
                                usedHeapMb(), heap.peakMb());
                        lastReport = now;
                        lastDone = done;
                    }
                    Thread.sleep(20);
                }
                long end = System.nanoTime();
                double seconds = (end - start) / 1e9;
                rate = warmAt == 0 ? 0 : (done - warmDone) / Math.max(1e-9, (end - warmAt) / 1e9);
                System.out.printf("hub mail: %d mails stored in %.2f s from the start of polling (first stored after %.2f s);"
                                + " the %d after the warm-up in %.2f s = %.2f msg/s%n", done, seconds,
                        firstStoredAt == 0 ? Double.NaN : (firstStoredAt - start) / 1e9, done - warmDone,
                        warmAt == 0 ? Double.NaN : (end - warmAt) / 1e9, rate);
                hubCpu = cpuSeconds() - hubCpu;
                serverCpu = server.cpuSeconds() - serverCpu;
                System.out.printf("hub mail: CPU %.1f s in the hub's JVM (%.1f ms per mail), %.1f s in the mail server"
                                + " (%.1f ms per mail); together %.2f of %d cores on average; load average %s%n",
                        hubCpu, 1000 * hubCpu / Math.max(1, done), serverCpu, 1000 * serverCpu / Math.max(1, done),
                        (hubCpu + serverCpu) / seconds, Runtime.getRuntime().availableProcessors(), loadAverage());
                threadCpu.report(System.out, "hub mail: ", (int) done);
                if (profile != null) {
                    profile.report(System.out, 15);
                }
                if (prefetch != null) {
                    System.out.println("hub mail: EXPERIMENT prefetch: " + prefetch.fetches() + " batch FETCHes");
                }
            }
            System.out.printf("hub mail: attachments stored %d; hub's data on disk %.0f MB%n",
                    hub.count("attachment"), hub.diskBytes() / 1048576.0);
            System.out.printf("intake-mail: peak heap from hub start to its last commit %.0f MB used, %.0f MB live after GC%n",
                    heap.peakMb(), heap.peakAfterGcMb());
            System.out.println("intake-mail: stopping the hub");
            return rate;
        }
    }

    /** Prints what the hub left in the mailbox: folders, and INBOX's messages by flag. */
    static void describeMailbox(GreenMailProcess server) {
        java.util.Properties props = new java.util.Properties();
        props.setProperty("mail.imap.partialfetch", "false");
        jakarta.mail.Session session = jakarta.mail.Session.getInstance(props);
        try (jakarta.mail.Store store = session.getStore("imap")) {
            store.connect(server.host(), server.imapPort(), HUB_ADDRESS, HUB_ADDRESS);
            StringBuilder folders = new StringBuilder();
            for (jakarta.mail.Folder f : store.getDefaultFolder().list("*")) {
                folders.append(folders.length() == 0 ? "" : ", ").append('"').append(f.getFullName()).append('"');
            }
            jakarta.mail.Folder inbox = store.getFolder("INBOX");
            inbox.open(jakarta.mail.Folder.READ_ONLY);
            try {
                jakarta.mail.Message[] all = inbox.getMessages();
                jakarta.mail.FetchProfile fp = new jakarta.mail.FetchProfile();
                fp.add(jakarta.mail.FetchProfile.Item.FLAGS);
                inbox.fetch(all, fp);
                int seen = 0;
                int deleted = 0;
                for (jakarta.mail.Message m : all) {
                    seen += m.isSet(jakarta.mail.Flags.Flag.SEEN) ? 1 : 0;
                    deleted += m.isSet(jakarta.mail.Flags.Flag.DELETED) ? 1 : 0;
                }
                System.out.printf("hub mail: mailbox after the hub: folders [%s]; INBOX %d messages, %d \\Seen, %d \\Deleted%n",
                        folders, all.length, seen, deleted);
            } finally {
                inbox.close(false);
            }
        } catch (jakarta.mail.MessagingException e) {
            System.out.println("hub mail: could not read the mailbox after the hub: " + e);
        }
    }

    /** CPU seconds this JVM has used so far. */
    static double cpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
    }

    /** The machine's load averages (1, 5, 15 minutes) from /proc/loadavg, or "?" without it. */
    static String loadAverage() {
        try {
            String[] f = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (java.io.IOException | RuntimeException e) {
            return "?";
        }
    }

    private static double usedHeapMb() {
        return java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1048576.0;
    }

    /**
     * Delivers {@code mails} status updates over SMTP to {@link #HUB_ADDRESS}, each with its own
     * real 1 MB .pptx (a different slide title, so a different SHA-256).
     */
    static void deliverSampleMails(GreenMailProcess server, int mails, RawImapFetch raw) throws Exception {
        byte[] picture = RawImapFetch.noisePng(RawImapFetch.ATTACHMENT_BYTES, 42);
        raw.deliver(server.host(), server.smtpPort(), HUB_ADDRESS, mails, i -> RawImapFetch.buildMail(
                SENDER, HUB_ADDRESS,
                "[" + MEETING_REFERENCE + "] Lägesrapport " + (i + 1),
                "Hej! Här kommer IVO:s lägesrapport inför mötet.\n\nVänliga hälsningar\nAnna Lind, IVO\n",
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
        System.out.println("raw imap: load average " + loadAverage());
        double clientCpu = cpuSeconds();
        double serverCpu = server.cpuSeconds();
        RawImapFetch.FetchResult off = raw.fetch(server.host(), server.imapPort(), HUB_ADDRESS, HUB_ADDRESS,
                false, Integer.MAX_VALUE);
        System.out.printf("raw imap: partial fetch off: %d messages, %.1f MB in %.2f s = %.2f msg/s (%.1f MB/s)%n",
                off.messages(), off.bytes() / 1048576.0, off.seconds(), off.messagesPerSecond(), off.megabytesPerSecond());
        System.out.printf("raw imap: CPU %.1f s in the client JVM, %.1f s in the mail server (%.1f ms per mail together)%n",
                cpuSeconds() - clientCpu, server.cpuSeconds() - serverCpu,
                1000 * (cpuSeconds() - clientCpu + server.cpuSeconds() - serverCpu) / Math.max(1, off.messages()));
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
