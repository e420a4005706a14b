package se.council.hub.outbox;

/** A file attached to an outgoing mail; its content is in the blob store under its SHA-256. */
public record OutboundAttachment(String name, String mediaType, String sha256) { }
