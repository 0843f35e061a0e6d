package org.cairn.contracts.events;

import java.time.Instant;

/**
 * An assessment of a client was started in a case.
 *
 * @param assessmentId the assessment
 * @param clientId the client
 * @param caseId the case
 * @param agencyId the agency of the case
 * @param instrumentId the instrument, e.g. {@code phq-9}
 * @param instrumentVersion the exact version used
 * @param startedBy the user id of who started it
 * @param startedAt when
 */
@EventType(name = "cairn.assessment.started.v1", topic = Topics.ASSESSMENTS)
public record AssessmentStartedV1(
        String assessmentId,
        String clientId,
        String caseId,
        String agencyId,
        String instrumentId,
        String instrumentVersion,
        String startedBy,
        Instant startedAt) {}
