package se.council.hub.invitation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import se.council.hub.agenda.AgendaItem;
import se.council.hub.agenda.AgendaService;
import se.council.hub.attendance.AttendanceStore;
import se.council.hub.attendance.Attendee;
import se.council.hub.config.HubProperties;
import se.council.hub.meeting.Meeting;
import se.council.hub.meeting.MeetingRepository;
import se.council.hub.meeting.MeetingService;
import se.council.hub.outbox.OutboundCalendar;
import se.council.hub.outbox.OutboundMail;
import se.council.hub.outbox.Outbox;
import se.council.hub.registry.CouncilRegistry;

/**
 * A meeting's calendar invitations over their whole life: the first REQUEST to every participant,
 * a REQUEST to people added since, a CANCEL to people taken off, a new version (same UID,
 * SEQUENCE + 1) to everyone when time or place change, and a CANCEL with STATUS:CANCELLED when the
 * meeting is cancelled. Each mail has its step's key in the outbox (meeting, person, SEQUENCE,
 * method, and how often the person was taken off the invitation), so no version goes to anyone
 * twice, across restarts too, and a person put back gets it again.
 */
@Component("invitations")
public class Invitations {

    private static final Logger LOG = LoggerFactory.getLogger(Invitations.class);

    /** What one send did: the event's UID and SEQUENCE, who got a REQUEST and who a CANCEL now. */
    public record Outcome(String meeting, String uid, int sequence, List<String> requested, List<String> cancelled,
                          int alreadyInvited) { }

    /** A person the meeting's invitation should reach. */
    record Participant(String email, String name, String agencyId, String organisation, String role) { }

    private final MeetingRepository meetings;
    private final MeetingService meetingService;
    private final AttendanceStore attendance;
    private final InvitationStore store;
    private final AgendaService agenda;
    private final CouncilRegistry registry;
    private final Outbox outbox;
    private final HubProperties properties;
    private final Clock clock;

    public Invitations(MeetingRepository meetings, MeetingService meetingService, AttendanceStore attendance,
                       InvitationStore store, AgendaService agenda, CouncilRegistry registry, Outbox outbox,
                       HubProperties properties, Clock clock) {
        this.meetings = meetings;
        this.meetingService = meetingService;
        this.attendance = attendance;
        this.store = store;
        this.agenda = agenda;
        this.registry = registry;
        this.outbox = outbox;
        this.properties = properties;
        this.clock = clock;
    }

    /** Sends the invitation now (POST …/invitations): to everyone not yet invited to the current version. */
    @Transactional
    public Outcome send(long meetingId) {
        Meeting m = meetingService.get(meetingId);
        if (m.state() == Meeting.State.CANCELLED) {
            throw new MeetingService.MeetingConflictException("meeting " + m.reference() + " is cancelled");
        }
        return sync(m, event(m), InvitationTexts.Occasion.NEW);
    }

    /**
     * Sends what is due: the invitation of every scheduled meeting {@code hub.cycle.invite-days-before}
     * days ahead or nearer (at once for one registered later), and to people added since.
     *
     * @return the number of mails enqueued
     */
    @Transactional
    public int dispatchDue() {
        Instant now = clock.instant();
        int enqueued = 0;
        for (Meeting m : meetings.upcoming(now)) {
            if (now.isBefore(m.startsAt())
                    && !now.isBefore(m.startsAt().minus(Duration.ofDays(properties.cycle().inviteDaysBefore())))) {
                Outcome o = sync(m, event(m), InvitationTexts.Occasion.NEW);
                enqueued += o.requested().size() + o.cancelled().size();
            }
        }
        if (enqueued > 0) {
            LOG.info("Invitations: {} mail(s) enqueued", enqueued);
        }
        return enqueued;
    }

    /**
     * Changes the meeting's time or place and, once invitations have gone out, sends everyone on the
     * invitation the new version: the same UID, SEQUENCE + 1.
     */
    @Transactional
    public Outcome change(long meetingId, MeetingService.Change change) {
        Meeting before = meetingService.get(meetingId);
        MeetingService.Changed changed = meetingService.change(meetingId, change);
        Meeting m = changed.meeting();
        var event = store.find(m.id());
        if (event.isEmpty()) {
            return new Outcome(m.reference(), null, 0, List.of(), List.of(), 0);
        }
        InvitationStore.Event current = changed.changed() ? store.next(event.get(), clock.instant()) : event.get();
        resetAnswersIfMoved(before, m);
        return sync(m, current, InvitationTexts.Occasion.UPDATED);
    }

    /** Cancels the meeting; everyone on the invitation gets a CANCEL with STATUS:CANCELLED (SEQUENCE + 1). */
    @Transactional
    public Outcome cancel(long meetingId) {
        Meeting m = meetingService.cancel(meetingId);
        var found = store.find(m.id());
        if (found.isEmpty()) {
            return new Outcome(m.reference(), null, 0, List.of(), List.of(), 0);
        }
        InvitationStore.Event event = store.next(found.get(), clock.instant());
        List<Attendee> invited = attendance.invited(m.id());
        List<String> cancelled = cancelTo(m, event, invited, true, InvitationTexts.Occasion.CANCELLED, store.rounds(m.id()));
        return new Outcome(m.reference(), event.uid(), event.sequence(), List.of(), cancelled, 0);
    }

    /**
     * Answers given for another time do not hold for the new one (RFC 5546 lets the organizer ask
     * again on any change; clients ask again when the time changes): a change of date, start or end
     * sets the answers back to NEEDS-ACTION. A change of place or join link keeps them.
     */
    private void resetAnswersIfMoved(Meeting before, Meeting after) {
        if (!before.startsAt().equals(after.startsAt()) || !before.endsAt().equals(after.endsAt())) {
            int reset = store.resetAnswers(after.id());
            if (reset > 0) {
                LOG.info("Invitations: {} moved, {} answer(s) set back to NEEDS-ACTION", after.reference(), reset);
            }
        }
    }

    private InvitationStore.Event event(Meeting m) {
        String uid = UUID.randomUUID() + "@" + domain(properties.mail().address());
        return store.findOrCreate(m.id(), uid, clock.instant());
    }

    /** Brings the attendee list in line with the registry and sends each person what they lack. */
    private Outcome sync(Meeting m, InvitationStore.Event event, InvitationTexts.Occasion occasion) {
        Map<String, Participant> wanted = participants(m);
        Map<String, Integer> rounds = store.rounds(m.id());
        List<Attendee> removed = new ArrayList<>();
        Map<String, Attendee> current = new java.util.HashMap<>();
        for (Attendee a : attendance.list(m.id())) {
            current.put(a.email(), a);
            // A delegate came in through a reply (RFC 5546 delegation), not from the registry: they stay.
            if (a.invited() && !wanted.containsKey(a.email()) && a.delegatedFrom() == null) {
                removed.add(a);
            }
        }
        List<AttendanceStore.NewAttendee> newcomers = new ArrayList<>();
        for (Participant p : wanted.values()) {
            Attendee a = current.get(p.email().toLowerCase(Locale.ROOT));
            if (a == null) {
                newcomers.add(new AttendanceStore.NewAttendee(p.email(), p.name(), p.agencyId(), p.organisation(), p.role()));
                continue;
            }
            boolean unchanged = a.invited() && java.util.Objects.equals(a.name(), p.name())
                    && java.util.Objects.equals(a.agencyId(), p.agencyId())
                    && java.util.Objects.equals(a.organisation(), p.organisation()) && java.util.Objects.equals(a.role(), p.role());
            if (!unchanged) {
                attendance.invite(m.id(), p.email(), p.name(), p.agencyId(), p.organisation(), p.role());
            }
        }
        attendance.inviteNew(m.id(), newcomers);
        removed.forEach(a -> attendance.uninvite(m.id(), a.email()));
        removed.forEach(a -> store.nextRound(m.id(), a.email()));
        List<Attendee> invited = attendance.invited(m.id());
        // The steps that have their mail already, in one query rather than one per person.
        java.util.Set<String> enqueued = outbox.dedupKeys(m.id(), keyPattern(m, event.sequence(), InvitationCalendar.ItipMethod.REQUEST));
        List<Attendee> due = invited.stream()
                .filter(a -> !enqueued.contains(key(m, a.email(), event.sequence(), InvitationCalendar.ItipMethod.REQUEST, rounds)))
                .toList();
        List<String> requested = new ArrayList<>();
        if (!due.isEmpty()) {
            CouncilRegistry.Council council = council(m);
            List<AgendaItem> items = agenda.agenda(m.id());
            InvitationTexts texts = texts();
            String ics = InvitationCalendar.text(InvitationCalendar.build(
                    event(m, council, items, event, InvitationCalendar.ItipMethod.REQUEST, invited, false)));
            requested.addAll(enqueueEach(m, council, items, event, InvitationCalendar.ItipMethod.REQUEST, ics, due,
                    texts, occasion, rounds));
        }
        List<String> cancelled = new ArrayList<>();
        for (Attendee a : removed) {
            cancelled.addAll(cancelTo(m, event, List.of(a), false, InvitationTexts.Occasion.REMOVED, rounds));
        }
        return new Outcome(m.reference(), event.uid(), event.sequence(), requested, cancelled,
                invited.size() - requested.size());
    }

    /** A CANCEL naming these people, sent to each of them. */
    private List<String> cancelTo(Meeting m, InvitationStore.Event event, List<Attendee> people, boolean wholeMeeting,
                                  InvitationTexts.Occasion occasion, Map<String, Integer> rounds) {
        if (people.isEmpty()) {
            return List.of();
        }
        CouncilRegistry.Council council = council(m);
        List<AgendaItem> items = agenda.agenda(m.id());
        InvitationTexts texts = texts();
        String ics = InvitationCalendar.text(InvitationCalendar.build(
                event(m, council, items, event, InvitationCalendar.ItipMethod.CANCEL, people, wholeMeeting)));
        return enqueueEach(m, council, items, event, InvitationCalendar.ItipMethod.CANCEL, ics, people, texts, occasion, rounds);
    }

    /**
     * Queues the calendar object {@code ics} to each of {@code recipients} with the occasion's text, one
     * outbox step per person, method and invite round.
     *
     * @return the addresses that got a mail now (not those whose step had its mail before)
     */
    private List<String> enqueueEach(Meeting m, CouncilRegistry.Council council, List<AgendaItem> items,
                                     InvitationStore.Event event, InvitationCalendar.ItipMethod method, String ics,
                                     List<Attendee> recipients, InvitationTexts texts, InvitationTexts.Occasion occasion,
                                     Map<String, Integer> rounds) {
        List<Outbox.CalendarMail> mails = new ArrayList<>(recipients.size());
        for (Attendee a : recipients) {
            InvitationTexts.Mail mail = texts.mail(occasion, m, council, items, a.name());
            mails.add(new Outbox.CalendarMail(new OutboundMail(key(m, a.email(), event.sequence(), method, rounds),
                    OutboundMail.Kind.INVITATION, m.id(), a.agencyId(), a.email(), a.name(), mail.subject(), mail.text(),
                    null, null), new OutboundCalendar(method.name(), ics, mail.html())));
        }
        return outbox.enqueueAll(mails).stream().map(OutboundMail::recipient).toList();
    }

    private InvitationCalendar.Event event(Meeting m, CouncilRegistry.Council council, List<AgendaItem> items,
                                           InvitationStore.Event event, InvitationCalendar.ItipMethod method,
                                           List<Attendee> attendees, boolean cancelled) {
        InvitationTexts texts = texts();
        String url = m.joinUrl() != null ? m.joinUrl()
                : properties.pack().baseUrl().replaceAll("/+$", "") + "/api/meetings/" + m.id();
        return new InvitationCalendar.Event(method, event.uid(), event.sequence(), event.dtstamp(),
                m.startsAt().atZone(m.zone()), m.endsAt().atZone(m.zone()), texts.summary(m, council), texts.location(m),
                url, texts.description(m, council, items), properties.mail().address(), properties.mail().displayName(),
                attendees.stream().map(a -> new InvitationCalendar.Invitee(a.email(), a.name(), a.role())).toList(),
                cancelled, properties.language());
    }

    /**
     * Everyone the meeting's invitation should reach, by address: every person of every member
     * agency, the secretariat's people, and the configured guests. Deputies are optional participants.
     */
    Map<String, Participant> participants(Meeting m) {
        Map<String, Participant> people = new LinkedHashMap<>();
        CouncilRegistry.Council council = council(m);
        List<CouncilRegistry.Agency> agencies = new ArrayList<>(registry.members(m.council()));
        registry.agency(council.secretariat()).filter(a -> !agencies.contains(a)).ifPresent(agencies::add);
        for (CouncilRegistry.Agency agency : agencies) {
            for (CouncilRegistry.Person p : agency.people()) {
                people.putIfAbsent(p.email().toLowerCase(Locale.ROOT), new Participant(p.email().toLowerCase(Locale.ROOT),
                        p.name(), agency.id(), null, "deputy".equals(p.role()) ? "OPT-PARTICIPANT" : "REQ-PARTICIPANT"));
            }
        }
        for (HubProperties.Guest g : properties.invitations().extra()) {
            String email = g.email().strip().toLowerCase(Locale.ROOT);
            people.putIfAbsent(email, new Participant(email, g.name().strip(),
                    registry.agencyForAddress(email).map(CouncilRegistry.Agency::id).orElse(null), g.organisation(),
                    "REQ-PARTICIPANT"));
        }
        return people;
    }

    /** The outbox step of one mail: meeting, person, SEQUENCE and method. */
    static String key(Meeting m, String email, int sequence, InvitationCalendar.ItipMethod method) {
        return "invitation:" + m.id() + ":" + email.toLowerCase(Locale.ROOT) + ":" + sequence + ":" + method;
    }

    /** A SQL LIKE pattern matching {@link #key} of every person and invite round for this sequence and method. */
    static String keyPattern(Meeting m, int sequence, InvitationCalendar.ItipMethod method) {
        return "invitation:" + m.id() + ":%:" + sequence + ":" + method + "%";
    }

    /**
     * The outbox step of one mail in the person's current invite round (how often they were taken off
     * the invitation): the round-0 key as above, later rounds with ":r{round}" after it, so a person
     * removed and added again within one SEQUENCE gets a new REQUEST (and a new CANCEL when removed again).
     */
    static String key(Meeting m, String email, int sequence, InvitationCalendar.ItipMethod method,
                      Map<String, Integer> rounds) {
        int round = rounds.getOrDefault(email.toLowerCase(Locale.ROOT), 0);
        return key(m, email, sequence, method) + (round == 0 ? "" : ":r" + round);
    }

    private CouncilRegistry.Council council(Meeting m) {
        return registry.council(m.council()).orElseThrow();
    }

    private InvitationTexts texts() {
        return new InvitationTexts(properties.english());
    }

    private static String domain(String address) {
        return address.substring(address.indexOf('@') + 1);
    }
}
