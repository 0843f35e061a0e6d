package org.cairn.platform.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
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

    /**
     * The platform's own datasource (same database, a few connections no request can hold): the
     * relay's, and the one {@link #addInOwnTransaction} writes on.
     */
    public static final String DATASOURCE = "outbox";

    static final String INSERT = "insert into outbox_event"
            + " (id, aggregatetype, aggregateid, type, topic, source, agencyid, timestamp, payload)"
            + " values (:id, :aggregatetype, :aggregateid, :type, :topic, :source, :agencyid, :timestamp,"
            + " cast(cast(:payload as text) as jsonb))";

    /** The same insert with positional parameters, for the pool's own transactions. */
    static final String INSERT_POSITIONAL = "insert into outbox_event"
            + " (id, aggregatetype, aggregateid, type, topic, source, agencyid, timestamp, payload)"
            + " values ($1, $2, $3, $4, $5, $6, $7, $8, cast(cast($9 as text) as jsonb))";

    private final String source;
    private final Pool pool;
    private final OutboxRelay relay;

    Outbox(CairnConfig config, @ReactiveDataSource(DATASOURCE) Pool pool, OutboxRelay relay) {
        this.source = "/cairn/" + config.serviceName();
        this.pool = pool;
        this.relay = relay;
    }

    /**
     * Adds an event to the current transaction. Fails, and so rolls the caller back, when no
     * transaction is open: an event written outside one could outlive a change that never happened.
     *
     * @return the event's id, which is also its CloudEvents id
     */
    public Uni<UUID> add(OutboxMessage message) {
        Row row;
        try {
            row = row(message);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().failure(e);
        }
        return Panache.currentTransaction()
                .onItem()
                .ifNull()
                .failWith(() -> new IllegalStateException(
                        "Outbox.add must run inside a transaction (Panache.withTransaction or @WithTransaction)"))
                .chain(tx -> Panache.getSession())
                .chain(session -> session.createNativeQuery(INSERT)
                        .setParameter("id", row.id())
                        .setParameter("aggregatetype", message.aggregateType())
                        .setParameter("aggregateid", message.clientId())
                        .setParameter("type", row.type())
                        .setParameter("topic", row.topic())
                        .setParameter("source", source)
                        .setParameter("agencyid", message.agencyId())
                        .setParameter("timestamp", row.timestamp())
                        .setParameter("payload", row.payload())
                        .executeUpdate())
                .invoke(() -> relay.expect(row.id()))
                .replaceWith(row.id());
    }

    /**
     * Adds an event to a transaction the caller holds on a reactive pool connection (for a hot write
     * done without a Hibernate session); it commits, or rolls back, with that transaction.
     */
    public Uni<UUID> addOn(SqlConnection connection, OutboxMessage message) {
        Row row;
        try {
            row = row(message);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().failure(e);
        }
        return connection
                .preparedQuery(INSERT_POSITIONAL)
                .execute(tuple(row, message))
                .invoke(() -> relay.expect(row.id()))
                .replaceWith(row.id());
    }

    /**
     * Writes events that announce no change of this service's own data (a read's audit record, for
     * one) in one transaction of their own on the platform's {@link #DATASOURCE}, never the requests'
     * pool: one round of statements for the lot, and one wake-up of the relay. The returned item arrives once they are committed.
     */
    public Uni<List<UUID>> addInOwnTransaction(List<OutboxMessage> messages) {
        List<Tuple> tuples = new ArrayList<>(messages.size());
        List<UUID> ids = new ArrayList<>(messages.size());
        try {
            for (OutboxMessage message : messages) {
                Row row = row(message);
                ids.add(row.id());
                tuples.add(tuple(row, message));
            }
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().failure(e);
        }
        if (tuples.isEmpty()) {
            return Uni.createFrom().item(ids);
        }
        return pool.withTransaction(
                        conn -> conn.preparedQuery(INSERT_POSITIONAL).executeBatch(tuples))
                .invoke(relay::trigger)
                .replaceWith(ids);
    }

    private record Row(UUID id, String type, String topic, OffsetDateTime timestamp, String payload) {}

    /** The positional insert's parameters for one event. */
    private Tuple tuple(Row row, OutboxMessage message) {
        return Tuple.from(new Object[] {
            row.id(),
            message.aggregateType(),
            message.clientId(),
            row.type(),
            row.topic(),
            source,
            message.agencyId(),
            row.timestamp(),
            row.payload()
        });
    }

    private static Row row(OutboxMessage message) {
        String payload;
        try {
            payload = EventJson.mapper().writeValueAsString(message.data());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event data cannot be written as JSON", e);
        }
        Class<?> type = message.data().getClass();
        return new Row(
                UUID.randomUUID(),
                EventCatalog.typeName(type),
                EventCatalog.topic(type),
                OffsetDateTime.now(ZoneOffset.UTC),
                payload);
    }
}
