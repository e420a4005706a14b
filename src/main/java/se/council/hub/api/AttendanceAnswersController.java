package se.council.hub.api;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import se.council.hub.attendance.AttendanceStore;
import se.council.hub.attendance.Attendee;
import se.council.hub.attendance.PartStat;
import se.council.hub.meeting.MeetingService;

/** Who is invited to a meeting and what each has answered, with the totals per answer. */
@RestController
@RequestMapping("/api/meetings")
class AttendanceAnswersController {

    /** {@code previousPartstat}: the answer given before a change of date or time asked again, else null. */
    record Person(String email, String name, String agency, String partstat, String comment, Instant respondedAt,
                  String previousPartstat) { }

    record Attendance(List<Person> people, Map<String, Integer> totals) { }

    private final MeetingService meetings;
    private final AttendanceStore attendance;

    AttendanceAnswersController(MeetingService meetings, AttendanceStore attendance) {
        this.meetings = meetings;
        this.attendance = attendance;
    }

    /** Only people on the current invitation; agency is the registry's id, or a guest's organisation. */
    @GetMapping("/{id}/attendance")
    Attendance attendance(@PathVariable long id) {
        meetings.get(id);
        List<Attendee> invited = attendance.invited(id);
        Map<String, Integer> totals = new LinkedHashMap<>();
        for (PartStat p : PartStat.values()) {
            totals.put(p.value(), 0);
        }
        invited.forEach(a -> totals.merge(a.partstat().value(), 1, Integer::sum));
        return new Attendance(invited.stream().map(a -> new Person(a.email(), a.name(),
                a.agencyId() != null ? a.agencyId() : a.organisation(), a.partstat().value(), a.comment(),
                a.respondedAt(), a.previousPartstat() == null ? null : a.previousPartstat().value())).toList(), totals);
    }
}
