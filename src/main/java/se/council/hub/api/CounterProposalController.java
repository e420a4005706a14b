package se.council.hub.api;

import java.time.Instant;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import se.council.hub.attendance.AttendanceStore;
import se.council.hub.attendance.Attendee;
import se.council.hub.invitation.RsvpStore;
import se.council.hub.meeting.MeetingService;

/** The new times invited people have proposed for a meeting (iTIP COUNTER), for the secretariat to decide on. */
@RestController
class CounterProposalController {

    record CounterProposalView(long id, String email, String name, String agency, Instant proposedStart,
                               Instant proposedEnd, String comment, int sequence, Instant receivedAt) { }

    private final RsvpStore store;
    private final AttendanceStore attendance;
    private final MeetingService meetings;

    CounterProposalController(RsvpStore store, AttendanceStore attendance, MeetingService meetings) {
        this.store = store;
        this.attendance = attendance;
        this.meetings = meetings;
    }

    /** Newest first; name and agency as on the attendance list. */
    @GetMapping("/api/meetings/{id}/counter-proposals")
    List<CounterProposalView> counterProposals(@PathVariable long id) {
        meetings.get(id);
        List<Attendee> people = attendance.list(id);
        return store.counters(id).stream().map(c -> {
            Attendee who = people.stream().filter(a -> a.email().equalsIgnoreCase(c.email())).findFirst().orElse(null);
            return new CounterProposalView(c.id(), c.email(), who == null ? null : who.name(),
                    who == null ? null : who.agencyId(), c.proposedStart(), c.proposedEnd(), c.comment(), c.sequence(),
                    c.receivedAt());
        }).toList();
    }
}
