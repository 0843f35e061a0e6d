package org.cairn.contracts.events;

import java.time.Instant;
import org.cairn.contracts.vocabulary.Program;

/**
 * A receiving agency accepted a referral of a client, under a consent that lets it receive the client's information.
 *
 * @param referralId the referral
 * @param clientId the client
 * @param sendingAgencyId the referring agency
 * @param receivingAgencyId the agency that accepted
 * @param program the program the receiving agency serves the client in
 * @param consentId the consent the referral was made under
 * @param acceptedAt when
 */
@EventType(name = "cairn.referral.accepted.v1", topic = Topics.REFERRALS)
public record ReferralAcceptedV1(
        String referralId,
        String clientId,
        String sendingAgencyId,
        String receivingAgencyId,
        Program program,
        String consentId,
        Instant acceptedAt) {}
