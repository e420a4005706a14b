package se.council.hub.registry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import se.council.hub.config.HubProperties;

/** Loads the registry once at start-up; an invalid registry stops the hub before anything runs. */
@Configuration(proxyBeanMethods = false)
class RegistryConfiguration {

    @Bean
    CouncilRegistry councilRegistry(HubProperties properties) {
        return RegistryLoader.load(properties.registry().file());
    }
}
