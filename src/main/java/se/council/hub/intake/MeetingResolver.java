package se.council.hub.intake;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import se.council.hub.meeting.Meeting;
import se.council.hub.meeting.MeetingRepository;
import se.council.hub.outbox.Outbox;
import se.council.hub.registry.CouncilRegistry;

/**
 * Finds the meeting an input is for: a reply to a mail the hub sent, else the reference tag, else the
 * only meeting open for submissions in the agency's councils; then checks the agency may submit to it.
 */
@Component
public class MeetingResolver {

    /** The meeting, or why none could be used. */
    public record Resolution(Meeting meeting, RejectionReason reason, String details) {
        public boolean found() {
            return meeting != null;
        }
    }

    private final MeetingRepository meetings;
    private final Outbox outbox;
    private final CouncilRegistry registry;
    private final Clock clock;

    public MeetingResolver(MeetingRepository meetings, Outbox outbox, CouncilRegistry registry, Clock clock) {
        this.meetings = meetings;
        this.outbox = outbox;
        this.registry = registry;
        this.clock = clock;
    }

    /**
     * @param threadIds Message-IDs from In-Reply-To and References, most recent first
     * @param reference the reference the sender named, or null
     */
    public Resolution resolve(String agencyId, List<String> threadIds, String reference) {
        Instant now = clock.instant();
        Optional<Meeting> meeting = Optional.empty();
        for (String id : threadIds) {
            meeting = outbox.meetingOfMessage(id).flatMap(meetings::find);
            if (meeting.isPresent()) {
                break;
            }
        }
        if (meeting.isEmpty() && reference != null) {
            meeting = meetings.findByReference(reference);
            if (meeting.isEmpty()) {
                return new Resolution(null, RejectionReason.UNKNOWN_MEETING, "[" + reference + "]");
            }
        }
        if (meeting.isEmpty()) {
            List<String> councils = registry.councilsOf(agencyId);
            List<Meeting> open = meetings.upcoming(now).stream()
                    .filter(m -> councils.contains(m.council()) && m.openForSubmissions(now)).toList();
            if (open.size() != 1) {
                String details = open.isEmpty() ? "no meeting is open for contributions / inget möte tar emot bidrag just nu"
                        : "open meetings / öppna möten: " + open.stream().map(m -> "[" + m.reference() + "]").toList();
                return new Resolution(null, RejectionReason.NO_MEETING, details);
            }
            meeting = Optional.of(open.get(0));
        }
        Meeting m = meeting.get();
        if (!registry.councilsOf(agencyId).contains(m.council())) {
            return new Resolution(null, RejectionReason.NOT_MEMBER, m.reference());
        }
        if (!m.openForSubmissions(now)) {
            return new Resolution(null, RejectionReason.MEETING_CLOSED, m.reference());
        }
        return new Resolution(m, null, null);
    }
}
