package org.cairn.contracts.events;

import java.time.Instant;

/**
 * A supervisor approved a submitted care plan; it is in force.
 *
 * @param planId the care plan
 * @param caseId the case
 * @param clientId the client
 * @param agencyId the agency of the case
 * @param version the version approved
 * @param approvedBy the user id of the supervisor
 * @param approvedAt when
 */
@EventType(name = "cairn.care-plan.approved.v1", topic = Topics.CAREPLANS)
public record CarePlanApprovedV1(
        String planId,
        String caseId,
        String clientId,
        String agencyId,
        int version,
        String approvedBy,
        Instant approvedAt) {}
