package org.cairn.contracts.events;

import java.time.Instant;
import org.cairn.contracts.vocabulary.GoalStatus;

/**
 * A goal's status changed (the reason stays in the careplans service).
 *
 * @param goalId the goal
 * @param planId the care plan
 * @param caseId the case
 * @param clientId the client
 * @param agencyId the agency of the case
 * @param from the previous status
 * @param to the new status
 * @param changedAt when
 */
@EventType(name = "cairn.goal.status-changed.v1", topic = Topics.CAREPLANS)
public record GoalStatusChangedV1(
        String goalId,
        String planId,
        String caseId,
        String clientId,
        String agencyId,
        GoalStatus from,
        GoalStatus to,
        Instant changedAt) {}
