package org.cairn.contracts.events;

import java.time.Instant;

/**
 * A case got a new primary case manager.
 *
 * @param caseId the case
 * @param clientId the client
 * @param agencyId the agency
 * @param primaryCaseManagerId the user id of the new primary case manager
 * @param previousCaseManagerId the user id of the previous one, if there was one
 * @param assignedAt when
 */
@EventType(name = "cairn.case.assigned.v1", topic = Topics.CLIENTS)
public record CaseAssignedV1(
        String caseId,
        String clientId,
        String agencyId,
        String primaryCaseManagerId,
        String previousCaseManagerId,
        Instant assignedAt) {}
