package se.council.hub.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
import se.council.hub.protocol.ProtocolStore.AdjusterState;
import se.council.hub.protocol.ProtocolStore.State;
import se.council.hub.protocol.ProtocolStore.Version;
import se.council.hub.protocol.document.ProtocolDocument;
import se.council.hub.protocol.document.ProtocolReader;
import se.council.hub.protocol.document.ProtocolWriter;
import se.council.hub.registry.CouncilRegistry;
import se.council.hub.store.BlobStore;

/**
 * The protocol's life: versions (drafted from the meeting, item texts put by the secretariat, an
 * edited DOCX uploaded), the adjustment round (mails with PDF, DOCX and a personal link), answers
 * (approvals and corrections, by mail or on the page), reminders, the corrections digest, and the
 * completion by the council's rule, which makes the final, locked protocol.
 */
@Component("protocolRound")
public class ProtocolRound {

    private static final Logger LOG = LoggerFactory.getLogger(ProtocolRound.class);
    static final ObjectMapper JSON = JsonMapper.builder().findAndAddModules().build();
    public static final String DOCX = "protocol.docx";
    public static final String PDF = "protocol.pdf";
    static final String ALL_APPROVED = "ALL_APPROVED";
    static final String DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    private final ProtocolStore store;
    private final ProtocolService drafts;
    private final MeetingRepository meetings;
    private final CouncilRegistry registry;
    private final BlobStore blobs;
    private final Outbox outbox;
    private final ProtocolTexts texts;
    private final AdjustmentLinks links;
    private final AuditLog audit;
    private final HubProperties properties;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final DocxScreening screening;
    private final ProtocolCompletion completion;
    private final ProtocolWriter writer = new ProtocolWriter();
    private final ProtocolReader reader = new ProtocolReader();
    /** The read-back of the DOCX sent for a version, by its SHA-256: every edited DOCX of the round is compared with it. */
    private final Map<String, ProtocolReader.ReadBack> sentReadBacks = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(8, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, ProtocolReader.ReadBack> eldest) {
                    return size() > 8;
                }
            });

    public ProtocolRound(ProtocolStore store, ProtocolService drafts, MeetingRepository meetings, CouncilRegistry registry,
                         BlobStore blobs, Outbox outbox, ProtocolTexts texts, AdjustmentLinks links, AuditLog audit,
                         HubProperties properties, TransactionTemplate tx, Clock clock, DocxScreening screening,
                         ProtocolCompletion completion) {
        this.store = store;
        this.drafts = drafts;
        this.meetings = meetings;
        this.registry = registry;
        this.blobs = blobs;
        this.outbox = outbox;
        this.texts = texts;
        this.links = links;
        this.audit = audit;
        this.properties = properties;
        this.tx = tx;
        this.clock = clock;
        this.screening = screening;
        this.completion = completion;
    }

    /** The request cannot be done in the protocol's present state (409). */
    public static class ProtocolConflictException extends RuntimeException {
        public ProtocolConflictException(String message) {
            super(message);
        }
    }

    /** The request is malformed (400). */
    public static class InvalidProtocolRequestException extends RuntimeException {
        public InvalidProtocolRequestException(String message) {
            super(message);
        }
    }

    /** No protocol (version) of this meeting (404). */
    public static class ProtocolNotFoundException extends RuntimeException {
        public ProtocolNotFoundException(String message) {
            super(message);
        }
    }

    // ------------------------------------------------------------------ versions

    /**
     * Drafts version 1 from the meeting. When a protocol exists: 409, unless {@code redraft}, which
     * makes the next version from the meeting's present data (attendance, agenda, status texts),
     * keeping item texts the secretariat wrote in the latest version where the agenda has none.
     */
    public Version draft(long meetingId, String diaryNumber, boolean redraft) {
        Meeting m = meeting(meetingId);
        return tx.execute(status -> {
            store.lockMeeting(meetingId);
            Optional<Version> latest = store.latest(meetingId);
            if (latest.isPresent() && !redraft) {
                throw new ProtocolConflictException("meeting " + meetingId + " already has protocol version "
                        + latest.get().version() + "; PUT …/protocol/items or POST …/protocol/versions makes the next one,"
                        + " or POST {\"redraft\":true} drafts it anew from the meeting");
            }
            latest.ifPresent(ProtocolRound::requireOpen);
            int version = latest.map(v -> v.version() + 1).orElse(1);
            ProtocolDocument doc = drafts.draft(m, version, diaryNumber);
            if (latest.isPresent()) {
                ProtocolDocument before = document(latest.get());
                doc = withItems(doc, keepTexts(doc.items(), before.items()),
                        diaryNumber == null ? before.diaryNumber() : diaryNumber);
            }
            return insert(m, version, latest.isPresent() ? "REDRAFTED" : "DRAFTED", doc, null);
        });
    }

    /** One item's new text (and optionally title and presenters), by its number. */
    public record ItemEdit(Integer number, String title, String presenters, String text) { }

    /** The secretariat's texts for the items: the next version. */
    public Version putItems(long meetingId, String diaryNumber, List<ItemEdit> edits) {
        Meeting m = meeting(meetingId);
        return tx.execute(status -> {
            store.lockMeeting(meetingId);
            Version latest = latestOrThrow(meetingId);
            requireOpen(latest);
            ProtocolDocument before = document(latest);
            Map<Integer, ProtocolDocument.Item> items = new LinkedHashMap<>();
            before.items().forEach(i -> items.put(i.number(), i));
            List<String> problems = new ArrayList<>();
            for (ItemEdit e : edits == null ? List.<ItemEdit>of() : edits) {
                if (e.number() == null || !items.containsKey(e.number())) {
                    problems.add("no item number " + e.number() + " in version " + latest.version()
                            + " (items " + items.keySet() + ")");
                    continue;
                }
                ProtocolDocument.Item old = items.get(e.number());
                items.put(e.number(), new ProtocolDocument.Item(old.number(), orElse(e.title(), old.title()),
                        orElse(e.presenters(), old.presenters()), orElse(e.text(), old.text()), old.statuses()));
            }
            if (!problems.isEmpty()) {
                throw new InvalidProtocolRequestException(String.join("; ", problems));
            }
            int version = latest.version() + 1;
            ProtocolDocument doc = renumber(withItems(before, new ArrayList<>(items.values()),
                    diaryNumber == null ? before.diaryNumber() : diaryNumber), version);
            return insert(m, version, "ITEMS", doc, null);
        });
    }

    /**
     * An edited DOCX uploaded by the secretariat becomes the next version: the file is kept as it
     * came (that is what adjusters get), the items whose text changed against the latest version
     * are read back into the protocol, and the PDF is written from that. The file passes the
     * attachment screening before POI opens it; a refused file is a 400 saying why.
     */
    public Version upload(long meetingId, String fileName, byte[] docx) {
        Meeting m = meeting(meetingId);
        Optional<String> refused = screening.refusal(fileName == null ? "protocol.docx" : fileName, docx, null);
        if (refused.isPresent()) {
            throw new InvalidProtocolRequestException("the file was refused by the attachment screening / filen togs inte emot: "
                    + refused.get());
        }
        ProtocolReader.ReadBack edited;
        try {
            edited = reader.read(docx);
        } catch (IllegalArgumentException e) {
            throw new InvalidProtocolRequestException("the file is no readable protocol: " + e.getMessage());
        }
        ProtocolReader.ReadBack readBack = edited;
        return tx.execute(status -> {
            store.lockMeeting(meetingId);
            Version latest = latestOrThrow(meetingId);
            requireOpen(latest);
            ProtocolDocument before = document(latest);
            ProtocolReader.ReadBack sent = reader.read(blobs.get(latest.docxSha256()));
            List<ProtocolDocument.Item> items = new ArrayList<>();
            for (ProtocolDocument.Item item : before.items()) {
                ProtocolReader.ItemText was = find(sent.items(), item.number());
                ProtocolReader.ItemText now = find(readBack.items(), item.number());
                if (now == null || was != null && was.equals(now)) {
                    items.add(item);
                } else {
                    // The cell was edited as a whole: its text now holds what the agencies' paragraphs held.
                    boolean textChanged = was == null || !was.text().equals(now.text());
                    items.add(new ProtocolDocument.Item(item.number(), orElse(blankToNull(now.title()), item.title()),
                            blankToNull(now.presenters()), textChanged ? now.text() : item.text(),
                            textChanged ? List.of() : item.statuses()));
                }
            }
            int version = latest.version() + 1;
            ProtocolDocument doc = renumber(withItems(before, items, before.diaryNumber()), version);
            return insert(m, version, "UPLOAD", doc, docx);
        });
    }

    private Version insert(Meeting m, int version, String source, ProtocolDocument doc, byte[] docxAsIs) {
        byte[] docx = docxAsIs != null ? docxAsIs : writer.docx(doc);
        String docxSha = blobs.put(docx);
        String pdfSha = blobs.put(writer.pdf(doc));
        long id = store.insert(m.id(), version, source, json(doc), docxSha, pdfSha, clock.instant());
        audit.record(AuditLog.Direction.OUT, "PROTOCOL", null, null, m.reference(),
                "protocol version " + version + " made (" + source + ")");
        return store.byId(id).orElseThrow();
    }

    // ------------------------------------------------------------------ the round

    /** Sends the latest version to its adjusters with PDF, DOCX and a personal link; earlier rounds are superseded. */
    public Version send(long meetingId) {
        Meeting m = meeting(meetingId);
        CouncilRegistry.Council council = registry.council(m.council()).orElseThrow();
        return tx.execute(status -> {
            store.lockMeeting(meetingId);
            Version v = latestOrThrow(meetingId);
            requireOpen(v);
            if (v.state() != State.DRAFT) {
                throw new ProtocolConflictException("version " + v.version() + " has already been sent for adjustment;"
                        + " make a new version first");
            }
            List<Person> adjusters = adjusters(m, council);
            if (adjusters.isEmpty()) {
                throw new ProtocolConflictException("nobody to adjust the protocol: record who was present"
                        + " (PUT /api/meetings/" + meetingId + "/attendance) or set hub.protocol.adjusters");
            }
            Instant now = clock.instant();
            Instant deadline = ProtocolService.today(now, m).plusDays(properties.protocol().adjustmentDays())
                    .atTime(23, 59, 59).atZone(m.zone()).toInstant();
            Optional<Version> previous = store.versions(meetingId).stream()
                    .filter(p -> p.version() < v.version() && p.state() == State.IN_ADJUSTMENT).reduce((a, b) -> b);
            Map<String, ProtocolStore.Adjuster> carried = new LinkedHashMap<>();
            if (council.adjustment().carryOverApprovals() && previous.isPresent()) {
                store.adjusters(previous.get().id()).stream().filter(a -> a.state() == AdjusterState.APPROVED)
                        .forEach(a -> carried.put(a.email(), a));
            }
            store.supersedeBefore(meetingId, v.version());
            store.markSent(v.id(), now, deadline);
            boolean resent = store.versions(meetingId).stream().anyMatch(p -> p.version() < v.version() && p.sentAt() != null);
            List<OutboundAttachment> files = List.of(
                    new OutboundAttachment(fileName(m, v, "pdf"), "application/pdf", v.pdfSha256()),
                    new OutboundAttachment(fileName(m, v, "docx"), DOCX_TYPE, v.docxSha256()));
            Instant expires = now.plus(Duration.ofDays(properties.protocol().linkValidDays()));
            for (Person p : adjusters) {
                ProtocolStore.Adjuster before = carried.get(p.email());
                if (before != null) {
                    store.insertAdjuster(v.id(), p.email(), p.name(), p.agencyId(), p.organisation(), AdjusterState.APPROVED,
                            "approved version " + previous.get().version(), before.answeredAt(), "CARRIED");
                } else {
                    store.insertAdjuster(v.id(), p.email(), p.name(), p.agencyId(), p.organisation(), AdjusterState.PENDING,
                            null, null, null);
                }
                String link = links.url(links.token(v.id(), p.email(), expires));
                Notices.Text text = texts.adjustment(m, council, v.version(), deadline, link, resent);
                String key = "adjustment:" + v.id() + ":" + p.email();
                outbox.enqueue(new OutboundMail(key, OutboundMail.Kind.ADJUSTMENT, m.id(), p.agencyId(), p.email(), p.name(),
                        text.subject(), text.body(), null, null), files);
                store.outboundMessageId(key).ifPresent(id -> store.recordMessage(id, v.id(), p.email()));
            }
            audit.record(AuditLog.Direction.OUT, "PROTOCOL", null, null, m.reference(),
                    "protocol version " + v.version() + " sent for adjustment to " + adjusters.size() + " adjuster(s), deadline " + deadline);
            LOG.info("Protocol {} version {} sent for adjustment to {} adjuster(s)", m.reference(), v.version(), adjusters.size());
            return store.byId(v.id()).orElseThrow();
        });
    }

    /** An adjuster: from the attendance list or the registry. */
    record Person(String email, String name, String agencyId, String organisation) { }

    private List<Person> adjusters(Meeting m, CouncilRegistry.Council council) {
        List<String> configured = properties.protocol().adjusters();
        Map<String, Person> people = new LinkedHashMap<>();
        if (configured != null && !configured.isEmpty()) {
            for (String email : configured) {
                String e = email.strip().toLowerCase(Locale.ROOT);
                CouncilRegistry.Person r = registry.person(e).orElse(null);
                people.put(e, r == null ? new Person(e, e, null, null)
                        : new Person(e, r.name(), r.agencyId(), registry.agency(r.agencyId()).map(CouncilRegistry.Agency::name).orElse(null)));
            }
        } else {
            for (var a : drafts.participants(m, council).present()) {
                if (a.email() != null && a.email().contains("@") && !a.email().startsWith(PresenceStore.GUEST_PREFIX)) {
                    people.putIfAbsent(a.email(), new Person(a.email(), a.name(), a.agencyId(),
                            a.agencyId() == null ? a.organisation()
                                    : registry.agency(a.agencyId()).map(CouncilRegistry.Agency::name).orElse(null)));
                }
            }
        }
        return new ArrayList<>(people.values());
    }

    /** The adjuster of a version whose address this is, or who is the same registered person. */
    Optional<ProtocolStore.Adjuster> adjusterFor(long protocolId, String from) {
        if (from == null) {
            return Optional.empty();
        }
        String sender = from.toLowerCase(Locale.ROOT);
        List<ProtocolStore.Adjuster> all = store.adjusters(protocolId);
        Optional<ProtocolStore.Adjuster> direct = all.stream().filter(a -> a.email().equals(sender)).findFirst();
        if (direct.isPresent()) {
            return direct;
        }
        // A second registered address of the same person (same name in the same agency).
        return registry.person(sender).flatMap(p -> all.stream()
                .filter(a -> p.agencyId().equals(a.agencyId()) && p.name().equalsIgnoreCase(a.name())).findFirst());
    }

    /**
     * What an answer did.
     *
     * @param completesRound the answer met the council's rule (every adjuster has approved): the
     *                       caller completes the round once the answer is committed
     */
    public record Outcome(boolean recorded, String summary, boolean completesRound) { }

    /**
     * Records an adjuster's answer for a version that is checked to be the current round (the
     * caller has verified who sent it). For corrections with an edited DOCX, the paragraphs it
     * changed against the version sent are stored with it. Queues the receipt.
     */
    Outcome recordAnswer(Version v, Meeting m, ProtocolStore.Adjuster adjuster, ReplyText.Verdict verdict, String text,
                         String fileName, byte[] file, Long inboundId, String channel, String replyMessageId,
                         String replyReferences, String originalSubject) {
        CouncilRegistry.Council council = registry.council(m.council()).orElseThrow();
        String changesJson = null;
        int changed = 0;
        String fileSha = null;
        String stateText = text;
        if (file != null) {
            fileSha = blobs.put(file);
            if (verdict == ReplyText.Verdict.CORRECTIONS) {
                try {
                    ProtocolReader.ReadBack sent = sentReadBacks.computeIfAbsent(v.docxSha256(), sha -> reader.read(blobs.get(sha)));
                    List<ProtocolReader.Change> changes = reader.changes(sent, reader.read(file));
                    changed = changes.size();
                    changesJson = JSON.writeValueAsString(changes);
                    stateText = (text == null || text.isBlank() ? "" : text + "\n\n") + describe(changes, m);
                } catch (RuntimeException | JsonProcessingException e) {
                    // An unreadable file does not lose the answer: it is kept with a note, and the secretariat reads it.
                    LOG.warn("Edited protocol {} from {} could not be compared: {}", fileName, adjuster.email(), e.toString());
                    stateText = (text == null || text.isBlank() ? "" : text + "\n\n") + "[" + fileName + ": "
                            + (properties.english() ? "could not be read: " : "kunde inte läsas: ") + e.getMessage() + "]";
                }
            }
        }
        Instant now = clock.instant();
        AdjusterState state = verdict == ReplyText.Verdict.APPROVAL ? AdjusterState.APPROVED : AdjusterState.CORRECTIONS;
        store.insertResponse(v.id(), adjuster.email(), verdict == ReplyText.Verdict.APPROVAL ? "APPROVAL" : "CORRECTIONS",
                channel, inboundId, stateText, fileName, fileSha, changesJson, now);
        store.answer(v.id(), adjuster.email(), state, stateText, now, channel);
        Notices.Text receipt = texts.receipt(m, council, v.version(), state == AdjusterState.APPROVED, originalSubject, changed);
        String key = "adjustment-receipt:" + (inboundId != null ? "mail:" + inboundId
                : "web:" + v.id() + ":" + adjuster.email() + ":" + now.toEpochMilli());
        outbox.enqueue(new OutboundMail(key, OutboundMail.Kind.RECEIPT, m.id(), adjuster.agencyId(), adjuster.email(),
                adjuster.name(), receipt.subject(), receipt.body(), replyMessageId, replyReferences));
        audit.record(AuditLog.Direction.IN, channel, replyMessageId, adjuster.email(), m.reference(),
                "protocol version " + v.version() + ": " + state + (changed > 0 ? " (" + changed + " changed paragraph(s))" : ""));
        boolean completes = state == AdjusterState.APPROVED && completionRule(v, now).filter(ALL_APPROVED::equals).isPresent();
        return new Outcome(true, state + " of protocol " + m.reference() + " version " + v.version() + " by " + adjuster.email(),
                completes);
    }

    private String describe(List<ProtocolReader.Change> changes, Meeting m) {
        boolean en = properties.english();
        StringBuilder b = new StringBuilder(en ? "Changes in the attached document:" : "Ändringar i bifogat dokument:");
        for (ProtocolReader.Change c : changes) {
            b.append('\n');
            switch (c.kind()) {
                case ADDED -> b.append(en ? "+ added: " : "+ tillagt: ").append(c.after());
                case REMOVED -> b.append(en ? "- removed: " : "- borttaget: ").append(c.before());
                case CHANGED -> b.append(en ? "~ changed: " : "~ ändrat: ").append(c.before()).append(" → ").append(c.after());
            }
        }
        return b.toString();
    }

    /** What the adjustment page shows for one adjuster. */
    public record PageView(Meeting meeting, CouncilRegistry.Council council, Version version, ProtocolStore.Adjuster adjuster,
                           String closedReason) { }

    /** The page's view of a verified link, or empty when the adjuster is not (any longer) on that version. */
    public Optional<PageView> page(AdjustmentLinks.Claim claim) {
        Optional<Version> v = store.byId(claim.protocolId());
        if (v.isEmpty()) {
            return Optional.empty();
        }
        Optional<ProtocolStore.Adjuster> adjuster = store.adjusters(claim.protocolId()).stream()
                .filter(a -> a.email().equals(claim.email())).findFirst();
        if (adjuster.isEmpty()) {
            return Optional.empty();
        }
        Meeting m = meetings.find(v.get().meetingId()).orElseThrow();
        return Optional.of(new PageView(m, registry.council(m.council()).orElseThrow(), v.get(), adjuster.get(),
                closedReason(v.get())));
    }

    /** Why answers to this version are no longer taken, or null while it is the one out for adjustment. */
    private String closedReason(Version v) {
        Version latest = store.latest(v.meetingId()).orElseThrow();
        if (v.locked() || latest.locked()) {
            return "ADJUSTED";
        }
        if (v.state() != State.IN_ADJUSTMENT) {
            return "STALE";
        }
        return null;
    }

    /**
     * An answer on the adjustment page; the token was verified by the caller. The approval that
     * meets the council's rule completes the round before the page is shown again.
     */
    public Optional<PageView> answerOnPage(AdjustmentLinks.Claim claim, boolean approve, String text) {
        Boolean completes = tx.execute(status -> {
            Optional<Version> found = store.byId(claim.protocolId());
            if (found.isEmpty()) {
                return false;
            }
            store.lockMeeting(found.get().meetingId());
            Optional<PageView> view = page(claim);
            if (view.isEmpty() || view.get().closedReason() != null) {
                return false;
            }
            PageView p = view.get();
            return recordAnswer(p.version(), p.meeting(), p.adjuster(), approve ? ReplyText.Verdict.APPROVAL : ReplyText.Verdict.CORRECTIONS,
                    text == null ? null : text.strip(), null, null, null, "WEB", null, null, null).completesRound();
        });
        if (Boolean.TRUE.equals(completes)) {
            completion.now(claim.protocolId());
        }
        return page(claim);
    }

    // ------------------------------------------------------------------ the schedule

    /** Reminders to pending adjusters and the corrections digest to the secretariat, where due; returns mails queued. */
    public int remindAndDigest() {
        Instant now = clock.instant();
        int queued = 0;
        for (Version v : store.inAdjustment()) {
            queued += tx.execute(status -> {
                int n = 0;
                Meeting m = meetings.find(v.meetingId()).orElseThrow();
                CouncilRegistry.Council council = registry.council(m.council()).orElseThrow();
                int days = properties.protocol().reminderDaysBeforeDeadline();
                if (days > 0 && !now.isBefore(v.deadline().minus(Duration.ofDays(days))) && now.isBefore(v.deadline())) {
                    Instant expires = now.plus(Duration.ofDays(properties.protocol().linkValidDays()));
                    for (ProtocolStore.Adjuster a : store.adjusters(v.id())) {
                        if (a.state() != AdjusterState.PENDING) {
                            continue;
                        }
                        String key = "adjustment-reminder:" + v.id() + ":" + a.email();
                        if (store.outboundMessageId(key).isPresent()) {
                            continue;
                        }
                        String link = links.url(links.token(v.id(), a.email(), expires));
                        Notices.Text text = texts.reminder(m, council, v.version(), v.deadline(), link);
                        String original = store.outboundMessageId("adjustment:" + v.id() + ":" + a.email()).orElse(null);
                        outbox.enqueue(new OutboundMail(key, OutboundMail.Kind.ADJUSTMENT_REMINDER, m.id(), a.agencyId(), a.email(),
                                a.name(), text.subject(), text.body(), original, original));
                        store.outboundMessageId(key).ifPresent(id -> store.recordMessage(id, v.id(), a.email()));
                        n++;
                    }
                }
                n += digest(v, m, council);
                return n;
            });
        }
        return queued;
    }

    private int digest(Version v, Meeting m, CouncilRegistry.Council council) {
        List<ProtocolStore.Response> corrections = store.corrections(v.id());
        if (corrections.isEmpty()) {
            return 0;
        }
        boolean en = properties.english();
        List<String> entries = new ArrayList<>();
        Map<String, ProtocolStore.Adjuster> byEmail = new LinkedHashMap<>();
        List<ProtocolStore.Adjuster> adjusters = store.adjusters(v.id());
        adjusters.forEach(a -> byEmail.put(a.email(), a));
        for (ProtocolStore.Response r : corrections) {
            ProtocolStore.Adjuster a = byEmail.get(r.email());
            String who = a == null ? r.email() : a.name() + (a.organisation() == null ? "" : ", " + a.organisation()) + " <" + r.email() + ">";
            entries.add("* " + who + " – " + r.receivedAt().atZone(m.zone()).toLocalDateTime().withNano(0).toString().replace('T', ' ')
                    + " (" + r.channel().toLowerCase(Locale.ROOT) + (r.fileName() == null ? "" : ", " + r.fileName()) + ")\n"
                    + indent(r.text() == null ? "" : r.text()));
        }
        long approved = adjusters.stream().filter(a -> a.state() == AdjusterState.APPROVED).count();
        long pending = adjusters.stream().filter(a -> a.state() == AdjusterState.PENDING).count();
        long corrections2 = adjusters.stream().filter(a -> a.state() == AdjusterState.CORRECTIONS).count();
        String stateLine = en ? "Approved: " + approved + "   Corrections: " + corrections2 + "   Pending: " + pending
                : "Godkänt: " + approved + "   Ändringar: " + corrections2 + "   Väntar: " + pending;
        Notices.Text text = texts.digest(m, council, v.version(), entries, stateLine);
        // Dedup by content: the same corrections make no second digest; a new one makes the next.
        String hash = BlobStore.sha256(String.join("\n", entries).getBytes(StandardCharsets.UTF_8)).substring(0, 16);
        int n = 0;
        for (CouncilRegistry.Person p : secretariat(council)) {
            if (outbox.enqueue(new OutboundMail("corrections-digest:" + v.id() + ":" + hash + ":" + p.email(),
                    OutboundMail.Kind.CORRECTIONS_DIGEST, m.id(), p.agencyId(), p.email(), p.name(), text.subject(),
                    text.body(), null, null)).isPresent()) {
                n++;
            }
        }
        if (n > 0) {
            LOG.info("Corrections digest for {} version {} ({} correction(s), {})", m.reference(), v.version(), entries.size(), hash);
        }
        return n;
    }

    private static String indent(String text) {
        return "    " + text.strip().replace("\n", "\n    ");
    }

    /** The secretariat's people (role secretariat; else all of the secretariat agency). */
    List<CouncilRegistry.Person> secretariat(CouncilRegistry.Council council) {
        List<CouncilRegistry.Person> people = registry.agency(council.secretariat()).orElseThrow().people();
        List<CouncilRegistry.Person> secretariat = people.stream().filter(p -> "secretariat".equals(p.role())).toList();
        return secretariat.isEmpty() ? people : secretariat;
    }

    /** Versions whose council's rule is met now: every adjuster approved, or silent approval at the deadline. */
    public List<Long> dueCompletions() {
        Instant now = clock.instant();
        List<Long> due = new ArrayList<>();
        for (Version v : store.inAdjustment()) {
            completionRule(v, now).ifPresent(rule -> due.add(v.id()));
        }
        return due;
    }

    private Optional<String> completionRule(Version v, Instant now) {
        if (store.latest(v.meetingId()).map(l -> l.version() != v.version()).orElse(true)) {
            return Optional.empty();   // a newer version is being prepared: it will be sent
        }
        Meeting m = meetings.find(v.meetingId()).orElseThrow();
        CouncilRegistry.Council council = registry.council(m.council()).orElseThrow();
        List<ProtocolStore.Adjuster> adjusters = store.adjusters(v.id());
        if (!adjusters.isEmpty() && adjusters.stream().allMatch(a -> a.state() == AdjusterState.APPROVED)) {
            return Optional.of(ALL_APPROVED);
        }
        if (council.adjustment().completion() == CouncilRegistry.Adjustment.Completion.SILENT_APPROVAL
                && !now.isBefore(v.deadline())
                && adjusters.stream().noneMatch(a -> a.state() == AdjusterState.CORRECTIONS)) {
            return Optional.of("SILENT_APPROVAL");
        }
        return Optional.empty();
    }

    /**
     * Makes the version final when its rule still holds: "Justerad av: Samtliga deltagare" with the
     * date, the final DOCX and PDF/A, mailed to every participant and the secretariat; the version
     * is locked. Returns the protocol.adjusted event, or null when nothing was done.
     */
    public String complete(long protocolId) {
        // The final documents are written before the meeting is locked, so answers and other steps
        // of the meeting do not wait for the PDF/A; under the lock the state and the rule are checked
        // again, and a second caller (a side-by-side approval, the tick) finds nothing to do.
        Version unlocked = store.byId(protocolId).orElseThrow();
        Instant now = clock.instant();
        if (unlocked.state() != State.IN_ADJUSTMENT || completionRule(unlocked, now).isEmpty()) {
            return null;
        }
        Meeting m = meetings.find(unlocked.meetingId()).orElseThrow();
        CouncilRegistry.Council council = registry.council(m.council()).orElseThrow();
        LocalDate date = ProtocolService.today(now, m);
        ProtocolDocument before = document(unlocked);
        ProtocolDocument done = new ProtocolDocument(before.english(), before.councilName(), before.title(), before.subject(),
                before.date(), before.start(), before.end(), before.place(), before.preparedBy(),
                before.english() ? "All participants" : "Samtliga deltagare", date, before.signature(),
                before.diaryNumber(), before.version(), false, before.participants(), before.partlyPresent(),
                before.othersPresent(), before.absentOrganisations(), before.invitedAbsent(), before.items(),
                before.nextMeeting());
        String docx = blobs.put(writer.docx(done));
        String pdf = blobs.put(writer.pdfA(done));
        return tx.execute(status -> {
            store.lockMeeting(unlocked.meetingId());
            Version v = store.byId(protocolId).orElseThrow();
            if (v.state() != State.IN_ADJUSTMENT) {
                return null;
            }
            Optional<String> rule = completionRule(v, now);
            if (rule.isEmpty()) {
                return null;
            }
            if (!store.markAdjusted(v.id(), now, rule.get(), json(done), docx, pdf)) {
                return null;
            }
            List<ProtocolStore.Adjuster> adjusters = store.adjusters(v.id());
            Map<String, String[]> recipients = new LinkedHashMap<>();
            for (var a : drafts.participants(m, council).present()) {
                if (a.email() != null && a.email().contains("@") && !a.email().startsWith(PresenceStore.GUEST_PREFIX)) {
                    recipients.putIfAbsent(a.email(), new String[] {a.name(), a.agencyId()});
                }
            }
            adjusters.forEach(a -> recipients.putIfAbsent(a.email(), new String[] {a.name(), a.agencyId()}));
            secretariat(council).forEach(p -> recipients.putIfAbsent(p.email(), new String[] {p.name(), p.agencyId()}));
            Notices.Text text = texts.adjusted(m, council, v.version(), date.toString());
            List<OutboundAttachment> files = List.of(new OutboundAttachment(m.reference() + "-protokoll-justerat.pdf",
                    "application/pdf", pdf));
            recipients.forEach((email, who) -> outbox.enqueue(new OutboundMail("protocol:" + protocolId + ":" + email,
                    OutboundMail.Kind.PROTOCOL, m.id(), who[1], email, who[0], text.subject(), text.body(), null, null), files));
            audit.record(AuditLog.Direction.OUT, "PROTOCOL", null, null, m.reference(),
                    "protocol version " + v.version() + " adjusted (" + rule.get() + "), mailed to " + recipients.size());
            LOG.info("Protocol {} version {} adjusted ({})", m.reference(), v.version(), rule.get());
            ObjectNode event = JSON.createObjectNode().put("type", "protocol.adjusted").put("meeting", m.reference())
                    .put("meetingId", m.id()).put("version", v.version()).put("adjustedAt", now.toString())
                    .put("adjustedOn", date.toString()).put("completion", rule.get());
            var approved = event.putArray("approvedBy");
            adjusters.stream().filter(a -> a.state() == AdjusterState.APPROVED).forEach(a -> approved.add(a.email()));
            event.put("pdf", "/api/meetings/" + m.id() + "/protocol/" + v.version() + "/" + PDF);
            return event.toString();
        });
    }

    /** Records a failed scheduled step where the secretariat can see it; the next tick tries again. */
    public void failed(Object subject, Exception error) {
        LOG.error("Protocol step failed for {}", subject, error);
        tx.executeWithoutResult(status -> audit.record(AuditLog.Direction.OUT, "PROTOCOL", null, null, null,
                "protocol step failed for " + subject + ": " + error));
    }

    // ------------------------------------------------------------------ reading

    private Version latestOrThrow(long meetingId) {
        return store.latest(meetingId).orElseThrow(() -> new ProtocolNotFoundException(
                "meeting " + meetingId + " has no protocol yet; POST /api/meetings/" + meetingId + "/protocol drafts it"));
    }

    /** The secretariat's view: latest version, its state, deadline and every adjuster. */
    public ObjectNode state(long meetingId) {
        meeting(meetingId);
        Version v = latestOrThrow(meetingId);
        ObjectNode out = JSON.createObjectNode();
        out.put("version", v.version());
        out.put("state", v.state() == State.SUPERSEDED ? "IN_ADJUSTMENT" : v.state().name());
        // A draft made while an earlier version is out for adjustment: that round's state stays visible.
        Version round = v;
        if (v.state() == State.DRAFT) {
            round = store.versions(meetingId).stream().filter(p -> p.state() == State.IN_ADJUSTMENT).reduce((a, b) -> b).orElse(v);
        }
        if (round.deadline() != null) {
            out.put("deadline", round.deadline().toString());
        }
        if (round != v) {
            out.put("inAdjustment", round.version());
        }
        if (v.adjustedAt() != null) {
            out.put("adjustedAt", v.adjustedAt().toString());
            out.put("completion", v.completion());
        }
        var list = out.putArray("adjusters");
        for (ProtocolStore.Adjuster a : store.adjusters(round.id())) {
            ObjectNode n = list.addObject().put("email", a.email()).put("name", a.name());
            if (a.agencyId() != null) {
                n.put("agency", a.agencyId());
            }
            n.put("state", a.state().name());
            if (a.text() != null) {
                n.put("text", a.text());
            }
            if (a.answeredAt() != null) {
                n.put("at", a.answeredAt().toString());
            }
            if (a.channel() != null) {
                n.put("channel", a.channel());
            }
        }
        var versions = out.putArray("versions");
        for (Version p : store.versions(meetingId)) {
            ObjectNode n = versions.addObject().put("version", p.version()).put("state", p.state().name())
                    .put("source", p.source()).put("createdAt", p.createdAt().toString());
            if (p.sentAt() != null) {
                n.put("sentAt", p.sentAt().toString());
            }
            n.put("docx", "/api/meetings/" + meetingId + "/protocol/" + p.version() + "/" + DOCX);
            n.put("pdf", "/api/meetings/" + meetingId + "/protocol/" + p.version() + "/" + PDF);
        }
        return out;
    }

    /** A stored file of a version: the final one once adjusted. */
    public record File(String name, String mediaType, String sha256) { }

    public Optional<File> file(long meetingId, String version, String name) {
        meeting(meetingId);
        Optional<Version> v = "latest".equals(version) ? store.latest(meetingId)
                : parse(version).flatMap(n -> store.version(meetingId, n));
        if (v.isEmpty()) {
            return Optional.empty();
        }
        Meeting m = meeting(meetingId);
        Version found = v.get();
        return switch (name) {
            case DOCX -> Optional.of(new File(fileName(m, found, "docx"), DOCX_TYPE,
                    found.finalDocxSha256() != null ? found.finalDocxSha256() : found.docxSha256()));
            case PDF -> Optional.of(new File(fileName(m, found, "pdf"), "application/pdf",
                    found.finalPdfSha256() != null ? found.finalPdfSha256() : found.pdfSha256()));
            default -> Optional.empty();
        };
    }

    static String fileName(Meeting m, Version v, String ext) {
        return m.reference() + "-protokoll-v" + v.version() + (v.locked() ? "-justerat" : "") + "." + ext;
    }

    ProtocolDocument document(Version v) {
        try {
            return JSON.readValue(store.document(v.id()), ProtocolDocument.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored protocol version " + v.id() + " is unreadable", e);
        }
    }

    Meeting meeting(long meetingId) {
        return meetings.find(meetingId).orElseThrow(() -> new MeetingService.MeetingNotFoundException(meetingId));
    }

    private static void requireOpen(Version v) {
        if (v.locked()) {
            throw new ProtocolConflictException("the protocol is adjusted (version " + v.version() + ") and locked");
        }
    }

    private static String json(ProtocolDocument doc) {
        try {
            return JSON.writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ProtocolDocument withItems(ProtocolDocument d, List<ProtocolDocument.Item> items, String diaryNumber) {
        return new ProtocolDocument(d.english(), d.councilName(), d.title(), d.subject(), d.date(), d.start(), d.end(),
                d.place(), d.preparedBy(), d.adjustedBy(), d.adjustedOn(), d.signature(), blankToNull(diaryNumber),
                d.version(), d.draft(), d.participants(), d.partlyPresent(), d.othersPresent(), d.absentOrganisations(),
                d.invitedAbsent(), items, d.nextMeeting());
    }

    private static ProtocolDocument renumber(ProtocolDocument d, int version) {
        return new ProtocolDocument(d.english(), d.councilName(), d.title(), d.subject(), d.date(), d.start(), d.end(),
                d.place(), d.preparedBy(), d.adjustedBy(), d.adjustedOn(), d.signature(), d.diaryNumber(), version, true,
                d.participants(), d.partlyPresent(), d.othersPresent(), d.absentOrganisations(), d.invitedAbsent(),
                d.items(), d.nextMeeting());
    }

    private static List<ProtocolDocument.Item> keepTexts(List<ProtocolDocument.Item> fresh, List<ProtocolDocument.Item> before) {
        List<ProtocolDocument.Item> out = new ArrayList<>();
        for (ProtocolDocument.Item i : fresh) {
            ProtocolDocument.Item old = before.stream()
                    .filter(b -> b.number() == i.number() && b.title().equals(i.title())).findFirst().orElse(null);
            out.add(old != null && (i.text() == null || i.text().isBlank()) && old.text() != null && !old.text().isBlank()
                    ? new ProtocolDocument.Item(i.number(), i.title(), i.presenters(), old.text(), i.statuses()) : i);
        }
        return out;
    }

    private static ProtocolReader.ItemText find(List<ProtocolReader.ItemText> items, int number) {
        return items.stream().filter(i -> i.number() == number).findFirst().orElse(null);
    }

    private static Optional<Integer> parse(String version) {
        try {
            return Optional.of(Integer.valueOf(version));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String orElse(String value, String fallback) {
        return value == null ? fallback : value;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
