package se.council.hub.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The council registry as the hub reads it at start-up: the shipped config/council.yml holds the real
 * council, and each mistake a secretariat could make in the file stops the hub with a message naming
 * the line it is on.
 */
class RegistryLoaderTest {

    /** A small valid registry; the tests below break one line of it. Line numbers are in the comments. */
    private static final String VALID = """
            agencies:
              - id: ivo
                name: Inspektionen för vård och omsorg
                abbreviation: IVO
                domains: [ivo.example]
                people:
                  - {name: Anna Test, email: anna.test@ivo.example, role: representative}
              - id: sbu
                name: Statens beredning för medicinsk och social utvärdering
                abbreviation: SBU
                domains: [sbu.example]
                people:
                  - {name: Bo Test, email: bo.test@sbu.example, role: representative}
            councils:
              - code: NRP
                name: Nationellt råd för patientsäkerhet
                secretariat: ivo
                members: [ivo, sbu]
            """;
    // line 7: anna's address, line 11: sbu's domains, line 13: bo's address, line 18: members

    @Test
    void theShippedRegistryHoldsTheFifteenAgenciesOfTheCouncilInOrder() {
        CouncilRegistry registry = RegistryLoader.load(Path.of("config/council.yml"));

        assertThat(registry.agencies()).extracting(CouncilRegistry.Agency::id).containsExactly(
                "socialstyrelsen", "arbetsmiljoverket", "ehalsomyndigheten", "folkhalsomyndigheten", "forte", "ivo",
                "lof", "lakemedelsverket", "nsg-patientsakerhet", "rss", "patientnamnden", "sbu", "ssm", "skr", "shk");
        CouncilRegistry.Council nrp = registry.council("NRP").orElseThrow();
        assertThat(nrp.name()).isEqualTo("Nationellt råd för patientsäkerhet");
        assertThat(nrp.secretariat()).isEqualTo("socialstyrelsen");
        assertThat(nrp.members()).hasSize(15);
        assertThat(registry.members("NRP")).extracting(CouncilRegistry.Agency::id)
                .containsExactlyElementsOf(registry.agencies().stream().map(CouncilRegistry.Agency::id).toList());
        assertThat(registry.agencies()).allSatisfy(a -> {
            assertThat(a.people()).hasSizeBetween(1, 3);
            assertThat(a.people()).allSatisfy(p -> assertThat(p.email()).endsWith(".example"));
            assertThat(a.domains()).containsExactly(a.id() + ".example");
        });
        assertThat(registry.agency("ivo").orElseThrow().abbreviation()).isEqualTo("IVO");
        assertThat(registry.agencyForAddress("Someone.Else@IVO.example").map(CouncilRegistry.Agency::id)).contains("ivo");
    }

    @Test
    void theInlineRegistryIsValid() {
        CouncilRegistry registry = load(VALID);

        assertThat(registry.members("NRP")).extracting(CouncilRegistry.Agency::id).containsExactly("ivo", "sbu");
        assertThat(registry.person("ANNA.TEST@ivo.example").map(CouncilRegistry.Person::agencyId)).contains("ivo");
    }

    @Test
    void anUnknownMemberIdNamesItsLine() {
        String yaml = VALID.replace("members: [ivo, sbu]", "members: [ivo, sbu, nobody]");

        assertThatThrownBy(() -> load(yaml)).isInstanceOf(RegistryException.class)
                .hasMessageContaining("council.yml line 18: unknown member id 'nobody' in council NRP");
    }

    @Test
    void aDuplicateAddressIsFoundWhateverItsCaseAndNamesBothLines() {
        String yaml = VALID.replace("email: bo.test@sbu.example", "email: Anna.Test@IVO.example");

        assertThatThrownBy(() -> load(yaml)).isInstanceOf(RegistryException.class)
                .hasMessageContaining("council.yml line 13: duplicate address 'Anna.Test@IVO.example'")
                .hasMessageContaining("first at council.yml line 7");
    }

    @Test
    void aMalformedAddressNamesItsLine() {
        String yaml = VALID.replace("email: anna.test@ivo.example", "email: anna.test(at)ivo.example");

        assertThatThrownBy(() -> load(yaml)).isInstanceOf(RegistryException.class)
                .hasMessageContaining("council.yml line 7: malformed address 'anna.test(at)ivo.example'");
    }

    @Test
    void anAddressWithoutADomainIsMalformed() {
        String yaml = VALID.replace("email: bo.test@sbu.example", "email: bo.test");

        assertThatThrownBy(() -> load(yaml)).isInstanceOf(RegistryException.class)
                .hasMessageContaining("council.yml line 13: malformed address 'bo.test'");
    }

    @Test
    void aDuplicateDomainNamesItsLine() {
        String yaml = VALID.replace("domains: [sbu.example]", "domains: [sbu.example, IVO.example]");

        assertThatThrownBy(() -> load(yaml)).isInstanceOf(RegistryException.class)
                .hasMessageContaining("council.yml line 11: duplicate domain 'IVO.example' (first at council.yml line 5)");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        String yaml = VALID.replace("email: anna.test@ivo.example", "email: not an address")
                .replace("members: [ivo, sbu]", "members: [ivo, sbu, nobody]");

        assertThatThrownBy(() -> load(yaml)).isInstanceOf(RegistryException.class)
                .hasMessageContaining("line 7: malformed address")
                .hasMessageContaining("line 18: unknown member id 'nobody'");
    }

    private static CouncilRegistry load(String yaml) {
        return RegistryLoader.load(new StringReader(yaml), "council.yml");
    }
}
