package se.council.hub.intake;

import java.time.Instant;
import java.util.List;
import se.council.hub.meeting.Meeting;

/**
 * A screened input attributed to an agency and a meeting, ready to be stored as a submission.
 * {@code sentAt} orders one agency's status updates: the later sent supersedes the earlier.
 */
public record Contribution(Channel channel, long inboundId, String originalMessageId, Instant receivedAt,
                           Instant sentAt, String sender, String verification, String agencyId, Meeting meeting,
                           SubmissionKind kind, String title, String presenters, String text,
                           List<StoredFile> files) {

    public boolean late() {
        return receivedAt.isAfter(meeting.submissionDeadline());
    }
}
