package org.cairn.platform.outbox;

import java.util.Objects;

/**
 * An event to publish, as a service hands it to the {@link Outbox}.
 *
 * @param aggregateType the kind of thing the event is about ({@code client}, {@code referral}, ...)
 * @param clientId the client the event concerns: the record key and CloudEvents subject, so that all
 *     of one client's events stay in order on one partition
 * @param agencyId the agency on whose behalf it happened (CloudEvents extension {@code agencyid})
 * @param data the event record, annotated with {@link org.cairn.contracts.events.EventType}
 */
public record OutboxMessage(String aggregateType, String clientId, String agencyId, Record data) {

    public OutboxMessage {
        Objects.requireNonNull(aggregateType, "aggregateType");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(agencyId, "agencyId");
        Objects.requireNonNull(data, "data");
    }
}
