package org.cairn.contracts.events;

import java.time.Instant;

/**
 * A care plan (or a change to it) was submitted for a supervisor's approval.
 *
 * @param planId the care plan
 * @param caseId the case
 * @param clientId the client
 * @param agencyId the agency of the case
 * @param version the version submitted
 * @param submittedBy the user id of who submitted it
 * @param submittedAt when
 */
@EventType(name = "cairn.care-plan.submitted.v1", topic = Topics.CAREPLANS)
public record CarePlanSubmittedV1(
        String planId,
        String caseId,
        String clientId,
        String agencyId,
        int version,
        String submittedBy,
        Instant submittedAt) {}
