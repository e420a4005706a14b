package se.council.hub.intake;

/** Where an input came in. */
public enum Channel { MAIL, QUEUE }
