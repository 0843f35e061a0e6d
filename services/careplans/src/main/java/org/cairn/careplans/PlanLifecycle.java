package org.cairn.careplans;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.cairn.contracts.vocabulary.CarePlanStatus;
import org.cairn.contracts.vocabulary.GoalStatus;
import org.cairn.contracts.vocabulary.InterventionStatus;
import org.cairn.contracts.vocabulary.ReferralTaskStatus;

/**
 * The state machines of plans and goals, as the only place that says which move is allowed. A plan
 * is drafted, submitted to a supervisor, approved (active) or returned; an active plan is reviewed
 * (under review, changed, submitted again) and in the end completed or cancelled. A goal is proposed,
 * made active, and ends achieved, partially achieved, not achieved or cancelled.
 */
public final class PlanLifecycle {

    private PlanLifecycle() {}

    /** What can be done to a plan. */
    public enum PlanAction {
        SUBMIT,
        APPROVE,
        RETURN,
        START_REVIEW,
        COMPLETE,
        CANCEL
    }

    /**
     * The status a plan moves to, if the action is allowed from {@code from}. A returned plan goes back
     * to where it was submitted from: a draft if it was never approved, a review otherwise.
     */
    public static Optional<CarePlanStatus> next(CarePlanStatus from, PlanAction action, boolean approvedBefore) {
        CarePlanStatus to = switch (action) {
            case SUBMIT ->
                from == CarePlanStatus.DRAFT || from == CarePlanStatus.UNDER_REVIEW ? CarePlanStatus.SUBMITTED : null;
            case APPROVE -> from == CarePlanStatus.SUBMITTED ? CarePlanStatus.ACTIVE : null;
            case RETURN ->
                from == CarePlanStatus.SUBMITTED
                        ? (approvedBefore ? CarePlanStatus.UNDER_REVIEW : CarePlanStatus.DRAFT)
                        : null;
            case START_REVIEW -> from == CarePlanStatus.ACTIVE ? CarePlanStatus.UNDER_REVIEW : null;
            case COMPLETE ->
                from == CarePlanStatus.ACTIVE || from == CarePlanStatus.UNDER_REVIEW ? CarePlanStatus.COMPLETED : null;
            case CANCEL -> isFinal(from) ? null : CarePlanStatus.CANCELLED;
        };
        return Optional.ofNullable(to);
    }

    public static boolean isFinal(CarePlanStatus status) {
        return status == CarePlanStatus.COMPLETED || status == CarePlanStatus.CANCELLED;
    }

    /** Goals are added and their wording changed only while the plan is a draft or under review. */
    public static boolean contentEditable(CarePlanStatus status) {
        return status == CarePlanStatus.DRAFT || status == CarePlanStatus.UNDER_REVIEW;
    }

    private static final Map<GoalStatus, Set<GoalStatus>> GOAL_MOVES = Map.of(
            GoalStatus.PROPOSED, Set.of(GoalStatus.ACTIVE, GoalStatus.CANCELLED),
            GoalStatus.ACTIVE,
                    Set.of(
                            GoalStatus.ACHIEVED,
                            GoalStatus.PARTIALLY_ACHIEVED,
                            GoalStatus.NOT_ACHIEVED,
                            GoalStatus.CANCELLED),
            GoalStatus.ACHIEVED, Set.of(),
            GoalStatus.PARTIALLY_ACHIEVED, Set.of(),
            GoalStatus.NOT_ACHIEVED, Set.of(),
            GoalStatus.CANCELLED, Set.of());

    public static boolean goalMoveAllowed(GoalStatus from, GoalStatus to) {
        return GOAL_MOVES.get(from).contains(to);
    }

    private static final Map<InterventionStatus, Set<InterventionStatus>> INTERVENTION_MOVES = Map.of(
            InterventionStatus.PLANNED,
                    Set.of(InterventionStatus.IN_PROGRESS, InterventionStatus.DONE, InterventionStatus.CANCELLED),
            InterventionStatus.IN_PROGRESS, Set.of(InterventionStatus.DONE, InterventionStatus.CANCELLED),
            InterventionStatus.DONE, Set.of(),
            InterventionStatus.CANCELLED, Set.of());

    public static boolean interventionMoveAllowed(InterventionStatus from, InterventionStatus to) {
        return INTERVENTION_MOVES.get(from).contains(to);
    }

    /**
     * Tasks are added to, and progress recorded on, a plan that is being worked: a draft, an active
     * plan or one under review; not while it waits for a supervisor, nor once it has ended.
     */
    public static boolean workable(CarePlanStatus status) {
        return status == CarePlanStatus.DRAFT
                || status == CarePlanStatus.ACTIVE
                || status == CarePlanStatus.UNDER_REVIEW;
    }

    /**
     * What a referral's new status means for the intervention it carries out: accepted or started, the
     * task is in progress; completed, it is done; refused or ended otherwise, it is cancelled (the case
     * manager plans another way). Statuses on the way (requested, received, ready, on hold) change
     * nothing.
     */
    public static Optional<InterventionStatus> forReferral(ReferralTaskStatus status) {
        InterventionStatus to = switch (status) {
            case ACCEPTED, IN_PROGRESS -> InterventionStatus.IN_PROGRESS;
            case COMPLETED -> InterventionStatus.DONE;
            case REJECTED, CANCELLED, FAILED, ENTERED_IN_ERROR -> InterventionStatus.CANCELLED;
            case DRAFT, REQUESTED, RECEIVED, READY, ON_HOLD -> null;
        };
        return Optional.ofNullable(to);
    }
}
