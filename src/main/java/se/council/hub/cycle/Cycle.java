package se.council.hub.cycle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import se.council.hub.config.HubProperties;
import se.council.hub.intake.IntakeStore;
import se.council.hub.meeting.Meeting;
import se.council.hub.meeting.MeetingRepository;
import se.council.hub.notice.Notices;
import se.council.hub.outbox.OutboundMail;
import se.council.hub.outbox.Outbox;
import se.council.hub.registry.CouncilRegistry;

/**
 * The meeting cycle's announcements: the call for contributions to every member agency's people,
 * and reminders to agencies without an accepted submission. Each step's mail has a key of its own
 * in the outbox, so no step is sent twice, across restarts too.
 */
@Component("cycle")
public class Cycle {

    private static final Logger LOG = LoggerFactory.getLogger(Cycle.class);

    private final MeetingRepository meetings;
    private final IntakeStore intake;
    private final Outbox outbox;
    private final Notices notices;
    private final CouncilRegistry registry;
    private final HubProperties properties;
    private final Clock clock;

    public Cycle(MeetingRepository meetings, IntakeStore intake, Outbox outbox, Notices notices,
                 CouncilRegistry registry, HubProperties properties, Clock clock) {
        this.meetings = meetings;
        this.intake = intake;
        this.outbox = outbox;
        this.notices = notices;
        this.registry = registry;
        this.properties = properties;
        this.clock = clock;
    }

    /** Enqueues every call and reminder that is due now; returns how many people and agencies were reached. */
    @Transactional
    public int dispatchDue() {
        Instant now = clock.instant();
        int enqueued = 0;
        for (Meeting m : meetings.upcoming(now)) {
            if (!now.isBefore(m.startsAt())) {
                continue;
            }
            if (!now.isBefore(m.startsAt().minus(Duration.ofDays(properties.cycle().callDaysBefore())))) {
                enqueued += call(m);
            }
            for (int days : properties.cycle().reminderDaysBefore()) {
                Instant due = m.startsAt().minus(Duration.ofDays(days));
                // A step whose time had passed before the meeting was registered is covered by its call.
                if (!now.isBefore(due) && !due.isBefore(m.createdAt())) {
                    enqueued += remind(m, "d" + days).size();
                }
            }
        }
        if (enqueued > 0) {
            LOG.info("Cycle: {} announcement step(s) enqueued", enqueued);
        }
        return enqueued;
    }

    /** Sends reminders now, whatever the schedule; returns the agencies reminded. */
    @Transactional
    public List<String> remindNow(long meetingId) {
        Meeting m = meetings.find(meetingId).orElseThrow();
        return remind(m, "manual-" + UUID.randomUUID());
    }

    private int call(Meeting m) {
        CouncilRegistry.Council council = registry.council(m.council()).orElseThrow();
        Notices.Text text = notices.call(m, council);
        int count = 0;
        for (CouncilRegistry.Agency agency : registry.members(m.council())) {
            for (CouncilRegistry.Person p : agency.people()) {
                if (outbox.enqueue(new OutboundMail("call:" + m.id() + ":" + p.email(), OutboundMail.Kind.CALL, m.id(),
                        agency.id(), p.email(), p.name(), text.subject(), text.body(), null, null)).isPresent()) {
                    count++;
                }
            }
        }
        return count;
    }

    private List<String> remind(Meeting m, String step) {
        CouncilRegistry.Council council = registry.council(m.council()).orElseThrow();
        Set<String> submitted = Set.copyOf(intake.agenciesWithAcceptedSubmission(m.id()));
        Notices.Text text = notices.reminder(m, council);
        List<String> reminded = new ArrayList<>();
        for (CouncilRegistry.Agency agency : registry.members(m.council())) {
            if (submitted.contains(agency.id())) {
                continue;
            }
            boolean any = false;
            for (CouncilRegistry.Person p : agency.people()) {
                any |= outbox.enqueue(new OutboundMail("reminder:" + m.id() + ":" + step + ":" + p.email(),
                        OutboundMail.Kind.REMINDER, m.id(), agency.id(), p.email(), p.name(), text.subject(),
                        text.body(), null, null)).isPresent();
            }
            if (any) {
                reminded.add(agency.id());
            }
        }
        return reminded;
    }
}
