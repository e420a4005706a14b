package se.council.hub.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * A whole hub on real parts for a test: embedded Artemis, GreenMail and H2 in memory, each on its
 * own free ports and directories, with a clock the test controls. Test classes with the same
 * annotation share one running hub.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(TestHubConfiguration.class)
@TestPropertySource(locations = "classpath:hub-test.properties")
public @interface HubIntegrationTest {
}
