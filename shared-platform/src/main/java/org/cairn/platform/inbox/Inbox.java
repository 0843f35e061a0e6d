package org.cairn.platform.inbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordBatchMetadata;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.cairn.contracts.events.CloudEventHeaders;
import org.cairn.contracts.events.EventJson;
import org.cairn.platform.outbox.OutboxRelay;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * The idempotent consumer. {@link #process} applies a handler and records the event's id in the same
 * transaction: an event delivered twice (the relay publishes at least once) takes effect once. A
 * handler that fails rolls back its effect and its inbox row alike, and the record is negatively
 * acknowledged, so the channel's failure strategy moves it to a retry topic and, in the end, to the
 * dead-letter topic while the partition goes on.
 *
 * <pre>{@code
 * @Incoming("assessments-in")
 * Uni<Void> onAssessment(Message<String> message) {
 *     return inbox.process("careplans.needs", message, handlers);
 * }
 * }</pre>
 */
@ApplicationScoped
public class Inbox {

    private static final Logger LOG = Logger.getLogger(Inbox.class);

    private final OutboxRelay relay;

    Inbox(OutboxRelay relay) {
        this.relay = relay;
    }

    static final String CLAIM = "insert into inbox_event (consumer, event_id, event_type)"
            + " values (:consumer, :id, :type) on conflict do nothing";

    /**
     * Claims the events of a poll in one statement; the ids claimed now come back. {@code :events} is
     * a JSON array of {@code {"id", "type"}}; {@code 1 in (:one)} is a list-valued binding, which
     * keeps the statement out of Hibernate's plan cache (see the scheduling store).
     */
    static final String CLAIM_ALL = """
            with c as (
                insert into inbox_event (consumer, event_id, event_type)
                select :consumer, e->>'id', e->>'type'
                  from jsonb_array_elements(cast(cast(:events as text) as jsonb)) e
                on conflict do nothing
                returning event_id)
            select event_id from c where 1 in (:one)""";

    /**
     * Applies the handler for the message's event type once per {@code consumer}, then acknowledges
     * the message; on failure, negatively acknowledges it.
     *
     * @param consumer a stable name for this consumer of the topic, e.g. {@code careplans.needs}
     */
    public Uni<Void> process(String consumer, Message<String> message, EventHandlers handlers) {
        return Uni.createFrom()
                .deferred(() -> apply(consumer, message, handlers))
                // a handler's events are committed now: the relay need not wait to find them
                .eventually(relay::committed)
                .onItemOrFailure()
                .transformToUni((done, failure) -> {
                    if (failure == null) {
                        return Uni.createFrom().completionStage(message.ack());
                    }
                    LOG.warnf(
                            "Consumer %s failed on event %s (%s): %s; handing it to the failure strategy",
                            consumer,
                            header(message, CloudEventHeaders.ID).orElse("?"),
                            header(message, CloudEventHeaders.TYPE).orElse("?"),
                            failure.getClass().getName());
                    return Uni.createFrom().completionStage(message.nack(failure));
                });
    }

    private Uni<Void> apply(String consumer, Message<String> message, EventHandlers handlers) {
        Optional<Wanted<?>> wanted = wanted(name -> header(message, name), message.getPayload(), handlers);
        return wanted.isEmpty()
                ? Uni.createFrom().voidItem()
                : inTransaction(() -> claimAndHandle(consumer, wanted.get()));
    }

    /** Runs the work, built only once the transaction is open, in that transaction. */
    private static Uni<Void> inTransaction(Supplier<Uni<Void>> work) {
        return Panache.withTransaction(work);
    }

    /** An event the consumer will act on, read, with the handler that acts on it. */
    private record Wanted<T extends Record>(ReceivedEvent<T> event, EventHandlers.Entry<T> entry) {

        Uni<Void> handle() {
            return entry.handler().apply(event);
        }
    }

    /**
     * The event of a record, if the consumer acts on it: a type it does not handle, or an event its
     * handler's condition passes over, is left alone with no transaction and no inbox row (applying
     * it twice would change nothing either). A record that cannot be read throws.
     */
    private static Optional<Wanted<?>> wanted(
            Function<String, Optional<String>> headers, String payload, EventHandlers handlers) {
        String type = headers.apply(CloudEventHeaders.TYPE)
                .orElseThrow(() -> new IllegalArgumentException("record has no ce_type header"));
        Optional<EventHandlers.Entry<?>> entry = handlers.forType(type);
        return entry.flatMap(e -> read(headers, payload, type, e));
    }

    private static <T extends Record> Optional<Wanted<?>> read(
            Function<String, Optional<String>> headers, String payload, String type, EventHandlers.Entry<T> entry) {
        String id = headers.apply(CloudEventHeaders.ID)
                .orElseThrow(() -> new IllegalArgumentException("record has no ce_id header"));
        T data;
        try {
            data = EventJson.mapper().readValue(payload, entry.type());
        } catch (JsonProcessingException e) {
            // The message of a parse failure quotes the payload: keep only the class.
            throw new IllegalArgumentException(
                    "event data does not match " + entry.type().getSimpleName());
        }
        if (!entry.when().test(data)) {
            return Optional.empty();
        }
        ReceivedEvent<T> event = new ReceivedEvent<>(
                id,
                type,
                headers.apply(CloudEventHeaders.SOURCE).orElse(null),
                headers.apply(CloudEventHeaders.SUBJECT).orElse(null),
                headers.apply(CloudEventHeaders.AGENCY_ID).orElse(null),
                headers.apply(CloudEventHeaders.TIME)
                        .map(t -> OffsetDateTime.parse(t).toInstant())
                        .orElse(Instant.now()),
                data);
        return Optional.of(new Wanted<>(event, entry));
    }

    /** Claims one event for the consumer and applies its handler, within the caller's transaction. */
    private static Uni<Void> claimAndHandle(String consumer, Wanted<?> wanted) {
        ReceivedEvent<?> event = wanted.event();
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(CLAIM)
                        .setParameter("consumer", consumer)
                        .setParameter("id", event.id())
                        .setParameter("type", event.type())
                        .executeUpdate())
                .chain(claimed ->
                        claimed == 1 ? wanted.handle() : Uni.createFrom().voidItem());
    }

    /**
     * Claims the events of a poll at once, within the caller's transaction: those this consumer has
     * not applied before, each id once (the first of a poll that repeats one), in the poll's order.
     */
    private static Uni<List<Wanted<?>>> claimAll(String consumer, List<Wanted<?>> wanted) {
        Map<String, Wanted<?>> first = new LinkedHashMap<>();
        wanted.forEach(w -> first.putIfAbsent(w.event().id(), w));
        List<Map<String, String>> events = first.values().stream()
                .map(w -> Map.of("id", w.event().id(), "type", w.event().type()))
                .toList();
        String json;
        try {
            json = EventJson.mapper().writeValueAsString(events);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(CLAIM_ALL, String.class)
                        .setParameter("consumer", consumer)
                        .setParameter("events", json)
                        .setParameter("one", List.of(1))
                        .getResultList())
                .map(ids -> {
                    Set<String> claimed = new HashSet<>(ids);
                    return first.values().stream()
                            .filter(w -> claimed.contains(w.event().id()))
                            .<Wanted<?>>map(w -> w)
                            .toList();
                });
    }

    /**
     * Applies the records of one poll (a channel with {@code batch=true}) for the consumer, each once,
     * in the records' order, all in one transaction: one claim and one commit for the lot instead of one
     * of each per event.
     * When that fails, the records are applied one by one, each in a transaction of its own; a record
     * that still fails is tried twice more and then handed to {@code deadLetter} (with the failure), and
     * the rest go on. While the database cannot be reached, nothing is dead-lettered: the batch is
     * tried again, backing off up to 30 s, for as long as it takes. The batch is acknowledged once every
     * record is applied or dead-lettered.
     */
    public Uni<Void> processBatch(
            String consumer,
            Message<List<String>> batch,
            EventHandlers handlers,
            BiFunction<ConsumerRecord<String, String>, Throwable, Uni<Void>> deadLetter) {
        @SuppressWarnings("unchecked")
        IncomingKafkaRecordBatchMetadata<String, String> metadata = batch.getMetadata(
                        IncomingKafkaRecordBatchMetadata.class)
                .orElseThrow(() -> new IllegalStateException(consumer + " must read a batch channel"));
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        metadata.getRecords().forEach(records::add);
        Uni<Void> together = Uni.createFrom().deferred(() -> {
            List<Wanted<?>> wanted = new ArrayList<>();
            records.forEach(r -> wanted(name -> header(r.headers(), name), r.value(), handlers)
                    .ifPresent(wanted::add));
            return wanted.isEmpty()
                    ? Uni.createFrom().voidItem()
                    : inTransaction(() -> claimAll(consumer, wanted)
                            .chain(claimed -> Multi.createFrom()
                                    .iterable(claimed)
                                    .onItem()
                                    .transformToUniAndConcatenate(Wanted::handle)
                                    .collect()
                                    .last()
                                    .replaceWithVoid()));
        });
        return together.onFailure()
                .recoverWithUni(failure -> {
                    LOG.debugf(
                            "Consumer %s: a batch of %d failed together (%s); one by one",
                            consumer, records.size(), failure.getClass().getSimpleName());
                    return Multi.createFrom()
                            .iterable(records)
                            .onItem()
                            .transformToUniAndConcatenate(r -> alone(consumer, r, handlers, deadLetter))
                            .collect()
                            .last()
                            .replaceWithVoid();
                })
                .onFailure()
                .invoke(failure -> LOG.warnf(
                        "Consumer %s: a batch of %d records could not be applied (%s); trying again",
                        consumer, records.size(), failure.getClass().getName()))
                .onFailure()
                .retry()
                .withBackOff(Duration.ofMillis(200), Duration.ofSeconds(30))
                .indefinitely()
                .invoke(relay::committed)
                .chain(() -> Uni.createFrom().completionStage(batch.ack()));
    }

    /** One record in a transaction of its own; dead-lettered when it keeps failing while the database answers. */
    private Uni<Void> alone(
            String consumer,
            ConsumerRecord<String, String> record,
            EventHandlers handlers,
            BiFunction<ConsumerRecord<String, String>, Throwable, Uni<Void>> deadLetter) {
        return Uni.createFrom()
                .deferred(() -> {
                    Optional<Wanted<?>> wanted =
                            wanted(name -> header(record.headers(), name), record.value(), handlers);
                    return wanted.isEmpty()
                            ? Uni.createFrom().voidItem()
                            : inTransaction(() -> claimAndHandle(consumer, wanted.get()));
                })
                .onFailure(f -> !unavailable(f))
                .retry()
                .withBackOff(Duration.ofMillis(100), Duration.ofSeconds(1))
                .atMost(2)
                .onFailure(f -> !unavailable(f))
                .recoverWithUni(failure -> {
                    LOG.warnf(
                            "Consumer %s refused event %s (%s) at %s-%d@%d: %s; to the dead-letter topic",
                            consumer,
                            header(record.headers(), CloudEventHeaders.ID).orElse("?"),
                            header(record.headers(), CloudEventHeaders.TYPE).orElse("?"),
                            record.topic(),
                            record.partition(),
                            record.offset(),
                            failure.getClass().getName());
                    return deadLetter.apply(record, failure);
                });
    }

    /** Whether a failure says the database is out of reach (then no record is to blame). */
    static boolean unavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof java.net.ConnectException
                    || t instanceof io.vertx.core.impl.NoStackTraceThrowable
                    || t instanceof io.vertx.sqlclient.ClosedConnectionException
                    || (t instanceof io.vertx.pgclient.PgException pg
                            && pg.getSqlState() != null
                            && (pg.getSqlState().startsWith("08")
                                    || pg.getSqlState().startsWith("57")))) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /**
     * A record as it goes to a dead-letter topic: its key, value and headers, with why
     * ({@code dead-letter-reason}, no payload in it) and where it was read from.
     */
    public static Message<String> deadLetter(ConsumerRecord<String, String> record, String reason) {
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        headers.add("dead-letter-reason", reason.getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-topic", record.topic().getBytes(StandardCharsets.UTF_8));
        headers.add(
                "dead-letter-partition", Integer.toString(record.partition()).getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-offset", Long.toString(record.offset()).getBytes(StandardCharsets.UTF_8));
        return Message.of(record.value())
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withKey(record.key())
                        .withHeaders(headers)
                        .build());
    }

    /** The longest event id the inbox keeps; a record with a longer one cannot be claimed. */
    public static final int MAX_ID_LENGTH = 255;

    /** A header of a Kafka record, as text. */
    public static Optional<String> header(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null ? Optional.empty() : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
    }

    /** A header of the Kafka record behind the message, as text. */
    public static Optional<String> header(Message<?> message, String name) {
        return message.getMetadata(IncomingKafkaRecordMetadata.class).flatMap(m -> header(m.getHeaders(), name));
    }
}
