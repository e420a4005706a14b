package se.council.hub.intake.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Session;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import se.council.hub.broker.BrokerCredentials;
import se.council.hub.broker.EmbeddedBroker;
import se.council.hub.config.HubProperties;
import se.council.hub.store.BlobStore;
import se.council.hub.support.HubApi;
import se.council.hub.support.HubIntegrationTest;
import se.council.hub.support.TestFiles;
import se.council.hub.support.TestHubConfiguration;

/**
 * Proves the queue intake end to end on the embedded Artemis broker, the routes and H2: an agency's
 * JSON message is attributed to the broker user that sent it, stored with its files and answered on
 * JMSReplyTo; bad messages are answered and kept as rejections; the broker lets agency users do no
 * more than send to the intake queues; an ObjectMessage is refused without being deserialized; and
 * the same JMS message handled twice changes nothing.
 */
@HubIntegrationTest
class QueueIntakeIT {

    private static final String STATUS_UPDATES = EmbeddedBroker.STATUS_UPDATES;
    private static final String AGENDA_ITEMS = EmbeddedBroker.AGENDA_ITEMS;

    @Autowired
    TestRestTemplate rest;
    @Autowired
    HubProperties properties;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    BlobStore blobs;
    @Autowired
    BrokerCredentials credentials;
    @Autowired
    EmbeddedBroker broker;
    @Autowired
    ActiveMQConnectionFactory hubConnectionFactory;
    @Autowired
    QueueIntake queueIntake;

    private final ObjectMapper json = new ObjectMapper();
    private HubApi api;

    @BeforeEach
    void setUp() {
        api = new HubApi(rest);
    }

    @Test
    void aStatusUpdateWithSlidesIsAttributedToTheBrokerUserStoredAndAnswered() throws Exception {
        JsonNode meeting = api.meeting("2026-12-28");
        byte[] deck = TestFiles.pptx("Lägesrapport från IVO via kö: tillsyn av ambulanssjukvård");
        ObjectNode body = json.createObjectNode()
                .put("meeting", meeting.path("reference").asText())
                .put("text", "Tillsynen av ambulanssjukvården är avslutad; rapporten publiceras i januari.");
        body.putArray("attachments").addObject()
                .put("name", "Lägesrapport Q4 – IVO.pptx")
                .put("contentBase64", Base64.getEncoder().encodeToString(deck));

        BrokerClient.Exchanged sent;
        try (BrokerClient ivo = agency("ivo")) {
            sent = ivo.request(STATUS_UPDATES, body.toString());
        }

        assertThat(sent.reply().path("status").asText()).as(sent.reply().toString()).isEqualTo("ACCEPTED");
        assertThat(sent.reply().path("submissionId").isIntegralNumber()).isTrue();
        assertThat(sent.reply().has("reason")).isFalse();
        long id = sent.reply().path("submissionId").asLong();

        JsonNode submission = submission(meeting.path("id").asLong(), "ivo", id);
        assertThat(submission.path("channel").asText()).isEqualTo("QUEUE");
        assertThat(submission.path("state").asText()).isEqualTo("ACCEPTED");
        assertThat(submission.path("sender").asText()).isEqualTo("ivo");
        assertThat(submission.path("text").asText())
                .isEqualTo("Tillsynen av ambulanssjukvården är avslutad; rapporten publiceras i januari.");
        assertThat(submission.path("attachments")).hasSize(1);
        JsonNode file = submission.path("attachments").get(0);
        assertThat(file.path("name").asText()).isEqualTo("Lägesrapport Q4 – IVO.pptx");
        assertThat(file.path("mediaType").asText()).isEqualTo(TestFiles.PPTX);
        assertThat(file.path("size").asLong()).isEqualTo(deck.length);
        assertThat(file.path("sha256").asText()).isEqualTo(TestFiles.sha256(deck));
        assertThat(blobs.get(TestFiles.sha256(deck))).isEqualTo(deck);

        Map<String, Object> row = jdbc.sql("""
                SELECT agency_id, channel, kind, original_message_id, verification FROM submission WHERE id = ?""")
                .param(id).query().singleRow();
        assertThat(row).containsEntry("AGENCY_ID", "ivo").containsEntry("CHANNEL", "QUEUE")
                .containsEntry("KIND", "STATUS_UPDATE").containsEntry("ORIGINAL_MESSAGE_ID", sent.messageId())
                .containsEntry("VERIFICATION", "broker user ivo");
    }

    @Test
    void anAgencyFieldInTheMessageIsRefusedAndNothingIsAttributedToThatAgency() throws Exception {
        JsonNode meeting = api.meeting("2026-12-29");
        String text = "Lägesrapport som utger sig för att komma från SBU (skickad av IVO).";
        String body = json.createObjectNode().put("meeting", meeting.path("reference").asText()).put("agency", "sbu")
                .put("text", text).toString();

        BrokerClient.Exchanged sent;
        try (BrokerClient ivo = agency("ivo")) {
            sent = ivo.request(STATUS_UPDATES, body);
        }

        assertThat(sent.reply().path("status").asText()).as(sent.reply().toString()).isEqualTo("REJECTED");
        assertThat(sent.reply().path("submissionId").isNull()).isTrue();
        assertThat(sent.reply().path("reason").asText()).contains("'agency'").contains("additional properties");
        JsonNode rejection = rejectionOf(sent.messageId());
        assertThat(rejection.path("code").asText()).isEqualTo("INVALID_MESSAGE");
        assertThat(rejection.path("channel").asText()).isEqualTo("QUEUE");
        assertThat(rejection.path("agency").asText()).isEqualTo("ivo");
        assertThat(rejection.path("sender").asText()).isEqualTo("ivo");
        assertThat(rejection.path("reason").asText()).contains("'agency'");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM submission WHERE text = ?").param(text).query(Integer.class).single()).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM submission WHERE agency_id = 'sbu' AND meeting_id = ?")
                .param(meeting.path("id").asLong()).query(Integer.class).single()).isZero();
        assertThat(api.submissionsOf(meeting.path("id").asLong(), "sbu").path("state").asText()).isEqualTo("MISSING");
    }

    @Test
    void invalidJsonIsRejectedWithTheParseErrorAndKeptAsARejection() throws Exception {
        BrokerClient.Exchanged sent;
        try (BrokerClient ivo = agency("ivo")) {
            sent = ivo.request(STATUS_UPDATES, "{\"meeting\": \"NRP-2026-12-29\", \"text\": \"oavslutad");
        }
        assertThat(sent.reply().path("status").asText()).as(sent.reply().toString()).isEqualTo("REJECTED");
        assertThat(sent.reply().path("submissionId").isNull()).isTrue();
        assertThat(sent.reply().path("reason").asText()).contains("not valid JSON").contains("inte giltig JSON");
        JsonNode rejection = rejectionOf(sent.messageId());
        assertThat(rejection.path("code").asText()).isEqualTo("INVALID_MESSAGE");
        assertThat(rejection.path("channel").asText()).isEqualTo("QUEUE");
        assertThat(rejection.path("agency").asText()).isEqualTo("ivo");
        assertThat(rejection.path("reason").asText()).contains("not valid JSON");
    }

    @Test
    void anUnknownMeetingReferenceIsRejectedNamingTheReference() throws Exception {
        BrokerClient.Exchanged sent;
        try (BrokerClient ivo = agency("ivo")) {
            sent = ivo.request(STATUS_UPDATES, json.createObjectNode().put("meeting", "NRP-2031-01-01")
                    .put("text", "Rapport till ett möte som inte finns.").toString());
        }
        assertThat(sent.reply().path("status").asText()).as(sent.reply().toString()).isEqualTo("REJECTED");
        assertThat(sent.reply().path("reason").asText()).contains("NRP-2031-01-01")
                .contains("motsvarar inget möte").contains("matches no meeting");
        JsonNode rejection = rejectionOf(sent.messageId());
        assertThat(rejection.path("code").asText()).isEqualTo("UNKNOWN_MEETING");
        assertThat(rejection.path("channel").asText()).isEqualTo("QUEUE");
        assertThat(rejection.path("agency").asText()).isEqualTo("ivo");
        assertThat(rejection.path("meeting").asText()).isEqualTo("NRP-2031-01-01");
        assertThat(rejection.path("reason").asText()).contains("NRP-2031-01-01");
    }

    @Test
    void aMessageWithoutMeetingIsRejectedSayingTheMeetingIsRequired() throws Exception {
        BrokerClient.Exchanged sent;
        try (BrokerClient ivo = agency("ivo")) {
            sent = ivo.request(STATUS_UPDATES, json.createObjectNode().put("text", "Vilket möte? Det står inte.").toString());
        }
        assertThat(sent.reply().path("status").asText()).as(sent.reply().toString()).isEqualTo("REJECTED");
        assertThat(sent.reply().path("reason").asText()).contains("meeting").contains("required");
        JsonNode rejection = rejectionOf(sent.messageId());
        assertThat(rejection.path("code").asText()).isEqualTo("INVALID_MESSAGE");
        assertThat(rejection.path("channel").asText()).isEqualTo("QUEUE");
        assertThat(rejection.path("agency").asText()).isEqualTo("ivo");
        assertThat(rejection.path("reason").asText()).contains("meeting");
    }

    @Test
    void aStatusUpdateWithNeitherTextNorFilesIsRejectedAsEmpty() throws Exception {
        String reference = api.meeting("2026-12-29").path("reference").asText();
        BrokerClient.Exchanged sent;
        try (BrokerClient ivo = agency("ivo")) {
            sent = ivo.request(STATUS_UPDATES, json.createObjectNode().put("meeting", reference).put("text", "  ").toString());
        }
        assertThat(sent.reply().path("status").asText()).as(sent.reply().toString()).isEqualTo("REJECTED");
        assertThat(sent.reply().path("reason").asText()).contains("varken text eller bilagor").contains("neither text nor attachments");
        JsonNode rejection = rejectionOf(sent.messageId());
        assertThat(rejection.path("code").asText()).isEqualTo("EMPTY");
        assertThat(rejection.path("meeting").asText()).isEqualTo(reference);
    }

    @Test
    void agendaItemsWithOneOrSeveralPresentersBecomeProposedItemsOfTheSendingAgency() throws Exception {
        JsonNode meeting = api.meeting("2026-12-30");
        String reference = meeting.path("reference").asText();
        String one = json.createObjectNode().put("meeting", reference).put("title", "Ny metodbok för systematiska översikter")
                .put("presenters", "Ingrid Palm").put("text", "Presentation, 15 minuter.").toString();
        ObjectNode two = json.createObjectNode().put("meeting", reference).put("title", "Kunskapsluckor inom äldreomsorgen");
        two.putArray("presenters").add("Ingrid Palm").add("Olof Berg");

        BrokerClient.Exchanged first;
        BrokerClient.Exchanged second;
        try (BrokerClient sbu = agency("sbu")) {
            first = sbu.request(AGENDA_ITEMS, one);
            second = sbu.request(AGENDA_ITEMS, two.toString());
        }

        assertThat(first.reply().path("status").asText()).as(first.reply().toString()).isEqualTo("ACCEPTED");
        assertThat(second.reply().path("status").asText()).as(second.reply().toString()).isEqualTo("ACCEPTED");
        JsonNode agenda = api.get("/api/meetings/" + meeting.path("id").asLong()).path("agenda");
        JsonNode methodBook = item(agenda, "Ny metodbok för systematiska översikter");
        assertThat(methodBook.path("agency").asText()).isEqualTo("sbu");
        assertThat(methodBook.path("presenters").asText()).isEqualTo("Ingrid Palm");
        assertThat(methodBook.path("state").asText()).isEqualTo("PROPOSED");
        JsonNode gaps = item(agenda, "Kunskapsluckor inom äldreomsorgen");
        assertThat(gaps.path("agency").asText()).isEqualTo("sbu");
        assertThat(gaps.path("presenters").asText()).isEqualTo("Ingrid Palm, Olof Berg");
        assertThat(gaps.path("state").asText()).isEqualTo("PROPOSED");
        assertThat(jdbc.sql("SELECT agency_id, kind, channel FROM submission WHERE id = ?")
                .param(second.reply().path("submissionId").asLong()).query().singleRow())
                .containsEntry("AGENCY_ID", "sbu").containsEntry("KIND", "AGENDA_ITEM").containsEntry("CHANNEL", "QUEUE");
    }

    @Test
    void agencyUsersMayOnlySendToTheIntakeQueuesAndBadLoginsCannotConnect() throws Exception {
        try (BrokerClient ivo = agency("ivo")) {
            assertThatThrownBy(() -> ivo.consume(STATUS_UPDATES)).isInstanceOf(JMSSecurityException.class);
            assertThatThrownBy(() -> ivo.consume(AGENDA_ITEMS)).isInstanceOf(JMSSecurityException.class);
            assertThatThrownBy(() -> ivo.publish(EmbeddedBroker.EVENTS, "{\"forged\":true}"))
                    .isInstanceOf(JMSSecurityException.class);
            assertThatThrownBy(() -> ivo.send(EmbeddedBroker.DEAD_LETTERS, s -> s.createTextMessage("{\"forged\":true}")))
                    .isInstanceOf(JMSSecurityException.class);
            assertThatThrownBy(() -> ivo.browse(EmbeddedBroker.DEAD_LETTERS)).isInstanceOf(JMSSecurityException.class);

            // Its own temporary reply queue it may read; another agency may not.
            String replies = ivo.temporaryQueue();
            assertThat(ivo.receive(replies, 100)).isNull();
            try (BrokerClient sbu = agency("sbu")) {
                assertThatThrownBy(() -> sbu.consume(replies)).isInstanceOf(JMSSecurityException.class);
                assertThatThrownBy(() -> sbu.send(replies, s -> s.createTextMessage("{\"status\":\"ACCEPTED\"}")))
                        .isInstanceOf(JMSSecurityException.class);
            }
        }
        assertThatThrownBy(() -> new BrokerClient(brokerUrl(), "ivo", "not-the-password").close())
                .isInstanceOf(JMSSecurityException.class);
        assertThatThrownBy(() -> new BrokerClient(brokerUrl(), "mallory", TestHubConfiguration.IVO_BROKER_PASSWORD).close())
                .isInstanceOf(JMSSecurityException.class);
        assertThatThrownBy(() -> new BrokerClient(brokerUrl(), "hub", "guessed").close())
                .isInstanceOf(JMSSecurityException.class);
    }

    @Test
    void anObjectMessageIsRefusedAndConsumedWithoutBeingDeserialized() throws Exception {
        Gadget.DESERIALIZED.set(false);
        BrokerClient.Exchanged sent;
        try (BrokerClient ivo = agency("ivo")) {
            sent = ivo.request(STATUS_UPDATES, s -> s.createObjectMessage(new Gadget("would run code on readObject")));
        }

        assertThat(sent.reply().path("status").asText()).as(sent.reply().toString()).isEqualTo("REJECTED");
        assertThat(sent.reply().path("submissionId").isNull()).isTrue();
        assertThat(sent.reply().path("reason").asText()).contains("only text messages").contains("ObjectMessage")
                .contains("Meddelandet följer inte det avtalade formatet.").contains("The message does not follow the agreed format.");
        JsonNode rejection = rejectionOf(sent.messageId());
        assertThat(rejection.path("code").asText()).isEqualTo("INVALID_MESSAGE");
        assertThat(rejection.path("channel").asText()).isEqualTo("QUEUE");
        assertThat(rejection.path("agency").asText()).isEqualTo("ivo");
        assertThat(rejection.path("reason").asText()).contains("only text messages");
        try (BrokerClient hub = hubClient()) {
            await().atMost(Duration.ofSeconds(10)).until(() -> !hub.idsOn(STATUS_UPDATES).contains(sent.messageId()));
            assertThat(hub.idsOn(EmbeddedBroker.DEAD_LETTERS)).doesNotContain(sent.messageId());
        }
        assertThat(Gadget.DESERIALIZED).isFalse();
    }

    @Test
    void theHubsConnectionFactoryDeserializesNoClassAtAll() throws Exception {
        assertThat(hubConnectionFactory.getDeserializationDenyList()).isEqualTo("*");
        assertThat(hubConnectionFactory.getDeserializationAllowList()).isNotBlank().doesNotContain("*")
                .doesNotStartWith("java").doesNotStartWith("se.council.hub.intake");

        String probe = "council.test.deserialization-probe";
        broker.server().getActiveMQServer().createQueue(QueueConfiguration.of(probe).setRoutingType(RoutingType.ANYCAST)
                .setDurable(false), true);
        Gadget.DESERIALIZED.set(false);
        try {
            // The hub's own factory (its credentials and its deserialization lists) receives an ObjectMessage.
            try (Connection connection = hubConnectionFactory.createConnection();
                 Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                 MessageProducer producer = session.createProducer(session.createQueue(probe));
                 MessageConsumer consumer = session.createConsumer(session.createQueue(probe))) {
                connection.start();
                producer.send(session.createObjectMessage(new Gadget("hub factory")));
                Message received = consumer.receive(10_000);
                assertThat(received).isInstanceOf(ObjectMessage.class);
                assertThatThrownBy(((ObjectMessage) received)::getObject).isInstanceOf(JMSException.class)
                        .hasMessageContaining(Gadget.class.getName());
                assertThat(Gadget.DESERIALIZED).isFalse();
            }

            // Control: the same message through a factory with Artemis' defaults is deserialized, so the tripwire works.
            try (BrokerClient hub = hubClient()) {
                hub.send(probe, s -> s.createObjectMessage(new Gadget("default factory")));
                Message received = hub.receive(probe, 10_000);
                assertThat(((Gadget) ((ObjectMessage) received).getObject()).note()).isEqualTo("default factory");
                assertThat(Gadget.DESERIALIZED).isTrue();
            }
        } finally {
            Gadget.DESERIALIZED.set(false);
        }
    }

    @Test
    void theSameJmsMessageHandledTwiceStoresOneSubmissionAndGivesTheSameAnswer() throws Exception {
        JsonNode meeting = api.meeting("2026-12-28");
        String holding = "council.intake.test-redelivery";
        broker.server().getActiveMQServer().createQueue(QueueConfiguration.of(holding).setRoutingType(RoutingType.ANYCAST)
                .setDurable(false), true);
        String text = "Omleverans ska inte ge två bidrag (" + System.nanoTime() + ").";
        String body = json.createObjectNode().put("meeting", meeting.path("reference").asText()).put("text", text).toString();

        Message received;
        String messageId;
        try (BrokerClient ivo = agency("ivo"); BrokerClient hub = hubClient()) {
            messageId = ivo.send(holding, s -> s.createTextMessage(body));
            received = hub.receive(holding, 10_000);
        }
        assertThat(received.getJMSMessageID()).isEqualTo(messageId);
        assertThat(received.getStringProperty("JMSXUserID")).isEqualTo("ivo");

        String first = queueIntake.statusUpdate(received);
        String second = queueIntake.statusUpdate(received);

        assertThat(json.readTree(first).path("status").asText()).isEqualTo("ACCEPTED");
        assertThat(second).isEqualTo(first);
        long id = json.readTree(first).path("submissionId").asLong();
        assertThat(jdbc.sql("SELECT id FROM submission WHERE original_message_id = ?").param(messageId).query(Long.class).list())
                .containsExactly(id);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM inbound_message WHERE channel = 'QUEUE' AND message_id = ?").param(messageId)
                .query(Integer.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT text FROM submission WHERE id = ?").param(id).query(String.class).single()).isEqualTo(text);
    }

    private BrokerClient agency(String id) throws JMSException {
        return new BrokerClient(brokerUrl(), id, switch (id) {
            case "ivo" -> TestHubConfiguration.IVO_BROKER_PASSWORD;
            case "sbu" -> TestHubConfiguration.SBU_BROKER_PASSWORD;
            default -> throw new IllegalArgumentException(id);
        });
    }

    private BrokerClient hubClient() throws JMSException {
        return new BrokerClient(brokerUrl(), properties.broker().user(), credentials.hubPassword());
    }

    private String brokerUrl() {
        return "tcp://127.0.0.1:" + properties.broker().embedded().port();
    }

    /** One submission of an agency for a meeting, as the secretariat sees it. */
    private JsonNode submission(long meetingId, String agency, long submissionId) {
        for (JsonNode s : api.submissionsOf(meetingId, agency).path("submissions")) {
            if (s.path("id").asLong() == submissionId) {
                return s;
            }
        }
        throw new AssertionError("no submission " + submissionId + " of " + agency + " for meeting " + meetingId);
    }

    /** The rejection of the queue message with that JMSMessageID, as /api/rejections shows it. */
    private JsonNode rejectionOf(String jmsMessageId) {
        List<Long> ids = jdbc.sql("""
                SELECT r.id FROM rejection r JOIN inbound_message i ON i.id = r.inbound_id
                WHERE i.channel = 'QUEUE' AND i.message_id = ?""").param(jmsMessageId).query(Long.class).list();
        assertThat(ids).as("rejections of " + jmsMessageId).hasSize(1);
        for (JsonNode r : api.get("/api/rejections")) {
            if (r.path("id").asLong() == ids.get(0)) {
                return r;
            }
        }
        throw new AssertionError("rejection " + ids.get(0) + " is not in /api/rejections");
    }

    private static JsonNode item(JsonNode agenda, String title) {
        for (JsonNode item : agenda) {
            if (item.path("title").asText().equals(title)) {
                return item;
            }
        }
        throw new AssertionError("no agenda item '" + title + "' in " + agenda);
    }
}
