package se.council.hub.protocol;

import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import se.council.hub.config.HubProperties;
import se.council.hub.mailserver.EmbeddedMailServer;
import se.council.hub.support.HubApi;
import se.council.hub.support.MutableClock;
import se.council.hub.support.TestHubConfiguration;
import se.council.hub.support.TestMail;

/**
 * What every protocol integration test starts from: the hub's REST API, its mail server (TestMail),
 * the AdjustmentKit, the database, Camel, and the clock, set back to the start after each test.
 */
abstract class ProtocolTestBase {

    @Autowired
    TestRestTemplate rest;
    @Autowired
    EmbeddedMailServer server;
    @Autowired
    HubProperties properties;
    @Autowired
    MutableClock clock;
    @Autowired
    ProducerTemplate camel;
    @Autowired
    JdbcClient jdbc;

    HubApi api;
    TestMail mail;
    AdjustmentKit kit;

    @BeforeEach
    void setUp() {
        api = new HubApi(rest);
        mail = new TestMail(server, properties);
        kit = new AdjustmentKit(api, mail, rest);
    }

    @AfterEach
    void resetClock() {
        clock.set(TestHubConfiguration.START);
    }
}
