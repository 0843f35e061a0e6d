package org.cairn.platform.inbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.cairn.contracts.events.CloudEventHeaders;
import org.cairn.contracts.events.EventJson;
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

    static final String CLAIM = "insert into inbox_event (consumer, event_id, event_type)"
            + " values (:consumer, :id, :type) on conflict do nothing";

    /**
     * Applies the handler for the message's event type once per {@code consumer}, then acknowledges
     * the message; on failure, negatively acknowledges it.
     *
     * @param consumer a stable name for this consumer of the topic, e.g. {@code careplans.needs}
     */
    public Uni<Void> process(String consumer, Message<String> message, EventHandlers handlers) {
        return Uni.createFrom()
                .deferred(() -> apply(consumer, message, handlers))
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
        String type = header(message, CloudEventHeaders.TYPE)
                .orElseThrow(() -> new IllegalArgumentException("record has no ce_type header"));
        Optional<EventHandlers.Entry<?>> entry = handlers.forType(type);
        if (entry.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return applyTyped(consumer, message, type, entry.get());
    }

    private <T extends Record> Uni<Void> applyTyped(
            String consumer, Message<String> message, String type, EventHandlers.Entry<T> entry) {
        String id = header(message, CloudEventHeaders.ID)
                .orElseThrow(() -> new IllegalArgumentException("record has no ce_id header"));
        T data;
        try {
            data = EventJson.mapper().readValue(message.getPayload(), entry.type());
        } catch (JsonProcessingException e) {
            // The message of a parse failure quotes the payload: keep only the class.
            throw new IllegalArgumentException(
                    "event data does not match " + entry.type().getSimpleName());
        }
        ReceivedEvent<T> event = new ReceivedEvent<>(
                id,
                type,
                header(message, CloudEventHeaders.SOURCE).orElse(null),
                header(message, CloudEventHeaders.SUBJECT).orElse(null),
                header(message, CloudEventHeaders.AGENCY_ID).orElse(null),
                header(message, CloudEventHeaders.TIME)
                        .map(t -> OffsetDateTime.parse(t).toInstant())
                        .orElse(Instant.now()),
                data);
        return Panache.withTransaction(() -> Panache.getSession()
                .chain(session -> session.createNativeQuery(CLAIM)
                        .setParameter("consumer", consumer)
                        .setParameter("id", id)
                        .setParameter("type", type)
                        .executeUpdate())
                .chain(claimed -> claimed == 1
                        ? entry.handler().apply(event)
                        : Uni.createFrom().voidItem()));
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
