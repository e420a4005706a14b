package se.council.hub.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Map;
import org.apache.camel.ProducerTemplate;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import se.council.hub.meeting.MeetingService;
import se.council.hub.pack.PackService;
import se.council.hub.store.BlobStore;

/** The meeting pack for the secretariat: assemble now, read the latest manifest, download any version's files. */
@RestController
@RequestMapping("/api/meetings/{id}/pack")
class PackController {

    private final PackService packs;
    private final MeetingService meetings;
    private final BlobStore blobs;
    private final ProducerTemplate camel;
    private final ObjectMapper json = new ObjectMapper();

    PackController(PackService packs, MeetingService meetings, BlobStore blobs, ProducerTemplate camel) {
        this.packs = packs;
        this.meetings = meetings;
        this.blobs = blobs;
        this.camel = camel;
    }

    /** Assembles a new version now, through the same route as the scheduled assembly. */
    @PostMapping
    ResponseEntity<JsonNode> assemble(@PathVariable long id) throws IOException {
        meetings.get(id);
        String event = camel.requestBodyAndHeaders("direct:pack-assemble", null,
                Map.of("meetingId", id, "reason", "on demand"), String.class);
        int version = json.readTree(event).path("version").asInt();
        return ResponseEntity.status(HttpStatus.CREATED)
                .header(HttpHeaders.LOCATION, "/api/meetings/" + id + "/pack/" + version + "/" + PackService.MANIFEST)
                .body(packs.manifest(id, version));
    }

    @GetMapping
    ResponseEntity<JsonNode> latest(@PathVariable long id) {
        meetings.get(id);
        return packs.latestVersion(id).map(v -> ResponseEntity.ok(packs.manifest(id, v)))
                .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND)
                        .body(json.createObjectNode().put("error", "no pack has been assembled for meeting " + id + " yet")));
    }

    @GetMapping("/{version}/{file}")
    ResponseEntity<?> file(@PathVariable long id, @PathVariable String version, @PathVariable String file) throws IOException {
        meetings.get(id);
        Integer v = "latest".equals(version) ? packs.latestVersion(id).orElse(null) : parse(version);
        var stored = v == null ? java.util.Optional.<PackService.StoredPackFile>empty() : packs.file(id, v, file);
        if (stored.isEmpty()) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND)
                    .body(Map.of("error", "no file " + file + " in pack version " + version + " of meeting " + id));
        }
        PackService.StoredPackFile f = stored.get();
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(f.mediaType()))
                .contentLength(f.size())
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(f.name()).build().toString())
                .header(HttpHeaders.ETAG, "\"" + f.sha256() + "\"")
                .body(new InputStreamResource(blobs.open(f.sha256())));
    }

    private static Integer parse(String version) {
        try {
            return Integer.valueOf(version);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
