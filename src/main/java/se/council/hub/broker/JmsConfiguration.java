package se.council.hub.broker;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.component.jms.JmsComponent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jms.connection.CachingConnectionFactory;
import se.council.hub.config.HubProperties;

/**
 * The hub's JMS connection to Artemis and Camel's transacted jms component. Java deserialization is
 * switched off on the client: the allow list names nothing and the deny list everything, so an
 * ObjectMessage can never be turned into objects here (CVE-2026-40860/-43866 are open in Camel 4.17).
 */
@Configuration(proxyBeanMethods = false)
class JmsConfiguration {

    /** Matches no class: with a non-empty allow list Artemis refuses every class not on it. */
    static final String ALLOW_NOTHING = "se.council.hub.no.class.is.deserialized";

    @Bean
    ActiveMQConnectionFactory artemisConnectionFactory(HubProperties properties, BrokerCredentials credentials) {
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(properties.broker().url(),
                properties.broker().user(), credentials.hubPassword());
        factory.setDeserializationAllowList(ALLOW_NOTHING);
        factory.setDeserializationDenyList("*");
        // No prefetch: consumers are cached per pooled session, and one that sits in the pool must
        // not hold messages that another session's consumer is waiting for.
        factory.setConsumerWindowSize(0);
        // Look each queue up once, not with a round trip to the broker for every message.
        factory.setCacheDestinations(true);
        return factory;
    }

    @Bean
    @Primary
    CachingConnectionFactory jmsConnectionFactory(ActiveMQConnectionFactory artemis) {
        CachingConnectionFactory caching = new CachingConnectionFactory(artemis);
        caching.setSessionCacheSize(10);
        caching.setCacheConsumers(true);
        return caching;
    }

    /** Transacted: a queue message is acknowledged only when its route (and so the store) has committed. */
    @Bean("jms")
    JmsComponent jms(CachingConnectionFactory jmsConnectionFactory) {
        // A JmsTransactionManager: the listener commits after the route returns and rolls back (for the
        // broker's redelivery and dead-lettering) when it throws. The transaction's session comes from
        // the caching factory, which also keeps the consumer, so none is opened per message.
        JmsComponent jms = JmsComponent.jmsComponentTransacted(jmsConnectionFactory);
        jms.getConfiguration().setCacheLevelName("CACHE_CONSUMER");
        return jms;
    }
}
