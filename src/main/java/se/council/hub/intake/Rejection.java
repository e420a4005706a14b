package se.council.hub.intake;

import java.time.Instant;

/** A refused input as the secretariat sees it. */
public record Rejection(long id, Channel channel, Long inboundId, Instant receivedAt, String sender,
                        String agency, String meeting, RejectionReason code, String reason) { }
