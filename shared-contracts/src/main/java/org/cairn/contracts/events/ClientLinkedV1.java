package org.cairn.contracts.events;

import java.time.Instant;

/**
 * Two client records were linked as the same person. Nothing was merged or destroyed; one event per record, keyed by it.
 *
 * @param clientId the record this event is keyed by
 * @param otherClientId the record it is now linked to
 * @param linkId the link
 * @param agencyId the agency that linked them
 * @param linkedAt when
 */
@EventType(name = "cairn.client.linked.v1", topic = Topics.CLIENTS)
public record ClientLinkedV1(String clientId, String otherClientId, String linkId, String agencyId, Instant linkedAt) {}
