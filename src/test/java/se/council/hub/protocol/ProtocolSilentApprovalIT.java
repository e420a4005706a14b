package se.council.hub.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.test.context.TestPropertySource;
import se.council.hub.support.HubIntegrationTest;

/**
 * A council whose rule is silent approval with approvals carried over: an open correction holds the
 * protocol at the deadline; the next version keeps the earlier approvals; at its deadline, with no
 * correction open, it is adjusted although one adjuster never answered.
 */
@HubIntegrationTest
@TestPropertySource(properties = "hub.registry.file=src/test/resources/registry/council-silent.yml")
class ProtocolSilentApprovalIT extends ProtocolTestBase {

    @Test
    void silentApprovalAtTheDeadlineOnceNoCorrectionIsOpen() {
        long id = api.meeting("2026-11-12").path("id").asLong();
        kit.attendance(id, List.of("anna.lind@ivo.example=PRESENT", "ingrid.palm@sbu.example=PRESENT",
                "lars.engstrom@ssm.example=PRESENT"), List.of());
        api.post("/api/meetings/" + id + "/protocol", null);
        api.post("/api/meetings/" + id + "/protocol/adjustment", null);
        String v1 = "[NRP-2026-11-12 justering v1]";
        mail.deliverToHub(AdjustmentKit.reply("anna.lind@ivo.example", mail.awaitMail("anna.lind@ivo.example", v1), "Godkänd", null));
        mail.deliverToHub(AdjustmentKit.reply("ingrid.palm@sbu.example", mail.awaitMail("ingrid.palm@sbu.example", v1),
                "SBU heter Statens beredning för medicinsk och social utvärdering.", null));
        kit.awaitAdjuster(id, "anna.lind@ivo.example", "APPROVED");
        kit.awaitAdjuster(id, "ingrid.palm@sbu.example", "CORRECTIONS");

        // At the deadline a correction is open: no silent approval.
        clock.set(Instant.parse("2026-11-28T00:00:00Z"));
        tick();
        assertThat(kit.state(id).path("state").asText()).isEqualTo("IN_ADJUSTMENT");

        // Version 2 answers it; Anna's approval carries over by this council's rule.
        assertThat(api.call(HttpMethod.PUT, "/api/meetings/" + id + "/protocol/items",
                Map.of("items", List.of(Map.of("number", 1, "text", "Mötet öppnas.")))).getStatusCode().value()).isEqualTo(201);
        JsonNode state = api.post("/api/meetings/" + id + "/protocol/adjustment", null);
        assertThat(state.path("version").asInt()).isEqualTo(2);
        assertThat(state.path("deadline").asText()).isEqualTo("2026-12-05T22:59:59Z");
        JsonNode anna = AdjustmentKit.adjuster(state, "anna.lind@ivo.example");
        assertThat(anna.path("state").asText()).isEqualTo("APPROVED");
        assertThat(anna.path("channel").asText()).isEqualTo("CARRIED");
        assertThat(AdjustmentKit.adjuster(state, "ingrid.palm@sbu.example").path("state").asText()).isEqualTo("PENDING");
        String v2 = "[NRP-2026-11-12 justering v2]";
        mail.awaitMail("anna.lind@ivo.example", v2);
        mail.deliverToHub(AdjustmentKit.reply("ingrid.palm@sbu.example", mail.awaitMail("ingrid.palm@sbu.example", v2), "Godkänner", null));
        kit.awaitAdjuster(id, "ingrid.palm@sbu.example", "APPROVED");

        // Before the deadline nothing happens; after it, silence approves.
        clock.set(Instant.parse("2026-12-05T22:00:00Z"));
        tick();
        assertThat(kit.state(id).path("state").asText()).isEqualTo("IN_ADJUSTMENT");
        clock.set(Instant.parse("2026-12-05T23:00:00Z"));
        tick();
        state = kit.state(id);
        assertThat(state.path("state").asText()).isEqualTo("ADJUSTED");
        assertThat(state.path("completion").asText()).isEqualTo("SILENT_APPROVAL");
        assertThat(AdjustmentKit.adjuster(state, "lars.engstrom@ssm.example").path("state").asText()).isEqualTo("PENDING");
        String text = AdjustmentKit.pdfText(AdjustmentKit.attachments(mail.awaitMail("lars.engstrom@ssm.example",
                "[NRP-2026-11-12] Justerat protokoll"), new java.util.HashMap<>()).values().iterator().next());
        assertThat(text).contains("Samtliga deltagare", "2026-12-06", "Mötet öppnas.");
    }

    private void tick() {
        camel.requestBody("direct:protocol-due", (Object) "tick");
    }
}
