package org.cairn.contracts.events;

import java.time.Instant;
import org.cairn.contracts.vocabulary.ReferralTaskStatus;
import org.cairn.contracts.vocabulary.Urgency;

/**
 * A referral was neither accepted nor rejected by the time its urgency allows: the receiving
 * agency's supervisors and the referring case manager are to be alerted. Told once per referral.
 *
 * @param referralId the referral
 * @param clientId the client
 * @param caseId the referring agency's case
 * @param sendingAgencyId the referring agency
 * @param referringUserId the case manager who made the referral
 * @param receivingAgencyId the agency that has not answered
 * @param serviceId the directory service it was addressed to, if any
 * @param urgency its urgency
 * @param status where its task stands (requested or received)
 * @param respondBy when an answer was due
 * @param escalatedAt when it was escalated
 */
@EventType(name = "cairn.referral.escalated.v1", topic = Topics.REFERRALS)
public record ReferralEscalatedV1(
        String referralId,
        String clientId,
        String caseId,
        String sendingAgencyId,
        String referringUserId,
        String receivingAgencyId,
        String serviceId,
        Urgency urgency,
        ReferralTaskStatus status,
        Instant respondBy,
        Instant escalatedAt) {}
