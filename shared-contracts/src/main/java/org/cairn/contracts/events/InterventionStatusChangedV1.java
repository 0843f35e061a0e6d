package org.cairn.contracts.events;

import java.time.Instant;
import org.cairn.contracts.vocabulary.InterventionStatus;

/**
 * An intervention's status changed (the reason stays in the careplans service).
 *
 * @param interventionId the intervention
 * @param goalId the goal it serves
 * @param planId the care plan
 * @param caseId the case
 * @param clientId the client
 * @param agencyId the agency of the case
 * @param from the previous status
 * @param to the new status
 * @param changedAt when
 */
@EventType(name = "cairn.intervention.status-changed.v1", topic = Topics.CAREPLANS)
public record InterventionStatusChangedV1(
        String interventionId,
        String goalId,
        String planId,
        String caseId,
        String clientId,
        String agencyId,
        InterventionStatus from,
        InterventionStatus to,
        Instant changedAt) {}
