package org.cairn.referrals;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.TreeSet;
import org.cairn.contracts.vocabulary.ReferralOutcome;
import org.cairn.contracts.vocabulary.ReferralTaskStatus;
import org.cairn.referrals.ReferralLifecycle.Side;
import org.junit.jupiter.api.Test;

/** Every pair of statuses, for both sides, against the moves the workflow allows. */
class ReferralLifecycleTest {

    static final Set<String> SENDING = Set.of(
            "draft>requested",
            "draft>cancelled",
            "requested>cancelled",
            "received>cancelled",
            "accepted>cancelled",
            "in-progress>cancelled",
            "on-hold>cancelled");

    static final Set<String> RECEIVING = Set.of(
            "requested>received",
            "requested>accepted",
            "requested>rejected",
            "received>accepted",
            "received>rejected",
            "accepted>in-progress",
            "accepted>failed",
            "in-progress>on-hold",
            "in-progress>completed",
            "in-progress>failed",
            "on-hold>in-progress",
            "on-hold>completed",
            "on-hold>failed");

    static Set<String> allowed(Side side) {
        Set<String> moves = new TreeSet<>();
        for (ReferralTaskStatus from : ReferralTaskStatus.values()) {
            for (ReferralTaskStatus to : ReferralTaskStatus.values()) {
                if (ReferralLifecycle.allowed(side, from, to)) {
                    moves.add(from.code() + ">" + to.code());
                }
            }
        }
        return moves;
    }

    @Test
    void eachSide_makesExactlyItsOwnMoves() {
        assertThat(allowed(Side.SENDING)).containsExactlyInAnyOrderElementsOf(SENDING);
        assertThat(allowed(Side.RECEIVING)).containsExactlyInAnyOrderElementsOf(RECEIVING);
    }

    @Test
    void theEnds_haveNoMoves_andRefusalsSayWhy() {
        for (ReferralTaskStatus end : Set.of(
                ReferralTaskStatus.REJECTED,
                ReferralTaskStatus.CANCELLED,
                ReferralTaskStatus.COMPLETED,
                ReferralTaskStatus.FAILED)) {
            assertThat(ReferralLifecycle.isFinal(end)).as(end.code()).isTrue();
            assertThat(ReferralLifecycle.needsReason(end)).isEqualTo(end != ReferralTaskStatus.COMPLETED);
        }
        assertThat(ReferralLifecycle.isFinal(ReferralTaskStatus.ON_HOLD)).isFalse();
        assertThat(ReferralLifecycle.needsReason(ReferralTaskStatus.ON_HOLD)).isTrue();
        assertThat(ReferralLifecycle.needsReason(ReferralTaskStatus.ACCEPTED)).isFalse();
    }

    @Test
    void aReferralsEnd_recordsHowItEnded() {
        for (ReferralTaskStatus to : ReferralTaskStatus.values()) {
            boolean needed = to == ReferralTaskStatus.REJECTED
                    || to == ReferralTaskStatus.COMPLETED
                    || to == ReferralTaskStatus.FAILED;
            assertThat(ReferralLifecycle.needsOutcome(to)).as(to.code()).isEqualTo(needed);
            assertThat(ReferralLifecycle.outcomeProblem(to, null) == null)
                    .as(to.code())
                    .isEqualTo(!needed);
            for (ReferralOutcome outcome : ReferralOutcome.values()) {
                boolean fits = needed
                        && (to == ReferralTaskStatus.COMPLETED) == (outcome == ReferralOutcome.SERVICE_DELIVERED);
                assertThat(ReferralLifecycle.outcomeProblem(to, outcome) == null)
                        .as("%s with %s", to.code(), outcome.code())
                        .isEqualTo(fits);
            }
        }
    }
}
