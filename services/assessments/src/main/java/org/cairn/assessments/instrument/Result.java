package org.cairn.assessments.instrument;

import java.util.List;
import org.cairn.contracts.vocabulary.NeedDomain;
import org.cairn.contracts.vocabulary.RiskSeverity;

/**
 * What a completed assessment's answers mean under its instrument version: each scale's score and
 * band, the risks raised, the needs identified. Stored with the assessment, so a later version of
 * the instrument never changes it.
 */
public record Result(List<ScaleScore> scales, List<RaisedRisk> risks, List<IdentifiedNeed> needs) {

    public Result {
        scales = List.copyOf(scales);
        risks = List.copyOf(risks);
        needs = List.copyOf(needs);
    }

    /**
     * A scale's score.
     *
     * @param score the sum, or absent when not every item of the scale is answered (an optional
     *     domain left blank has no score, rather than one below the scale's least)
     * @param answered how many of its items were answered (items that were not asked count nothing)
     * @param items how many items it has
     * @param band the code of the band the score falls in, if the scale has bands
     */
    public record ScaleScore(
            String id,
            String title,
            Integer score,
            int min,
            int max,
            int answered,
            int items,
            String band,
            String bandDisplay) {}

    /** A risk rule that fired. */
    public record RaisedRisk(String ruleId, String title, RiskSeverity severity) {}

    /** A need domain the answers identify, and the rules that identified it. */
    public record IdentifiedNeed(NeedDomain domain, List<String> rules) {
        public IdentifiedNeed {
            rules = List.copyOf(rules);
        }
    }

    /** The most urgent risk raised, if any. */
    public java.util.Optional<RiskSeverity> highestSeverity() {
        return risks.stream().map(RaisedRisk::severity).max(Enum::compareTo);
    }
}
