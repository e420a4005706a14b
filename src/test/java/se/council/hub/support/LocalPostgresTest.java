package se.council.hub.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Proves that {@link LocalPostgres} starts a real PostgreSQL from the machine's binaries and that
 * the JDBC URL it hands out works for DDL and a write/read round trip, with UTF-8 text intact.
 */
class LocalPostgresTest {

    @Test
    void startsARealServerAndAnswersVersion() throws Exception {
        LocalPostgres pg = LocalPostgres.shared();

        assertThat(pg.jdbcUrl()).matches("jdbc:postgresql://127\\.0\\.0\\.1:\\d+/council");
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.username(), pg.password());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select version(), current_database(), current_setting('server_encoding')")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).startsWith("PostgreSQL ");
            assertThat(rs.getString(2)).isEqualTo("council");
            assertThat(rs.getString(3)).isEqualTo("UTF8");
        }
    }

    @Test
    void createInsertSelectRoundTrip() throws Exception {
        LocalPostgres pg = LocalPostgres.shared();

        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.username(), pg.password())) {
            try (Statement s = c.createStatement()) {
                s.execute("create table round_trip (id serial primary key, agency text not null, title text not null)");
            }
            try (PreparedStatement ins = c.prepareStatement("insert into round_trip (agency, title) values (?, ?)")) {
                ins.setString(1, "ivo");
                ins.setString(2, "Lägesrapport från Inspektionen för vård och omsorg");
                ins.executeUpdate();
                ins.setString(1, "sbu");
                ins.setString(2, "Ärende: Åtgärder för ökad patientsäkerhet");
                ins.executeUpdate();
            }
            List<String> rows = new ArrayList<>();
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select agency, title from round_trip order by id")) {
                while (rs.next()) {
                    rows.add(rs.getString(1) + "|" + rs.getString(2));
                }
            }
            assertThat(rows).containsExactly(
                    "ivo|Lägesrapport från Inspektionen för vård och omsorg",
                    "sbu|Ärende: Åtgärder för ökad patientsäkerhet");
            try (Statement s = c.createStatement()) {
                s.execute("drop table round_trip");
            }
        }
    }

    @Test
    void createsSeparateDatabases() throws Exception {
        LocalPostgres pg = LocalPostgres.shared();

        String url = pg.createDatabase("separate_" + ProcessHandle.current().pid());
        try (Connection c = DriverManager.getConnection(url, pg.username(), pg.password());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select count(*) from information_schema.tables where table_schema = 'public'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isZero();
        }
    }
}
