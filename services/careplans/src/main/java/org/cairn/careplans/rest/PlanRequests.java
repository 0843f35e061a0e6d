package org.cairn.careplans.rest;

import jakarta.validation.constraints.FutureOrPresent;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import org.cairn.contracts.vocabulary.GoalStatus;
import org.cairn.contracts.vocabulary.NeedDomain;

/** The bodies of the care plan endpoints. */
public final class PlanRequests {

    private PlanRequests() {}

    /**
     * A new plan for a case.
     *
     * @param periodStart first day (today when absent)
     * @param periodEnd last day, if planned
     * @param clientWords what matters to the client, in their words
     * @param reviewEveryDays the review cadence (90 when absent)
     */
    public record NewPlan(
            LocalDate periodStart,
            LocalDate periodEnd,
            @Size(max = 4000) String clientWords,
            @Min(7) @Max(366) Integer reviewEveryDays) {}

    /**
     * A new goal.
     *
     * @param needDomain the need it addresses (the assessments' vocabulary)
     * @param statement the SMART statement
     * @param target the measurable target, e.g. "PHQ-9 under 10"
     * @param targetDate when it should be reached; not before the plan starts
     * @param priority low, medium or high (medium when absent)
     */
    public record NewGoal(
            @NotNull NeedDomain needDomain,
            @NotBlank @Size(max = 2000) String statement,
            @NotBlank @Size(max = 500) String target,
            LocalDate targetDate,
            @Pattern(regexp = "low|medium|high") String priority) {}

    /** A goal's new status, with the reason. */
    public record GoalStatusChange(
            @NotNull GoalStatus status,
            @NotBlank @Size(max = 1000) String reason) {}

    /** A supervisor's return of a submitted plan, with comments for the case manager. */
    public record Return(@NotBlank @Size(max = 4000) String comment) {}

    /** Why a plan is completed or cancelled. */
    public record Ending(@NotBlank @Size(max = 4000) String reason) {}

    /** Accepting a suggestion: the goal it becomes. */
    public record Acceptance(
            @NotBlank @Size(max = 2000) String statement,
            @NotBlank @Size(max = 500) String target,
            @FutureOrPresent LocalDate targetDate,
            @Pattern(regexp = "low|medium|high") String priority) {}

    /**
     * A new intervention under a goal.
     *
     * @param what what is to be done
     * @param responsible who carries it out
     * @param responsibleId the user (a care-team member; the case's primary case manager when absent
     *     for case-manager) or the agency; none for the client
     * @param dueDate when it is due; not before the plan starts
     * @param referralId the referral that carries it out, if any
     * @param appointmentId the appointment that carries it out, if any
     */
    public record NewIntervention(
            @NotBlank @Size(max = 1000) String what,
            @NotNull org.cairn.contracts.vocabulary.InterventionResponsible responsible,
            @Size(max = 255) String responsibleId,
            LocalDate dueDate,
            @Size(max = 64) String referralId,
            @Size(max = 64) String appointmentId) {}

    /** An intervention's new status, with the reason. */
    public record InterventionStatusChange(
            @NotNull org.cairn.contracts.vocabulary.InterventionStatus status,
            @NotBlank @Size(max = 1000) String reason) {}

    /**
     * A progress entry.
     *
     * @param goalId the goal it is about, if one
     * @param interventionId the intervention it is about, if one
     * @param entryDate the day it describes (today when absent); not in the future, not before the plan
     * @param text what happened
     * @param measurementValue a measurement, e.g. 8 (with its label)
     * @param measurementLabel what was measured, e.g. "PHQ-9"
     */
    public record NewProgress(
            java.util.UUID goalId,
            java.util.UUID interventionId,
            @jakarta.validation.constraints.PastOrPresent LocalDate entryDate,
            @NotBlank @Size(max = 4000) String text,

            @jakarta.validation.constraints.Digits(integer = 9, fraction = 4)
            java.math.BigDecimal measurementValue,

            @Size(max = 100) String measurementLabel) {}
}
