package se.council.hub.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import se.council.hub.config.HubProperties;

/** The adjusters' links: signed, expiring, bound to one version and one address. */
class AdjustmentLinksTest {

    private static AdjustmentLinks links(String key) {
        var source = new MapConfigurationPropertySource(java.util.Map.of("hub.protocol.link-key", key,
                "hub.protocol.base-url", "https://hub.council.example/"));
        HubProperties properties = new Binder(source).bindOrCreate("hub", Bindable.of(HubProperties.class));
        return new AdjustmentLinks(properties);
    }

    private final Instant now = Instant.parse("2026-12-11T09:00:00Z");
    private final Instant expires = Instant.parse("2026-12-25T09:00:00Z");

    @Test
    void aTokenNamesItsVersionAndAdjusterUntilItExpires() {
        AdjustmentLinks links = links("k1");
        String token = links.token(42, "anna.lind@ivo.example", expires);
        assertThat(links.url(token)).isEqualTo("https://hub.council.example/protocol-adjustment/" + token);
        var claim = links.verify(token, now).orElseThrow();
        assertThat(claim.protocolId()).isEqualTo(42);
        assertThat(claim.email()).isEqualTo("anna.lind@ivo.example");
        assertThat(links.verify(token, expires)).isEmpty();
        assertThat(links.verify(token, expires.plusSeconds(1))).isEmpty();
    }

    @Test
    void aTamperedOrForeignTokenIsRefused() {
        AdjustmentLinks links = links("k1");
        String token = links.token(42, "anna.lind@ivo.example", expires);
        String payload = new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))));
        String otherPayload = Base64.getUrlEncoder().withoutPadding().encodeToString(
                payload.replace("anna.lind@ivo.example", "per.oberg@ivo.example").getBytes());
        assertThat(links.verify(otherPayload + token.substring(token.indexOf('.')), now)).isEmpty();
        assertThat(links.verify(token.substring(0, token.length() - 2) + "AA", now)).isEmpty();
        assertThat(links.verify(links("k2").token(42, "anna.lind@ivo.example", expires), now)).isEmpty();
        assertThat(links.verify("garbage", now)).isEmpty();
        assertThat(links.verify(null, now)).isEmpty();
    }

    @Test
    void theFormCheckIsBoundToTheToken() {
        AdjustmentLinks links = links("k1");
        String a = links.token(1, "a@ivo.example", expires);
        String b = links.token(2, "a@ivo.example", expires);
        assertThat(links.formCheckValid(a, links.formCheck(a))).isTrue();
        assertThat(links.formCheckValid(a, links.formCheck(b))).isFalse();
        assertThat(links.formCheckValid(a, null)).isFalse();
    }

    @Test
    void theRoundTokenSurvivesReplyPrefixes() {
        assertThat(AdjustmentReplyDetector.token("SV: AW: Re: [NRP-2026-12-10 justering v2] Protokoll för justering"))
                .contains(new AdjustmentReplyDetector.Token("NRP-2026-12-10", 2));
        assertThat(AdjustmentReplyDetector.token("RE: [nrp-2026-12-10 Justering v12]"))
                .contains(new AdjustmentReplyDetector.Token("NRP-2026-12-10", 12));
        assertThat(AdjustmentReplyDetector.token("[NRP-2026-12-10] Lägesrapport")).isEmpty();
    }
}
