package se.council.hub.protocol;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import se.council.hub.attendance.Presence;
import se.council.hub.registry.CouncilRegistry;

/**
 * Writes who was at a meeting, as the secretariat records it for the protocol: the presence columns
 * of the attendee table. A registry person not invited gets a row; a guest from outside the registry
 * ("Övriga närvarande") gets a row without agency, keyed by their address or, without one, by name.
 */
@Repository
public class PresenceStore {

    /** The key of a guest recorded without an address: never mailed. */
    public static final String GUEST_PREFIX = "guest:";

    /** A registry person's presence. */
    public record PersonPresence(String email, String name, Presence presence, String note) { }

    /** A guest: name, organisation, optional address, a note such as "under punkt tre". */
    public record Guest(String name, String organisation, String email, Presence presence, String note) { }

    private final JdbcClient jdbc;
    private final CouncilRegistry registry;

    public PresenceStore(JdbcClient jdbc, CouncilRegistry registry) {
        this.jdbc = jdbc;
        this.registry = registry;
    }

    /** Records presence; every problem is reported at once and nothing is written then. */
    @Transactional
    public void record(long meetingId, List<PersonPresence> people, List<Guest> others) {
        List<String> problems = new ArrayList<>();
        List<Object[]> rows = new ArrayList<>();
        int i = 0;
        for (PersonPresence p : people == null ? List.<PersonPresence>of() : people) {
            i++;
            if (p.email() == null || p.email().isBlank()) {
                problems.add("people[" + i + "]: email is required");
                continue;
            }
            String email = p.email().strip().toLowerCase(Locale.ROOT);
            CouncilRegistry.Person registered = registry.person(email).orElse(null);
            if (registered == null && (p.name() == null || p.name().isBlank())) {
                problems.add("people[" + i + "]: " + email + " is not in the registry; give a name (or list the person under others)");
                continue;
            }
            if (p.presence() == null) {
                problems.add("people[" + i + "]: presence is required (PRESENT, PARTLY_PRESENT or ABSENT)");
                continue;
            }
            String agency = registered != null ? registered.agencyId() : registry.agencyForAddress(email)
                    .map(CouncilRegistry.Agency::id).orElse(null);
            rows.add(new Object[] {email, registered != null ? registered.name() : p.name().strip(), agency, null,
                    p.presence(), blank(p.note())});
        }
        i = 0;
        for (Guest g : others == null ? List.<Guest>of() : others) {
            i++;
            if (g.name() == null || g.name().isBlank()) {
                problems.add("others[" + i + "]: name is required");
                continue;
            }
            String email = g.email() == null || g.email().isBlank() ? GUEST_PREFIX + slug(g.name())
                    : g.email().strip().toLowerCase(Locale.ROOT);
            rows.add(new Object[] {email, g.name().strip(), null, blank(g.organisation()),
                    g.presence() == null ? Presence.PRESENT : g.presence(), blank(g.note())});
        }
        if (!problems.isEmpty()) {
            throw new ProtocolRound.InvalidProtocolRequestException(String.join("; ", problems));
        }
        for (Object[] r : rows) {
            int updated = jdbc.sql("UPDATE attendee SET presence = ?, presence_note = ?, organisation = COALESCE(?, organisation) "
                            + "WHERE meeting_id = ? AND email = ?")
                    .params(((Presence) r[4]).name(), r[5], r[3], meetingId, r[0]).update();
            if (updated == 0) {
                jdbc.sql("""
                        INSERT INTO attendee (meeting_id, email, name, agency_id, organisation, role, invited, partstat,
                            presence, presence_note) VALUES (?, ?, ?, ?, ?, ?, FALSE, 'NEEDS-ACTION', ?, ?)""")
                        .params(meetingId, r[0], r[1], r[2], r[3], r[2] == null ? "OPT-PARTICIPANT" : "REQ-PARTICIPANT",
                                ((Presence) r[4]).name(), r[5]).update();
            }
        }
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    static String slug(String name) {
        String plain = Normalizer.normalize(name.strip().toLowerCase(Locale.ROOT), Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return plain.replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
    }
}
