package se.council.hub.intake;

import java.time.Instant;
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

    private final IntakeStore store;

    public Intake(IntakeStore store) {
        this.store = store;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public long accept(Contribution c) {
        long id = store.insertSubmission(c);
        if (c.kind() == SubmissionKind.STATUS_UPDATE) {
            store.supersedeEarlier(c.meeting().id(), c.agencyId(), id);
        } else {
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
