package se.council.hub.protocol;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import se.council.hub.config.HubProperties;

/**
 * The adjusters' personal links: a token naming the protocol version and the adjuster, with an
 * expiry, signed with HMAC-SHA256 under {@code hub.protocol.link-key}. The token is the whole
 * authorisation of the adjustment page, so it is checked in constant time and never logged.
 * Without a configured key one is generated per start and logged once (links then last until a restart).
 */
@Component
public class AdjustmentLinks {

    private static final Logger LOG = LoggerFactory.getLogger(AdjustmentLinks.class);
    public static final String PATH = "/protocol-adjustment/";

    /** What a valid token says. */
    public record Claim(long protocolId, String email, Instant expires) { }

    private final byte[] key;
    private final String baseUrl;

    public AdjustmentLinks(HubProperties properties) {
        String configured = properties.protocol().linkKey();
        if (configured == null || configured.isBlank()) {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            configured = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            LOG.warn("No hub.protocol.link-key set; generated for this run (adjusters' links stop working at restart): '{}'",
                    configured);
        }
        this.key = configured.getBytes(StandardCharsets.UTF_8);
        String base = properties.protocol().baseUrl();
        this.baseUrl = strip(base == null || base.isBlank() ? properties.pack().baseUrl() : base);
    }

    /** The token for one adjuster of one version. */
    public String token(long protocolId, String email, Instant expires) {
        String payload = protocolId + ":" + expires.getEpochSecond() + ":" + email;
        String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        return encoded + "." + sign(encoded);
    }

    /** The absolute link of the page for that token. */
    public String url(String token) {
        return baseUrl + PATH + token;
    }

    /** The claim of a well-signed token that has not expired at {@code now}; empty otherwise. */
    public Optional<Claim> verify(String token, Instant now) {
        if (token == null) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot <= 0 || dot != token.lastIndexOf('.')) {
            return Optional.empty();
        }
        String encoded = token.substring(0, dot);
        byte[] expected = sign(encoded).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, token.substring(dot + 1).getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8).split(":", 3);
            Claim claim = new Claim(Long.parseLong(parts[0]), parts[2], Instant.ofEpochSecond(Long.parseLong(parts[1])));
            return now.isBefore(claim.expires()) ? Optional.of(claim) : Optional.empty();
        } catch (RuntimeException malformed) {
            return Optional.empty();
        }
    }

    /** The value of the page's hidden form field: bound to the token, so a form from elsewhere cannot post. */
    public String formCheck(String token) {
        return sign("form:" + token);
    }

    public boolean formCheckValid(String token, String check) {
        return check != null && MessageDigest.isEqual(formCheck(token).getBytes(StandardCharsets.US_ASCII),
                check.getBytes(StandardCharsets.US_ASCII));
    }

    private String sign(String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String strip(String base) {
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }
}
