package org.cairn.contracts.events;

import java.time.Instant;

/**
 * An assessment's answers put the client in crisis (for example a positive suicide-risk item).
 *
 * @param assessmentId the assessment
 * @param clientId the client
 * @param caseId the case it was done under
 * @param agencyId the agency of the case
 * @param identifiedAt when
 */
@EventType(name = "cairn.assessment.crisis-identified.v1", topic = Topics.ASSESSMENTS)
public record AssessmentCrisisIdentifiedV1(
        String assessmentId, String clientId, String caseId, String agencyId, Instant identifiedAt) {}
