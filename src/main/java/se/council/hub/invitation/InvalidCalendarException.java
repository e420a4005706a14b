package se.council.hub.invitation;

/** Calendar data that cannot be read as a reply; the message says what is wrong, for the sender's notice. */
public class InvalidCalendarException extends RuntimeException {

    public InvalidCalendarException(String message) {
        super(message);
    }

    public InvalidCalendarException(String message, Throwable cause) {
        super(message, cause);
    }
}
