package org.cairn.careplans;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cairn.testing.PackagedService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The packaged service run as the Helm chart's migration Job runs it (cairn.migrate-only, its Kafka
 * consumers off): it migrates a database and exits 0, and a second run finds nothing to do and exits
 * 0 again. Runs after packaging (Failsafe), against the real PostgreSQL, Kafka and Keycloak.
 */
class MigrateOnlyIT {

    static final String SCHEMA = "migrate_only_it";
    static final String USER = "cairn_careplans";
    // the development-only password of the service's role (dev/infra creates it equal to the name)
    static final String DEV_PASSWORD = "cairn_careplans";

    String jdbcUrl;

    @BeforeEach
    void scratchSchema() throws Exception {
        jdbcUrl = PackagedService.jdbcUrl("cairn_careplans_test");
        execute("drop schema if exists " + SCHEMA + " cascade");
    }

    @AfterEach
    void dropSchema() throws Exception {
        execute("drop schema if exists " + SCHEMA + " cascade");
    }

    @Test
    void migrateOnly_appliesTheMigrations_andExitsZero_twice() throws Exception {
        assertThat(run()).isZero();
        List<String> applied = versions();
        assertThat(applied).contains("1", "2", "3", "0.1", "1.0.0.1", "1.0.0.2");
        assertThat(tables()).contains("care_plan", "goal", "intervention", "progress_entry", "outbox_event");

        assertThat(run()).isZero();
        assertThat(versions()).isEqualTo(applied);
    }

    private int run() throws Exception {
        PackagedService service = PackagedService.start(
                "cairn_careplans_test",
                Map.of(
                        "CAIRN_MIGRATE_ONLY",
                        "true",
                        "QUARKUS_FLYWAY_MIGRATE_AT_START",
                        "true",
                        "QUARKUS_FLYWAY_SCHEMAS",
                        SCHEMA,
                        "QUARKUS_FLYWAY_DEFAULT_SCHEMA",
                        SCHEMA,
                        "CAIRN_DB_JDBC_URL",
                        jdbcUrl + "?currentSchema=" + SCHEMA,
                        "CAIRN_DB_REACTIVE_URL",
                        jdbcUrl.substring("jdbc:".length()) + "?search_path=" + SCHEMA,
                        "CAIRN_CONSUMERS_ENABLED",
                        "false"));
        int exit = service.awaitExit(Duration.ofSeconds(90));
        String output = Files.readString(service.log());
        assertThat(output).as(output).contains("cairn.migrate-only is set");
        return exit;
    }

    private List<String> versions() throws Exception {
        return column("select version from " + SCHEMA + ".flyway_schema_history where success order by installed_rank");
    }

    private List<String> tables() throws Exception {
        return column("select table_name from information_schema.tables where table_schema = '" + SCHEMA + "'");
    }

    private List<String> column(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl, USER, DEV_PASSWORD);
                ResultSet rs = c.createStatement().executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rs.next()) {
                values.add(rs.getString(1));
            }
            return values;
        }
    }

    private void execute(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl, USER, DEV_PASSWORD)) {
            c.createStatement().execute(sql);
        }
    }
}
