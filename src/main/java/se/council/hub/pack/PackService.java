package se.council.hub.pack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import se.council.hub.audit.AuditLog;
import se.council.hub.config.HubProperties;
import se.council.hub.meeting.Meeting;
import se.council.hub.meeting.MeetingRepository;
import se.council.hub.meeting.MeetingService;
import se.council.hub.notice.Notices;
import se.council.hub.outbox.OutboundAttachment;
import se.council.hub.outbox.OutboundMail;
import se.council.hub.outbox.Outbox;
import se.council.hub.registry.CouncilRegistry;
import se.council.hub.store.BlobStore;

/**
 * Assembles a meeting's pack: agenda document, combined deck, PDF of the whole, manifest and the
 * originals, stored as a new version (earlier ones are kept) and mailed to the secretariat. Called
 * by the pack routes at the deadline, on demand, and when a status update arrives after a pack.
 */
@Component("packs")
public class PackService {

    private static final Logger LOG = LoggerFactory.getLogger(PackService.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    public static final String DECK = "deck.pptx";
    public static final String PDF = "meeting-pack.pdf";
    public static final String MANIFEST = "manifest.json";
    public static final String ORIGINALS = "originals.zip";
    public static final String AGENDA = "agenda.docx";

    /** A stored pack version; {@code event} is the pack.ready event for the events topic. */
    public record Assembled(long meetingId, String reference, int version, List<String> changedAgencies, String event) { }

    /** One stored file of a pack version. */
    public record StoredPackFile(String name, String mediaType, long size, String sha256) { }

    private final MeetingRepository meetings;
    private final PackContents contents;
    private final PackDocumentWriter deckWriter;
    private final PackDocumentWriter pdfWriter;
    private final BlobStore blobs;
    private final Outbox outbox;
    private final Notices notices;
    private final CouncilRegistry registry;
    private final AuditLog audit;
    private final HubProperties properties;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Map<Long, Object> locks = new ConcurrentHashMap<>();
    private final ExecutorService writers = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "pack-writer");
        t.setDaemon(true);
        return t;
    });

    public PackService(MeetingRepository meetings, PackContents contents,
                       @Qualifier("deckDocumentWriter") PackDocumentWriter deckWriter,
                       @Qualifier("pdfDocumentWriter") PackDocumentWriter pdfWriter, BlobStore blobs, Outbox outbox,
                       Notices notices, CouncilRegistry registry, AuditLog audit, HubProperties properties,
                       JdbcClient jdbc, TransactionTemplate tx, Clock clock) {
        this.meetings = meetings;
        this.contents = contents;
        this.deckWriter = deckWriter;
        this.pdfWriter = pdfWriter;
        this.blobs = blobs;
        this.outbox = outbox;
        this.notices = notices;
        this.registry = registry;
        this.audit = audit;
        this.properties = properties;
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
    }

    /**
     * Meetings whose pack is due: the deadline has passed and there is no pack yet, or the latest
     * pack lacks an accepted status update (one that arrived, or replaced another, after it).
     */
    public List<Long> due() {
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        List<Long> first = jdbc.sql("""
                SELECT m.id FROM meeting m WHERE m.state = 'SCHEDULED' AND m.submission_deadline <= ?
                AND NOT EXISTS (SELECT 1 FROM pack p WHERE p.meeting_id = m.id) ORDER BY m.id""")
                .param(now).query(Long.class).list();
        List<Long> stale = jdbc.sql("""
                SELECT DISTINCT p.meeting_id FROM pack p
                JOIN submission s ON s.meeting_id = p.meeting_id AND s.kind = 'STATUS_UPDATE' AND s.state = 'ACCEPTED'
                WHERE p.version = (SELECT MAX(q.version) FROM pack q WHERE q.meeting_id = p.meeting_id)
                AND NOT EXISTS (SELECT 1 FROM pack_submission ps WHERE ps.pack_id = p.id AND ps.submission_id = s.id)
                ORDER BY p.meeting_id""")
                .query(Long.class).list();
        return Stream.concat(first.stream(), stale.stream()).distinct().toList();
    }

    /** Why a due meeting's pack is due, for the manifest and the mail. */
    public String dueReason(long meetingId) {
        return latestVersion(meetingId).isEmpty() ? "deadline" : "late submission";
    }

    public Assembled assemble(long meetingId, String reason) {
        synchronized (locks.computeIfAbsent(meetingId, k -> new Object())) {
            Meeting meeting = meetings.find(meetingId).orElseThrow(() -> new MeetingService.MeetingNotFoundException(meetingId));
            Instant assembledAt = clock.instant();
            long started = System.nanoTime();
            PackContents.Gathered gathered = contents.gather(meeting);
            Path dir = tempDir();
            try {
                LOG.info("Pack {}: assembling ({})", meeting.reference(), reason);
                CompletableFuture<Map<String, Manifest.FileOutcome>> deck = CompletableFuture.supplyAsync(
                        () -> write(deckWriter, gathered.pack(), dir.resolve(DECK)), writers);
                CompletableFuture<Map<String, Manifest.FileOutcome>> pdf = CompletableFuture.supplyAsync(
                        () -> write(pdfWriter, gathered.pack(), dir.resolve(PDF)), writers);
                try (OutputStream out = Files.newOutputStream(dir.resolve(AGENDA))) {
                    AgendaDocument.write(gathered.pack(), out);
                }
                try (OutputStream out = Files.newOutputStream(dir.resolve(ORIGINALS))) {
                    OriginalsZip.write(gathered.pack(), out);
                }
                Map<String, Manifest.FileOutcome> outcomes = combine(deck.join(), pdf.join());
                LOG.info("Pack {}: deck and PDF written in {} ms", meeting.reference(), (System.nanoTime() - started) / 1_000_000);

                List<Manifest.PackFile> files = new ArrayList<>();
                for (String name : List.of(AGENDA, DECK, PDF, ORIGINALS)) {
                    Path file = dir.resolve(name);
                    files.add(new Manifest.PackFile(name, mediaType(name), Files.size(file), blobs.putFile(file)));
                }
                List<String> problems = new ArrayList<>();
                outcomes.forEach((sha, o) -> {
                    if (o.problem() != null) {
                        problems.add(sha + ": " + o.problem());
                    }
                });
                return store(meeting, gathered, assembledAt, reason, outcomes, files, problems);
            } catch (IOException e) {
                throw new UncheckedIOException("Pack " + meeting.reference() + " could not be written", e);
            } finally {
                deleteQuietly(dir);
            }
        }
    }

    private Assembled store(Meeting meeting, PackContents.Gathered gathered, Instant assembledAt, String reason,
                            Map<String, Manifest.FileOutcome> outcomes, List<Manifest.PackFile> files, List<String> problems) {
        return tx.execute(status -> {
            Optional<Integer> previousVersion = latestVersion(meeting.id());
            int version = previousVersion.map(v -> v + 1).orElse(1);
            JsonNode previous = previousVersion.map(v -> manifest(meeting.id(), v)).orElse(null);
            ObjectNode manifest = Manifest.build(gathered.pack(), version, assembledAt, reason,
                    gathered.submissionsByAgency(), outcomes, files, previous, problems);
            byte[] manifestBytes = manifest.toPrettyString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            String manifestSha = blobs.put(manifestBytes);

            GeneratedKeyHolder keys = new GeneratedKeyHolder();
            jdbc.sql("INSERT INTO pack (meeting_id, version, assembled_at, reason, manifest) VALUES (?, ?, ?, ?, ?)")
                    .params(meeting.id(), version, assembledAt.atOffset(ZoneOffset.UTC), reason, manifest.toString())
                    .update(keys, "id");
            long packId = keys.getKey().longValue();
            List<Manifest.PackFile> all = new ArrayList<>(files);
            all.add(new Manifest.PackFile(MANIFEST, "application/json", manifestBytes.length, manifestSha));
            for (Manifest.PackFile f : all) {
                jdbc.sql("INSERT INTO pack_file (pack_id, name, media_type, size, sha256) VALUES (?, ?, ?, ?, ?)")
                        .params(packId, f.name(), f.mediaType(), f.size(), f.sha256()).update();
            }
            for (Long submission : new LinkedHashSet<>(gathered.submissionsByAgency().values().stream().flatMap(List::stream).toList())) {
                jdbc.sql("INSERT INTO pack_submission (pack_id, submission_id) VALUES (?, ?)").params(packId, submission).update();
            }
            List<String> changed = new ArrayList<>();
            manifest.path("agencies").forEach(a -> {
                if (a.path("changed").asBoolean()) {
                    changed.add(a.path("agency").asText());
                }
            });
            mailSecretariat(meeting, version, manifest, all, changed);
            audit.record(AuditLog.Direction.OUT, "PACK", null, null, meeting.reference(),
                    "pack version " + version + " assembled (" + reason + ")" + (changed.isEmpty() ? "" : ", changed: " + changed));
            ObjectNode event = JSON.createObjectNode().put("type", "pack.ready").put("meeting", meeting.reference())
                    .put("meetingId", meeting.id()).put("version", version).put("assembledAt", assembledAt.toString())
                    .put("reason", reason);
            changed.forEach(event.putArray("changed")::add);
            event.put("manifest", "/api/meetings/" + meeting.id() + "/pack/" + version + "/" + MANIFEST);
            LOG.info("Pack {} version {} stored{}", meeting.reference(), version, changed.isEmpty() ? "" : ", changed: " + changed);
            return new Assembled(meeting.id(), meeting.reference(), version, changed, event.toString());
        });
    }

    private void mailSecretariat(Meeting meeting, int version, JsonNode manifest, List<Manifest.PackFile> files,
                                 List<String> changed) {
        CouncilRegistry.Council council = registry.council(meeting.council()).orElseThrow();
        String base = properties.pack().baseUrl() + "/api/meetings/" + meeting.id() + "/pack/" + version + "/";
        // The PDF and the deck go along while they fit in a mail (together); what does not fit is linked.
        List<OutboundAttachment> attachments = new ArrayList<>();
        Map<String, String> links = new LinkedHashMap<>();
        long room = properties.pack().maxAttachmentBytes();
        for (String name : List.of(PDF, DECK)) {
            Manifest.PackFile f = files.stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
            if (f.size() <= room) {
                attachments.add(new OutboundAttachment(meeting.reference() + "-" + name, f.mediaType(), f.sha256()));
                room -= f.size();
            } else {
                links.put(name, base + name);
            }
        }
        Notices.Text text = notices.packReady(meeting, council, version, manifest, changed, links, base);
        for (CouncilRegistry.Person p : recipients(council)) {
            outbox.enqueue(new OutboundMail("pack:" + meeting.id() + ":" + version + ":" + p.email(), OutboundMail.Kind.PACK,
                    meeting.id(), p.agencyId(), p.email(), p.name(), text.subject(), text.body(), null, null), attachments);
        }
    }

    private List<CouncilRegistry.Person> recipients(CouncilRegistry.Council council) {
        List<String> configured = properties.pack().recipients();
        if (configured != null && !configured.isEmpty()) {
            return configured.stream().map(e -> registry.person(e)
                    .orElse(new CouncilRegistry.Person(e, e, "secretariat", council.secretariat()))).toList();
        }
        List<CouncilRegistry.Person> people = registry.agency(council.secretariat()).orElseThrow().people();
        List<CouncilRegistry.Person> secretariat = people.stream().filter(p -> "secretariat".equals(p.role())).toList();
        return secretariat.isEmpty() ? people : secretariat;
    }

    /** Records a failed assembly where the secretariat can see it; the next check tries again. */
    public void failed(Long meetingId, Exception error) {
        LOG.error("Pack for meeting {} could not be assembled; the next check tries again", meetingId, error);
        String reference = meetingId == null ? null : meetings.find(meetingId).map(Meeting::reference).orElse(null);
        audit.record(AuditLog.Direction.OUT, "PACK", null, null, reference, "pack assembly failed: " + error);
    }

    public Optional<Integer> latestVersion(long meetingId) {
        return jdbc.sql("SELECT MAX(version) FROM pack WHERE meeting_id = ?").param(meetingId)
                .query((rs, n) -> (Integer) rs.getObject(1, Integer.class)).optional().filter(java.util.Objects::nonNull);
    }

    public JsonNode manifest(long meetingId, int version) {
        String text = jdbc.sql("SELECT manifest FROM pack WHERE meeting_id = ? AND version = ?").params(meetingId, version)
                .query(String.class).single();
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Optional<StoredPackFile> file(long meetingId, int version, String name) {
        return jdbc.sql("""
                SELECT f.name, f.media_type, f.size, f.sha256 FROM pack_file f JOIN pack p ON p.id = f.pack_id
                WHERE p.meeting_id = ? AND p.version = ? AND f.name = ?""")
                .params(meetingId, version, name)
                .query((rs, n) -> new StoredPackFile(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4)))
                .optional();
    }

    private static Map<String, Manifest.FileOutcome> write(PackDocumentWriter writer, PackModel.Pack pack, Path target) {
        try (OutputStream out = Files.newOutputStream(target)) {
            return writer.write(pack, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Slides come from the deck; a problem from either writer is kept. */
    private static Map<String, Manifest.FileOutcome> combine(Map<String, Manifest.FileOutcome> deck,
                                                            Map<String, Manifest.FileOutcome> pdf) {
        Map<String, Manifest.FileOutcome> all = new HashMap<>(pdf);
        deck.forEach((sha, o) -> {
            Manifest.FileOutcome other = pdf.get(sha);
            String problem = o.problem() != null ? o.problem() : other == null ? null : other.problem();
            all.put(sha, new Manifest.FileOutcome(o.slides(), problem));
        });
        return all;
    }

    static String mediaType(String name) {
        return switch (name) {
            case DECK -> "application/vnd.openxmlformats-officedocument.presentationml.presentation";
            case PDF -> "application/pdf";
            case AGENDA -> "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
            case ORIGINALS -> "application/zip";
            case MANIFEST -> "application/json";
            default -> "application/octet-stream";
        };
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("council-pack");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.warn("Temporary pack directory {} not removed: {}", dir, e.toString());
        }
    }
}
