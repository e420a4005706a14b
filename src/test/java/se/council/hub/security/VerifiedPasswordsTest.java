package se.council.hub.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import se.council.hub.support.MutableClock;

class VerifiedPasswordsTest {

    private final PasswordEncoder bcrypt = PasswordEncoderFactories.createDelegatingPasswordEncoder();
    private final AtomicInteger checks = new AtomicInteger();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-20T09:00:00Z"));
    private final VerifiedPasswords passwords = new VerifiedPasswords(new PasswordEncoder() {
        @Override
        public String encode(CharSequence raw) {
            return bcrypt.encode(raw);
        }

        @Override
        public boolean matches(CharSequence raw, String encoded) {
            checks.incrementAndGet();
            return bcrypt.matches(raw, encoded);
        }
    }, clock);

    @Test
    void aVerifiedPasswordIsRememberedForFiveMinutesThenCheckedAgain() {
        String hash = passwords.encode("rätt lösenord");
        assertThat(hash).startsWith("{bcrypt}");

        assertThat(passwords.matches("rätt lösenord", hash)).isTrue();
        assertThat(passwords.matches("rätt lösenord", hash)).isTrue();
        clock.advance(Duration.ofMinutes(4));
        assertThat(passwords.matches("rätt lösenord", hash)).isTrue();
        assertThat(checks).hasValue(1);

        clock.advance(Duration.ofMinutes(2));
        assertThat(passwords.matches("rätt lösenord", hash)).isTrue();
        assertThat(checks).hasValue(2);
    }

    @Test
    void aWrongPasswordAlwaysTakesTheFullCheckAndIsRefused() {
        String hash = passwords.encode("rätt lösenord");
        assertThat(passwords.matches("rätt lösenord", hash)).isTrue();

        assertThat(passwords.matches("fel lösenord", hash)).isFalse();
        assertThat(passwords.matches("fel lösenord", hash)).isFalse();
        assertThat(passwords.matches("", hash)).isFalse();
        assertThat(checks).hasValue(4);
    }

    @Test
    void theRememberedPasswordCountsOnlyForTheHashItWasCheckedAgainst() {
        String first = passwords.encode("lösenord");
        String changed = passwords.encode("ett annat");
        assertThat(passwords.matches("lösenord", first)).isTrue();

        assertThat(passwords.matches("lösenord", changed)).isFalse();
        assertThat(checks).hasValue(2);
    }
}
