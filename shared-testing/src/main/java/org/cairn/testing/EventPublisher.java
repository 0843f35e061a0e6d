package org.cairn.testing;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.cairn.contracts.events.CloudEventHeaders;
import org.cairn.contracts.events.EventCatalog;
import org.cairn.contracts.events.EventJson;
import org.cairn.contracts.events.EventSchemas;

/**
 * Publishes an event to the real broker exactly as a Cairn producer would (binary-mode CloudEvent,
 * keyed by client), after checking it against its schema: consumer tests feed only events another
 * service could really send. Publishing the same id twice is how a test delivers a duplicate.
 */
public final class EventPublisher {

    private EventPublisher() {}

    public static void publish(String id, String clientId, String agencyId, Record event) {
        publishRaw(
                EventCatalog.topic(event.getClass()),
                id,
                EventCatalog.typeName(event.getClass()),
                clientId,
                agencyId,
                validJson(event));
    }

    /** One event of a bulk publication: its id, subject (client) and agency, and its data. */
    public record Outgoing(String id, String clientId, String agencyId, Record event) {}

    /**
     * Publishes many schema-valid events through one producer and returns once the broker has
     * acknowledged every one: how a test puts a backlog on a topic.
     */
    public static void publishAll(List<Outgoing> events) {
        try (KafkaProducer<String, String> producer = producer()) {
            List<Future<RecordMetadata>> sent = new ArrayList<>(events.size());
            for (Outgoing e : events) {
                sent.add(producer.send(record(
                        EventCatalog.topic(e.event().getClass()),
                        e.id(),
                        EventCatalog.typeName(e.event().getClass()),
                        e.clientId(),
                        e.agencyId(),
                        validJson(e.event()))));
            }
            for (Future<RecordMetadata> f : sent) {
                f.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not publish all " + events.size() + " events", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String validJson(Record event) {
        String json;
        try {
            json = EventJson.mapper().writeValueAsString(event);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("could not write " + event, e);
        }
        var errors = EventSchemas.errors(event.getClass(), json);
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("not a schema-valid event: " + errors);
        }
        return json;
    }

    private static KafkaProducer<String, String> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, InfraEnv.kafkaBootstrap());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    private static ProducerRecord<String, String> record(
            String topic, String id, String type, String clientId, String agencyId, String json) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, clientId, json);
        header(record, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_1_0);
        header(record, CloudEventHeaders.ID, id);
        header(record, CloudEventHeaders.TYPE, type);
        header(record, CloudEventHeaders.SOURCE, "/cairn/test");
        header(record, CloudEventHeaders.SUBJECT, clientId);
        header(record, CloudEventHeaders.TIME, Instant.now().toString());
        header(record, CloudEventHeaders.AGENCY_ID, agencyId);
        header(record, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
        return record;
    }

    /**
     * Publishes a payload as it is, unchecked, with the CloudEvents headers of {@code type}: how a test
     * sends a record no Cairn producer would (a malformed one, to see it refused).
     */
    public static void publishRaw(String topic, String id, String type, String clientId, String agencyId, String json) {
        try (KafkaProducer<String, String> producer = producer()) {
            producer.send(record(topic, id, type, clientId, agencyId, json)).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not publish " + type + " " + id, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void header(ProducerRecord<String, String> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
