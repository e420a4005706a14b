package se.council.hub.broker;

import java.util.Map;
import java.util.Set;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.config.impl.SecurityConfiguration;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import se.council.hub.config.HubProperties;
import se.council.hub.registry.CouncilRegistry;

/**
 * The embedded Artemis broker of the one-machine default: durable journal under ./data, the intake
 * queues, a dead-letter queue, the events topic, and security. The broker stamps each message with
 * the user it authenticated (populate-validated-user), which is how the hub knows the agency.
 * Agency users may only send to the intake queues and use their own temporary reply queues.
 */
@Component
@ConditionalOnProperty(name = "hub.broker.embedded.enabled", havingValue = "true", matchIfMissing = true)
public class EmbeddedBroker implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);

    public static final String STATUS_UPDATES = "council.intake.status-updates";
    public static final String AGENDA_ITEMS = "council.intake.agenda-items";
    public static final String DEAD_LETTERS = "DLQ";
    public static final String EVENTS = "council.events";
    static final String HUB_ROLE = "hub";
    static final String AGENCY_ROLE = "agency";

    private final HubProperties properties;
    private final CouncilRegistry registry;
    private final BrokerCredentials credentials;
    private EmbeddedActiveMQ server;

    public EmbeddedBroker(HubProperties properties, CouncilRegistry registry, BrokerCredentials credentials) {
        this.properties = properties;
        this.registry = registry;
        this.credentials = credentials;
        start();
    }

    @Override
    public synchronized void start() {
        if (server != null) {
            return;
        }
        HubProperties.Broker broker = properties.broker();
        String dir = broker.embedded().dataDir().toAbsolutePath().toString();
        ConfigurationImpl config = new ConfigurationImpl();
        config.setName("council-hub");
        config.setPersistenceEnabled(true);
        config.setJournalDirectory(dir + "/journal");
        config.setBindingsDirectory(dir + "/bindings");
        config.setPagingDirectory(dir + "/paging");
        config.setLargeMessagesDirectory(dir + "/large-messages");
        config.setJMXManagementEnabled(false);
        // Artemis' NIO default (3.33 ms) batches journal syncs for many producers; with the few,
        // one-at-a-time senders of a council it only adds latency (about 130 durable messages/s).
        config.setJournalBufferTimeout_NIO(50_000);
        config.setSecurityEnabled(true);
        config.setPopulateValidatedUser(true);
        config.setTemporaryQueueNamespace("temp");
        try {
            config.addAcceptorConfiguration("tcp", "tcp://127.0.0.1:" + broker.embedded().port());
        } catch (Exception e) {
            throw new IllegalStateException("Invalid embedded broker port " + broker.embedded().port(), e);
        }
        config.addAddressSetting("#", new AddressSettings()
                .setMaxDeliveryAttempts(broker.maxDeliveryAttempts())
                .setDeadLetterAddress(SimpleString.of(DEAD_LETTERS))
                .setRedeliveryDelay(500)
                .setRedeliveryMultiplier(2.0)
                .setMaxRedeliveryDelay(10_000)
                .setAutoCreateDeadLetterResources(false));
        config.addQueueConfiguration(QueueConfiguration.of(STATUS_UPDATES).setRoutingType(RoutingType.ANYCAST));
        config.addQueueConfiguration(QueueConfiguration.of(AGENDA_ITEMS).setRoutingType(RoutingType.ANYCAST));
        config.addQueueConfiguration(QueueConfiguration.of(DEAD_LETTERS).setRoutingType(RoutingType.ANYCAST));

        Role hub = new Role(HUB_ROLE, true, true, true, true, true, true, true, true, true, true, true, true);
        Role agencySend = new Role(AGENCY_ROLE, true, false, false, false, false, false, false, false, false, false, false, false);
        config.putSecurityRoles("#", Set.of(hub));
        config.putSecurityRoles("council.intake.#", Set.of(hub, agencySend));
        // Temporary reply queues have UUID addresses that no match can single out: see AgencyAwareSecurityManager.

        SecurityConfiguration users = new SecurityConfiguration();
        users.addUser(broker.user(), credentials.hubPassword());
        users.addRole(broker.user(), HUB_ROLE);
        for (Map.Entry<String, String> agency : broker.agencyPasswords().entrySet()) {
            if (registry.agency(agency.getKey()).isEmpty()) {
                throw new IllegalStateException("hub.broker.agency-passwords names an unknown agency '" + agency.getKey()
                        + "'; agency ids are those of config/council.yml");
            }
            users.addUser(agency.getKey(), agency.getValue());
            users.addRole(agency.getKey(), AGENCY_ROLE);
        }
        EmbeddedActiveMQ embedded = new EmbeddedActiveMQ();
        embedded.setConfiguration(config);
        embedded.setSecurityManager(new AgencyAwareSecurityManager(users, AGENCY_ROLE, embedded::getActiveMQServer));
        server = embedded;
        try {
            server.start();
        } catch (Exception e) {
            server = null;
            throw new IllegalStateException("The embedded broker could not start on port " + broker.embedded().port()
                    + ": " + e.getMessage(), e);
        }
        LOG.info("Embedded Artemis broker on tcp://127.0.0.1:{} ({} agency users), journal in {}",
                broker.embedded().port(), broker.agencyPasswords().size(), dir);
    }

    @Override
    public synchronized void stop() {
        if (server != null) {
            try {
                server.stop();
            } catch (Exception e) {
                LOG.warn("Embedded broker did not stop cleanly", e);
            }
            server = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return server != null;
    }

    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 100;
    }

    public EmbeddedActiveMQ server() {
        return server;
    }
}
