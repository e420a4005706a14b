package se.council.hub.api;

import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import se.council.hub.agenda.AgendaService;
import se.council.hub.meeting.MeetingService;

/** Clear JSON errors for the REST API instead of stack traces. */
@RestControllerAdvice
class ApiErrors {

    @ExceptionHandler(MeetingService.InvalidMeetingException.class)
    ResponseEntity<Map<String, String>> invalid(MeetingService.InvalidMeetingException e) {
        return error(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(AgendaService.InvalidAgendaException.class)
    ResponseEntity<Map<String, String>> invalidAgenda(AgendaService.InvalidAgendaException e) {
        return error(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, String>> unreadable(HttpMessageNotReadableException e) {
        Throwable cause = e.getMostSpecificCause();
        return error(HttpStatus.BAD_REQUEST, "the request body is not valid: " + cause.getMessage());
    }

    @ExceptionHandler(MeetingService.MeetingConflictException.class)
    ResponseEntity<Map<String, String>> conflict(MeetingService.MeetingConflictException e) {
        return error(HttpStatus.CONFLICT, e.getMessage());
    }

    @ExceptionHandler(MeetingService.MeetingNotFoundException.class)
    ResponseEntity<Map<String, String>> notFound(MeetingService.MeetingNotFoundException e) {
        return error(HttpStatus.NOT_FOUND, e.getMessage());
    }

    private static ResponseEntity<Map<String, String>> error(HttpStatus status, String message) {
        return ResponseEntity.status(status).body(Map.of("error", message));
    }
}
