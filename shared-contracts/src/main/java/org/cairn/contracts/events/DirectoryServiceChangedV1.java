package org.cairn.contracts.events;

import java.time.Instant;
import java.util.List;
import org.cairn.contracts.vocabulary.NeedDomain;

/**
 * A service of the network's resource directory was added or changed by its curators (or by an
 * import). Keyed by the service id: it concerns no client.
 *
 * @param serviceId the service
 * @param organizationId the organization that provides it
 * @param agencyId the network agency that runs the organization, if it is one of the network's
 * @param name the service's name
 * @param status its HSDS status: active, inactive, defunct, temporarily closed
 * @param needDomains the needs it addresses
 * @param changedAt when
 */
@EventType(name = "cairn.directory.service-changed.v1", topic = Topics.REFERRALS)
public record DirectoryServiceChangedV1(
        String serviceId,
        String organizationId,
        String agencyId,
        String name,
        String status,
        List<NeedDomain> needDomains,
        Instant changedAt) {}
