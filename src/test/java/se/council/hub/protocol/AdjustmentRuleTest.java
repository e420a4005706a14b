package se.council.hub.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import org.junit.jupiter.api.Test;
import se.council.hub.registry.CouncilRegistry;
import se.council.hub.registry.RegistryException;
import se.council.hub.registry.RegistryLoader;

/** The council's adjustment rule in council.yml: read, defaulted and validated with its line. */
class AdjustmentRuleTest {

    private static final String REGISTRY = """
            agencies:
              - id: sos
                name: Socialstyrelsen
                domains: [sos.example]
                people:
                  - {name: Maria Ekholm, email: maria@sos.example, role: secretariat}
            councils:
              - code: NRP
                name: Nationellt råd
                secretariat: sos
                members: [sos]
            """;

    @Test
    void withoutAnAdjustmentEveryAdjusterMustApproveAndNothingCarriesOver() {
        CouncilRegistry registry = RegistryLoader.load(new StringReader(REGISTRY), "council.yml");
        assertThat(registry.council("NRP").orElseThrow().adjustment()).isEqualTo(CouncilRegistry.Adjustment.DEFAULT);
        assertThat(CouncilRegistry.Adjustment.DEFAULT.completion()).isEqualTo(CouncilRegistry.Adjustment.Completion.ALL_APPROVE);
        assertThat(CouncilRegistry.Adjustment.DEFAULT.carryOverApprovals()).isFalse();
    }

    @Test
    void silentApprovalAndCarryOverAreRead() {
        CouncilRegistry registry = RegistryLoader.load(new StringReader(REGISTRY
                + "    adjustment: {completion: SILENT_APPROVAL, carry-over-approvals: true}\n"), "council.yml");
        assertThat(registry.council("NRP").orElseThrow().adjustment())
                .isEqualTo(new CouncilRegistry.Adjustment(CouncilRegistry.Adjustment.Completion.SILENT_APPROVAL, true));
    }

    @Test
    void anUnknownRuleStopsTheHubNamingTheLine() {
        assertThatThrownBy(() -> RegistryLoader.load(new StringReader(REGISTRY
                + "    adjustment: {completion: MAJORITY, carry-over-approvals: maybe}\n"), "council.yml"))
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining("council.yml line 12: unknown completion 'MAJORITY'")
                .hasMessageContaining("carry-over-approvals of council NRP must be true or false");
    }
}
