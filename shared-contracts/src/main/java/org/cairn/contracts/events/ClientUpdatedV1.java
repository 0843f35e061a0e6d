package org.cairn.contracts.events;

import java.time.Instant;
import java.util.List;

/**
 * A client's registry record changed. Names the fields that changed, not their values.
 *
 * @param clientId the client
 * @param agencyId the agency that made the change
 * @param updatedAt when
 * @param changed the names of the changed fields, e.g. {@code name}, {@code contactPoints}
 * @param version the record's version after the change
 */
@EventType(name = "cairn.client.updated.v1", topic = Topics.CLIENTS)
public record ClientUpdatedV1(String clientId, String agencyId, Instant updatedAt, List<String> changed, int version) {}
