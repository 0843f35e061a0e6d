package org.cairn.platform.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.cairn.contracts.events.EventCatalog;
import org.cairn.contracts.events.EventJson;
import org.cairn.platform.config.CairnConfig;

/**
 * The transactional outbox. A service adds its events here inside the same Hibernate Reactive
 * transaction as the state change they announce, so both commit or neither does; the
 * {@link OutboxRelay} then publishes committed rows to Kafka. Nothing in Cairn sends an event to
 * Kafka directly.
 */
@ApplicationScoped
public class Outbox {

    static final String INSERT = "insert into outbox_event"
            + " (id, aggregatetype, aggregateid, type, topic, source, agencyid, timestamp, payload)"
            + " values (:id, :aggregatetype, :aggregateid, :type, :topic, :source, :agencyid, :timestamp,"
            + " cast(cast(:payload as text) as jsonb))";

    private final String source;

    Outbox(CairnConfig config) {
        this.source = "/cairn/" + config.serviceName();
    }

    /**
     * Adds an event to the current transaction. Fails, and so rolls the caller back, when no
     * transaction is open: an event written outside one could outlive a change that never happened.
     *
     * @return the event's id, which is also its CloudEvents id
     */
    public Uni<UUID> add(OutboxMessage message) {
        UUID id = UUID.randomUUID();
        String payload;
        try {
            payload = EventJson.mapper().writeValueAsString(message.data());
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(new IllegalArgumentException("event data cannot be written as JSON", e));
        }
        Class<?> type = message.data().getClass();
        return Panache.currentTransaction()
                .onItem()
                .ifNull()
                .failWith(() -> new IllegalStateException(
                        "Outbox.add must run inside a transaction (Panache.withTransaction or @WithTransaction)"))
                .chain(tx -> Panache.getSession())
                .chain(session -> session.createNativeQuery(INSERT)
                        .setParameter("id", id)
                        .setParameter("aggregatetype", message.aggregateType())
                        .setParameter("aggregateid", message.clientId())
                        .setParameter("type", EventCatalog.typeName(type))
                        .setParameter("topic", EventCatalog.topic(type))
                        .setParameter("source", source)
                        .setParameter("agencyid", message.agencyId())
                        .setParameter("timestamp", OffsetDateTime.now(ZoneOffset.UTC))
                        .setParameter("payload", payload)
                        .executeUpdate())
                .replaceWith(id);
    }
}
