package se.council.hub.protocol;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import se.council.hub.agenda.AgendaItem;
import se.council.hub.agenda.AgendaService;
import se.council.hub.attendance.AttendanceStore;
import se.council.hub.attendance.Attendee;
import se.council.hub.attendance.Presence;
import se.council.hub.config.HubProperties;
import se.council.hub.meeting.Meeting;
import se.council.hub.meeting.MeetingRepository;
import se.council.hub.notice.MeetingText;
import se.council.hub.notice.Ordinals;
import se.council.hub.protocol.document.ProtocolDocument;
import se.council.hub.registry.CouncilRegistry;

/**
 * Builds the protocol draft from what the hub knows of a meeting: its header, the participants from
 * the attendance list (present = accepted unless the secretariat recorded otherwise), the accepted
 * agenda with its decisions, each agency's current status text for "Aktuellt per aktör" ("Se ppt."
 * where it sent slides), and the council's next meeting.
 */
@Service
public class ProtocolService {

    private static final Locale SV = Locale.forLanguageTag("sv-SE");

    private final MeetingRepository meetings;
    private final CouncilRegistry registry;
    private final AgendaService agenda;
    private final AttendanceStore attendance;
    private final JdbcClient jdbc;
    private final HubProperties properties;

    public ProtocolService(MeetingRepository meetings, CouncilRegistry registry, AgendaService agenda,
                           AttendanceStore attendance, JdbcClient jdbc, HubProperties properties) {
        this.meetings = meetings;
        this.registry = registry;
        this.agenda = agenda;
        this.attendance = attendance;
        this.jdbc = jdbc;
        this.properties = properties;
    }

    /** The draft of a meeting's protocol as version {@code version}, with the diary number when given. */
    public ProtocolDocument draft(Meeting m, int version, String diaryNumber) {
        boolean en = properties.english();
        CouncilRegistry.Council council = registry.council(m.council()).orElseThrow();
        String title = en ? "Minutes of the council's " + Ordinals.english(m.sequenceNumber()) + " meeting"
                : "Protokoll från rådets " + Ordinals.swedish(m.sequenceNumber()) + " möte";
        String subject = en ? council.name() + ", meeting " + m.sequenceNumber()
                : council.name() + ", möte " + m.sequenceNumber();
        Participants p = participants(m, council);
        return new ProtocolDocument(en, council.name(), title, subject, m.date(), m.start(), m.end(), place(m, en),
                preparedBy(council), null, null, null, blankToNull(diaryNumber), version, true,
                p.groups(), p.partly(), p.others(), p.absentOrganisations(), p.invitedAbsent(), items(m, council),
                nextMeeting(m, en));
    }

    /** Presence for the protocol, grouped as the council's protocols list it. */
    public record Participants(List<ProtocolDocument.Group> groups, List<ProtocolDocument.Person> partly,
                               List<ProtocolDocument.Person> others, List<String> absentOrganisations,
                               List<ProtocolDocument.Person> invitedAbsent, List<Attendee> present) { }

    /**
     * Who was there: per organisation in the registry's order with the secretariat first; those
     * present part of the meeting; guests; member organisations with nobody there; and invited
     * people who declined or never answered.
     */
    public Participants participants(Meeting m, CouncilRegistry.Council council) {
        List<Attendee> all = attendance.list(m.id());
        List<CouncilRegistry.Agency> order = new ArrayList<>();
        registry.agency(council.secretariat()).ifPresent(order::add);
        registry.members(m.council()).stream().filter(a -> !a.id().equals(council.secretariat())).forEach(order::add);
        registry.agencies().stream().filter(a -> !order.contains(a)).forEach(order::add);
        Map<String, List<String>> presentByAgency = new LinkedHashMap<>();
        List<ProtocolDocument.Person> partly = new ArrayList<>();
        List<ProtocolDocument.Person> others = new ArrayList<>();
        List<ProtocolDocument.Person> invitedAbsent = new ArrayList<>();
        List<Attendee> present = new ArrayList<>();
        for (CouncilRegistry.Agency agency : order) {
            for (Attendee a : all) {
                if (!agency.id().equals(a.agencyId())) {
                    continue;
                }
                if (a.present()) {
                    present.add(a);
                    if (a.presence() == Presence.PARTLY_PRESENT) {
                        partly.add(new ProtocolDocument.Person(a.name(), organisation(agency), blankToNull(a.presenceNote())));
                    } else {
                        presentByAgency.computeIfAbsent(agency.id(), k -> new ArrayList<>()).add(a.name());
                    }
                } else if (a.invited()) {
                    invitedAbsent.add(new ProtocolDocument.Person(a.name(), organisation(agency), null));
                }
            }
        }
        for (Attendee a : all) {
            if (a.agencyId() == null && a.present()) {
                present.add(a);
                others.add(new ProtocolDocument.Person(a.name(), a.organisation(), blankToNull(a.presenceNote())));
            } else if (a.agencyId() == null && a.invited()) {
                invitedAbsent.add(new ProtocolDocument.Person(a.name(), a.organisation(), null));
            }
        }
        List<ProtocolDocument.Group> groups = new ArrayList<>();
        for (CouncilRegistry.Agency agency : order) {
            List<String> names = presentByAgency.get(agency.id());
            if (names != null) {
                groups.add(new ProtocolDocument.Group(organisation(agency), names));
            }
        }
        List<String> absent = new ArrayList<>();
        for (CouncilRegistry.Agency member : registry.members(m.council())) {
            boolean anyone = present.stream().anyMatch(a -> member.id().equals(a.agencyId()));
            if (!anyone) {
                absent.add(organisation(member));
            }
        }
        return new Participants(groups, partly, others, absent, invitedAbsent, present);
    }

    /** "Inspektionen för vård och omsorg (IVO)", or the name alone when the abbreviation is the name. */
    static String organisation(CouncilRegistry.Agency agency) {
        return agency.abbreviation() == null || agency.abbreviation().equals(agency.name())
                || agency.name().contains("(" + agency.abbreviation() + ")")
                ? agency.name() : agency.name() + " (" + agency.abbreviation() + ")";
    }

    private List<ProtocolDocument.Item> items(Meeting m, CouncilRegistry.Council council) {
        List<ProtocolDocument.Item> items = new ArrayList<>();
        for (AgendaItem item : agenda.agenda(m.id())) {
            if (item.state() != AgendaItem.State.ACCEPTED || item.number() == null) {
                continue;
            }
            List<ProtocolDocument.AgencyStatus> statuses = item.kind() == AgendaItem.Kind.STATUS_ROUND
                    ? statuses(m) : List.of();
            items.add(new ProtocolDocument.Item(item.number(), item.title(), blankToNull(item.presenters()),
                    item.decision() == null ? "" : item.decision().strip(), statuses));
        }
        return items;
    }

    /** One paragraph per member agency with a current status update, in the registry's order. */
    private List<ProtocolDocument.AgencyStatus> statuses(Meeting m) {
        record Current(String agencyId, String text, int files) { }
        List<Current> current = jdbc.sql("""
                SELECT s.agency_id, s.text, (SELECT COUNT(*) FROM attachment a WHERE a.submission_id = s.id) AS files
                FROM submission s WHERE s.meeting_id = ? AND s.kind = 'STATUS_UPDATE' AND s.state = 'ACCEPTED'""")
                .param(m.id()).query((rs, n) -> new Current(rs.getString(1), rs.getString(2), rs.getInt(3))).list();
        List<ProtocolDocument.AgencyStatus> statuses = new ArrayList<>();
        for (CouncilRegistry.Agency agency : registry.members(m.council())) {
            current.stream().filter(c -> c.agencyId().equals(agency.id())).findFirst().ifPresent(c ->
                    statuses.add(new ProtocolDocument.AgencyStatus(agency.abbreviation(),
                            c.text() == null ? "" : c.text().strip(), c.files() > 0)));
        }
        return statuses;
    }

    private String nextMeeting(Meeting m, boolean en) {
        return meetings.all().stream()
                .filter(n -> n.council().equals(m.council()) && n.state() == Meeting.State.SCHEDULED
                        && n.startsAt().isAfter(m.startsAt()))
                .findFirst()
                .map(n -> {
                    String date = n.date().format(DateTimeFormatter.ofPattern("d MMMM yyyy", en ? Locale.UK : SV));
                    String where = place(n, en);
                    return en ? "Next meeting on " + date + ", " + MeetingText.time(n, true) + ", " + where + "."
                            : "Nästa möte den " + date + ", kl. " + MeetingText.time(n, false) + ", " + where + ".";
                })
                .orElse(null);
    }

    /** Where the meeting was: its location, "digitalt", or both. */
    static String place(Meeting m, boolean en) {
        return switch (m.format()) {
            case PHYSICAL -> m.location();
            case DIGITAL -> en ? "online" : "digitalt";
            case HYBRID -> m.location() + (en ? " and online" : " och digitalt");
        };
    }

    private String preparedBy(CouncilRegistry.Council council) {
        String configured = properties.protocol().preparedBy();
        if (configured != null && !configured.isBlank()) {
            return configured.strip();
        }
        return registry.agency(council.secretariat()).map(a -> a.people().stream()
                        .filter(p -> "secretariat".equals(p.role())).findFirst()
                        .or(() -> a.people().stream().findFirst())
                        .map(p -> p.name() + ", " + a.name()).orElse(a.name()))
                .orElse(null);
    }

    /** The date of adjustment as written in the protocol's header. */
    static LocalDate today(java.time.Instant now, Meeting m) {
        return now.atZone(m.zone()).toLocalDate();
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
