package se.council.hub.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import se.council.hub.store.BlobStore;

/**
 * The protocol for the secretariat: draft it, put item texts or upload an edited DOCX (each makes
 * the next version), send the round, follow each adjuster's state, download any version's files.
 */
@RestController
@RequestMapping("/api/meetings/{id}/protocol")
class ProtocolController {

    /** POST body (optional): a diary number, and {@code redraft} to draft the next version anew from the meeting. */
    record DraftRequest(String diaryNumber, Boolean redraft) { }

    /** PUT body: item texts by number, and optionally the diary number. */
    record ItemsRequest(String diaryNumber, List<ProtocolRound.ItemEdit> items) { }

    private final ProtocolRound round;
    private final BlobStore blobs;

    ProtocolController(ProtocolRound round, BlobStore blobs) {
        this.round = round;
        this.blobs = blobs;
    }

    @PostMapping
    ResponseEntity<JsonNode> draft(@PathVariable long id, @RequestBody(required = false) DraftRequest request) {
        ProtocolStore.Version v = round.draft(id, request == null ? null : request.diaryNumber(),
                request != null && Boolean.TRUE.equals(request.redraft()));
        return created(id, v);
    }

    @GetMapping
    JsonNode state(@PathVariable long id) {
        return round.state(id);
    }

    @PutMapping("/items")
    ResponseEntity<JsonNode> items(@PathVariable long id, @RequestBody ItemsRequest request) {
        return created(id, round.putItems(id, request.diaryNumber(), request.items()));
    }

    @PostMapping(value = "/versions", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<JsonNode> upload(@PathVariable long id, @RequestParam("file") MultipartFile file) throws IOException {
        if (file.isEmpty()) {
            throw new ProtocolRound.InvalidProtocolRequestException("the upload holds no file (form field 'file')");
        }
        return created(id, round.upload(id, file.getBytes()));
    }

    @PostMapping("/adjustment")
    JsonNode send(@PathVariable long id) {
        round.send(id);
        return round.state(id);
    }

    @GetMapping("/{version}/{file}")
    ResponseEntity<?> file(@PathVariable long id, @PathVariable String version, @PathVariable String file) throws IOException {
        var found = round.file(id, version, file);
        if (found.isEmpty()) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND)
                    .body(Map.of("error", "no file " + file + " in protocol version " + version + " of meeting " + id));
        }
        ProtocolRound.File f = found.get();
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(f.mediaType()))
                .contentLength(blobs.size(f.sha256()))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(f.name()).build().toString())
                .header(HttpHeaders.ETAG, "\"" + f.sha256() + "\"")
                .body(new InputStreamResource(blobs.open(f.sha256())));
    }

    private ResponseEntity<JsonNode> created(long id, ProtocolStore.Version v) {
        return ResponseEntity.status(HttpStatus.CREATED)
                .header(HttpHeaders.LOCATION, "/api/meetings/" + id + "/protocol/" + v.version() + "/" + ProtocolRound.DOCX)
                .body(round.state(id));
    }
}
