package org.cairn.contracts.events;

import java.time.Instant;
import java.util.List;
import org.cairn.contracts.vocabulary.RiskSeverity;

/**
 * An assessment's answers put the client at risk (for example a positive suicide-risk item). One
 * event per completed (or amended) assessment that fires at least one risk rule; it must reach
 * notifications and the clients service within a second.
 *
 * @param assessmentId the assessment
 * @param clientId the client
 * @param caseId the case it was done under
 * @param agencyId the agency of the case
 * @param instrumentId the instrument
 * @param instrumentVersion the exact version used
 * @param severity the most urgent of the rules that fired
 * @param rules the rules that fired
 * @param identifiedAt when
 */
@EventType(name = "cairn.assessment.crisis-identified.v1", topic = Topics.ASSESSMENTS)
public record AssessmentCrisisIdentifiedV1(
        String assessmentId,
        String clientId,
        String caseId,
        String agencyId,
        String instrumentId,
        String instrumentVersion,
        RiskSeverity severity,
        List<AssessmentCompletedV1.Risk> rules,
        Instant identifiedAt) {}
