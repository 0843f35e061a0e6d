package org.cairn.contracts.events;

import java.time.Instant;
import java.util.List;
import org.cairn.contracts.vocabulary.NeedDomain;
import org.cairn.contracts.vocabulary.RiskSeverity;

/**
 * An assessment was completed and scored. Carries what the answers mean (scores, bands, needs, risks)
 * and never the answers themselves: free-text answers stay in the assessments service.
 *
 * @param assessmentId the assessment
 * @param clientId the client
 * @param caseId the case
 * @param agencyId the agency of the case
 * @param instrumentId the instrument
 * @param instrumentVersion the exact version used
 * @param completedBy the user id of who completed it
 * @param completedAt when
 * @param scores each scale's score and band
 * @param needs the need domains identified
 * @param risks the risk rules that fired
 */
@EventType(name = "cairn.assessment.completed.v1", topic = Topics.ASSESSMENTS)
public record AssessmentCompletedV1(
        String assessmentId,
        String clientId,
        String caseId,
        String agencyId,
        String instrumentId,
        String instrumentVersion,
        String completedBy,
        Instant completedAt,
        List<Score> scores,
        List<NeedDomain> needs,
        List<Risk> risks) {

    /**
     * A scale's score.
     *
     * @param scale the scale's id within the instrument, e.g. {@code total}
     * @param score the score
     * @param band the severity band's code, if the scale has bands
     */
    public record Score(String scale, int score, String band) {}

    /**
     * A risk rule that fired.
     *
     * @param rule the rule's id within the instrument
     * @param severity how urgent
     */
    public record Risk(String rule, RiskSeverity severity) {}
}
