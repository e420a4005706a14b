package se.council.hub.intake.queue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * A plain JMS client of the embedded broker, logged in as one broker user, as an agency's own
 * system (or an operator with the hub user) would use it. One connection, closed with the client.
 */
final class BrokerClient implements AutoCloseable {

    /** Builds the message to send in the client's session. */
    @FunctionalInterface
    interface MessageMaker {
        Message make(Session session) throws JMSException;
    }

    /** What was sent (with the id the broker gave it) and the hub's JSON answer. */
    record Exchanged(String messageId, JsonNode reply) { }

    private static final long REPLY_WAIT_MS = 30_000;

    private final ActiveMQConnectionFactory factory;
    private final Connection connection;
    private final ObjectMapper json = new ObjectMapper();

    BrokerClient(String url, String user, String password) throws JMSException {
        factory = new ActiveMQConnectionFactory(url, user, password);
        try {
            connection = factory.createConnection();
            connection.start();
        } catch (JMSException e) {
            factory.close();
            throw e;
        }
    }

    /** Sends a text message to the queue with a temporary queue as JMSReplyTo and waits for the answer. */
    Exchanged request(String queue, String text) throws JMSException {
        return request(queue, s -> s.createTextMessage(text));
    }

    /** Sends the message to the queue with a temporary queue as JMSReplyTo and waits for the answer. */
    Exchanged request(String queue, MessageMaker maker) throws JMSException {
        try (Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            TemporaryQueue replies = session.createTemporaryQueue();
            Message message = maker.make(session);
            message.setJMSReplyTo(replies);
            try (MessageProducer producer = session.createProducer(session.createQueue(queue));
                 MessageConsumer consumer = session.createConsumer(replies)) {
                producer.send(message);
                Message reply = consumer.receive(REPLY_WAIT_MS);
                if (!(reply instanceof TextMessage text)) {
                    throw new AssertionError("no text reply within " + REPLY_WAIT_MS + " ms to " + message.getJMSMessageID()
                            + " on " + queue + ": " + reply);
                }
                return new Exchanged(message.getJMSMessageID(), parse(text.getText()));
            }
        }
    }

    /** Sends the message without a reply address and returns its JMSMessageID. */
    String send(String queue, MessageMaker maker) throws JMSException {
        try (Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
             MessageProducer producer = session.createProducer(session.createQueue(queue))) {
            Message message = maker.make(session);
            producer.send(message);
            return message.getJMSMessageID();
        }
    }

    /** Sends a message to a topic; used to prove that the broker refuses it. */
    void publish(String topic, String text) throws JMSException {
        try (Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
             MessageProducer producer = session.createProducer(session.createTopic(topic))) {
            producer.send(session.createTextMessage(text));
        }
    }

    /** Creates a temporary queue that lives as long as this client's connection, and returns its name. */
    String temporaryQueue() throws JMSException {
        try (Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            return session.createTemporaryQueue().getQueueName();
        }
    }

    /** Receives one message from the queue, or null when none comes within the wait. */
    Message receive(String queue, long waitMs) throws JMSException {
        try (Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
             MessageConsumer consumer = session.createConsumer(session.createQueue(queue))) {
            return consumer.receive(waitMs);
        }
    }

    /** Opens a consumer on the queue (and keeps it open until the session closes): for permission checks. */
    void consume(String queue) throws JMSException {
        try (Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
             MessageConsumer consumer = session.createConsumer(session.createQueue(queue))) {
            consumer.receiveNoWait();
        }
    }

    /** The messages now on the queue, without taking them. */
    List<Message> browse(String queue) throws JMSException {
        try (Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
             QueueBrowser browser = session.createBrowser(session.createQueue(queue))) {
            List<Message> messages = new ArrayList<>();
            for (Object m : Collections.list(browser.getEnumeration())) {
                messages.add((Message) m);
            }
            return messages;
        }
    }

    /** The JMSMessageIDs of the messages now on the queue. */
    List<String> idsOn(String queue) throws JMSException {
        List<String> ids = new ArrayList<>();
        for (Message m : browse(queue)) {
            ids.add(m.getJMSMessageID());
        }
        return ids;
    }

    private JsonNode parse(String text) {
        try {
            return json.readTree(text);
        } catch (Exception e) {
            throw new AssertionError("the reply is not JSON: " + text, e);
        }
    }

    @Override
    public void close() throws JMSException {
        try {
            connection.close();
        } finally {
            factory.close();
        }
    }
}
