package org.cairn.contracts.events;

import java.time.Instant;

/**
 * A case's crisis flag was cleared.
 *
 * @param caseId the case
 * @param clientId the client
 * @param agencyId the agency
 * @param clearedAt when
 */
@EventType(name = "cairn.case.crisis-cleared.v1", topic = Topics.CLIENTS)
public record CaseCrisisClearedV1(String caseId, String clientId, String agencyId, Instant clearedAt) {}
