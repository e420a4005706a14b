package se.council.hub.intake.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.time.Duration;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.camel.test.spring.junit5.UseAdviceWith;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import se.council.hub.broker.BrokerCredentials;
import se.council.hub.broker.EmbeddedBroker;
import se.council.hub.config.HubProperties;
import se.council.hub.support.HubApi;
import se.council.hub.support.HubIntegrationTest;
import se.council.hub.support.TestHubConfiguration;

/**
 * Proves that a queue message whose processing keeps failing is never dropped: after the broker's
 * last delivery attempt it is on the dead-letter queue DLQ, unchanged and still naming its sender,
 * and the secretariat sees it as a PROCESSING_FAILED rejection. The fault is woven into the status
 * update route with AdviceWith, so this class runs its own hub (the extra property keeps Spring from
 * sharing the context of the other hub tests, whose Camel context is already started).
 */
@HubIntegrationTest
@CamelSpringBootTest
@UseAdviceWith
@TestPropertySource(properties = "council-hub.test.context=queue-dead-letter")
class QueueDeadLetterIT {

    private static final String FAULT_MARKER = "FAIL-ALWAYS";

    @Autowired
    CamelContext camelContext;
    @Autowired
    TestRestTemplate rest;
    @Autowired
    HubProperties properties;
    @Autowired
    BrokerCredentials credentials;
    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void weaveAFaultIntoTheStatusUpdateRouteOnce() throws Exception {
        if (camelContext.isStarted()) {
            return;
        }
        AdviceWith.adviceWith(camelContext, "intake-queue-status-updates", route -> route
                .weaveById("intake-queue-status-update").before().process(exchange -> {
                    Message message = exchange.getMessage().getBody(Message.class);
                    if (message instanceof TextMessage text && text.getText().contains(FAULT_MARKER)) {
                        throw new IllegalStateException("simulated fault");
                    }
                }));
        camelContext.start();
    }

    @Test
    void aMessageThatKeepsFailingIsAnsweredAndEndsOnTheDeadLetterQueueAndInTheRejections() throws Exception {
        HubApi api = new HubApi(rest);
        String reference = api.meeting("2026-12-28").path("reference").asText();
        String body = "{\"meeting\":\"" + reference + "\",\"text\":\"" + FAULT_MARKER + ": this update always breaks the hub\"}";
        String url = "tcp://127.0.0.1:" + properties.broker().embedded().port();

        String messageId;
        try (BrokerClient ivo = new BrokerClient(url, "ivo", TestHubConfiguration.IVO_BROKER_PASSWORD)) {
            // The sender waits on its reply queue: the answer comes with the last delivery, before the broker dead-letters.
            BrokerClient.Exchanged exchanged = ivo.request(EmbeddedBroker.STATUS_UPDATES, s -> s.createTextMessage(body));
            messageId = exchanged.messageId();
            assertThat(exchanged.reply().path("status").asText()).isEqualTo("REJECTED");
            assertThat(exchanged.reply().path("submissionId").isNull()).isTrue();
            assertThat(exchanged.reply().path("reason").asText())
                    .contains("Ett tekniskt fel").contains("A technical fault").contains(messageId).contains("DLQ");
        }

        try (BrokerClient hub = new BrokerClient(url, properties.broker().user(), credentials.hubPassword())) {
            Message dead = await().atMost(Duration.ofSeconds(30)).until(() -> hub.browse(EmbeddedBroker.DEAD_LETTERS).stream()
                    .filter(m -> id(m).equals(messageId)).findFirst(), Optional::isPresent).get();
            assertThat(((TextMessage) dead).getText()).isEqualTo(body);
            assertThat(dead.getStringProperty("JMSXUserID")).isEqualTo("ivo");
            assertThat(dead.getStringProperty("_AMQ_ORIG_ADDRESS")).isEqualTo(EmbeddedBroker.STATUS_UPDATES);
            assertThat(hub.idsOn(EmbeddedBroker.STATUS_UPDATES)).doesNotContain(messageId);
        }

        JsonNode rejection = await().atMost(Duration.ofSeconds(10)).until(() -> {
            for (JsonNode r : api.get("/api/rejections")) {
                if (r.path("code").asText().equals("PROCESSING_FAILED") && r.path("reason").asText().contains(messageId)) {
                    return r;
                }
            }
            return null;
        }, java.util.Objects::nonNull);
        assertThat(rejection.path("channel").asText()).isEqualTo("QUEUE");
        assertThat(rejection.path("agency").asText()).isEqualTo("ivo");
        assertThat(rejection.path("sender").asText()).isEqualTo("ivo");
        assertThat(rejection.path("reason").asText()).contains("DLQ").contains("after 3 deliveries").contains("simulated fault");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM rejection WHERE reason_code = 'PROCESSING_FAILED'").query(Integer.class).single())
                .isEqualTo(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM submission WHERE original_message_id = ?").param(messageId)
                .query(Integer.class).single()).isZero();
    }

    private static String id(Message message) {
        try {
            return message.getJMSMessageID();
        } catch (Exception e) {
            return "";
        }
    }
}
