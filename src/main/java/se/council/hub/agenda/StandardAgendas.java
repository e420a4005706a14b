package se.council.hub.agenda;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import se.council.hub.registry.CouncilRegistry;
import se.council.hub.registry.RegistryException;

/** The standard agenda of each council, read from config/standard-agenda.yml. */
public final class StandardAgendas {

    public enum Kind { STANDARD, STATUS_ROUND, PROPOSALS }

    /** One standard item; for PROPOSALS only the place matters. */
    public record Entry(Kind kind, String title, String titleEn, String presenters) {
        public String title(boolean english) {
            return english && titleEn != null ? titleEn : title;
        }
    }

    private final Map<String, List<Entry>> byCouncil;

    StandardAgendas(Map<String, List<Entry>> byCouncil) {
        this.byCouncil = byCouncil;
    }

    public List<Entry> of(String council) {
        return byCouncil.getOrDefault(council, List.of(
                new Entry(Kind.STANDARD, "Mötet öppnas", "Opening of the meeting", null),
                new Entry(Kind.STATUS_ROUND, "Aktuellt per aktör", "News from each member", null),
                new Entry(Kind.PROPOSALS, null, null, null),
                new Entry(Kind.STANDARD, "Nästa möte", "Next meeting", null),
                new Entry(Kind.STANDARD, "Avslutning", "Closing", null)));
    }

    @SuppressWarnings("unchecked")
    public static StandardAgendas load(Path file, CouncilRegistry registry) {
        Object root;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
        } catch (IOException | RuntimeException e) {
            throw new RegistryException("Cannot read the standard agendas " + file + ": " + e.getMessage());
        }
        Map<String, List<Entry>> agendas = new LinkedHashMap<>();
        if (!(root instanceof Map<?, ?> map)) {
            throw new RegistryException(file + ": must map council codes to lists of items");
        }
        for (Map.Entry<?, ?> council : map.entrySet()) {
            String code = String.valueOf(council.getKey());
            if (registry.council(code).isEmpty()) {
                throw new RegistryException(file + ": unknown council '" + code + "'");
            }
            List<Entry> entries = new ArrayList<>();
            int statusRounds = 0;
            for (Object o : (List<Object>) council.getValue()) {
                Map<String, Object> item = (Map<String, Object>) o;
                Kind kind = switch (String.valueOf(item.getOrDefault("kind", "standard"))) {
                    case "standard" -> Kind.STANDARD;
                    case "status-round" -> Kind.STATUS_ROUND;
                    case "proposals" -> Kind.PROPOSALS;
                    default -> throw new RegistryException(file + ": council " + code + ": unknown kind " + item.get("kind"));
                };
                String title = item.get("title") == null ? null : String.valueOf(item.get("title"));
                if (kind != Kind.PROPOSALS && (title == null || title.isBlank())) {
                    throw new RegistryException(file + ": council " + code + ": an item without a title");
                }
                statusRounds += kind == Kind.STATUS_ROUND ? 1 : 0;
                entries.add(new Entry(kind, title, item.get("title-en") == null ? null : String.valueOf(item.get("title-en")),
                        item.get("presenters") == null ? null : String.valueOf(item.get("presenters"))));
            }
            if (statusRounds > 1) {
                throw new RegistryException(file + ": council " + code + " has more than one status round");
            }
            agendas.put(code, List.copyOf(entries));
        }
        return new StandardAgendas(agendas);
    }
}
