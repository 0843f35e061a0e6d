package org.cairn.contracts.events;

import java.time.LocalDate;

/**
 * A consent reached the end of its effective period.
 *
 * @param consentId the consent
 * @param clientId the client
 * @param agencyId the agency that recorded it
 * @param expiredOn the first day it no longer applies
 */
@EventType(name = "cairn.consent.expired.v1", topic = Topics.CLIENTS)
public record ConsentExpiredV1(String consentId, String clientId, String agencyId, LocalDate expiredOn) {}
