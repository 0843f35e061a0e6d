package org.cairn.contracts.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.cairn.contracts.vocabulary.CareTeamRole;
import org.cairn.contracts.vocabulary.CaseStatus;
import org.cairn.contracts.vocabulary.Program;

/**
 * A case was opened: one agency now serves the client in a program.
 *
 * @param caseId the case
 * @param clientId the client
 * @param agencyId the agency serving the client
 * @param program the program
 * @param status the status it opened in
 * @param openedOn the date of opening
 * @param primaryCaseManagerId the user id of the primary case manager, if one is assigned
 * @param careTeam the members of the case's care team, as it opened (the primary case manager
 *     apart)
 * @param openedAt when it was recorded
 */
@EventType(name = "cairn.case.opened.v1", topic = Topics.CLIENTS)
public record CaseOpenedV1(
        String caseId,
        String clientId,
        String agencyId,
        Program program,
        CaseStatus status,
        LocalDate openedOn,
        String primaryCaseManagerId,
        List<CareTeamMember> careTeam,
        Instant openedAt) {

    /**
     * A member of a case's care team.
     *
     * @param userId the member's user id
     * @param role what they do on the team
     */
    public record CareTeamMember(String userId, CareTeamRole role) {}
}
