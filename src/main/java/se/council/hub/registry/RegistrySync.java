package se.council.hub.registry;

import jakarta.annotation.PostConstruct;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Copies the registry into the store at start-up so that stored submissions, meetings and mails
 * can refer to agencies and people. People no longer in the registry are kept, marked inactive.
 */
@Component
class RegistrySync {

    private static final Logger LOG = LoggerFactory.getLogger(RegistrySync.class);

    private final CouncilRegistry registry;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;

    RegistrySync(CouncilRegistry registry, JdbcClient jdbc, TransactionTemplate tx) {
        this.registry = registry;
        this.jdbc = jdbc;
        this.tx = tx;
    }

    @PostConstruct
    void sync() {
        tx.executeWithoutResult(status -> {
            jdbc.sql("DELETE FROM council_member").update();
            jdbc.sql("DELETE FROM agency_domain").update();
            jdbc.sql("UPDATE person SET active = FALSE").update();
            for (CouncilRegistry.Agency a : registry.agencies()) {
                int updated = jdbc.sql("UPDATE agency SET name = ?, abbreviation = ?, position = ? WHERE id = ?")
                        .params(a.name(), a.abbreviation(), a.position(), a.id()).update();
                if (updated == 0) {
                    jdbc.sql("INSERT INTO agency (id, name, abbreviation, position) VALUES (?, ?, ?, ?)")
                            .params(a.id(), a.name(), a.abbreviation(), a.position()).update();
                }
                for (String domain : a.domains()) {
                    jdbc.sql("INSERT INTO agency_domain (domain, agency_id) VALUES (?, ?)").params(domain, a.id()).update();
                }
                for (CouncilRegistry.Person p : a.people()) {
                    int changed = jdbc.sql("UPDATE person SET agency_id = ?, name = ?, role = ?, active = TRUE WHERE email = ?")
                            .params(a.id(), p.name(), p.role(), p.email()).update();
                    if (changed == 0) {
                        jdbc.sql("INSERT INTO person (email, agency_id, name, role, active) VALUES (?, ?, ?, ?, TRUE)")
                                .params(p.email(), a.id(), p.name(), p.role()).update();
                    }
                }
            }
            for (CouncilRegistry.Council c : registry.councils()) {
                int updated = jdbc.sql("UPDATE council SET name = ?, secretariat = ? WHERE code = ?")
                        .params(c.name(), c.secretariat(), c.code()).update();
                if (updated == 0) {
                    jdbc.sql("INSERT INTO council (code, name, secretariat) VALUES (?, ?, ?)")
                            .params(c.code(), c.name(), c.secretariat()).update();
                }
                for (int i = 0; i < c.members().size(); i++) {
                    jdbc.sql("INSERT INTO council_member (council_code, agency_id, position) VALUES (?, ?, ?)")
                            .params(c.code(), c.members().get(i), i).update();
                }
            }
        });
        LOG.info("Council registry: {} agencies, {} councils", registry.agencies().size(), registry.councils().size());
    }
}
