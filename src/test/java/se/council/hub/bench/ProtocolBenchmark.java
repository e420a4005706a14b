package se.council.hub.bench;

import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.springframework.jdbc.core.simple.JdbcClient;
import se.council.hub.agenda.AgendaItem;
import se.council.hub.agenda.AgendaService;
import se.council.hub.attendance.Presence;
import se.council.hub.intake.mail.MailIntake;
import se.council.hub.intake.mail.MailKind;
import se.council.hub.intake.mail.MailParser;
import se.council.hub.intake.mail.Mailbox;
import se.council.hub.intake.mail.ReadMail;
import se.council.hub.meeting.Meeting;
import se.council.hub.meeting.MeetingService;
import se.council.hub.protocol.AdjustmentIntake;
import se.council.hub.protocol.PresenceStore;
import se.council.hub.protocol.ProtocolRound;
import se.council.hub.protocol.ProtocolStore;
import se.council.hub.registry.CouncilRegistry;
import se.council.hub.store.BlobStore;

/**
 * {@code bench/run protocol}: a meeting of 40 participants from NRP's 15 member agencies with 10
 * agenda items and every agency's status text. The hub drafts the protocol (DOCX and PDF) a few
 * times (timed, for information) and sends the round; then the same 500 adjustment replies
 * (approvals under quoted text, corrections in text, one in ten with an edited DOCX) go through the
 * hub's mail intake steps as the route intake-mail calls them (store raw and record, parse,
 * detect the kind, match the round, verify, record the answer and queue the receipt, commit),
 * against plain parsing of the same mails with MailParser, one thread each. Figures in mails/s.
 *
 * <p>Settings: {@code bench.protocol.replies} (500), {@code bench.protocol.drafts} (5).
 */
public final class ProtocolBenchmark implements Benchmark {

    private static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    @Override
    public String name() {
        return "protocol";
    }

    @Override
    public String description() {
        return "adjustment replies through the hub's intake vs MailParser alone (40 participants, 10 items)";
    }

    @Override
    public Result run() throws Exception {
        int replies = Math.max(1, Bench.intProperty("bench.protocol.replies", 500));
        int drafts = Math.max(1, Bench.intProperty("bench.protocol.drafts", 5));
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("hub.protocol.tick", "3600000");
        settings.put("hub.pack.check", "3600000");
        settings.put("hub.pack.warm-up", "false");
        settings.put("hub.mail.max-replies-per-hour", "100000");
        try (BenchHub hub = BenchHub.start(name(), settings)) {
            long meetingId = meeting(hub);
            ProtocolRound round = hub.bean(ProtocolRound.class);

            // Drafts: DOCX and PDF written from the meeting; the first includes the writers' JIT warm-up.
            List<Double> draftSeconds = new ArrayList<>();
            for (int i = 0; i < drafts; i++) {
                long t0 = System.nanoTime();
                round.draft(meetingId, "3.5-1/2026", i > 0);
                draftSeconds.add((System.nanoTime() - t0) / 1e9);
            }
            List<Double> warm = draftSeconds.size() > 1 ? draftSeconds.subList(1, draftSeconds.size()) : draftSeconds;
            double warmMean = warm.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            System.out.printf("protocol: draft (DOCX + PDF, %d versions): first %.3f s, then %.3f s each = %.2f drafts/s%n",
                    drafts, draftSeconds.get(0), warmMean, 1 / warmMean);
            ProtocolStore.Version sent = round.send(meetingId);
            ProtocolStore store = hub.bean(ProtocolStore.class);
            BlobStore blobs = hub.bean(BlobStore.class);
            byte[] sentDocx = blobs.get(sent.docxSha256());
            List<ProtocolStore.Adjuster> adjusters = store.adjusters(sent.id());
            JdbcClient jdbc = hub.bean(JdbcClient.class);
            Map<String, String> messageIds = new LinkedHashMap<>();
            jdbc.sql("SELECT email, message_id FROM protocol_message WHERE protocol_id = ?").param(sent.id())
                    .query((rs, n) -> messageIds.put(rs.getString(1), rs.getString(2))).list();
            System.out.printf("protocol: version %d sent to %d adjusters%n", sent.version(), adjusters.size());

            byte[] edited = edit(sentDocx);
            int warmUp = Math.min(50, replies);
            List<byte[]> warmMails = mails(adjusters, messageIds, warmUp, edited, "w");
            List<byte[]> mails = mails(adjusters, messageIds, replies, edited, "m");
            long bytes = mails.stream().mapToLong(m -> m.length).sum();
            System.out.printf("protocol: %d replies (%d with an edited DOCX), %.1f MB%n", replies,
                    (replies + 9) / 10, bytes / 1e6);

            MailIntake intake = hub.bean(MailIntake.class);
            AdjustmentIntake adjustments = hub.bean(AdjustmentIntake.class);
            process(intake, adjustments, warmMails, 0);
            long t0 = System.nanoTime();
            int recorded;
            // -Dbench.profile=true samples the benchmark's own thread, which runs the intake steps.
            try (StackSampler profile = StackSampler.startIfAsked("^main$")) {
                recorded = process(intake, adjustments, mails, warmUp);
                if (profile != null) {
                    profile.report(System.out, 15);
                }
            }
            double hubSeconds = (System.nanoTime() - t0) / 1e9;
            double hubRate = replies / hubSeconds;
            System.out.printf("protocol: hub: %d replies in %.2f s = %.1f mails/s (%d recorded as answers)%n",
                    replies, hubSeconds, hubRate, recorded);
            if (recorded != replies) {
                throw new IllegalStateException("only " + recorded + " of " + replies + " replies were recorded as answers");
            }

            // Raw: MailParser alone over the same mails, repeated until at least 2 s have passed.
            MailParser parser = new MailParser();
            warmMails.forEach(parser::parse);
            long r0 = System.nanoTime();
            long parsed = 0;
            do {
                for (byte[] m : mails) {
                    parser.parse(m);
                }
                parsed += mails.size();
            } while (System.nanoTime() - r0 < 2_000_000_000L);
            double rawRate = parsed / ((System.nanoTime() - r0) / 1e9);
            System.out.printf("protocol: raw: MailParser.parse %d mails = %.1f mails/s%n", parsed, rawRate);
            return new Result(hubRate, rawRate, "mails/s");
        }
    }

    /** The route intake-mail's steps for each mail, in order; returns how many became answers. */
    private static int process(MailIntake intake, AdjustmentIntake adjustments, List<byte[]> mails, int uidBase) throws Exception {
        int recorded = 0;
        long store = 0;
        long read = 0;
        long answer = 0;
        for (int i = 0; i < mails.size(); i++) {
            byte[] raw = mails.get(i);
            long t0 = System.nanoTime();
            MailIntake.InboundMail stored = intake.store(new Mailbox.FetchedMail(uidBase + i + 1, Instant.now(), raw.length, raw, false));
            long t1 = System.nanoTime();
            ReadMail mail = intake.read(stored);
            long t2 = System.nanoTime();
            if (mail.kind() != MailKind.ADJUSTMENT_REPLY) {
                throw new IllegalStateException("reply " + i + " was read as " + mail.kind());
            }
            String outcome = adjustments.process(mail);
            long t3 = System.nanoTime();
            store += t1 - t0;
            read += t2 - t1;
            answer += t3 - t2;
            if (outcome.startsWith("APPROVED") || outcome.startsWith("CORRECTIONS")) {
                recorded++;
            }
        }
        System.out.printf("protocol:   per mail: store and record %.2f ms, parse and detect %.2f ms, match, verify, record and receipt %.2f ms%n",
                store / 1e6 / mails.size(), read / 1e6 / mails.size(), answer / 1e6 / mails.size());
        return recorded;
    }

    private static long meeting(BenchHub hub) {
        MeetingService meetings = hub.bean(MeetingService.class);
        CouncilRegistry registry = hub.bean(CouncilRegistry.class);
        AgendaService agenda = hub.bean(AgendaService.class);
        JdbcClient jdbc = hub.bean(JdbcClient.class);
        Meeting m = meetings.create(new MeetingService.NewMeeting("NRP", LocalDate.now(MeetingService.STOCKHOLM).plusDays(30),
                LocalTime.of(9, 0), LocalTime.of(16, 0), Meeting.Format.PHYSICAL, "Socialstyrelsen, Stockholm", null, null, null));
        // A meeting a month ahead: no call, no pack falls due while the benchmark runs (the protocol does not mind).
        String slides = hub.bean(BlobStore.class).put("bench slides".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        // Ten items: the standard ones with six proposals between, each with a decision text.
        List<AgendaItem> seeded = agenda.agenda(m.id());
        List<AgendaService.AgendaLine> lines = new ArrayList<>();
        String decision = "Följande framkom bland annat under diskussionen: behovet av samordnade insatser, uppföljning "
                + "av handlingsplanen och en gemensam kommunikation inför den nationella patientsäkerhetsdagen. ";
        for (int i = 0; i < seeded.size(); i++) {
            AgendaItem s = seeded.get(i);
            lines.add(new AgendaService.AgendaLine(s.id(), null, null, null, null, decision));
            if (i == 1) {
                for (int p = 1; p <= 10 - seeded.size(); p++) {
                    lines.add(new AgendaService.AgendaLine(null, "Ärende " + p + ": uppdatering av handlingsplanen, del " + p,
                            "Föredragande " + p, null, null, decision.repeat(2)));
                }
            }
        }
        agenda.replace(m.id(), lines);
        // Every member agency's status text (as the intake stores it), every third with slides.
        int n = 0;
        for (CouncilRegistry.Agency a : registry.members("NRP")) {
            n++;
            jdbc.sql("""
                    INSERT INTO inbound_message (channel, content_key, size, received_at, state, attempts)
                    VALUES ('MAIL', ?, 100, ?, 'PROCESSED', 0)""").params("bench-status-" + a.id(),
                    java.time.OffsetDateTime.now()).update();
            long inbound = jdbc.sql("SELECT id FROM inbound_message WHERE content_key = ?").param("bench-status-" + a.id())
                    .query(Long.class).single();
            jdbc.sql("""
                    INSERT INTO submission (meeting_id, agency_id, kind, channel, inbound_id, received_at, sender, verification,
                        text, state) VALUES (?, ?, 'STATUS_UPDATE', 'MAIL', ?, ?, ?, 'bench', ?, 'ACCEPTED')""")
                    .params(m.id(), a.id(), inbound, java.time.OffsetDateTime.now(), "bench@" + a.domains().get(0),
                            a.abbreviation() + " arbetar med flera regeringsuppdrag kopplade till patientsäkerhet, uppföljning och "
                                    + "kunskapsstöd. Arbetet sker i samverkan med rådets övriga aktörer.").update();
            if (n % 3 == 0) {
                long sub = jdbc.sql("SELECT id FROM submission WHERE inbound_id = ?").param(inbound).query(Long.class).single();
                jdbc.sql("INSERT INTO attachment (submission_id, position, name, media_type, size, sha256) VALUES (?, 0, ?, ?, 1, ?)")
                        .params(sub, a.id() + ".pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation",
                                slides).update();
            }
        }
        // 40 participants: each member agency's registered people, then invented colleagues at their domains.
        List<PresenceStore.PersonPresence> people = new ArrayList<>();
        for (CouncilRegistry.Agency a : registry.members("NRP")) {
            a.people().forEach(p -> people.add(new PresenceStore.PersonPresence(p.email(), p.name(), Presence.PRESENT, null)));
        }
        List<CouncilRegistry.Agency> members = registry.members("NRP");
        for (int i = 0; people.size() < 40; i++) {
            CouncilRegistry.Agency a = members.get(i % members.size());
            people.add(new PresenceStore.PersonPresence("deltagare" + i + "@" + a.domains().get(0), "Deltagare " + i + " " + a.abbreviation(),
                    i % 7 == 6 ? Presence.PARTLY_PRESENT : Presence.PRESENT, i % 7 == 6 ? "under punkt 3" : null));
        }
        hub.bean(PresenceStore.class).record(m.id(), people, List.of(
                new PresenceStore.Guest("Eva Gästsson", "Uppsala universitet", null, Presence.PRESENT, "under punkt tre")));
        return m.id();
    }

    /** Replies as mail clients write them: approvals above quoted text, corrections, every tenth with the edited DOCX. */
    private static List<byte[]> mails(List<ProtocolStore.Adjuster> adjusters, Map<String, String> messageIds, int count,
                                      byte[] edited, String tag) throws Exception {
        List<byte[]> out = new ArrayList<>();
        Session session = Session.getInstance(new Properties());
        for (int i = 0; i < count; i++) {
            ProtocolStore.Adjuster a = adjusters.get(i % adjusters.size());
            String answered = messageIds.get(a.email());
            String id = "<bench-" + tag + "-" + i + "@" + a.email().substring(a.email().indexOf('@') + 1) + ">";
            MimeMessage m = new MimeMessage(session) {
                @Override
                protected void updateMessageID() throws jakarta.mail.MessagingException {
                    setHeader("Message-ID", id);
                }
            };
            m.setFrom(new InternetAddress(a.email(), a.name(), "UTF-8"));
            m.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress("hub@council.example"));
            m.setSubject("SV: [NRP-bench justering] Protokoll för justering", "UTF-8");
            m.setSentDate(new Date());
            m.setHeader("In-Reply-To", answered);
            m.setHeader("References", answered);
            m.setHeader("Authentication-Results", "mx.council.example; dkim=pass header.d=" + a.email().substring(a.email().indexOf('@') + 1)
                    + "; spf=pass; dmarc=pass");
            String quoted = "\n\nDen 1 dec. 2026 kl. 10:00 skrev Rådssekretariatet <hub@council.example>:\n"
                    + "> Hej!\n> För att godkänna: svara på detta brev med \"Godkänd\" (eller \"Approved\") på första raden.\n"
                    + "> Godkänd\n".repeat(3);
            String text = switch (i % 4) {
                case 0, 1 -> "Godkänd\n\nMed vänliga hälsningar\n" + a.name() + quoted;
                case 2 -> "Punkt " + (1 + i % 10) + ": ändra \"regeringsuppdrag\" till \"regeringsuppdrag (RU)\".\n" + a.name() + quoted;
                default -> "Approved.\n" + a.name() + quoted;
            };
            if (i % 10 == 9) {
                MimeMultipart mixed = new MimeMultipart("mixed");
                MimeBodyPart body = new MimeBodyPart();
                body.setText("Se bifogad fil med mina ändringar.\n" + quoted, "UTF-8");
                mixed.addBodyPart(body);
                MimeBodyPart file = new MimeBodyPart();
                file.setDataHandler(new jakarta.activation.DataHandler(new ByteArrayDataSource(edited, DOCX)));
                file.setFileName("protokoll-" + i + ".docx");
                file.setDisposition(MimeBodyPart.ATTACHMENT);
                mixed.addBodyPart(file);
                m.setContent(mixed);
            } else {
                m.setText(text, "UTF-8");
            }
            m.saveChanges();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            m.writeTo(bytes);
            out.add(bytes.toByteArray());
        }
        return out;
    }

    /** The sent DOCX with the first decision text changed, as an adjuster edits it. */
    private static byte[] edit(byte[] docx) throws Exception {
        try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(docx)); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (XWPFTable t : doc.getTables()) {
                for (XWPFTableRow r : t.getRows()) {
                    for (XWPFTableCell c : r.getTableCells()) {
                        for (XWPFParagraph p : c.getParagraphs()) {
                            if (p.getText().startsWith("Följande framkom") && !p.getRuns().isEmpty()) {
                                p.getRuns().get(0).setText("Följande framkom under diskussionen (justerat): ", 0);
                                doc.write(out);
                                return out.toByteArray();
                            }
                        }
                    }
                }
            }
            throw new IllegalStateException("no decision paragraph in the protocol");
        }
    }
}
