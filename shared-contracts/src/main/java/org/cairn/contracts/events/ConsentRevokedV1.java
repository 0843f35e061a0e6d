package org.cairn.contracts.events;

import java.time.Instant;

/**
 * A consent was revoked; it stopped applying at once.
 *
 * @param consentId the consent
 * @param clientId the client
 * @param agencyId the agency that recorded the revocation
 * @param revokedAt when
 */
@EventType(name = "cairn.consent.revoked.v1", topic = Topics.CLIENTS)
public record ConsentRevokedV1(String consentId, String clientId, String agencyId, Instant revokedAt) {}
