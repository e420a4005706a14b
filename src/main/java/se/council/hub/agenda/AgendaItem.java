package se.council.hub.agenda;

/**
 * An item of a meeting's agenda. Accepted items carry their number in the agenda's order;
 * proposed and declined ones have none.
 */
public record AgendaItem(long id, long meetingId, Integer number, String title, String presenters, String agencyId,
                         String text, String decision, State state, Kind kind, Long submissionId) {

    public enum State { PROPOSED, ACCEPTED, DECLINED }

    public enum Kind { STANDARD, STATUS_ROUND, PROPOSAL }
}
