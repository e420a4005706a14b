package se.council.hub.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistrar;

/** Ports, directories, database and clock of a test hub. */
@TestConfiguration(proxyBeanMethods = false)
public class TestHubConfiguration {

    /** The tests' "now": before the fixtures' meeting of 2026-12-10 and its deadline. */
    public static final Instant START = Instant.parse("2026-11-20T09:00:00Z");

    public static final String SECRETARIAT_PASSWORD = "test-secretariat-password";
    public static final String IVO_BROKER_PASSWORD = "ivo-broker-secret";
    public static final String SBU_BROKER_PASSWORD = "sbu-broker-secret";

    @Bean
    @Primary
    MutableClock testClock() {
        return new MutableClock(START);
    }

    /**
     * With {@code hub.test.database=postgres} the hub's store is a fresh database on a real
     * PostgreSQL started from the machine's binaries (see LocalPostgres); else H2 in memory.
     */
    @Bean
    DynamicPropertyRegistrar hubTestProperties(Environment environment) {
        boolean postgres = "postgres".equals(environment.getProperty("hub.test.database"));
        return registry -> {
            Path dir;
            try {
                dir = Files.createTempDirectory("council-hub-test");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            int smtp = FreePorts.next();
            int imap = FreePorts.next();
            int broker = FreePorts.next();
            registry.add("hub.mail.embedded.smtp-port", () -> smtp);
            registry.add("hub.mail.embedded.imap-port", () -> imap);
            registry.add("hub.broker.embedded.port", () -> broker);
            registry.add("hub.broker.embedded.data-dir", () -> dir.resolve("artemis").toString());
            registry.add("hub.storage.dir", () -> dir.resolve("store").toString());
            if (postgres) {
                LocalPostgres pg = LocalPostgres.shared();
                String url = pg.createDatabase("hub_" + UUID.randomUUID().toString().replace("-", ""));
                registry.add("spring.datasource.url", () -> url);
                registry.add("spring.datasource.username", pg::username);
                registry.add("spring.datasource.password", pg::password);
            } else {
                registry.add("spring.datasource.url", () -> "jdbc:h2:mem:hub-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;QUERY_CACHE_SIZE=64");
            }
        };
    }
}
