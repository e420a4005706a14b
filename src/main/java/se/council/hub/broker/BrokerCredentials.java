package se.council.hub.broker;

import java.security.SecureRandom;
import java.util.Base64;
import org.springframework.stereotype.Component;
import se.council.hub.config.HubProperties;

/**
 * The hub's own broker password: the configured one, or for the embedded broker a random one
 * made at start (nobody else needs it, so it is never logged).
 */
@Component
public class BrokerCredentials {

    private final String hubPassword;

    public BrokerCredentials(HubProperties properties) {
        String configured = properties.broker().password();
        if (configured != null && !configured.isBlank()) {
            hubPassword = configured;
        } else if (properties.broker().embedded().enabled()) {
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            hubPassword = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        } else {
            throw new IllegalStateException("hub.broker.password is required when the embedded broker is off");
        }
    }

    public String hubPassword() {
        return hubPassword;
    }
}
