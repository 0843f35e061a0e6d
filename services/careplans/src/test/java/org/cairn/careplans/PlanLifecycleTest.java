package org.cairn.careplans;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.cairn.careplans.PlanLifecycle.PlanAction;
import org.cairn.contracts.vocabulary.CarePlanStatus;
import org.cairn.contracts.vocabulary.GoalStatus;
import org.junit.jupiter.api.Test;

/** Every pair of status and action (or of statuses), allowed or refused, against a table written out here. */
class PlanLifecycleTest {

    record Move(CarePlanStatus from, PlanAction action, boolean approvedBefore) {}

    static final Map<Move, CarePlanStatus> ALLOWED = Map.ofEntries(
            Map.entry(new Move(CarePlanStatus.DRAFT, PlanAction.SUBMIT, false), CarePlanStatus.SUBMITTED),
            Map.entry(new Move(CarePlanStatus.DRAFT, PlanAction.SUBMIT, true), CarePlanStatus.SUBMITTED),
            Map.entry(new Move(CarePlanStatus.UNDER_REVIEW, PlanAction.SUBMIT, false), CarePlanStatus.SUBMITTED),
            Map.entry(new Move(CarePlanStatus.UNDER_REVIEW, PlanAction.SUBMIT, true), CarePlanStatus.SUBMITTED),
            Map.entry(new Move(CarePlanStatus.SUBMITTED, PlanAction.APPROVE, false), CarePlanStatus.ACTIVE),
            Map.entry(new Move(CarePlanStatus.SUBMITTED, PlanAction.APPROVE, true), CarePlanStatus.ACTIVE),
            Map.entry(new Move(CarePlanStatus.SUBMITTED, PlanAction.RETURN, false), CarePlanStatus.DRAFT),
            Map.entry(new Move(CarePlanStatus.SUBMITTED, PlanAction.RETURN, true), CarePlanStatus.UNDER_REVIEW),
            Map.entry(new Move(CarePlanStatus.ACTIVE, PlanAction.START_REVIEW, false), CarePlanStatus.UNDER_REVIEW),
            Map.entry(new Move(CarePlanStatus.ACTIVE, PlanAction.START_REVIEW, true), CarePlanStatus.UNDER_REVIEW),
            Map.entry(new Move(CarePlanStatus.ACTIVE, PlanAction.COMPLETE, false), CarePlanStatus.COMPLETED),
            Map.entry(new Move(CarePlanStatus.ACTIVE, PlanAction.COMPLETE, true), CarePlanStatus.COMPLETED),
            Map.entry(new Move(CarePlanStatus.UNDER_REVIEW, PlanAction.COMPLETE, false), CarePlanStatus.COMPLETED),
            Map.entry(new Move(CarePlanStatus.UNDER_REVIEW, PlanAction.COMPLETE, true), CarePlanStatus.COMPLETED),
            Map.entry(new Move(CarePlanStatus.DRAFT, PlanAction.CANCEL, false), CarePlanStatus.CANCELLED),
            Map.entry(new Move(CarePlanStatus.DRAFT, PlanAction.CANCEL, true), CarePlanStatus.CANCELLED),
            Map.entry(new Move(CarePlanStatus.SUBMITTED, PlanAction.CANCEL, false), CarePlanStatus.CANCELLED),
            Map.entry(new Move(CarePlanStatus.SUBMITTED, PlanAction.CANCEL, true), CarePlanStatus.CANCELLED),
            Map.entry(new Move(CarePlanStatus.ACTIVE, PlanAction.CANCEL, false), CarePlanStatus.CANCELLED),
            Map.entry(new Move(CarePlanStatus.ACTIVE, PlanAction.CANCEL, true), CarePlanStatus.CANCELLED),
            Map.entry(new Move(CarePlanStatus.UNDER_REVIEW, PlanAction.CANCEL, false), CarePlanStatus.CANCELLED),
            Map.entry(new Move(CarePlanStatus.UNDER_REVIEW, PlanAction.CANCEL, true), CarePlanStatus.CANCELLED));

    @Test
    void everyPlanMove_isAllowedExactlyAsTheTableSays() {
        int checked = 0;
        for (CarePlanStatus from : CarePlanStatus.values()) {
            for (PlanAction action : PlanAction.values()) {
                for (boolean approvedBefore : new boolean[] {false, true}) {
                    Move move = new Move(from, action, approvedBefore);
                    assertThat(PlanLifecycle.next(from, action, approvedBefore))
                            .as("%s", move)
                            .isEqualTo(Optional.ofNullable(ALLOWED.get(move)));
                    checked++;
                }
            }
        }
        assertThat(checked).isEqualTo(6 * 6 * 2);
    }

    @Test
    void aDraftCannotBeApproved_withoutBeingSubmitted() {
        assertThat(PlanLifecycle.next(CarePlanStatus.DRAFT, PlanAction.APPROVE, false))
                .isEmpty();
    }

    @Test
    void contentChanges_onlyInADraftOrAReview() {
        assertThat(EnumSet.allOf(CarePlanStatus.class).stream().filter(PlanLifecycle::contentEditable))
                .containsExactlyInAnyOrder(CarePlanStatus.DRAFT, CarePlanStatus.UNDER_REVIEW);
    }

    static final Map<GoalStatus, Set<GoalStatus>> GOAL_ALLOWED = Map.of(
            GoalStatus.PROPOSED, Set.of(GoalStatus.ACTIVE, GoalStatus.CANCELLED),
            GoalStatus.ACTIVE,
                    Set.of(
                            GoalStatus.ACHIEVED,
                            GoalStatus.PARTIALLY_ACHIEVED,
                            GoalStatus.NOT_ACHIEVED,
                            GoalStatus.CANCELLED));

    @Test
    void everyGoalMove_isAllowedExactlyAsTheTableSays() {
        for (GoalStatus from : GoalStatus.values()) {
            for (GoalStatus to : GoalStatus.values()) {
                assertThat(PlanLifecycle.goalMoveAllowed(from, to))
                        .as("%s -> %s", from, to)
                        .isEqualTo(GOAL_ALLOWED.getOrDefault(from, Set.of()).contains(to));
            }
        }
    }

    static final Map<
                    org.cairn.contracts.vocabulary.InterventionStatus,
                    Set<org.cairn.contracts.vocabulary.InterventionStatus>>
            INTERVENTION_ALLOWED = Map.of(
                    org.cairn.contracts.vocabulary.InterventionStatus.PLANNED,
                    Set.of(
                            org.cairn.contracts.vocabulary.InterventionStatus.IN_PROGRESS,
                            org.cairn.contracts.vocabulary.InterventionStatus.DONE,
                            org.cairn.contracts.vocabulary.InterventionStatus.CANCELLED),
                    org.cairn.contracts.vocabulary.InterventionStatus.IN_PROGRESS,
                    Set.of(
                            org.cairn.contracts.vocabulary.InterventionStatus.DONE,
                            org.cairn.contracts.vocabulary.InterventionStatus.CANCELLED));

    @Test
    void everyInterventionMove_isAllowedExactlyAsTheTableSays() {
        for (var from : org.cairn.contracts.vocabulary.InterventionStatus.values()) {
            for (var to : org.cairn.contracts.vocabulary.InterventionStatus.values()) {
                assertThat(PlanLifecycle.interventionMoveAllowed(from, to))
                        .as("%s -> %s", from, to)
                        .isEqualTo(INTERVENTION_ALLOWED
                                .getOrDefault(from, Set.of())
                                .contains(to));
            }
        }
        assertThat(EnumSet.allOf(CarePlanStatus.class).stream().filter(PlanLifecycle::workable))
                .containsExactlyInAnyOrder(CarePlanStatus.DRAFT, CarePlanStatus.ACTIVE, CarePlanStatus.UNDER_REVIEW);
    }

    @Test
    void everyReferralStatus_meansWhatTheTableSaysForItsIntervention() {
        Map<org.cairn.contracts.vocabulary.ReferralTaskStatus, org.cairn.contracts.vocabulary.InterventionStatus>
                moves = Map.of(
                        org.cairn.contracts.vocabulary.ReferralTaskStatus.ACCEPTED,
                        org.cairn.contracts.vocabulary.InterventionStatus.IN_PROGRESS,
                        org.cairn.contracts.vocabulary.ReferralTaskStatus.IN_PROGRESS,
                        org.cairn.contracts.vocabulary.InterventionStatus.IN_PROGRESS,
                        org.cairn.contracts.vocabulary.ReferralTaskStatus.COMPLETED,
                        org.cairn.contracts.vocabulary.InterventionStatus.DONE,
                        org.cairn.contracts.vocabulary.ReferralTaskStatus.REJECTED,
                        org.cairn.contracts.vocabulary.InterventionStatus.CANCELLED,
                        org.cairn.contracts.vocabulary.ReferralTaskStatus.CANCELLED,
                        org.cairn.contracts.vocabulary.InterventionStatus.CANCELLED,
                        org.cairn.contracts.vocabulary.ReferralTaskStatus.FAILED,
                        org.cairn.contracts.vocabulary.InterventionStatus.CANCELLED,
                        org.cairn.contracts.vocabulary.ReferralTaskStatus.ENTERED_IN_ERROR,
                        org.cairn.contracts.vocabulary.InterventionStatus.CANCELLED);
        for (org.cairn.contracts.vocabulary.ReferralTaskStatus status :
                org.cairn.contracts.vocabulary.ReferralTaskStatus.values()) {
            assertThat(PlanLifecycle.forReferral(status))
                    .as("%s", status)
                    .isEqualTo(Optional.ofNullable(moves.get(status)));
        }
    }
}
