package org.cairn.careplans.rest;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.cairn.careplans.CarePlan;
import org.cairn.careplans.Goal;

/** A care plan with its goals, as the API shows it (and as each version's snapshot keeps it). */
public record PlanView(
        UUID id,
        UUID caseId,
        UUID clientId,
        String agencyId,
        String status,
        int version,
        LocalDate periodStart,
        LocalDate periodEnd,
        String clientWords,
        int reviewEveryDays,
        LocalDate nextReviewOn,
        String createdBy,
        Instant createdAt,
        String submittedBy,
        Instant submittedAt,
        String decidedBy,
        Instant decidedAt,
        String returnComment,
        List<GoalView> goals) {

    public record GoalView(
            UUID id,
            String needDomain,
            String statement,
            String target,
            LocalDate targetDate,
            String priority,
            String status,
            String statusReason,
            UUID suggestionId) {

        public static GoalView of(Goal g) {
            return new GoalView(
                    g.id,
                    g.needDomain,
                    g.statement,
                    g.target,
                    g.targetDate,
                    g.priority,
                    g.status,
                    g.statusReason,
                    g.suggestionId);
        }
    }

    public static PlanView of(CarePlan p, List<Goal> goals) {
        return new PlanView(
                p.id,
                p.caseId,
                p.clientId,
                p.agencyId,
                p.status,
                p.version,
                p.periodStart,
                p.periodEnd,
                p.clientWords,
                p.reviewEveryDays,
                p.nextReviewOn,
                p.createdBy,
                p.createdAt,
                p.submittedBy,
                p.submittedAt,
                p.decidedBy,
                p.decidedAt,
                p.returnComment,
                goals.stream().map(GoalView::of).toList());
    }

    /** A goal an assessment suggested for the case. */
    public record SuggestionView(
            UUID id,
            UUID caseId,
            String needDomain,
            String assessmentId,
            String instrumentId,
            String status,
            String decidedBy,
            Instant decidedAt,
            Instant createdAt) {

        public static SuggestionView of(org.cairn.careplans.GoalSuggestion s) {
            return new SuggestionView(
                    s.id,
                    s.caseId,
                    s.needDomain,
                    s.assessmentId,
                    s.instrumentId,
                    s.status,
                    s.decidedBy,
                    s.decidedAt,
                    s.createdAt);
        }
    }

    /** One version of a plan: the change, who made it, when, and the plan as it then read. */
    public record VersionView(
            int version,
            String change,
            String changedBy,
            Instant changedAt,
            com.fasterxml.jackson.databind.JsonNode plan) {

        public static VersionView of(org.cairn.careplans.PlanVersion v) {
            try {
                return new VersionView(
                        v.version,
                        v.change,
                        v.changedBy,
                        v.changedAt,
                        org.cairn.contracts.events.EventJson.mapper().readTree(v.snapshot));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("a stored plan snapshot is not readable");
            }
        }
    }
}
