package se.council.hub.protocol;

import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import se.council.hub.attendance.AttendanceStore;
import se.council.hub.attendance.Attendee;
import se.council.hub.meeting.MeetingService;

/**
 * The secretariat records who was at a meeting: {@code PUT /api/meetings/{id}/attendance} with
 * {@code {"people":[{"email","presence":"PRESENT|PARTLY_PRESENT|ABSENT","note"}],
 * "others":[{"name","organisation","email","note"}]}}. Rows not named keep what they had. Answers
 * the whole list as stored.
 */
@RestController
class AttendanceController {

    record Request(List<PresenceStore.PersonPresence> people, List<PresenceStore.Guest> others) { }

    private final PresenceStore presence;
    private final AttendanceStore attendance;
    private final MeetingService meetings;

    AttendanceController(PresenceStore presence, AttendanceStore attendance, MeetingService meetings) {
        this.presence = presence;
        this.attendance = attendance;
        this.meetings = meetings;
    }

    @PutMapping("/api/meetings/{id}/attendance")
    ResponseEntity<List<Attendee>> put(@PathVariable long id, @RequestBody Request request) {
        meetings.get(id);
        presence.record(id, request.people(), request.others());
        return ResponseEntity.ok(attendance.list(id));
    }
}
