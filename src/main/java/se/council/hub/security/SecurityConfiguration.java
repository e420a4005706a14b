package se.council.hub.security;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import se.council.hub.config.HubProperties;

/**
 * Who may use the REST API: the secretariat, with HTTP Basic. Only the health endpoint and the
 * adjusters' token-authorised page (/protocol-adjustment/…) are open.
 * Without a configured password a random one is generated and logged once at start.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(SecurityConfiguration.class);
    static final String SECRETARIAT = "secretariat";

    @Bean
    SecurityFilterChain api(HttpSecurity http) throws Exception {
        return http
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        // The adjusters' page: its signed, expiring token is the authorisation (AdjustmentLinks).
                        .requestMatchers("/protocol-adjustment/**").permitAll()
                        .anyRequest().hasRole("SECRETARIAT"))
                .httpBasic(Customizer.withDefaults())
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .build();
    }

    /** BCrypt, with the passwords just verified remembered for a few minutes (see VerifiedPasswords). */
    @Bean
    PasswordEncoder passwordEncoder(Clock clock) {
        return new VerifiedPasswords(PasswordEncoderFactories.createDelegatingPasswordEncoder(), clock);
    }

    @Bean
    UserDetailsService users(HubProperties properties, PasswordEncoder encoder) {
        String password = properties.security().secretariatPassword();
        if (password == null || password.isBlank()) {
            byte[] random = new byte[18];
            new SecureRandom().nextBytes(random);
            password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            LOG.warn("No hub.security.secretariat-password set; generated for this run: user '{}', password '{}'",
                    SECRETARIAT, password);
        }
        return new InMemoryUserDetailsManager(User.withUsername(SECRETARIAT)
                .password(encoder.encode(password)).roles("SECRETARIAT").build());
    }
}
