package org.cairn.contracts.events;

import java.time.Instant;

/**
 * A care plan was drafted for a case.
 *
 * @param planId the care plan
 * @param caseId the case
 * @param clientId the client
 * @param agencyId the agency of the case
 * @param createdBy the user id of who drafted it
 * @param createdAt when
 */
@EventType(name = "cairn.care-plan.created.v1", topic = Topics.CAREPLANS)
public record CarePlanCreatedV1(
        String planId, String caseId, String clientId, String agencyId, String createdBy, Instant createdAt) {}
