package se.council.hub.api;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import se.council.hub.agenda.AgendaService;
import se.council.hub.cycle.Cycle;
import se.council.hub.intake.IntakeStore;
import se.council.hub.intake.StoredFile;
import se.council.hub.invitation.Invitations;
import se.council.hub.meeting.Meeting;
import se.council.hub.meeting.MeetingService;
import se.council.hub.notice.Ordinals;
import se.council.hub.registry.CouncilRegistry;

/** The secretariat's view of meetings: register them, read them, see what each agency sent, remind. */
@RestController
@RequestMapping("/api/meetings")
class MeetingController {

    record CreateMeeting(String council, LocalDate date, @JsonFormat(pattern = "H:mm") LocalTime start,
                         @JsonFormat(pattern = "H:mm") LocalTime end, Meeting.Format format, String location,
                         String joinUrl, LocalDateTime submissionDeadline, Integer sequenceNumber) { }

    /** A PATCH: any of these; absent fields stay as they are. */
    record ChangeMeeting(LocalDate date, @JsonFormat(pattern = "H:mm") LocalTime start,
                         @JsonFormat(pattern = "H:mm") LocalTime end, Meeting.Format format, String location,
                         String joinUrl) { }

    record AgendaItemView(long id, Integer number, String title, String presenters, String agency, String state,
                          String kind, String text, String decision, List<StoredFile> attachments) { }

    record MeetingView(long id, String reference, String council, String councilName, int sequenceNumber,
                       String ordinal, LocalDate date, String start, String end, String timeZone, Meeting.Format format,
                       String location, String joinUrl, OffsetDateTime submissionDeadline, Meeting.State state,
                       List<AgendaItemView> agenda) { }

    record SubmissionView(long id, String kind, String channel, String state, Instant receivedAt, String sender,
                          String title, String presenters, String text, boolean late, List<StoredFile> attachments) { }

    record AgencySubmissions(String agency, String name, String state, List<SubmissionView> submissions) { }

    record Reminded(String meeting, List<String> agencies) { }

    private final MeetingService service;
    private final IntakeStore intake;
    private final CouncilRegistry registry;
    private final Cycle cycle;
    private final AgendaService agendaService;
    private final Invitations invitations;

    MeetingController(MeetingService service, IntakeStore intake, CouncilRegistry registry, Cycle cycle,
                      AgendaService agendaService, Invitations invitations) {
        this.invitations = invitations;
        this.service = service;
        this.intake = intake;
        this.registry = registry;
        this.cycle = cycle;
        this.agendaService = agendaService;
    }

    @PostMapping
    ResponseEntity<MeetingView> create(@RequestBody CreateMeeting body) {
        Meeting m = service.create(new MeetingService.NewMeeting(body.council(), body.date(), body.start(), body.end(),
                body.format(), body.location(), body.joinUrl(), body.submissionDeadline(), body.sequenceNumber()));
        // A meeting registered later than the call's day gets its call at once.
        cycle.dispatchDue();
        // ... and its calendar invitation, when that day has passed too.
        invitations.dispatchDue();
        return ResponseEntity.status(HttpStatus.CREATED).header("Location", "/api/meetings/" + m.id()).body(view(m));
    }

    @GetMapping
    List<MeetingView> list() {
        return service.all().stream().map(this::view).toList();
    }

    @GetMapping("/{id}")
    MeetingView one(@PathVariable long id) {
        return view(service.get(id));
    }

    /** Changes time or place; once invited, everyone gets the new version of the invitation. */
    @PatchMapping("/{id}")
    MeetingView change(@PathVariable long id, @RequestBody ChangeMeeting body) {
        invitations.change(id, new MeetingService.Change(body.date(), body.start(), body.end(), body.format(),
                body.location(), body.joinUrl()));
        return view(service.get(id));
    }

    /** Cancels the meeting; everyone invited gets the cancellation in their calendar. */
    @DeleteMapping("/{id}")
    MeetingView cancel(@PathVariable long id) {
        invitations.cancel(id);
        return view(service.get(id));
    }

    @GetMapping("/{id}/submissions")
    List<AgencySubmissions> submissions(@PathVariable long id) {
        Meeting m = service.get(id);
        Map<String, List<IntakeStore.SubmissionView>> byAgency = intake.submissions(id, m.submissionDeadline()).stream()
                .collect(Collectors.groupingBy(IntakeStore.SubmissionView::agency));
        return registry.members(m.council()).stream().map(agency -> {
            List<IntakeStore.SubmissionView> subs = byAgency.getOrDefault(agency.id(), List.of());
            boolean received = subs.stream().anyMatch(s -> "ACCEPTED".equals(s.state()));
            return new AgencySubmissions(agency.id(), agency.name(), received ? "RECEIVED" : "MISSING",
                    subs.stream().map(s -> new SubmissionView(s.id(), s.kind().name(), s.channel().name(), s.state(),
                            s.receivedAt(), s.sender(), s.title(), s.presenters(), s.text(), s.late(), s.attachments())).toList());
        }).toList();
    }

    /** Sets the agenda: the listed items, in order, are accepted and numbered; the rest are declined. */
    @PutMapping("/{id}/agenda")
    List<AgendaItemView> putAgenda(@PathVariable long id, @RequestBody List<AgendaService.AgendaLine> lines) {
        service.get(id);
        agendaService.replace(id, lines);
        return view(service.get(id)).agenda();
    }

    @PostMapping("/{id}/reminders")
    Reminded remind(@PathVariable long id) {
        Meeting m = service.get(id);
        return new Reminded(m.reference(), cycle.remindNow(id));
    }

    private MeetingView view(Meeting m) {
        String councilName = registry.council(m.council()).map(CouncilRegistry.Council::name).orElse(m.council());
        List<AgendaItemView> agenda = agendaService.agenda(m.id()).stream()
                .map(i -> new AgendaItemView(i.id(), i.number(), i.title(), i.presenters(), i.agencyId(), i.state().name(),
                        i.kind().name(), i.text(), i.decision(),
                        i.submissionId() == null ? List.of() : intake.files(i.submissionId())))
                .toList();
        return new MeetingView(m.id(), m.reference(), m.council(), councilName, m.sequenceNumber(),
                Ordinals.swedish(m.sequenceNumber()), m.date(), m.start().toString(), m.end().toString(), m.zone().getId(),
                m.format(), m.location(), m.joinUrl(), m.submissionDeadline().atZone(m.zone()).toOffsetDateTime(),
                m.state(), agenda);
    }
}
