package se.council.hub.agenda;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import se.council.hub.config.HubProperties;
import se.council.hub.meeting.Meeting;
import se.council.hub.registry.CouncilRegistry;

/**
 * A meeting's agenda: seeded from the council's standard agenda when the meeting is registered,
 * grown by agencies' proposals, and set by the secretariat (accept, edit, order, decline).
 */
@Service
public class AgendaService {

    /** One line of the agenda the secretariat puts: an existing item by id, or a new one. */
    public record AgendaLine(Long id, String title, String presenters, String agency, String text, String decision) { }

    private final JdbcClient jdbc;
    private final StandardAgendas standard;
    private final CouncilRegistry registry;
    private final HubProperties properties;

    public AgendaService(JdbcClient jdbc, HubProperties properties, CouncilRegistry registry) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.registry = registry;
        this.standard = StandardAgendas.load(properties.agenda().standardFile(), registry);
    }

    /** Writes the council's standard agenda for a new meeting. */
    @Transactional
    public void seed(Meeting meeting) {
        int number = 0;
        for (StandardAgendas.Entry e : standard.of(meeting.council())) {
            if (e.kind() == StandardAgendas.Kind.PROPOSALS) {
                continue;
            }
            number++;
            jdbc.sql("""
                    INSERT INTO agenda_item (meeting_id, number, title, presenters, agency_id, text, state, kind)
                    VALUES (?, ?, ?, ?, NULL, NULL, 'ACCEPTED', ?)""")
                    .params(meeting.id(), number, e.title(properties.english()), e.presenters(),
                            e.kind() == StandardAgendas.Kind.STATUS_ROUND ? "STATUS_ROUND" : "STANDARD")
                    .update();
        }
    }

    /** Accepted items in order, then proposed ones, then declined ones. */
    public List<AgendaItem> agenda(long meetingId) {
        return jdbc.sql("""
                SELECT * FROM agenda_item WHERE meeting_id = ?
                ORDER BY CASE state WHEN 'ACCEPTED' THEN 0 WHEN 'PROPOSED' THEN 1 ELSE 2 END, number, id""")
                .param(meetingId)
                .query((rs, n) -> new AgendaItem(rs.getLong("id"), rs.getLong("meeting_id"),
                        (Integer) rs.getObject("number", Integer.class), rs.getString("title"), rs.getString("presenters"),
                        rs.getString("agency_id"), rs.getString("text"), rs.getString("decision"),
                        AgendaItem.State.valueOf(rs.getString("state")), AgendaItem.Kind.valueOf(rs.getString("kind")),
                        (Long) rs.getObject("submission_id", Long.class)))
                .list();
    }

    /**
     * Sets the agenda: the lines in order become the accepted, numbered items; items of the meeting
     * not listed become declined. Lines with an id update that item; lines without one add an item.
     */
    @Transactional
    public List<AgendaItem> replace(long meetingId, List<AgendaLine> lines) {
        Map<Long, AgendaItem> existing = agenda(meetingId).stream()
                .collect(Collectors.toMap(AgendaItem::id, Function.identity()));
        Set<Long> listed = new HashSet<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            AgendaLine line = lines.get(i);
            if (line.id() != null && !existing.containsKey(line.id())) {
                problems.add("line " + (i + 1) + ": item " + line.id() + " is not on this meeting's agenda");
            } else if (line.id() != null && !listed.add(line.id())) {
                problems.add("line " + (i + 1) + ": item " + line.id() + " is listed twice");
            }
            if (line.id() == null && (line.title() == null || line.title().isBlank())) {
                problems.add("line " + (i + 1) + ": a new item needs a title");
            }
            if (line.agency() != null && registry.agency(line.agency()).isEmpty()) {
                problems.add("line " + (i + 1) + ": unknown agency '" + line.agency() + "'");
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidAgendaException(String.join("; ", problems));
        }
        jdbc.sql("UPDATE agenda_item SET state = 'DECLINED', number = NULL WHERE meeting_id = ?").param(meetingId).update();
        for (int i = 0; i < lines.size(); i++) {
            AgendaLine line = lines.get(i);
            if (line.id() == null) {
                jdbc.sql("""
                        INSERT INTO agenda_item (meeting_id, number, title, presenters, agency_id, text, decision, state, kind)
                        VALUES (?, ?, ?, ?, ?, ?, ?, 'ACCEPTED', 'PROPOSAL')""")
                        .params(meetingId, i + 1, line.title().strip(), line.presenters(), line.agency(), line.text(),
                                line.decision()).update();
            } else {
                AgendaItem old = existing.get(line.id());
                jdbc.sql("""
                        UPDATE agenda_item SET number = ?, state = 'ACCEPTED', title = ?, presenters = ?, agency_id = ?,
                            text = ?, decision = ? WHERE id = ?""")
                        .params(i + 1, orElse(line.title(), old.title()), orElse(line.presenters(), old.presenters()),
                                orElse(line.agency(), old.agencyId()), orElse(line.text(), old.text()),
                                orElse(line.decision(), old.decision()), line.id()).update();
            }
        }
        return agenda(meetingId);
    }

    private static String orElse(String value, String fallback) {
        return value == null ? fallback : value;
    }

    /** The agenda the secretariat put cannot be used; the message names each problem. */
    public static class InvalidAgendaException extends RuntimeException {
        InvalidAgendaException(String message) {
            super(message);
        }
    }
}
