package se.council.hub.protocol;

import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Component;

/**
 * Completes a round at once when the answer just recorded met the council's rule (the last
 * adjuster approved), through the same route the schedule uses (direct:protocol-complete: final
 * PDF/A, mails, the protocol.adjusted event). Called after the answer's transaction committed;
 * should it fail, the route records the failure and the next tick completes the round.
 */
@Component
class ProtocolCompletion {

    static final String ROUTE = "direct:protocol-complete";

    private final ProducerTemplate camel;

    ProtocolCompletion(ProducerTemplate camel) {
        this.camel = camel;
    }

    void now(long protocolId) {
        camel.sendBody(ROUTE, protocolId);
    }
}
