package org.cairn.contracts.events;

import java.time.Instant;

/**
 * A link between two client records was undone; both records are as they were before it.
 *
 * @param clientId the record this event is keyed by
 * @param otherClientId the record it was linked to
 * @param linkId the link
 * @param agencyId the agency that unlinked them
 * @param unlinkedAt when
 */
@EventType(name = "cairn.client.unlinked.v1", topic = Topics.CLIENTS)
public record ClientUnlinkedV1(
        String clientId, String otherClientId, String linkId, String agencyId, Instant unlinkedAt) {}
