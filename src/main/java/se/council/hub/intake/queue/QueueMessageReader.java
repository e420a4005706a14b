package se.council.hub.intake.queue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import se.council.hub.intake.FileScreening;
import se.council.hub.intake.SubmissionKind;

/**
 * Reads the JSON of a queue message against its schema in config/schemas/ and turns it into a
 * submission request, or into the list of what is wrong with it.
 */
public final class QueueMessageReader {

    /** A valid message, or the errors that make it invalid. */
    public record Read(String meeting, String title, String presenters, String text,
                       List<FileScreening.IncomingFile> files, String errors) {
        public boolean valid() {
            return errors == null;
        }
    }

    private final ObjectMapper json = new ObjectMapper();
    private final JsonSchema statusUpdate;
    private final JsonSchema agendaItem;

    public QueueMessageReader(Path schemaDir) {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        this.statusUpdate = load(factory, schemaDir.resolve("status-update.schema.json"));
        this.agendaItem = load(factory, schemaDir.resolve("agenda-item.schema.json"));
    }

    private static JsonSchema load(JsonSchemaFactory factory, Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return factory.getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the queue message schema " + file, e);
        }
    }

    public Read read(SubmissionKind kind, String text) {
        JsonNode node;
        try {
            node = json.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return invalid("not valid JSON / inte giltig JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            return invalid("the message must be a JSON object / meddelandet måste vara ett JSON-objekt");
        }
        Set<ValidationMessage> problems = (kind == SubmissionKind.AGENDA_ITEM ? agendaItem : statusUpdate).validate(node);
        if (!problems.isEmpty()) {
            return invalid(problems.stream().map(ValidationMessage::getMessage).sorted().collect(Collectors.joining("; ")));
        }
        List<FileScreening.IncomingFile> files = new ArrayList<>();
        for (JsonNode a : node.path("attachments")) {
            String name = a.path("name").asText();
            try {
                files.add(new FileScreening.IncomingFile(name, Base64.getMimeDecoder().decode(a.path("contentBase64").asText()), null));
            } catch (IllegalArgumentException e) {
                files.add(new FileScreening.IncomingFile(name, null, "contentBase64 is not valid base64: " + e.getMessage()));
            }
        }
        JsonNode presenters = node.path("presenters");
        String presenterText = presenters.isArray()
                ? String.join(", ", (Iterable<String>) () -> java.util.stream.StreamSupport.stream(presenters.spliterator(), false)
                        .map(JsonNode::asText).iterator())
                : presenters.isMissingNode() ? null : presenters.asText();
        return new Read(node.path("meeting").asText(), node.hasNonNull("title") ? node.get("title").asText().strip() : null,
                presenterText, node.path("text").asText(""), files, null);
    }

    private static Read invalid(String errors) {
        return new Read(null, null, null, null, List.of(), errors);
    }
}
