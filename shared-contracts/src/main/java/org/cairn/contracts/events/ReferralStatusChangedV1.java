package org.cairn.contracts.events;

import java.time.Instant;
import org.cairn.contracts.vocabulary.ReferralOutcome;
import org.cairn.contracts.vocabulary.ReferralTaskStatus;

/**
 * A referral's task moved to another status: every move, acceptance included (the acceptance is also
 * told by {@code cairn.referral.accepted.v1}, which carries the consent the receiving agency's access
 * rests on). Carries no reason text: a rejection's explanation stays in the referrals service.
 *
 * @param referralId the referral
 * @param clientId the client
 * @param caseId the referring agency's case the referral was made from
 * @param sendingAgencyId the referring agency
 * @param receivingAgencyId the agency referred to
 * @param from the status before, absent for the first one
 * @param status the status now
 * @param outcome how it ended, for a rejection, a completion or a failure
 * @param changedAt when
 */
@EventType(name = "cairn.referral.status-changed.v1", topic = Topics.REFERRALS)
public record ReferralStatusChangedV1(
        String referralId,
        String clientId,
        String caseId,
        String sendingAgencyId,
        String receivingAgencyId,
        ReferralTaskStatus from,
        ReferralTaskStatus status,
        ReferralOutcome outcome,
        Instant changedAt) {}
