package se.council.hub;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Starts the hub: the Camel routes under routes/ and the beans they call. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CouncilHubApplication {

    public static void main(String[] args) {
        SpringApplication.run(CouncilHubApplication.class, args);
    }
}
