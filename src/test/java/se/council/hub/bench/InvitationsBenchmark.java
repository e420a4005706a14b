package se.council.hub.bench;

import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import se.council.hub.meeting.MeetingRepository;
import se.council.hub.outbox.Outbox;

/**
 * {@code bench/run invitations}: 300 participants × 10 meetings.
 *
 * <p><b>Hub</b>: a hub started in this JVM ({@link BenchHub}) with a registry whose council NRP has
 * {@code bench.invitations.participants} people (config/council.yml plus agencies {@code bench-16} …
 * of 20 people each). For each of {@code bench.invitations.meetings} meetings
 * {@code POST /api/meetings/{id}/invitations} builds the calendar object, the attendee rows and one
 * iMIP mail per participant in the outbox; the outbox route composes and hands each to SMTP. The
 * figure is invitations handed to SMTP per second, from the first POST until the SMTP server has
 * taken the last one (after {@code bench.invitations.warmup} warm-up meetings, default 15, that are
 * not counted).
 *
 * <p><b>Raw</b>: the very same messages (composed by the hub's outbox beforehand, outside the timing,
 * and forced to disk) submitted over plain SMTP with JavaMail: once with one connection per message, as
 * {@code Transport.send} does, and twice all over one kept connection, as the hub's outbox sends a run
 * of mails. The fastest of the three is the raw limit the hub is compared with.
 *
 * <p>Both send to a sink SMTP server on 127.0.0.1 that counts what it takes and keeps nothing.
 * Afterwards the replies half (see {@link #replies}) prints replies parsed and recorded per second,
 * for information; the result line is the sending half's.
 */
final class InvitationsBenchmark implements Benchmark {

    private static final String COUNCIL = "NRP";

    @Override
    public String name() {
        return "invitations";
    }

    @Override
    public String description() {
        return "300 participants x 10 meetings: invitations built and handed to SMTP per second, hub vs plain SMTP submission";
    }

    @Override
    public Result run() throws Exception {
        int participants = Bench.intProperty("bench.invitations.participants", 300);
        int meetings = Bench.intProperty("bench.invitations.meetings", 10);
        Path work = Path.of(System.getProperty("bench.invitations.dir", "target/invitations-bench")).toAbsolutePath();
        Files.createDirectories(work);
        int people = writeRegistry(work.resolve("council.yml"), participants);
        System.out.printf("invitations: registry with %d participants in %s (plus the secretariat's people)%n", people, COUNCIL);

        try (SinkSmtpServer sink = new SinkSmtpServer()) {
            Map<String, String> settings = new LinkedHashMap<>();
            settings.put("hub.registry.file", work.resolve("council.yml").toString());
            settings.put("hub.mail.smtp-host", "127.0.0.1");
            settings.put("hub.mail.smtp-port", Integer.toString(sink.port()));
            settings.put("hub.outbox.delay", "100");
            // Nothing but the invitations: no call for contributions, no automatic invitation.
            settings.put("hub.cycle.call-days-before", "0");
            settings.put("hub.cycle.invite-days-before", "0");
            // Replies are recorded, never rate-limited as answers to one address.
            settings.put("hub.mail.max-replies-per-hour", "100000");
            double hubRate;
            double buildRate;
            List<Path> files = new ArrayList<>();
            try (BenchHub hub = BenchHub.start(name(), settings)) {
                LocalDate first = LocalDate.now(ZoneId.of("Europe/Stockholm")).plusDays(60);
                List<Long> ids = new ArrayList<>();
                // Both halves are measured warm, as a long-running hub is: the warm-up meetings' invitations are
                // built and sent first, not counted (in a cold JVM the JIT compilers took 8 s of CPU inside a 7 s
                // window on 2 cores); the raw half runs later in the same JVM, over JavaMail already compiled.
                int warmup = Bench.intProperty("bench.invitations.warmup", 15);
                for (int i = 0; i < warmup + meetings; i++) {
                    String reference = hub.createMeeting(first.plusDays(i));
                    ids.add(hub.bean(MeetingRepository.class).findByReference(reference).orElseThrow().id());
                }
                long t = System.nanoTime();
                int warmed = 0;
                for (Long id : ids.subList(0, warmup)) {
                    warmed += post(hub, id);
                    awaitSent(hub, sink, warmed);
                }
                System.out.printf("invitations: warm-up: %d meetings, %d invitations built and sent in %.1f s (not counted)%n",
                        warmup, warmed, (System.nanoTime() - t) / 1e9);
                List<Long> measured = ids.subList(warmup, ids.size());
                Bench.awaitQuietJit("invitations: ");

                long before = sink.messages();
                long t0 = System.nanoTime();
                int total = 0;
                double built;
                double seconds;
                ThreadCpu threadCpu = ThreadCpu.start();
                System.out.println("invitations: window from " + java.time.Instant.now());
                try (StackSampler profile = StackSampler.startIfAsked("outbox-sender|timer://outbox|http-nio.*exec")) {
                    for (Long id : measured) {
                        total += post(hub, id);
                    }
                    built = (System.nanoTime() - t0) / 1e9;
                    awaitSent(hub, sink, before + total);
                    seconds = (System.nanoTime() - t0) / 1e9;
                    System.out.println("invitations: window to " + java.time.Instant.now());
                    threadCpu.report(System.out, "invitations: hub: ", total);
                    if (profile != null) {
                        profile.report(System.out, 14);
                    }
                }
                hubRate = total / seconds;
                buildRate = total / built;
                System.out.printf("invitations: hub: %d invitations (%d meetings × %d) built in %.2f s (%.0f/s), "
                        + "all handed to SMTP after %.2f s; %.1f MB taken by the server%n", total, meetings, total / meetings,
                        built, buildRate, seconds, (sink.bytes()) / 1e6);

                replies(hub, measured.get(0));

                // The same messages, composed by the hub's outbox, written out for the raw half.
                Outbox outbox = hub.bean(Outbox.class);
                Path dir = Files.createDirectories(work.resolve("mails"));
                try (Connection c = hub.dataSource().getConnection();
                     PreparedStatement s = c.prepareStatement(
                             "SELECT id FROM outbound_mail WHERE kind = 'INVITATION' AND meeting_id >= ? ORDER BY id")) {
                    s.setLong(1, measured.get(0));
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            Path file = dir.resolve(rs.getLong(1) + ".eml");
                            try (var channel = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.CREATE,
                                    java.nio.file.StandardOpenOption.WRITE, java.nio.file.StandardOpenOption.TRUNCATE_EXISTING)) {
                                OutputStream out = new BufferedOutputStream(java.nio.channels.Channels.newOutputStream(channel), 65536);
                                outbox.compose(rs.getLong(1)).writeTo(out);
                                out.flush();
                                // On disk before the raw half is timed: no write-back of 420 MB competes with it.
                                channel.force(true);
                            }
                            files.add(file);
                        }
                    }
                }
            }

            // The same client settings as the hub's SMTP step: TCP_NODELAY (see SmtpClientConfiguration).
            Properties client = new Properties();
            client.put("mail.smtp.socketFactory", new se.council.hub.outbox.SmtpClientConfiguration.NoDelaySocketFactory());
            Session session = Session.getInstance(client);
            long before = sink.messages();
            long t0 = System.nanoTime();
            for (Path file : files) {
                MimeMessage message = new MimeMessage(session, new ByteArrayInputStream(Files.readAllBytes(file)));
                try (Transport transport = session.getTransport("smtp")) {
                    transport.connect("127.0.0.1", sink.port(), null, null);
                    transport.sendMessage(message, message.getAllRecipients());
                }
            }
            double rawSeconds = (System.nanoTime() - t0) / 1e9;
            if (sink.messages() - before != files.size()) {
                throw new IllegalStateException("raw: the server took " + (sink.messages() - before) + " of " + files.size());
            }
            double perMessageRate = files.size() / rawSeconds;
            System.out.printf("invitations: raw: %d of the same messages submitted over SMTP, one connection each, in %.2f s = %.1f /s%n",
                    files.size(), rawSeconds, perMessageRate);
            // The raw limit: the same messages over one kept connection, as the hub's outbox sends a run of
            // mails; measured twice, the faster counts.
            double keptRate = 0;
            for (int round = 1; round <= 2; round++) {
                before = sink.messages();
                t0 = System.nanoTime();
                try (Transport transport = session.getTransport("smtp")) {
                    transport.connect("127.0.0.1", sink.port(), null, null);
                    for (Path file : files) {
                        MimeMessage message = new MimeMessage(session, new ByteArrayInputStream(Files.readAllBytes(file)));
                        transport.sendMessage(message, message.getAllRecipients());
                    }
                }
                double keptSeconds = (System.nanoTime() - t0) / 1e9;
                if (sink.messages() - before != files.size()) {
                    throw new IllegalStateException("raw: the server took " + (sink.messages() - before) + " of " + files.size());
                }
                keptRate = Math.max(keptRate, files.size() / keptSeconds);
                System.out.printf("invitations: raw: the same %d over one connection in %.2f s = %.1f /s (round %d)%n",
                        files.size(), keptSeconds, files.size() / keptSeconds, round);
            }
            double rawRate = Math.max(perMessageRate, keptRate);
            System.out.printf("invitations: raw limit = the faster of the two, %.1f /s%n", rawRate);
            System.out.println("invitations: unit invitations/s (handed to SMTP)");
            return new Result(hubRate, rawRate, "invitations/s");
        }
    }

    /**
     * Replies: one ACCEPTED/DECLINED/TENTATIVE REPLY per invited person and measured meeting, as a
     * calendar client sends it (text/calendar; method=REPLY), through the hub's mail intake steps as
     * the route intake-mail calls them (store raw and record, parse, detect the kind, then RsvpIntake:
     * match UID and attendee, verify the sender, record the answer, commit), against parsing the same
     * mails with MailParser and CalendarReplyReader alone. Printed for information; the result line is
     * the sending half's.
     */
    private static void replies(BenchHub hub, long firstMeasured) throws Exception {
        List<byte[]> mails = new ArrayList<>();
        String[] answers = {"ACCEPTED", "DECLINED", "TENTATIVE"};
        try (Connection c = hub.dataSource().getConnection();
             PreparedStatement s = c.prepareStatement("""
                     SELECT i.uid, i.sequence, a.email, a.name FROM attendee a JOIN invitation i ON i.meeting_id = a.meeting_id
                     WHERE a.invited = TRUE AND a.meeting_id >= ? ORDER BY a.meeting_id, a.email""")) {
            s.setLong(1, firstMeasured);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    int n = mails.size();
                    String ics = "BEGIN:VCALENDAR\r\nPRODID:-//Bench//Calendar 1.0//EN\r\nVERSION:2.0\r\nMETHOD:REPLY\r\n"
                            + "BEGIN:VEVENT\r\nUID:" + rs.getString(1) + "\r\nSEQUENCE:" + rs.getInt(2) + "\r\n"
                            + "DTSTAMP:20261201T100000Z\r\nDTSTART:20270101T080000Z\r\nSUMMARY:Rådets möte\r\n"
                            + "ORGANIZER:mailto:hub@council.example\r\nATTENDEE;PARTSTAT=" + answers[n % 3] + ";CN=\""
                            + rs.getString(4) + "\":mailto:" + rs.getString(3) + "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
                    String mail = "From: <" + rs.getString(3) + ">\r\nTo: hub@council.example\r\nSubject: Svar: Inbjudan\r\n"
                            + "Message-ID: <reply-" + n + "@bench.example>\r\nDate: Tue, 1 Dec 2026 11:00:00 +0100\r\n"
                            + "MIME-Version: 1.0\r\nContent-Type: text/calendar; method=REPLY; charset=UTF-8\r\n"
                            + "Content-Transfer-Encoding: 8bit\r\n\r\n" + ics;
                    mails.add(mail.getBytes(StandardCharsets.UTF_8));
                }
            }
        }
        se.council.hub.intake.mail.MailIntake intake = hub.bean(se.council.hub.intake.mail.MailIntake.class);
        se.council.hub.invitation.RsvpIntake rsvp = hub.bean(se.council.hub.invitation.RsvpIntake.class);
        long t0 = System.nanoTime();
        int recorded = 0;
        for (int i = 0; i < mails.size(); i++) {
            byte[] raw = mails.get(i);
            se.council.hub.intake.mail.MailIntake.InboundMail stored = intake.store(
                    new se.council.hub.intake.mail.Mailbox.FetchedMail(i + 1, java.time.Instant.now(), raw.length, raw, false));
            se.council.hub.intake.mail.ReadMail read = intake.read(stored);
            if (read.kind() != se.council.hub.intake.mail.MailKind.RSVP) {
                throw new IllegalStateException("reply " + i + " was read as " + read.kind());
            }
            if (rsvp.process(read).event() != null) {
                recorded++;
            }
        }
        double hubSeconds = (System.nanoTime() - t0) / 1e9;
        if (recorded != mails.size()) {
            throw new IllegalStateException("only " + recorded + " of " + mails.size() + " replies were recorded");
        }
        se.council.hub.intake.mail.MailParser parser = new se.council.hub.intake.mail.MailParser();
        se.council.hub.invitation.CalendarReplyReader reader = new se.council.hub.invitation.CalendarReplyReader();
        long r0 = System.nanoTime();
        long parsed = 0;
        do {
            for (byte[] m : mails) {
                reader.read(new String(m, StandardCharsets.UTF_8).substring(new String(m, StandardCharsets.UTF_8).indexOf("BEGIN:VCALENDAR")));
                parser.parse(m);
            }
            parsed += mails.size();
        } while (System.nanoTime() - r0 < 2_000_000_000L);
        double rawRate = parsed / ((System.nanoTime() - r0) / 1e9);
        double hubRate = mails.size() / hubSeconds;
        System.out.printf("invitations: replies: hub %d parsed and recorded in %.2f s = %.1f replies/s; raw (MailParser and "
                + "CalendarReplyReader alone) %.1f replies/s; ratio %.3f%n", mails.size(), hubSeconds, hubRate, rawRate,
                hubRate / rawRate);
    }

    /** POST …/invitations; returns how many REQUESTs it enqueued. */
    private static int post(BenchHub hub, long meetingId) throws IOException, InterruptedException {
        String auth = Base64.getEncoder().encodeToString(("secretariat:" + BenchHub.SECRETARIAT_PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.httpPort()
                        + "/api/meetings/" + meetingId + "/invitations"))
                .header("Authorization", "Basic " + auth).POST(HttpRequest.BodyPublishers.noBody()).build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("POST invitations answered " + response.statusCode() + ": " + response.body());
        }
        String body = response.body();
        int start = body.indexOf("\"requested\":[");
        int end = body.indexOf(']', start);
        String list = body.substring(start + 13, end);
        return list.isBlank() ? 0 : list.split(",").length;
    }

    private static void awaitSent(BenchHub hub, SinkSmtpServer sink, long messages) throws Exception {
        long deadline = System.nanoTime() + Bench.intProperty("bench.maxSeconds", 600) * 1_000_000_000L;
        while (sink.messages() < messages || hub.countWhere("outbound_mail", "state = 'PENDING'") > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not all sent in time: " + sink.messages() + " of " + messages);
            }
            Thread.sleep(20);
        }
    }

    /**
     * config/council.yml with agencies bench-16 … (20 people each) added to NRP until the council's
     * people number {@code participants}; returns the number of NRP's people.
     */
    @SuppressWarnings("unchecked")
    static int writeRegistry(Path target, int participants) throws IOException {
        Map<String, Object> root;
        try (Reader in = Files.newBufferedReader(Path.of("config", "council.yml"), StandardCharsets.UTF_8)) {
            root = new Yaml().load(in);
        }
        List<Map<String, Object>> all = (List<Map<String, Object>>) root.get("agencies");
        Map<String, Object> council = ((List<Map<String, Object>>) root.get("councils")).stream()
                .filter(c -> COUNCIL.equals(c.get("code"))).findFirst().orElseThrow();
        List<String> members = new ArrayList<>((List<String>) council.get("members"));
        int people = 0;
        for (Map<String, Object> a : all) {
            if (members.contains(a.get("id"))) {
                people += ((List<?>) a.get("people")).size();
            }
        }
        for (int n = 16; people < participants; n++) {
            String id = "bench-" + n;
            List<Map<String, Object>> persons = new ArrayList<>();
            for (int p = 1; p <= 20 && people < participants; p++, people++) {
                persons.add(Map.of("name", "Åsa Öberg-Ström " + n + "-" + p, "email", "person" + p + "@" + id + ".example",
                        "role", p == 2 ? "deputy" : "representative"));
            }
            Map<String, Object> agency = new LinkedHashMap<>();
            agency.put("id", id);
            agency.put("name", "Myndighet nummer " + n);
            agency.put("abbreviation", "M" + n);
            agency.put("domains", List.of(id + ".example"));
            agency.put("people", persons);
            all.add(agency);
            members.add(id);
        }
        council.put("members", members);
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        try (Writer out = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
            new Yaml(options).dump(root, out);
        }
        return people;
    }
}
