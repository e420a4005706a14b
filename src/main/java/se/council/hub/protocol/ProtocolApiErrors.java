package se.council.hub.protocol;

import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Clear JSON errors for the protocol's REST calls. */
@RestControllerAdvice
class ProtocolApiErrors {

    @ExceptionHandler(ProtocolRound.ProtocolConflictException.class)
    ResponseEntity<Map<String, String>> conflict(ProtocolRound.ProtocolConflictException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("error", e.getMessage()));
    }

    @ExceptionHandler(ProtocolRound.InvalidProtocolRequestException.class)
    ResponseEntity<Map<String, String>> invalid(ProtocolRound.InvalidProtocolRequestException e) {
        return ResponseEntity.status(HttpStatus.BAD_REQUEST).body(Map.of("error", e.getMessage()));
    }

    @ExceptionHandler(ProtocolRound.ProtocolNotFoundException.class)
    ResponseEntity<Map<String, String>> notFound(ProtocolRound.ProtocolNotFoundException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", e.getMessage()));
    }
}
