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
            UUID suggestionId,
            List<InterventionView> interventions) {

        /**
         * The goal as another agency sees it: only the interventions assigned to that agency, and no
         * reasons for status changes; null when none is assigned to it.
         */
        public GoalView assignedTo(String agencyId) {
            List<InterventionView> theirs = interventions.stream()
                    .filter(i -> "agency".equals(i.responsible()) && agencyId.equals(i.responsibleId()))
                    .map(InterventionView::withoutReason)
                    .toList();
            return theirs.isEmpty()
                    ? null
                    : new GoalView(
                            id,
                            needDomain,
                            statement,
                            target,
                            targetDate,
                            priority,
                            status,
                            null,
                            suggestionId,
                            theirs);
        }

        public static GoalView of(Goal g, List<org.cairn.careplans.Intervention> interventions) {
            return new GoalView(
                    g.id,
                    g.needDomain,
                    g.statement,
                    g.target,
                    g.targetDate,
                    g.priority,
                    g.status,
                    g.statusReason,
                    g.suggestionId,
                    interventions.stream()
                            .filter(i -> i.goalId.equals(g.id))
                            .map(InterventionView::of)
                            .toList());
        }
    }

    public record InterventionView(
            UUID id,
            String what,
            String responsible,
            String responsibleId,
            LocalDate dueDate,
            String status,
            String statusReason,
            String referralId,
            String appointmentId) {

        InterventionView withoutReason() {
            return new InterventionView(
                    id, what, responsible, responsibleId, dueDate, status, null, referralId, appointmentId);
        }

        public static InterventionView of(org.cairn.careplans.Intervention i) {
            return new InterventionView(
                    i.id,
                    i.what,
                    i.responsible,
                    i.responsibleId,
                    i.dueDate,
                    i.status,
                    i.statusReason,
                    i.referralId,
                    i.appointmentId);
        }
    }

    public record ProgressView(
            UUID id,
            UUID goalId,
            UUID interventionId,
            LocalDate entryDate,
            String authorId,
            String text,
            java.math.BigDecimal measurementValue,
            String measurementLabel,
            Instant createdAt) {

        public static ProgressView of(org.cairn.careplans.ProgressEntry e) {
            return new ProgressView(
                    e.id,
                    e.goalId,
                    e.interventionId,
                    e.entryDate,
                    e.authorId,
                    e.text,
                    e.measurementValue,
                    e.measurementLabel,
                    e.createdAt);
        }
    }

    public static PlanView of(CarePlan p, List<Goal> goals, List<org.cairn.careplans.Intervention> interventions) {
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
                goals.stream().map(g -> GoalView.of(g, interventions)).toList());
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
