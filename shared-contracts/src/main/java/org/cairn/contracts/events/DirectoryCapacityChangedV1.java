package org.cairn.contracts.events;

import java.time.Instant;

/**
 * The agency that runs a directory service said how many places it has now. Keyed by the service
 * id: it concerns no client.
 *
 * @param serviceId the service
 * @param agencyId the agency that runs it and said so
 * @param available places free now
 * @param maximum places in all, if it has a fixed number
 * @param waitlist people waiting, if it keeps a waiting list
 * @param updatedAt when
 */
@EventType(name = "cairn.directory.capacity-changed.v1", topic = Topics.REFERRALS)
public record DirectoryCapacityChangedV1(
        String serviceId, String agencyId, Integer available, Integer maximum, Integer waitlist, Instant updatedAt) {}
