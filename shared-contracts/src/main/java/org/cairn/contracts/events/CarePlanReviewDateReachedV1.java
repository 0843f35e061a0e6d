package org.cairn.contracts.events;

import java.time.Instant;
import java.time.LocalDate;

/**
 * An active care plan's review fell due (told once per due date), so that scheduling can propose a
 * review appointment and notifications can tell the case manager.
 *
 * @param planId the care plan
 * @param caseId the case
 * @param clientId the client
 * @param agencyId the agency of the case
 * @param caseManagerId the user id of the case's primary case manager, if one is assigned
 * @param dueOn the date the review is due
 * @param noticedAt when the service noticed it
 */
@EventType(name = "cairn.care-plan.review-date-reached.v1", topic = Topics.CAREPLANS)
public record CarePlanReviewDateReachedV1(
        String planId,
        String caseId,
        String clientId,
        String agencyId,
        String caseManagerId,
        LocalDate dueOn,
        Instant noticedAt) {}
