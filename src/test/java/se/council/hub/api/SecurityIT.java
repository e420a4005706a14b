package se.council.hub.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;
import se.council.hub.support.HubIntegrationTest;
import se.council.hub.support.TestHubConfiguration;

/**
 * Who may call the hub over HTTP: the REST API and the metrics need the secretariat's login (HTTP
 * Basic); only the health endpoint is open, so that a load balancer can probe it. Runs in a context of
 * its own because metrics export must be on for the prometheus endpoint to exist.
 */
@HubIntegrationTest
// Spring Boot tests switch metrics export off unless asked; the prometheus endpoint only exists with it.
@AutoConfigureObservability(tracing = false)
class SecurityIT {

    @Autowired
    TestRestTemplate rest;

    @Test
    void theApiNeedsTheSecretariatsLogin() {
        ResponseEntity<String> anonymous = rest.getForEntity("/api/meetings", String.class);
        assertThat(anonymous.getStatusCode().value()).isEqualTo(401);
        assertThat(anonymous.getHeaders().getFirst("WWW-Authenticate")).startsWith("Basic");

        assertThat(rest.withBasicAuth("secretariat", "wrong-password").getForEntity("/api/meetings", String.class)
                .getStatusCode().value()).isEqualTo(401);
        assertThat(rest.withBasicAuth("admin", TestHubConfiguration.SECRETARIAT_PASSWORD)
                .getForEntity("/api/meetings", String.class).getStatusCode().value()).isEqualTo(401);
        assertThat(rest.getForEntity("/api/rejections", String.class).getStatusCode().value()).isEqualTo(401);

        ResponseEntity<String> secretariat = secretariat().getForEntity("/api/meetings", String.class);
        assertThat(secretariat.getStatusCode().value()).isEqualTo(200);
        assertThat(secretariat.getBody()).startsWith("[");
        // The password just verified is remembered (VerifiedPasswords); a wrong one still is not let in.
        assertThat(rest.withBasicAuth("secretariat", "wrong-password").getForEntity("/api/meetings", String.class)
                .getStatusCode().value()).isEqualTo(401);
        assertThat(rest.withBasicAuth("secretariat", TestHubConfiguration.SECRETARIAT_PASSWORD + " ")
                .getForEntity("/api/meetings", String.class).getStatusCode().value()).isEqualTo(401);
        assertThat(secretariat().getForEntity("/api/meetings", String.class).getStatusCode().value()).isEqualTo(200);
    }

    @Test
    void healthIsOpenToEveryone() {
        // Ready once every consumer has run: the mailbox poller reports DOWN until its first poll.
        ResponseEntity<String> health = await().atMost(Duration.ofSeconds(20))
                .until(() -> rest.getForEntity("/actuator/health", String.class), r -> r.getStatusCode().value() == 200);

        assertThat(health.getStatusCode().value()).isEqualTo(200);
        assertThat(health.getBody()).contains("\"status\":\"UP\"");
        assertThat(rest.getForEntity("/actuator/health/liveness", String.class).getStatusCode().value()).isEqualTo(200);
    }

    @Test
    void metricsNeedTheSecretariatsLogin() {
        assertThat(rest.getForEntity("/actuator/prometheus", String.class).getStatusCode().value()).isEqualTo(401);
        assertThat(rest.withBasicAuth("secretariat", "wrong-password").getForEntity("/actuator/prometheus", String.class)
                .getStatusCode().value()).isEqualTo(401);

        ResponseEntity<String> metrics = secretariat().getForEntity("/actuator/prometheus", String.class);
        assertThat(metrics.getStatusCode().value()).isEqualTo(200);
        assertThat(metrics.getBody()).contains("jvm_memory_used_bytes");
    }

    @Test
    void otherActuatorEndpointsAreNeitherOpenNorExposed() {
        assertThat(rest.getForEntity("/actuator/env", String.class).getStatusCode().value()).isEqualTo(401);
        assertThat(secretariat().getForEntity("/actuator/env", String.class).getStatusCode().value()).isEqualTo(404);
    }

    private TestRestTemplate secretariat() {
        return rest.withBasicAuth("secretariat", TestHubConfiguration.SECRETARIAT_PASSWORD);
    }
}
