package se.council.hub.registry;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The council registry read from config/council.yml: agencies with their domains and people, and
 * the councils they sit in. Immutable; lookups by address and domain are case-insensitive.
 */
public final class CouncilRegistry {

    public record Person(String name, String email, String role, String agencyId) { }

    public record Agency(String id, String name, String abbreviation, List<String> domains,
                         List<Person> people, int position) { }

    public record Council(String code, String name, String secretariat, int nextSequenceNumber,
                          List<String> members, Adjustment adjustment) {

        public Council(String code, String name, String secretariat, int nextSequenceNumber, List<String> members) {
            this(code, name, secretariat, nextSequenceNumber, members, Adjustment.DEFAULT);
        }
    }

    /**
     * How a council's protocol is adjusted (council.yml {@code adjustment:}).
     *
     * @param completion          ALL_APPROVE: every adjuster approves; SILENT_APPROVAL: at the deadline
     *                            the protocol is adjusted unless a correction is open ("tyst godkännande")
     * @param carryOverApprovals  whether approvals of a version count for the next one
     */
    public record Adjustment(Completion completion, boolean carryOverApprovals) {
        public static final Adjustment DEFAULT = new Adjustment(Completion.ALL_APPROVE, false);

        public enum Completion { ALL_APPROVE, SILENT_APPROVAL }
    }

    private final Map<String, Agency> agencies = new LinkedHashMap<>();
    private final Map<String, Council> councils = new LinkedHashMap<>();
    private final Map<String, Person> peopleByEmail = new LinkedHashMap<>();
    private final Map<String, Agency> agenciesByDomain = new LinkedHashMap<>();

    CouncilRegistry(List<Agency> agencies, List<Council> councils) {
        for (Agency agency : agencies) {
            this.agencies.put(agency.id(), agency);
            agency.domains().forEach(d -> agenciesByDomain.put(d.toLowerCase(Locale.ROOT), agency));
            agency.people().forEach(p -> peopleByEmail.put(p.email().toLowerCase(Locale.ROOT), p));
        }
        councils.forEach(c -> this.councils.put(c.code(), c));
    }

    public List<Agency> agencies() {
        return List.copyOf(agencies.values());
    }

    public List<Council> councils() {
        return List.copyOf(councils.values());
    }

    public Optional<Agency> agency(String id) {
        return Optional.ofNullable(agencies.get(id));
    }

    public Optional<Council> council(String code) {
        return Optional.ofNullable(councils.get(code));
    }

    public Optional<Person> person(String email) {
        return email == null ? Optional.empty()
                : Optional.ofNullable(peopleByEmail.get(email.toLowerCase(Locale.ROOT)));
    }

    /** The agency a mail address speaks for: a registered person's agency, else its domain's. */
    public Optional<Agency> agencyForAddress(String email) {
        if (email == null) {
            return Optional.empty();
        }
        Optional<Person> person = person(email);
        if (person.isPresent()) {
            return agency(person.get().agencyId());
        }
        int at = email.lastIndexOf('@');
        return at < 0 ? Optional.empty()
                : Optional.ofNullable(agenciesByDomain.get(email.substring(at + 1).toLowerCase(Locale.ROOT)));
    }

    /** Member agencies of a council, in the registry's order. */
    public List<Agency> members(String councilCode) {
        Council council = councils.get(councilCode);
        return council == null ? List.of() : council.members().stream().map(agencies::get).toList();
    }

    /** Codes of the councils an agency sits in. */
    public List<String> councilsOf(String agencyId) {
        return councils.values().stream().filter(c -> c.members().contains(agencyId)).map(Council::code).toList();
    }
}
