package se.council.hub.security;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.security.crypto.password.PasswordEncoder;
import se.council.hub.store.BlobStore;

/**
 * A password encoder that remembers, for a few minutes, the passwords it has just verified. The REST
 * API is stateless HTTP Basic, so every request carries the password, and checking it against its
 * BCrypt hash costs about 65 ms of CPU on a small server (a burst of secretariat calls, such as one
 * invitation round per meeting, pays that again and again). A password is remembered only after the
 * real check has accepted it, and only as a SHA-256 digest of the stored hash and the password
 * together, so a wrong password always takes the full BCrypt check and nothing new about the
 * password is kept in memory (the configured password is there anyway).
 */
final class VerifiedPasswords implements PasswordEncoder {

    static final Duration REMEMBER = Duration.ofMinutes(5);
    private static final int MAX_REMEMBERED = 32;

    private final PasswordEncoder delegate;
    private final Clock clock;
    private final Map<String, Instant> verified = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
            return size() > MAX_REMEMBERED;
        }
    };

    VerifiedPasswords(PasswordEncoder delegate, Clock clock) {
        this.delegate = delegate;
        this.clock = clock;
    }

    @Override
    public String encode(CharSequence rawPassword) {
        return delegate.encode(rawPassword);
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        if (rawPassword == null || encodedPassword == null) {
            return delegate.matches(rawPassword, encodedPassword);
        }
        String key = digest(encodedPassword, rawPassword);
        Instant now = clock.instant();
        synchronized (verified) {
            Instant until = verified.get(key);
            if (until != null && now.isBefore(until)) {
                return true;
            }
            verified.remove(key);
        }
        boolean matches = delegate.matches(rawPassword, encodedPassword);
        if (matches) {
            synchronized (verified) {
                verified.put(key, now.plus(REMEMBER));
            }
        }
        return matches;
    }

    @Override
    public boolean upgradeEncoding(String encodedPassword) {
        return delegate.upgradeEncoding(encodedPassword);
    }

    private static String digest(String encoded, CharSequence raw) {
        return BlobStore.sha256((encoded + "\0" + raw).getBytes(StandardCharsets.UTF_8));
    }
}
