package se.council.hub.intake;

/** An accepted file: its safe name, detected media type, size and content address. */
public record StoredFile(String name, String mediaType, long size, String sha256) { }
