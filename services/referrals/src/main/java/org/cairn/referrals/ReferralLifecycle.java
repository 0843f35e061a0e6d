package org.cairn.referrals;

import static org.cairn.contracts.vocabulary.ReferralTaskStatus.ACCEPTED;
import static org.cairn.contracts.vocabulary.ReferralTaskStatus.CANCELLED;
import static org.cairn.contracts.vocabulary.ReferralTaskStatus.COMPLETED;
import static org.cairn.contracts.vocabulary.ReferralTaskStatus.DRAFT;
import static org.cairn.contracts.vocabulary.ReferralTaskStatus.FAILED;
import static org.cairn.contracts.vocabulary.ReferralTaskStatus.IN_PROGRESS;
import static org.cairn.contracts.vocabulary.ReferralTaskStatus.ON_HOLD;
import static org.cairn.contracts.vocabulary.ReferralTaskStatus.RECEIVED;
import static org.cairn.contracts.vocabulary.ReferralTaskStatus.REJECTED;
import static org.cairn.contracts.vocabulary.ReferralTaskStatus.REQUESTED;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.cairn.contracts.vocabulary.ReferralOutcome;
import org.cairn.contracts.vocabulary.ReferralTaskStatus;

/**
 * The moves of a referral's task (the FHIR SDOH referral workflow's Task statuses) and which side
 * may make each. The referring agency drafts, sends (requested) and cancels while the referral is
 * open; the receiving agency takes it from there: received, accepted or rejected, in progress, on
 * hold, completed or failed.
 */
public final class ReferralLifecycle {

    /** Which agency of a referral is making a move. */
    public enum Side {
        SENDING,
        RECEIVING
    }

    static final Map<ReferralTaskStatus, Set<ReferralTaskStatus>> SENDING_MOVES = Map.of(
            DRAFT, EnumSet.of(REQUESTED, CANCELLED),
            REQUESTED, EnumSet.of(CANCELLED),
            RECEIVED, EnumSet.of(CANCELLED),
            ACCEPTED, EnumSet.of(CANCELLED),
            IN_PROGRESS, EnumSet.of(CANCELLED),
            ON_HOLD, EnumSet.of(CANCELLED));

    static final Map<ReferralTaskStatus, Set<ReferralTaskStatus>> RECEIVING_MOVES = Map.of(
            REQUESTED, EnumSet.of(RECEIVED, ACCEPTED, REJECTED),
            RECEIVED, EnumSet.of(ACCEPTED, REJECTED),
            ACCEPTED, EnumSet.of(IN_PROGRESS, FAILED),
            IN_PROGRESS, EnumSet.of(ON_HOLD, COMPLETED, FAILED),
            ON_HOLD, EnumSet.of(IN_PROGRESS, COMPLETED, FAILED));

    private ReferralLifecycle() {}

    /** Whether {@code side} may move a referral from {@code from} to {@code to}. */
    public static boolean allowed(Side side, ReferralTaskStatus from, ReferralTaskStatus to) {
        Map<ReferralTaskStatus, Set<ReferralTaskStatus>> moves = side == Side.SENDING ? SENDING_MOVES : RECEIVING_MOVES;
        return moves.getOrDefault(from, Set.of()).contains(to);
    }

    /** Whether a move to {@code to} must say why (a rejection's "at capacity", a cancellation's cause). */
    public static boolean needsReason(ReferralTaskStatus to) {
        return to == REJECTED || to == CANCELLED || to == FAILED || to == ON_HOLD;
    }

    /** Whether a move to {@code to} records how the referral ended, as a coded outcome. */
    public static boolean needsOutcome(ReferralTaskStatus to) {
        return to == REJECTED || to == COMPLETED || to == FAILED;
    }

    /**
     * What is wrong with the outcome given for a move to {@code to}, or null: a rejection, a failure
     * and a completion each need one, a completion is the service delivered, and a rejection or a
     * failure is not.
     */
    public static String outcomeProblem(ReferralTaskStatus to, ReferralOutcome outcome) {
        if (!needsOutcome(to)) {
            return outcome == null ? null : "only a rejection, a completion or a failure records an outcome";
        }
        if (outcome == null) {
            return "a move to " + to.code() + " records how the referral ended";
        }
        if ((to == COMPLETED) != (outcome == ReferralOutcome.SERVICE_DELIVERED)) {
            return to == COMPLETED
                    ? "a completed referral is one whose service was delivered"
                    : "a " + to.code() + " referral was not delivered: say why";
        }
        return null;
    }

    /** Whether nothing follows {@code status}. */
    public static boolean isFinal(ReferralTaskStatus status) {
        return !SENDING_MOVES.containsKey(status) && !RECEIVING_MOVES.containsKey(status);
    }
}
