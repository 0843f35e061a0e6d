package org.cairn.contracts.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.cairn.contracts.vocabulary.ConsentPurpose;
import org.cairn.contracts.vocabulary.SensitivityCategory;

/**
 * A client (or their legal guardian) consented to share information.
 *
 * @param consentId the consent
 * @param clientId the client
 * @param agencyId the agency that recorded it
 * @param recipientAgencyId the agency that may receive the information; absent for the whole network
 * @param purpose why
 * @param categories the categories of information covered
 * @param effectiveFrom first day in force
 * @param effectiveTo last day in force, if limited
 * @param grantedAt when it was recorded
 */
@EventType(name = "cairn.consent.granted.v1", topic = Topics.CLIENTS)
public record ConsentGrantedV1(
        String consentId,
        String clientId,
        String agencyId,
        String recipientAgencyId,
        ConsentPurpose purpose,
        List<SensitivityCategory> categories,
        LocalDate effectiveFrom,
        LocalDate effectiveTo,
        Instant grantedAt) {}
