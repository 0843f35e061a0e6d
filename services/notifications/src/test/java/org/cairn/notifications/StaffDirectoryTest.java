package org.cairn.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.cairn.contracts.events.CarePlanSubmittedV1;
import org.cairn.contracts.vocabulary.Program;
import org.cairn.notifications.service.StaffDirectory;
import org.cairn.testing.CaseEvents;
import org.cairn.testing.DemoTokens;
import org.cairn.testing.DemoUsers;
import org.cairn.testing.EventPublisher;
import org.cairn.testing.Sql;
import org.junit.jupiter.api.Test;

/**
 * The staff directory read from the real Keycloak with the demo realm's read-only service account: a
 * supervisor who never called the service is known by role and reached, their own settings survive
 * the next read, a member of two agencies is left to their sign-ins, and someone no longer in the
 * directory is reached by role no more.
 */
@QuarkusTest
@QuarkusTestResource(value = Providers.class, restrictToAnnotatedClass = false)
class StaffDirectoryTest {

    static final String FAMILY = DemoUsers.FAMILY_AGENCY;
    static final String FAMILY_SUPERVISOR = DemoUsers.of("family", "supervisor");

    @Inject
    StaffDirectory directory;

    static Map<String, Object> staff(String userId) {
        List<Map<String, Object>> rows = Sql.query(
                "select agency_id, username, array_to_string(roles, ',') as roles, email, language"
                        + " from staff_member where user_id = ?",
                userId);
        return rows.isEmpty() ? null : rows.get(0);
    }

    @Test
    void aSupervisorWhoNeverSignedIn_isReachedByRole_onceTheDirectoryIsRead() {
        String supervisor = DemoTokens.subject(FAMILY_SUPERVISOR);
        String dual = DemoTokens.subject(DemoUsers.DUAL_MEMBER);
        Sql.update("delete from staff_member where user_id in (?, ?)", supervisor, dual);
        // someone who has left every agency (no longer in the directory), once a supervisor here
        String departed = "departed-" + UUID.randomUUID();
        Sql.update(
                "insert into staff_member (user_id, agency_id, username, roles, updated_at)"
                        + " values (?, ?, 'departed', '{supervisor}', now())",
                departed,
                FAMILY);

        int recorded = directory.sync().await().atMost(Duration.ofSeconds(30));
        // four agencies of seven roles each; the member of two agencies is not among them
        assertThat(recorded).isEqualTo(28);
        Map<String, Object> row = staff(supervisor);
        assertThat(row).isNotNull();
        assertThat(row.get("agency_id")).isEqualTo(FAMILY);
        assertThat(row.get("username")).isEqualTo(FAMILY_SUPERVISOR);
        assertThat(row.get("roles")).isEqualTo("supervisor");
        assertThat(row.get("email")).isEqualTo(FAMILY_SUPERVISOR + "@harbor-family.example");
        assertThat(staff(dual)).isNull();
        // is no longer found by role (their row and settings stay)
        assertThat(staff(departed).get("roles")).isEqualTo("");

        // what the supervisor chose stays theirs when the directory is read again
        Sql.update("update staff_member set language = 'es' where user_id = ?", supervisor);
        directory.sync().await().atMost(Duration.ofSeconds(30));
        assertThat(staff(supervisor).get("language")).isEqualTo("es");

        // and a plan submitted at their agency reaches them
        CaseEvents.OpenCase c =
                CaseEvents.open(FAMILY, DemoUsers.FAMILY_CASE_MANAGER, Program.CHILD_FAMILY, LocalDate.now());
        String event = UUID.randomUUID().toString();
        EventPublisher.publish(
                event,
                c.clientId(),
                FAMILY,
                new CarePlanSubmittedV1(
                        UUID.randomUUID().toString(), c.caseId(), c.clientId(), FAMILY, 1, "someone", Instant.now()));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> Sql.number(
                                "select count(*) from notification where event_id = ? and recipient_id = ?",
                                event,
                                supervisor)
                        == 1);
    }
}
