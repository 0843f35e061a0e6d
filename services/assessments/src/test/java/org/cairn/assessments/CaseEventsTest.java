package org.cairn.assessments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.cairn.contracts.events.CaseAssignedV1;
import org.cairn.contracts.events.CaseOpenedV1;
import org.cairn.contracts.vocabulary.CaseStatus;
import org.cairn.contracts.vocabulary.Program;
import org.cairn.testing.DemoTokens;
import org.cairn.testing.DemoUsers;
import org.cairn.testing.EventPublisher;
import org.cairn.testing.Sql;
import org.junit.jupiter.api.Test;

/** The case projection takes each event once, even when the broker delivers it twice. */
@QuarkusTest
class CaseEventsTest {

    @Test
    void caseEvents_deliveredTwice_areAppliedOnce() {
        String clientId = UUID.randomUUID().toString();
        String caseId = UUID.randomUUID().toString();
        String agency = DemoUsers.HOSPITAL_AGENCY;
        String toIntake = UUID.randomUUID().toString();
        String toSupervisor = UUID.randomUUID().toString();
        String manager = DemoTokens.subject(DemoUsers.HOSPITAL_CASE_MANAGER);
        String intake = DemoTokens.subject(DemoUsers.HOSPITAL_INTAKE_WORKER);
        String supervisor = DemoTokens.subject(DemoUsers.HOSPITAL_SUPERVISOR);
        EventPublisher.publish(
                UUID.randomUUID().toString(),
                clientId,
                agency,
                new CaseOpenedV1(
                        caseId,
                        clientId,
                        agency,
                        Program.MENTAL_HEALTH,
                        CaseStatus.INTAKE,
                        LocalDate.now(),
                        manager,
                        List.of(),
                        Instant.now()));
        CaseAssignedV1 first = new CaseAssignedV1(caseId, clientId, agency, intake, manager, Instant.now());
        CaseAssignedV1 second = new CaseAssignedV1(caseId, clientId, agency, supervisor, intake, Instant.now());

        // the first assignment is delivered again after the second: applied again, it would undo the second
        EventPublisher.publish(toIntake, clientId, agency, first);
        EventPublisher.publish(toSupervisor, clientId, agency, second);
        EventPublisher.publish(toIntake, clientId, agency, first);
        String marker = UUID.randomUUID().toString();
        EventPublisher.publish(
                marker,
                clientId,
                agency,
                new CaseOpenedV1(
                        UUID.randomUUID().toString(),
                        clientId,
                        agency,
                        Program.MEDICAL,
                        CaseStatus.ACTIVE,
                        LocalDate.now(),
                        manager,
                        List.of(),
                        Instant.now()));

        // the marker is behind the duplicate on the client's partition: once it is in, the duplicate was seen
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Sql.number("select count(*) from inbox_event where event_id = ?", marker) == 1);
        assertThat(Sql.query(
                                "select primary_case_manager_id from case_projection where case_id = cast(? as uuid)",
                                caseId)
                        .get(0)
                        .get("primary_case_manager_id"))
                .isEqualTo(supervisor);
        assertThat(Sql.number("select count(*) from inbox_event where event_id in (?, ?)", toIntake, toSupervisor))
                .isEqualTo(2);
    }
}
