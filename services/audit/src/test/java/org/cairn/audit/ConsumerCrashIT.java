package org.cairn.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.RestAssured;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.cairn.contracts.events.AuditRecordedV1;
import org.cairn.contracts.vocabulary.AuditAction;
import org.cairn.contracts.vocabulary.ConsentPurpose;
import org.cairn.contracts.vocabulary.Role;
import org.cairn.testing.DemoTokens;
import org.cairn.testing.EventPublisher;
import org.cairn.testing.PackagedService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The packaged service killed (SIGKILL) while it works through a backlog of the audit topic, then
 * started again: every record ends up stored exactly once and every chain verifies. What makes it
 * so is the batch's one transaction and offsets committed only after it; this shows it with the real
 * broker and database. Runs after packaging (Failsafe).
 */
class ConsumerCrashIT {

    static final int RECORDS = 30_000;
    static final String OWNER = "cairn_audit";
    // the development-only password of the database owner's role (dev/infra creates it equal to the name)
    static final String OWNER_DEV_PASSWORD = "cairn_audit";

    final String run = UUID.randomUUID().toString().substring(0, 8);
    final List<String> agencies = List.of("crash-" + run + "-a", "crash-" + run + "-b", "crash-" + run + "-c");
    final String group = "audit-crash-" + run;
    final String jdbcUrl = PackagedService.jdbcUrl("cairn_audit_test");
    PackagedService service;

    @AfterEach
    void stop() throws InterruptedException {
        if (service != null) {
            service.kill();
        }
    }

    @Test
    void killedMidBacklog_andStartedAgain_storesEveryRecordOnce_onIntactChains() throws Exception {
        List<EventPublisher.Outgoing> backlog = new ArrayList<>(RECORDS);
        Instant now = Instant.now();
        for (int i = 0; i < RECORDS; i++) {
            String agency = agencies.get(i % agencies.size());
            String client = "crash-client-" + (i % 997);
            backlog.add(new EventPublisher.Outgoing(
                    UUID.randomUUID().toString(),
                    client,
                    agency,
                    new AuditRecordedV1(
                            now.plusNanos(i * 1000L),
                            "clients",
                            agency,
                            new AuditRecordedV1.Actor("crash-user-" + (i % 7), null, List.of(Role.CASE_MANAGER)),
                            AuditAction.UPDATED,
                            "client",
                            client,
                            client,
                            ConsentPurpose.CARE_COORDINATION,
                            null,
                            "crash-" + run + "-" + i,
                            null,
                            null)));
        }
        EventPublisher.publishAll(backlog);

        service = start();
        Path firstLog = service.log();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        long atKill = 0;
        while (System.nanoTime() < deadline && atKill == 0) {
            atKill = stored();
            Thread.sleep(20);
        }
        service.kill();
        assertThat(atKill)
                .as("records stored before the kill (the service's log: %s)", firstLog)
                .isPositive()
                .isLessThan(RECORDS);

        System.out.printf("ConsumerCrashIT: killed with %d of %d records stored%n", atKill, RECORDS);

        service = start();
        Path secondLog = service.log();
        deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (System.nanoTime() < deadline && stored() < RECORDS) {
            Thread.sleep(250);
        }
        // whatever was in flight at the kill came again; nothing of it twice, nothing missing
        assertThat(stored()).as("stored after the restart (log: %s)", secondLog).isEqualTo(RECORDS);
        assertThat(number("select count(distinct event_id) from audit_record where chain = any(?)"))
                .isEqualTo(RECORDS);
        String token = DemoTokens.accessToken("hospital.auditor");
        for (String agency : agencies) {
            RestAssured.given()
                    .auth()
                    .oauth2(token)
                    .post(service.url() + "/audit/agencies/" + agency + "/chain/verification")
                    .then()
                    .statusCode(200)
                    .body("intact", org.hamcrest.Matchers.equalTo(true))
                    .body("checked", org.hamcrest.Matchers.equalTo(RECORDS / agencies.size()));
        }
    }

    private PackagedService start() throws Exception {
        // a group of its own: it starts at the topic's beginning and skips what is stored
        return PackagedService.start(
                "cairn_audit_test",
                Map.of(
                        "MP_MESSAGING_INCOMING_AUDIT_IN_GROUP_ID",
                        group,
                        "MP_MESSAGING_INCOMING_CLIENTS_IN_GROUP_ID",
                        group));
    }

    private long stored() throws Exception {
        try {
            return number("select count(*) from audit_record where chain = any(?)");
        } catch (java.sql.SQLException e) {
            if ("42P01".equals(e.getSQLState())) {
                return 0; // the service has not created its tables yet (a database it never ran on)
            }
            throw e;
        }
    }

    private long number(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl, OWNER, OWNER_DEV_PASSWORD);
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setArray(1, c.createArrayOf("text", agencies.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
