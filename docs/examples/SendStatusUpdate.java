import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * Sends a status update to the hub's queue as an agency's system would, and prints the hub's answer.
 *
 * java -cp "$(cat target/classpath.txt)" docs/examples/SendStatusUpdate.java \
 *      tcp://localhost:61616 ivo <password> NRP-2026-12-10 "Status text" slides.pptx
 */
public class SendStatusUpdate {

    public static void main(String[] args) throws Exception {
        if (args.length < 5) {
            System.err.println("usage: SendStatusUpdate <broker-url> <agency-user> <password> <meeting> <text> [file ...]");
            System.exit(2);
        }
        StringBuilder attachments = new StringBuilder();
        for (int i = 5; i < args.length; i++) {
            Path file = Path.of(args[i]);
            attachments.append(attachments.isEmpty() ? "" : ",")
                    .append("{\"name\":\"").append(file.getFileName()).append("\",\"contentBase64\":\"")
                    .append(Base64.getEncoder().encodeToString(Files.readAllBytes(file))).append("\"}");
        }
        String json = "{\"meeting\":\"" + args[3] + "\",\"text\":\"" + args[4].replace("\"", "\\\"")
                + "\",\"attachments\":[" + attachments + "]}";
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(args[0]);
             Connection connection = factory.createConnection(args[1], args[2])) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            TemporaryQueue replies = session.createTemporaryQueue();
            TextMessage message = session.createTextMessage(json);
            message.setJMSReplyTo(replies);
            session.createProducer(session.createQueue("council.intake.status-updates")).send(message);
            MessageConsumer consumer = session.createConsumer(replies);
            Message answer = consumer.receive(30_000);
            System.out.println(answer == null ? "no answer within 30 s" : ((TextMessage) answer).getText());
        }
    }
}
