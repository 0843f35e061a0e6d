package org.cairn.contracts.events;

import java.time.Instant;
import java.time.LocalDate;
import org.cairn.contracts.vocabulary.InterventionResponsible;

/**
 * An intervention (a task) was added under a care plan's goal.
 *
 * @param interventionId the intervention
 * @param goalId the goal it serves
 * @param planId the care plan
 * @param caseId the case
 * @param clientId the client
 * @param agencyId the agency of the case
 * @param responsible who carries it out
 * @param responsibleId the user id, or the agency id for another agency; absent for the client
 * @param dueDate when it is due, if set
 * @param referralId the referral that carries it out, if any
 * @param appointmentId the appointment that carries it out, if any
 * @param addedAt when
 */
@EventType(name = "cairn.intervention.added.v1", topic = Topics.CAREPLANS)
public record InterventionAddedV1(
        String interventionId,
        String goalId,
        String planId,
        String caseId,
        String clientId,
        String agencyId,
        InterventionResponsible responsible,
        String responsibleId,
        LocalDate dueDate,
        String referralId,
        String appointmentId,
        Instant addedAt) {}
