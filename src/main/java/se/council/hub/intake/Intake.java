package se.council.hub.intake;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import se.council.hub.meeting.Meeting;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stores the outcome of an input, whatever channel it came by: an accepted contribution becomes a
 * submission (superseding the agency's earlier status update, or proposing an agenda item); a
 * refused one becomes a rejected record. Both close the inbound message in the same transaction.
 */
@Service
public class Intake {

    /** Whether an attributed input may become a submission: its meeting and stored files, or why not. */
    public record Admission(Meeting meeting, List<StoredFile> files, RejectionReason refusal, String details,
                            String meetingRef) {
        public boolean admitted() {
            return refusal == null;
        }

        static Admission refused(RejectionReason reason, String details, String meetingRef) {
            return new Admission(null, List.of(), reason, details, meetingRef);
        }
    }

    private final IntakeStore store;
    private final MeetingResolver resolver;
    private final FileScreening screening;

    public Intake(IntakeStore store, MeetingResolver resolver, FileScreening screening) {
        this.store = store;
        this.resolver = resolver;
        this.screening = screening;
    }

    /**
     * The checks every channel makes once the agency is known: the meeting (see MeetingResolver),
     * some content for a status update (an agenda item's content is its title), and every file
     * screened and stored — all or none.
     */
    public Admission admit(String agencyId, List<String> threadIds, String reference, SubmissionKind kind, String text,
                           List<FileScreening.IncomingFile> files) {
        MeetingResolver.Resolution resolution = resolver.resolve(agencyId, threadIds, reference);
        if (!resolution.found()) {
            return Admission.refused(resolution.reason(), resolution.details(), reference);
        }
        String ref = resolution.meeting().reference();
        if (kind == SubmissionKind.STATUS_UPDATE && files.isEmpty() && (text == null || text.isBlank())) {
            return Admission.refused(RejectionReason.EMPTY, null, ref);
        }
        FileScreening.Outcome screened = screening.screen(files);
        if (!screened.accepted()) {
            return Admission.refused(RejectionReason.ATTACHMENT_REFUSED, screened.refusal(), ref);
        }
        return new Admission(resolution.meeting(), screened.files(), null, null, ref);
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public long accept(Contribution c) {
        long id;
        if (c.kind() == SubmissionKind.STATUS_UPDATE) {
            // Mails and messages are taken in side by side: one agency's updates queue here, and the
            // later sent is the current one, whichever commits first.
            store.lockAgency(c.agencyId());
            Optional<IntakeStore.Current> current = store.currentStatusUpdate(c.meeting().id(), c.agencyId());
            if (current.isPresent() && current.get().sentAt().isAfter(c.sentAt())) {
                id = store.insertSubmission(c, current.get().id());
            } else {
                id = store.insertSubmission(c, null);
                if (current.isPresent()) {
                    store.supersede(current.get().id(), id);
                }
            }
        } else {
            id = store.insertSubmission(c, null);
            store.insertProposedAgendaItem(c.meeting().id(), c.agencyId(), c.title(), c.presenters(), c.text(), id);
        }
        store.finishInbound(c.inboundId(), IntakeStore.State.PROCESSED, "ACCEPTED submission " + id);
        return id;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public long reject(Channel channel, Long inboundId, Instant receivedAt, String sender, String agency,
                       String meetingRef, RejectionReason code, String details) {
        String reason = code.problem(false) + (details == null || details.isBlank() ? "" : " " + details)
                + " / " + code.problem(true);
        long id = store.insertRejection(channel, inboundId, receivedAt, sender, agency, meetingRef, code, reason);
        if (inboundId != null) {
            store.finishInbound(inboundId, IntakeStore.State.REJECTED, "REJECTED " + code + ": " + (details == null ? "" : details));
        }
        return id;
    }
}
