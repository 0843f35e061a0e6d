package org.cairn.contracts.events;

import java.time.Instant;
import org.cairn.contracts.vocabulary.CarePlanStatus;

/**
 * A care plan ended: completed (it was in force) or cancelled (it never was), here because its case
 * was closed.
 *
 * @param planId the care plan
 * @param caseId the case
 * @param clientId the client
 * @param agencyId the agency of the case
 * @param status completed or cancelled
 * @param closedAt when
 */
@EventType(name = "cairn.care-plan.closed.v1", topic = Topics.CAREPLANS)
public record CarePlanClosedV1(
        String planId, String caseId, String clientId, String agencyId, CarePlanStatus status, Instant closedAt) {}
