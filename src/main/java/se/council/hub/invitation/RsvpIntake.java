package se.council.hub.invitation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import se.council.hub.attendance.AttendanceStore;
import se.council.hub.attendance.PartStat;
import se.council.hub.audit.AuditLog;
import se.council.hub.config.HubProperties;
import se.council.hub.intake.IntakeStore;
import se.council.hub.intake.RejectionReason;
import se.council.hub.intake.mail.CalendarPart;
import se.council.hub.intake.mail.MailIntake;
import se.council.hub.intake.mail.ParsedMail;
import se.council.hub.intake.mail.ReadMail;
import se.council.hub.meeting.Meeting;
import se.council.hub.meeting.MeetingRepository;
import se.council.hub.registry.CouncilRegistry;

/**
 * Takes in calendar replies to the hub's invitations, called by the route intake-mail for RSVP
 * mail. A REPLY updates the person's row of the attendance list; a COUNTER is kept for the
 * secretariat. It counts only when everything agrees: the UID is one of the hub's invitations, the
 * reply speaks for exactly one invited person, the mail's verified sender is that person, and it
 * is not older than the answer already recorded. Anything else changes nothing and becomes a
 * rejected record, with a bilingual notice when the sender is someone the hub knows.
 */
@Component("rsvpIntake")
public class RsvpIntake {

    /**
     * What became of one reply mail.
     *
     * @param summary the one-line summary for the log
     * @param event   the rsvp.received event for the events topic (JSON), or null when nothing was recorded
     */
    public record Outcome(String summary, String event) {
        @Override
        public String toString() {
            return summary;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final MailIntake mailIntake;
    private final AttendanceStore attendance;
    private final RsvpStore store;
    private final MeetingRepository meetings;
    private final CouncilRegistry registry;
    private final IntakeStore intakeStore;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final String hubAddress;
    private final CalendarReplyReader reader = new CalendarReplyReader();

    public RsvpIntake(MailIntake mailIntake, AttendanceStore attendance, RsvpStore store, MeetingRepository meetings,
                      CouncilRegistry registry, IntakeStore intakeStore, AuditLog audit, TransactionTemplate tx,
                      HubProperties properties) {
        this.mailIntake = mailIntake;
        this.attendance = attendance;
        this.store = store;
        this.meetings = meetings;
        this.registry = registry;
        this.intakeStore = intakeStore;
        this.audit = audit;
        this.tx = tx;
        this.hubAddress = properties.mail().address();
    }

    /** Records the reply in the attendance list (or the counter proposals), or rejects it. */
    public Outcome process(ReadMail read) {
        Optional<String> refused = mailIntake.refuseSender(read);
        if (refused.isPresent()) {
            return new Outcome(refused.get(), null);
        }
        CalendarReply reply;
        try {
            reply = readReply(read.parsed());
        } catch (InvalidCalendarException e) {
            return reject(read, null, RejectionReason.INVALID_CALENDAR, e.getMessage());
        }
        Optional<RsvpStore.Invitation> invitation = store.invitation(reply.uid());
        if (invitation.isEmpty()) {
            return reject(read, null, RejectionReason.UNKNOWN_INVITATION, "UID " + reply.uid());
        }
        Meeting meeting = meetings.find(invitation.get().meetingId()).orElseThrow();
        // An answer to a version the hub has since changed (time, date or place) answers a meeting that no longer is.
        if (reply.sequence() < invitation.get().sequence()) {
            return reject(read, meeting, RejectionReason.RSVP_OUTDATED, "the reply answers version (SEQUENCE) "
                    + reply.sequence() + " of the invitation, the current one is " + invitation.get().sequence()
                    + "; answer the updated invitation / svaret gäller version " + reply.sequence()
                    + " av inbjudan, den gällande är " + invitation.get().sequence() + "; svara på den uppdaterade inbjudan");
        }
        // Google lists the organizer (the hub's mailbox) among the attendees of a reply at times.
        List<CalendarReply.Attendee> answering = reply.attendees().stream()
                .filter(a -> !a.email().equalsIgnoreCase(hubAddress)).toList();
        if (answering.isEmpty()) {
            return reject(read, meeting, RejectionReason.INVALID_CALENDAR, "the reply names no attendee (ATTENDEE)");
        }
        if (answering.size() > 1) {
            return reject(read, meeting, RejectionReason.RSVP_SEVERAL_ATTENDEES,
                    String.join(", ", answering.stream().map(CalendarReply.Attendee::email).toList()));
        }
        CalendarReply.Attendee who = answering.get(0);
        Optional<se.council.hub.attendance.Attendee> row = attendance.find(meeting.id(), who.email());
        // A row no longer on the invitation (removed, sent a CANCEL) is not invited either.
        if (row.isEmpty() || !row.get().invited()) {
            return reject(read, meeting, RejectionReason.RSVP_NOT_FOR_SENDER,
                    who.email() + " is not invited to " + meeting.reference() + " / är inte inbjuden till " + meeting.reference());
        }
        String from = read.parsed().fromAddress();
        if (!samePerson(from, who.email())) {
            return reject(read, meeting, RejectionReason.RSVP_NOT_FOR_SENDER,
                    "the reply speaks for " + who.email() + " but was sent by " + from
                            + " / svaret gäller " + who.email() + " men skickades av " + from);
        }
        return reply.method().equals("COUNTER") ? counter(read, meeting, reply, who) : answer(read, meeting, reply, who, row.get());
    }

    private Outcome answer(ReadMail read, Meeting meeting, CalendarReply reply, CalendarReply.Attendee who,
                           se.council.hub.attendance.Attendee row) {
        if (who.partstat() == PartStat.NEEDS_ACTION) {
            return reject(read, meeting, RejectionReason.INVALID_CALENDAR,
                    "the reply gives no answer: PARTSTAT must be ACCEPTED, DECLINED, TENTATIVE or DELEGATED");
        }
        String delegate = who.partstat() == PartStat.DELEGATED ? who.delegatedTo() : null;
        if (who.partstat() == PartStat.DELEGATED
                && (delegate == null || delegate.equalsIgnoreCase(who.email()) || delegate.equalsIgnoreCase(hubAddress))) {
            return reject(read, meeting, RejectionReason.INVALID_CALENDAR,
                    "PARTSTAT=DELEGATED names no one else in DELEGATED-TO");
        }
        if (!newer(reply.sequence(), reply.dtstamp(), row.replySequence(), row.replyDtstamp())) {
            return reject(read, meeting, RejectionReason.RSVP_OUTDATED, outdated(reply, row.replySequence(), row.replyDtstamp()));
        }
        String email = who.email();
        String summary = "recorded " + who.partstat().value() + " from " + email + " for " + meeting.reference()
                + (delegate == null ? "" : ", delegated to " + delegate) + " (SEQUENCE " + reply.sequence() + ")";
        Boolean recorded = tx.execute(status -> {
            if (!attendance.recordReply(meeting.id(), email, who.partstat(), reply.comment(), delegate, read.receivedAt(),
                    reply.sequence(), reply.dtstamp())) {
                return false;
            }
            if (delegate != null) {
                String name = registry.person(delegate).map(CouncilRegistry.Person::name).orElse(delegate);
                String agency = registry.agencyForAddress(delegate).map(CouncilRegistry.Agency::id).orElse(row.agencyId());
                attendance.addDelegate(meeting.id(), delegate, name, agency, row.role(), email);
            }
            audit.record(AuditLog.Direction.IN, "MAIL", read.parsed().messageId(), read.parsed().fromAddress(),
                    meeting.reference(), "RSVP " + summary);
            intakeStore.finishInbound(read.inboundId(), IntakeStore.State.PROCESSED, summary);
            return true;
        });
        if (!Boolean.TRUE.equals(recorded)) {
            // A newer answer was recorded in the meantime (replies are taken in side by side).
            se.council.hub.attendance.Attendee now = attendance.find(meeting.id(), email).orElse(row);
            return reject(read, meeting, RejectionReason.RSVP_OUTDATED, outdated(reply, now.replySequence(), now.replyDtstamp()));
        }
        ObjectNode event = JSON.createObjectNode().put("type", "rsvp.received").put("meeting", meeting.reference())
                .put("email", email).put("partstat", who.partstat().value()).put("respondedAt", read.receivedAt().toString());
        if (delegate != null) {
            event.put("delegatedTo", delegate);
        }
        return new Outcome(summary, event.toString());
    }

    private Outcome counter(ReadMail read, Meeting meeting, CalendarReply reply, CalendarReply.Attendee who) {
        Optional<RsvpStore.CounterProposal> latest = store.latestCounter(meeting.id(), who.email());
        if (latest.isPresent() && !newer(reply.sequence(), reply.dtstamp(), latest.get().sequence(), latest.get().dtstamp())) {
            return reject(read, meeting, RejectionReason.RSVP_OUTDATED,
                    outdated(reply, latest.get().sequence(), latest.get().dtstamp()));
        }
        String summary = "recorded a proposed new time from " + who.email() + " for " + meeting.reference() + ": "
                + reply.proposedStart() + (reply.proposedEnd() == null ? "" : " – " + reply.proposedEnd());
        tx.executeWithoutResult(status -> {
            store.insertCounter(meeting.id(), who.email(), reply.proposedStart(), reply.proposedEnd(), reply.comment(),
                    reply.sequence(), reply.dtstamp(), read.receivedAt(), read.inboundId());
            audit.record(AuditLog.Direction.IN, "MAIL", read.parsed().messageId(), read.parsed().fromAddress(),
                    meeting.reference(), "COUNTER " + summary);
            intakeStore.finishInbound(read.inboundId(), IntakeStore.State.PROCESSED, summary);
        });
        return new Outcome(summary, null);
    }

    /**
     * The reply the mail carries: of its calendar parts that say REPLY or COUNTER, the first one
     * that reads (Google sends the same object inline and as invite.ics). When none reads, the
     * first part's problem is the one reported.
     */
    CalendarReply readReply(ParsedMail parsed) {
        List<InvalidCalendarException> problems = new ArrayList<>();
        for (CalendarPart part : parsed.calendarParts()) {
            if (!RsvpDetector.isReply(part)) {
                continue;
            }
            try {
                return reader.read(part.content(), part.method());
            } catch (InvalidCalendarException e) {
                problems.add(e);
            }
        }
        if (problems.isEmpty()) {
            throw new InvalidCalendarException("the mail carries no calendar reply (METHOD:REPLY or METHOD:COUNTER)");
        }
        throw problems.get(0);
    }

    /**
     * Whether a reply is newer than the answer recorded (RFC 5546 2.1.5): a higher SEQUENCE, or
     * the same SEQUENCE and a later DTSTAMP. Nothing recorded yet: any reply is newer.
     */
    static boolean newer(int sequence, java.time.Instant dtstamp, Integer recordedSequence, java.time.Instant recordedDtstamp) {
        if (recordedSequence == null) {
            return true;
        }
        if (sequence != recordedSequence) {
            return sequence > recordedSequence;
        }
        return recordedDtstamp == null || (dtstamp != null && dtstamp.isAfter(recordedDtstamp));
    }

    private static String outdated(CalendarReply reply, Integer recordedSequence, java.time.Instant recordedDtstamp) {
        return "SEQUENCE " + reply.sequence() + ", DTSTAMP " + reply.dtstamp() + "; already recorded: SEQUENCE "
                + recordedSequence + ", DTSTAMP " + recordedDtstamp;
    }

    /** Whether the mail's sender is the attendee: the same address, or another registered address of the same person. */
    private boolean samePerson(String from, String attendeeEmail) {
        if (from == null) {
            return false;
        }
        if (from.equalsIgnoreCase(attendeeEmail)) {
            return true;
        }
        Optional<CouncilRegistry.Person> sender = registry.person(from);
        return sender.isPresent() && sender.equals(registry.person(attendeeEmail));
    }

    private Outcome reject(ReadMail read, Meeting meeting, RejectionReason reason, String details) {
        String from = read.parsed().fromAddress();
        String agency = registry.agencyForAddress(from).map(CouncilRegistry.Agency::id).orElse(null);
        String summary = mailIntake.reject(read, agency, meeting == null ? null : meeting.reference(), reason, details,
                noticeAddress(read));
        return new Outcome(summary, null);
    }

    /**
     * Where a notice may go: the sender, when the mail may be answered at all (not the hub, not
     * automatic) and the sender is someone the hub knows (a registered person or someone it has
     * invited). An outsider's mail is never answered: that would let anyone make the hub mail anyone.
     */
    private String noticeAddress(ReadMail read) {
        String to = mailIntake.replyAddress(read);
        if (to == null) {
            return null;
        }
        return registry.person(to).isPresent() || attendance.isAttendeeAnywhere(to) ? to : null;
    }
}
