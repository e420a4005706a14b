package se.council.hub.pack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The manifest of a pack version: who sent what, what is missing or late, which files and how many
 * slides each gave, and per agency whether it changed since the previous version.
 */
public final class Manifest {

    /** What a writer made of one source file: slides (or pages) it gave, and any problem. */
    public record FileOutcome(int slides, String problem) { }

    /** A file of the pack version itself. */
    public record PackFile(String name, String mediaType, long size, String sha256) { }

    private static final ObjectMapper JSON = new ObjectMapper();

    private Manifest() {
    }

    /**
     * @param previous the previous version's manifest, or null for version 1 (then no agency counts as changed)
     */
    public static ObjectNode build(PackModel.Pack pack, int version, Instant assembledAt, String reason,
                                   Map<String, List<Long>> submissions, Map<String, FileOutcome> outcomes,
                                   List<PackFile> files, JsonNode previous, List<String> problems) {
        ObjectNode root = JSON.createObjectNode();
        root.put("meeting", pack.header().reference());
        root.put("version", version);
        root.put("assembledAt", assembledAt.toString());
        root.put("reason", reason);
        ArrayNode packFiles = root.putArray("files");
        for (PackFile f : files) {
            packFiles.addObject().put("name", f.name()).put("mediaType", f.mediaType()).put("size", f.size()).put("sha256", f.sha256());
        }
        Map<String, JsonNode> before = new HashMap<>();
        if (previous != null) {
            previous.path("agencies").forEach(a -> before.put(a.path("agency").asText(), a));
        }
        ArrayNode agencies = root.putArray("agencies");
        ArrayNode items = root.putArray("items");
        for (PackModel.Item item : pack.agenda()) {
            ObjectNode i = items.addObject().put("number", item.number()).put("title", item.title());
            if (item.presenters() != null) {
                i.put("presenters", item.presenters());
            }
            fileList(i.putArray("files"), item.files(), outcomes);
            for (PackModel.AgencyPart part : item.parts()) {
                ObjectNode a = agencies.addObject();
                a.put("agency", part.agencyId());
                a.put("name", part.agencyName());
                a.put("state", part.state().name());
                ArrayNode ids = a.putArray("submissions");
                submissions.getOrDefault(part.agencyId(), List.of()).forEach(ids::add);
                fileList(a.putArray("files"), part.files(), outcomes);
                JsonNode old = before.get(part.agencyId());
                boolean changed = previous != null && (old == null
                        || !old.path("state").equals(a.path("state"))
                        // compared as text: a manifest read back holds int nodes where a new one holds longs
                        || !old.path("submissions").toString().equals(a.path("submissions").toString())
                        || !shas(old).equals(shas(a)));
                a.put("changed", changed);
            }
        }
        PackModel.Attendance attendance = pack.attendance();
        ObjectNode expected = root.putObject("attendance");
        expected.put("accepted", attendance.accepted()).put("declined", attendance.declined())
                .put("tentative", attendance.tentative()).put("noAnswer", attendance.noAnswer());
        ArrayNode who = expected.putArray("expected");
        attendance.expected().forEach(who::add);
        ArrayNode p = root.putArray("problems");
        problems.forEach(p::add);
        return root;
    }

    private static void fileList(ArrayNode target, List<PackModel.SourceFile> files, Map<String, FileOutcome> outcomes) {
        for (PackModel.SourceFile f : files) {
            ObjectNode node = target.addObject().put("name", f.name()).put("size", f.size()).put("sha256", f.sha256());
            FileOutcome outcome = outcomes.get(f.sha256());
            node.put("slides", outcome == null ? 0 : outcome.slides());
            if (outcome != null && outcome.problem() != null) {
                node.put("problem", outcome.problem());
            }
        }
    }

    private static List<String> shas(JsonNode agency) {
        return agency.path("files").findValuesAsText("sha256");
    }
}
