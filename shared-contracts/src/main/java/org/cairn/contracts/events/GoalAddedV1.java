package org.cairn.contracts.events;

import java.time.Instant;
import java.time.LocalDate;
import org.cairn.contracts.vocabulary.GoalStatus;
import org.cairn.contracts.vocabulary.NeedDomain;

/**
 * A goal was added to a care plan.
 *
 * @param goalId the goal
 * @param planId the care plan
 * @param caseId the case
 * @param clientId the client
 * @param agencyId the agency of the case
 * @param needDomain the need domain it addresses
 * @param status its status
 * @param targetDate when it should be reached, if set
 * @param addedAt when
 */
@EventType(name = "cairn.goal.added.v1", topic = Topics.CAREPLANS)
public record GoalAddedV1(
        String goalId,
        String planId,
        String caseId,
        String clientId,
        String agencyId,
        NeedDomain needDomain,
        GoalStatus status,
        LocalDate targetDate,
        Instant addedAt) {}
