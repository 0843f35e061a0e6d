package org.cairn.contracts.events;

import java.time.Instant;

/**
 * A supervisor returned a submitted care plan to its case manager with comments (which stay in the careplans service).
 *
 * @param planId the care plan
 * @param caseId the case
 * @param clientId the client
 * @param agencyId the agency of the case
 * @param version the version returned
 * @param returnedBy the user id of the supervisor
 * @param returnedAt when
 */
@EventType(name = "cairn.care-plan.returned.v1", topic = Topics.CAREPLANS)
public record CarePlanReturnedV1(
        String planId,
        String caseId,
        String clientId,
        String agencyId,
        int version,
        String returnedBy,
        Instant returnedAt) {}
