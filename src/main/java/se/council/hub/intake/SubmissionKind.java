package se.council.hub.intake;

/** A status update for "Aktuellt per aktör", or a proposed agenda item. */
public enum SubmissionKind { STATUS_UPDATE, AGENDA_ITEM }
