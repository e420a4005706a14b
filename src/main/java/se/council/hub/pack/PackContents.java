package se.council.hub.pack;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import se.council.hub.agenda.AgendaItem;
import se.council.hub.agenda.AgendaService;
import se.council.hub.config.HubProperties;
import se.council.hub.meeting.Meeting;
import se.council.hub.notice.MeetingText;
import se.council.hub.notice.Ordinals;
import se.council.hub.registry.CouncilRegistry;
import se.council.hub.store.BlobStore;

/**
 * Gathers what a meeting's pack holds from the store: the accepted agenda in order, for the status
 * round each member agency's current status update (or that it is missing), and each item's files.
 */
@Component
public class PackContents {

    /** The pack's content, and per agency the submission ids behind it (for the manifest). */
    public record Gathered(PackModel.Pack pack, Map<String, List<Long>> submissionsByAgency) { }

    private record Current(long id, String text, Instant receivedAt) { }

    private final JdbcClient jdbc;
    private final AgendaService agenda;
    private final CouncilRegistry registry;
    private final BlobStore blobs;
    private final HubProperties properties;

    public PackContents(JdbcClient jdbc, AgendaService agenda, CouncilRegistry registry, BlobStore blobs,
                        HubProperties properties) {
        this.jdbc = jdbc;
        this.agenda = agenda;
        this.registry = registry;
        this.blobs = blobs;
        this.properties = properties;
    }

    public Gathered gather(Meeting m) {
        boolean en = properties.english();
        CouncilRegistry.Council council = registry.council(m.council()).orElseThrow();
        String title = en ? "the council's " + Ordinals.english(m.sequenceNumber()) + " meeting"
                : "rådets " + Ordinals.swedish(m.sequenceNumber()) + " möte";
        String time = MeetingText.time(m, en);
        String format = switch (m.format()) {
            case PHYSICAL -> en ? "In person" : "Fysiskt möte";
            case DIGITAL -> en ? "Online" : "Digitalt möte";
            case HYBRID -> en ? "Hybrid" : "Digifysiskt möte";
        };
        String place = switch (m.format()) {
            case PHYSICAL -> m.location();
            case DIGITAL -> m.joinUrl();
            case HYBRID -> m.location() + (en ? "; online: " : "; digitalt: ") + m.joinUrl();
        };
        PackModel.Header header = new PackModel.Header(council.name(), title, m.date(), time, place, format,
                m.reference(), en);

        Map<String, List<Long>> submissionIds = new LinkedHashMap<>();
        List<PackModel.Item> items = new ArrayList<>();
        for (AgendaItem item : agenda.agenda(m.id())) {
            if (item.state() != AgendaItem.State.ACCEPTED) {
                continue;
            }
            List<PackModel.AgencyPart> parts = new ArrayList<>();
            if (item.kind() == AgendaItem.Kind.STATUS_ROUND) {
                for (CouncilRegistry.Agency agency : registry.members(m.council())) {
                    parts.add(statusPart(m, agency, submissionIds));
                }
            }
            List<PackModel.SourceFile> files = item.submissionId() == null ? List.of() : files(item.submissionId());
            if (item.submissionId() != null && item.agencyId() != null) {
                submissionIds.computeIfAbsent(item.agencyId(), k -> new ArrayList<>()).add(item.submissionId());
            }
            items.add(new PackModel.Item(item.number(), item.title(), item.presenters(), item.text(), files, parts));
        }
        return new Gathered(new PackModel.Pack(header, items, attendance(m, en)), submissionIds);
    }

    /** The answers to the meeting's invitation so far (people currently invited). */
    private PackModel.Attendance attendance(Meeting m, boolean en) {
        int[] counts = new int[4];
        List<String> expected = new ArrayList<>();
        jdbc.sql("""
                SELECT a.name, a.partstat, a.organisation, g.abbreviation FROM attendee a LEFT JOIN agency g ON g.id = a.agency_id
                WHERE a.meeting_id = ? AND a.invited = TRUE ORDER BY g.position, a.name""")
                .param(m.id()).query(rs -> {
                    String partstat = rs.getString(2);
                    String org = rs.getString(4) != null ? rs.getString(4) : rs.getString(3);
                    String who = rs.getString(1) + (org == null ? "" : " (" + org + ")");
                    switch (partstat) {
                        case "ACCEPTED" -> {
                            counts[0]++;
                            expected.add(who);
                        }
                        case "DECLINED" -> counts[1]++;
                        case "TENTATIVE" -> {
                            counts[2]++;
                            expected.add(who + (en ? ", tentative" : ", preliminärt"));
                        }
                        case "NEEDS-ACTION" -> counts[3]++;
                        default -> { }
                    }
                });
        return new PackModel.Attendance(counts[0], counts[1], counts[2], counts[3], expected);
    }

    private PackModel.AgencyPart statusPart(Meeting m, CouncilRegistry.Agency agency, Map<String, List<Long>> ids) {
        var latest = jdbc.sql("""
                SELECT id, text, received_at FROM submission WHERE meeting_id = ? AND agency_id = ?
                AND kind = 'STATUS_UPDATE' AND state = 'ACCEPTED' ORDER BY received_at DESC, id DESC""")
                .params(m.id(), agency.id())
                .query((rs, n) -> new Current(rs.getLong(1), rs.getString(2),
                        rs.getObject(3, java.time.OffsetDateTime.class).toInstant()))
                .list().stream().findFirst();
        if (latest.isEmpty()) {
            return new PackModel.AgencyPart(agency.id(), agency.name(), agency.abbreviation(), PackModel.PartState.MISSING,
                    null, List.of());
        }
        long id = latest.get().id();
        ids.computeIfAbsent(agency.id(), k -> new ArrayList<>()).add(id);
        Instant received = latest.get().receivedAt();
        PackModel.PartState state = received.isAfter(m.submissionDeadline()) ? PackModel.PartState.LATE
                : PackModel.PartState.RECEIVED;
        return new PackModel.AgencyPart(agency.id(), agency.name(), agency.abbreviation(), state,
                latest.get().text(), files(id));
    }

    private List<PackModel.SourceFile> files(long submissionId) {
        return jdbc.sql("SELECT name, media_type, size, sha256 FROM attachment WHERE submission_id = ? ORDER BY position")
                .param(submissionId)
                .query((rs, n) -> {
                    String sha = rs.getString(4);
                    return new PackModel.SourceFile(rs.getString(1), rs.getString(2), rs.getLong(3), sha, () -> blobs.open(sha));
                }).list();
    }
}
