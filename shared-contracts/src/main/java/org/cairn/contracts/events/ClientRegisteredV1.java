package org.cairn.contracts.events;

import java.time.Instant;

/**
 * A client was registered. Other services learn that the id exists and which agency registered it;
 * the client's identity and contact details stay in the clients service.
 *
 * @param clientId the new client's id
 * @param agencyId the registering agency
 * @param registeredAt when
 */
@EventType(name = "cairn.client.registered.v1", topic = Topics.CLIENTS)
public record ClientRegisteredV1(String clientId, String agencyId, Instant registeredAt) {}
