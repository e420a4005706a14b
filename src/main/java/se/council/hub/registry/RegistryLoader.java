package se.council.hub.registry;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads and validates config/council.yml. It walks the YAML node tree rather than binding objects
 * so that every problem can name the line it is on; all problems are reported at once.
 */
public final class RegistryLoader {

    private static final Pattern AGENCY_ID = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final Pattern COUNCIL_CODE = Pattern.compile("[A-Z][A-Z0-9]*");
    private static final Pattern DOMAIN = Pattern.compile("(?i)([a-z0-9]([a-z0-9-]*[a-z0-9])?\\.)+[a-z0-9-]{2,}");
    private static final Set<String> ROLES = Set.of("representative", "deputy", "secretariat", "guest");

    private final String source;
    private final List<String> problems = new ArrayList<>();

    private RegistryLoader(String source) {
        this.source = source;
    }

    public static CouncilRegistry load(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return load(reader, file.toString());
        } catch (IOException e) {
            throw new RegistryException("Cannot read the council registry " + file + ": " + e.getMessage());
        }
    }

    public static CouncilRegistry load(Reader reader, String source) {
        RegistryLoader loader = new RegistryLoader(source);
        Node root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).compose(reader);
        } catch (RuntimeException e) {
            throw new RegistryException(source + ": not valid YAML: " + e.getMessage());
        }
        CouncilRegistry registry = loader.read(root);
        if (!loader.problems.isEmpty()) {
            throw new RegistryException("The council registry " + source + " is not valid:\n  - "
                    + String.join("\n  - ", loader.problems));
        }
        return registry;
    }

    private CouncilRegistry read(Node root) {
        if (!(root instanceof MappingNode map)) {
            problem(root, "the registry must be a mapping with 'agencies' and 'councils'");
            return new CouncilRegistry(List.of(), List.of());
        }
        List<CouncilRegistry.Agency> agencies = new ArrayList<>();
        Map<String, Node> agencyNodes = new HashMap<>();
        Map<String, Node> addresses = new HashMap<>();
        Map<String, Node> domains = new HashMap<>();
        for (Node node : sequence(map, "agencies")) {
            CouncilRegistry.Agency agency = readAgency(node, agencies.size(), addresses, domains);
            if (agency == null) {
                continue;
            }
            if (agencyNodes.containsKey(agency.id())) {
                problem(node, "duplicate agency id '" + agency.id() + "' (first at " + where(agencyNodes.get(agency.id())) + ")");
                continue;
            }
            agencyNodes.put(agency.id(), node);
            agencies.add(agency);
        }
        List<CouncilRegistry.Council> councils = new ArrayList<>();
        Set<String> codes = new HashSet<>();
        for (Node node : sequence(map, "councils")) {
            CouncilRegistry.Council council = readCouncil(node, agencyNodes.keySet());
            if (council != null && !codes.add(council.code())) {
                problem(node, "duplicate council code '" + council.code() + "'");
            } else if (council != null) {
                councils.add(council);
            }
        }
        if (councils.isEmpty() && problems.isEmpty()) {
            problem(root, "no council is defined");
        }
        return new CouncilRegistry(agencies, councils);
    }

    private CouncilRegistry.Agency readAgency(Node node, int position, Map<String, Node> addresses,
                                              Map<String, Node> domainNodes) {
        if (!(node instanceof MappingNode map)) {
            problem(node, "an agency must be a mapping with id, name, abbreviation, domains and people");
            return null;
        }
        String id = text(map, "id", true);
        String name = text(map, "name", true);
        String abbreviation = text(map, "abbreviation", false);
        if (id == null || name == null) {
            return null;
        }
        if (!AGENCY_ID.matcher(id).matches()) {
            problem(value(map, "id"), "agency id '" + id + "' must be lower-case letters, digits and hyphens");
        }
        List<String> domains = new ArrayList<>();
        for (Node d : sequence(map, "domains")) {
            String domain = scalar(d);
            if (domain == null || !DOMAIN.matcher(domain).matches()) {
                problem(d, "malformed domain '" + domain + "' of agency " + id);
            } else if (domainNodes.containsKey(domain.toLowerCase(Locale.ROOT))) {
                problem(d, "duplicate domain '" + domain + "' (first at " + where(domainNodes.get(domain.toLowerCase(Locale.ROOT))) + ")");
            } else {
                domainNodes.put(domain.toLowerCase(Locale.ROOT), d);
                domains.add(domain.toLowerCase(Locale.ROOT));
            }
        }
        List<CouncilRegistry.Person> people = new ArrayList<>();
        for (Node p : sequence(map, "people")) {
            if (!(p instanceof MappingNode pm)) {
                problem(p, "a person must be a mapping with name, email and role");
                continue;
            }
            String personName = text(pm, "name", true);
            String email = text(pm, "email", true);
            String role = text(pm, "role", false);
            role = role == null ? "representative" : role;
            if (!ROLES.contains(role)) {
                problem(value(pm, "role"), "unknown role '" + role + "' (one of " + ROLES + ")");
            }
            if (personName == null || email == null) {
                continue;
            }
            if (!wellFormed(email)) {
                problem(value(pm, "email"), "malformed address '" + email + "'");
                continue;
            }
            String key = email.toLowerCase(Locale.ROOT);
            if (addresses.containsKey(key)) {
                problem(value(pm, "email"), "duplicate address '" + email + "' (first at " + where(addresses.get(key)) + ")");
                continue;
            }
            addresses.put(key, value(pm, "email"));
            people.add(new CouncilRegistry.Person(personName, key, role, id));
        }
        return new CouncilRegistry.Agency(id, name, abbreviation == null ? name : abbreviation,
                List.copyOf(domains), List.copyOf(people), position);
    }

    private CouncilRegistry.Council readCouncil(Node node, Set<String> agencyIds) {
        if (!(node instanceof MappingNode map)) {
            problem(node, "a council must be a mapping with code, name, secretariat and members");
            return null;
        }
        String code = text(map, "code", true);
        String name = text(map, "name", true);
        String secretariat = text(map, "secretariat", true);
        if (code == null || name == null || secretariat == null) {
            return null;
        }
        if (!COUNCIL_CODE.matcher(code).matches()) {
            problem(value(map, "code"), "council code '" + code + "' must be upper-case letters and digits");
        }
        if (!agencyIds.contains(secretariat)) {
            problem(value(map, "secretariat"), "unknown secretariat agency id '" + secretariat + "' in council " + code);
        }
        int next = 1;
        String nextText = text(map, "next-sequence-number", false);
        if (nextText != null) {
            try {
                next = Integer.parseInt(nextText);
                if (next < 1) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                problem(value(map, "next-sequence-number"), "next-sequence-number must be a positive whole number");
            }
        }
        List<String> members = new ArrayList<>();
        for (Node m : sequence(map, "members")) {
            String member = scalar(m);
            if (member == null || !agencyIds.contains(member)) {
                problem(m, "unknown member id '" + member + "' in council " + code);
            } else if (members.contains(member)) {
                problem(m, "member '" + member + "' is listed twice in council " + code);
            } else {
                members.add(member);
            }
        }
        if (members.isEmpty()) {
            problem(node, "council " + code + " has no members");
        }
        return new CouncilRegistry.Council(code, name, secretariat, next, List.copyOf(members), readAdjustment(map, code));
    }

    /** The council's {@code adjustment:} mapping; absent: every adjuster approves, no carry-over. */
    private CouncilRegistry.Adjustment readAdjustment(MappingNode council, String code) {
        Node node = value(council, "adjustment");
        if (node == null) {
            return CouncilRegistry.Adjustment.DEFAULT;
        }
        if (!(node instanceof MappingNode map)) {
            problem(node, "'adjustment' of council " + code + " must be a mapping with completion and carry-over-approvals");
            return CouncilRegistry.Adjustment.DEFAULT;
        }
        CouncilRegistry.Adjustment.Completion completion = CouncilRegistry.Adjustment.DEFAULT.completion();
        String completionText = text(map, "completion", false);
        if (completionText != null) {
            try {
                completion = CouncilRegistry.Adjustment.Completion.valueOf(completionText);
            } catch (IllegalArgumentException e) {
                problem(value(map, "completion"), "unknown completion '" + completionText + "' of council " + code
                        + " (ALL_APPROVE or SILENT_APPROVAL)");
            }
        }
        boolean carryOver = false;
        String carryText = text(map, "carry-over-approvals", false);
        if (carryText != null) {
            if (!carryText.equals("true") && !carryText.equals("false")) {
                problem(value(map, "carry-over-approvals"), "carry-over-approvals of council " + code + " must be true or false");
            }
            carryOver = carryText.equals("true");
        }
        return new CouncilRegistry.Adjustment(completion, carryOver);
    }

    private static boolean wellFormed(String email) {
        try {
            InternetAddress address = new InternetAddress(email, true);
            address.validate();
            String domain = email.substring(email.lastIndexOf('@') + 1);
            return address.getAddress().equals(email) && DOMAIN.matcher(domain).matches();
        } catch (AddressException e) {
            return false;
        }
    }

    private List<Node> sequence(MappingNode map, String key) {
        Node node = value(map, key);
        if (node == null) {
            return List.of();
        }
        if (node instanceof SequenceNode seq) {
            return seq.getValue();
        }
        problem(node, "'" + key + "' must be a list");
        return List.of();
    }

    private String text(MappingNode map, String key, boolean required) {
        Node node = value(map, key);
        if (node == null) {
            if (required) {
                problem(map, "missing '" + key + "'");
            }
            return null;
        }
        String text = scalar(node);
        if (text == null || text.isBlank()) {
            problem(node, "'" + key + "' must be a non-empty text");
            return null;
        }
        return text.trim();
    }

    private static String scalar(Node node) {
        return node instanceof ScalarNode s ? s.getValue() : null;
    }

    private static Node value(MappingNode map, String key) {
        for (NodeTuple tuple : map.getValue()) {
            if (tuple.getKeyNode() instanceof ScalarNode k && key.equals(k.getValue())) {
                return tuple.getValueNode();
            }
        }
        return null;
    }

    private void problem(Node node, String message) {
        problems.add(where(node) + ": " + message);
    }

    private String where(Node node) {
        return node == null ? source : source + " line " + (node.getStartMark().getLine() + 1);
    }
}
