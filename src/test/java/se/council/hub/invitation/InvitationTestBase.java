package se.council.hub.invitation;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.jms.MessageConsumer;
import jakarta.jms.TextMessage;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import se.council.hub.config.HubProperties;
import se.council.hub.mailserver.EmbeddedMailServer;
import se.council.hub.support.HubApi;
import se.council.hub.support.MutableClock;
import se.council.hub.support.TestHubConfiguration;
import se.council.hub.support.TestMail;

/**
 * What the invitation and reply integration tests start from: the hub's REST API, its mail server
 * (TestMail), the database and the clock, at the start before and after each test; and the two
 * waits they share, for the rejected record of a reply and for an rsvp.received event.
 */
abstract class InvitationTestBase {

    @Autowired
    TestRestTemplate rest;
    @Autowired
    EmbeddedMailServer server;
    @Autowired
    HubProperties properties;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MutableClock clock;

    HubApi api;
    TestMail mail;

    @BeforeEach
    void setUp() {
        api = new HubApi(rest);
        mail = new TestMail(server, properties);
        clock.set(TestHubConfiguration.START);
    }

    @AfterEach
    void resetClock() {
        clock.set(TestHubConfiguration.START);
    }

    /** The rejected record of the mail with this Message-ID (by its sender and inbound record). */
    JsonNode awaitRejection(String messageId, String sender) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> {
            List<Long> inbound = jdbc.sql("SELECT id FROM inbound_message WHERE message_id = ?").param(messageId)
                    .query(Long.class).list();
            List<Long> ids = inbound.isEmpty() ? List.of() : jdbc.sql("SELECT id FROM rejection WHERE inbound_id = ?")
                    .param(inbound.get(0)).query(Long.class).list();
            for (JsonNode r : api.get("/api/rejections")) {
                if (ids.contains(r.path("id").asLong()) && sender.equals(r.path("sender").asText())) {
                    return r;
                }
            }
            return null;
        }, Objects::nonNull);
    }

    /** The next rsvp.received event on the topic for this meeting (within 15 seconds). */
    JsonNode awaitEvent(MessageConsumer topic, String meetingReference) throws Exception {
        long until = System.currentTimeMillis() + 15_000;
        while (System.currentTimeMillis() < until) {
            TextMessage message = (TextMessage) topic.receive(1_000);
            if (message != null) {
                JsonNode event = api.tree(ResponseEntity.ok(message.getText()));
                if (meetingReference.equals(event.path("meeting").asText()) && "rsvp.received".equals(event.path("type").asText())) {
                    return event;
                }
            }
        }
        throw new AssertionError("no rsvp.received for " + meetingReference);
    }
}
