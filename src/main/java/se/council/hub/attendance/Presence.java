package se.council.hub.attendance;

/** Whether someone took part in the meeting, as the secretariat records it for the protocol. */
public enum Presence { PRESENT, PARTLY_PRESENT, ABSENT }
