package org.cairn.contracts.events;

import java.time.Instant;
import java.util.List;
import org.cairn.contracts.vocabulary.NeedDomain;

/**
 * A completed assessment was corrected: a new version replaces it, and the amended one stays readable.
 * Scores, needs and risks are those of the new version.
 *
 * @param assessmentId the new version
 * @param amendedAssessmentId the version it replaces
 * @param clientId the client
 * @param caseId the case
 * @param agencyId the agency of the case
 * @param instrumentId the instrument
 * @param instrumentVersion the exact instrument version used (the amended one's)
 * @param amendedBy the user id of who amended it
 * @param amendedAt when
 * @param scores each scale's score and band
 * @param needs the need domains identified
 * @param risks the risk rules that fired
 */
@EventType(name = "cairn.assessment.amended.v1", topic = Topics.ASSESSMENTS)
public record AssessmentAmendedV1(
        String assessmentId,
        String amendedAssessmentId,
        String clientId,
        String caseId,
        String agencyId,
        String instrumentId,
        String instrumentVersion,
        String amendedBy,
        Instant amendedAt,
        List<AssessmentCompletedV1.Score> scores,
        List<NeedDomain> needs,
        List<AssessmentCompletedV1.Risk> risks) {}
