package se.council.hub.meeting;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;

/** A council meeting as stored: local date and times in its zone, instants in UTC. */
public record Meeting(long id, String council, int sequenceNumber, String reference, LocalDate date,
                      LocalTime start, LocalTime end, ZoneId zone, Instant startsAt, Instant endsAt,
                      Format format, String location, String joinUrl, Instant submissionDeadline,
                      State state, Instant createdAt) {

    public enum Format { PHYSICAL, DIGITAL, HYBRID }

    public enum State { SCHEDULED, CANCELLED }

    /** Submissions are taken from creation until the meeting ends; after the deadline they count as late. */
    public boolean openForSubmissions(Instant now) {
        return state == State.SCHEDULED && now.isBefore(endsAt);
    }
}
