package se.council.hub.meeting;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import se.council.hub.agenda.AgendaService;
import se.council.hub.registry.CouncilRegistry;

/** Registers meetings: validates the request, numbers the meeting within its council, names its reference. */
@Service
public class MeetingService {

    public static final ZoneId STOCKHOLM = ZoneId.of("Europe/Stockholm");

    /** What the secretariat posts; times are local Stockholm times. */
    public record NewMeeting(String council, LocalDate date, LocalTime start, LocalTime end, Meeting.Format format,
                             String location, String joinUrl, LocalDateTime submissionDeadline,
                             Integer sequenceNumber) { }

    private final MeetingRepository meetings;
    private final CouncilRegistry registry;
    private final Clock clock;
    private final AgendaService agenda;

    public MeetingService(MeetingRepository meetings, CouncilRegistry registry, Clock clock, AgendaService agenda) {
        this.meetings = meetings;
        this.registry = registry;
        this.clock = clock;
        this.agenda = agenda;
    }

    @Transactional
    public Meeting create(NewMeeting request) {
        CouncilRegistry.Council council = registry.council(request.council() == null ? "" : request.council())
                .orElseThrow(() -> new InvalidMeetingException("unknown council '" + request.council()
                        + "'; known councils: " + registry.councils().stream().map(CouncilRegistry.Council::code).toList()));
        require(request.date() != null, "date is required (YYYY-MM-DD)");
        require(request.start() != null && request.end() != null, "start and end are required (HH:MM)");
        require(request.end().isAfter(request.start()), "end must be after start");
        require(request.format() != null, "format is required: PHYSICAL, DIGITAL or HYBRID");
        if (request.format() != Meeting.Format.DIGITAL) {
            require(notBlank(request.location()), "location is required for a " + request.format() + " meeting");
        }
        if (request.format() != Meeting.Format.PHYSICAL) {
            require(notBlank(request.joinUrl()), "joinUrl is required for a " + request.format() + " meeting");
        }
        if (notBlank(request.joinUrl())) {
            require(isWebLink(request.joinUrl()), "joinUrl must be an http(s) link");
        }
        Instant startsAt = request.date().atTime(request.start()).atZone(STOCKHOLM).toInstant();
        Instant endsAt = request.date().atTime(request.end()).atZone(STOCKHOLM).toInstant();
        LocalDateTime deadlineLocal = request.submissionDeadline() != null ? request.submissionDeadline()
                : request.date().minusDays(7).atTime(12, 0);
        Instant deadline = deadlineLocal.atZone(STOCKHOLM).toInstant();
        require(!deadline.isAfter(startsAt), "submissionDeadline must be before the meeting starts");

        String reference = council.code() + "-" + request.date().format(DateTimeFormatter.ISO_LOCAL_DATE);
        if (meetings.findByReference(reference).isPresent()) {
            throw new MeetingConflictException("council " + council.code() + " already has a meeting on "
                    + request.date() + " (" + reference + ")");
        }
        int number = request.sequenceNumber() != null ? request.sequenceNumber()
                : meetings.nextSequenceNumber(council.code(), council.nextSequenceNumber());
        require(number > 0, "sequenceNumber must be positive");
        if (meetings.sequenceNumberTaken(council.code(), number)) {
            throw new MeetingConflictException("council " + council.code() + " already has a meeting with sequence number "
                    + number);
        }
        Meeting meeting = new Meeting(0, council.code(), number, reference, request.date(), request.start(),
                request.end(), STOCKHOLM, startsAt, endsAt, request.format(), blankToNull(request.location()),
                blankToNull(request.joinUrl()), deadline, Meeting.State.SCHEDULED, clock.instant());
        long id = meetings.insert(meeting);
        Meeting created = meetings.find(id).orElseThrow();
        agenda.seed(created);
        return created;
    }

    /** What a PATCH may change: time and place; null leaves a value as it is. Times are local Stockholm times. */
    public record Change(LocalDate date, LocalTime start, LocalTime end, Meeting.Format format, String location,
                         String joinUrl) {
        boolean empty() {
            return date == null && start == null && end == null && format == null && location == null && joinUrl == null;
        }
    }

    /** A meeting after a change, and whether anything really changed. */
    public record Changed(Meeting meeting, boolean changed) { }

    /**
     * Changes a scheduled meeting's time or place. The reference stays (it names the meeting in every
     * mail already sent); when the date moves, the submission deadline moves with it by as many days.
     */
    @Transactional
    public Changed change(long id, Change change) {
        Meeting m = get(id);
        if (m.state() == Meeting.State.CANCELLED) {
            throw new MeetingConflictException("meeting " + m.reference() + " is cancelled and cannot be changed");
        }
        require(change != null && !change.empty(),
                "nothing to change: give any of date, start, end, format, location, joinUrl");
        LocalDate date = change.date() != null ? change.date() : m.date();
        LocalTime start = change.start() != null ? change.start() : m.start();
        LocalTime end = change.end() != null ? change.end() : m.end();
        Meeting.Format format = change.format() != null ? change.format() : m.format();
        String location = change.location() != null ? blankToNull(change.location()) : m.location();
        String joinUrl = change.joinUrl() != null ? blankToNull(change.joinUrl()) : m.joinUrl();
        require(end.isAfter(start), "end must be after start");
        if (format != Meeting.Format.DIGITAL) {
            require(notBlank(location), "location is required for a " + format + " meeting");
        }
        if (format != Meeting.Format.PHYSICAL) {
            require(notBlank(joinUrl), "joinUrl is required for a " + format + " meeting");
        }
        if (notBlank(joinUrl)) {
            require(isWebLink(joinUrl), "joinUrl must be an http(s) link");
        }
        Instant startsAt = date.atTime(start).atZone(m.zone()).toInstant();
        Instant endsAt = date.atTime(end).atZone(m.zone()).toInstant();
        require(startsAt.isAfter(clock.instant()), "the meeting cannot be moved into the past");
        long days = java.time.temporal.ChronoUnit.DAYS.between(m.date(), date);
        Instant deadline = m.submissionDeadline().atZone(m.zone()).plusDays(days).toInstant();
        if (deadline.isAfter(startsAt)) {
            deadline = startsAt;
        }
        Meeting changed = new Meeting(m.id(), m.council(), m.sequenceNumber(), m.reference(), date, start, end, m.zone(),
                startsAt, endsAt, format, location, joinUrl, deadline, m.state(), m.createdAt());
        if (changed.equals(m)) {
            return new Changed(m, false);
        }
        meetings.update(changed);
        return new Changed(get(id), true);
    }

    /** Cancels a meeting (state CANCELLED); a cancelled meeting cannot be cancelled again. */
    @Transactional
    public Meeting cancel(long id) {
        Meeting m = get(id);
        if (m.state() == Meeting.State.CANCELLED) {
            throw new MeetingConflictException("meeting " + m.reference() + " is already cancelled");
        }
        meetings.cancel(id);
        return get(id);
    }

    public List<Meeting> all() {
        return meetings.all();
    }

    public Meeting get(long id) {
        return meetings.find(id).orElseThrow(() -> new MeetingNotFoundException(id));
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new InvalidMeetingException(message);
        }
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    private static String blankToNull(String s) {
        return notBlank(s) ? s.trim() : null;
    }

    private static boolean isWebLink(String s) {
        try {
            URI uri = URI.create(s.trim());
            return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The request cannot become a meeting; the message says why. */
    public static class InvalidMeetingException extends RuntimeException {
        InvalidMeetingException(String message) {
            super(message);
        }
    }

    public static class MeetingConflictException extends RuntimeException {
        public MeetingConflictException(String message) {
            super(message);
        }
    }

    public static class MeetingNotFoundException extends RuntimeException {
        public MeetingNotFoundException(long id) {
            super("no meeting with id " + id);
        }
    }
}
