package se.council.hub.config;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Shared infrastructure beans. */
@Configuration(proxyBeanMethods = false)
class CoreConfiguration {

    /** One clock for every time decision, so that tests can move time. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
