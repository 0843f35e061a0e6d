package org.cairn.testing;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.cairn.contracts.events.CaseOpenedV1;
import org.cairn.contracts.vocabulary.CareTeamRole;
import org.cairn.contracts.vocabulary.CaseStatus;
import org.cairn.contracts.vocabulary.Program;

/**
 * Cases as the clients service announces them, for the tests of services that keep a case
 * directory: the event goes to the real broker, and the call returns once the service under test
 * has applied it (its {@code case_projection} has the row).
 */
public final class CaseEvents {

    private CaseEvents() {}

    /** A case of a client. */
    public record OpenCase(String clientId, String caseId) {}

    /** An active case of a new client, managed by the demo user {@code caseManager} (or nobody). */
    public static OpenCase open(String agencyId, String caseManager, Program program, LocalDate openedOn) {
        return open(UUID.randomUUID().toString(), agencyId, caseManager, program, openedOn);
    }

    /** An active case of a given client. */
    public static OpenCase open(
            String clientId, String agencyId, String caseManager, Program program, LocalDate openedOn) {
        return open(clientId, agencyId, caseManager, program, openedOn, List.of());
    }

    /** An active case of a given client, with demo users (by user name) on its care team as clinicians. */
    public static OpenCase open(
            String clientId,
            String agencyId,
            String caseManager,
            Program program,
            LocalDate openedOn,
            List<String> careTeam) {
        String caseId = UUID.randomUUID().toString();
        EventPublisher.publish(
                UUID.randomUUID().toString(),
                clientId,
                agencyId,
                new CaseOpenedV1(
                        caseId,
                        clientId,
                        agencyId,
                        program,
                        CaseStatus.ACTIVE,
                        openedOn,
                        caseManager == null ? null : DemoTokens.subject(caseManager),
                        careTeam.stream()
                                .map(user -> new CaseOpenedV1.CareTeamMember(
                                        DemoTokens.subject(user), CareTeamRole.CLINICIAN))
                                .toList(),
                        Instant.now()));
        awaitRow("select count(*) from case_projection where case_id = cast(? as uuid)", caseId);
        return new OpenCase(clientId, caseId);
    }

    /** Waits (up to 30 s) until the count query counts something. */
    public static void awaitRow(String countSql, Object... params) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (Sql.number(countSql, params) == 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("nothing for " + countSql + " after 30 s");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted");
            }
        }
    }
}
