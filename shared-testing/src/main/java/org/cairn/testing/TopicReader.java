package org.cairn.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.cairn.contracts.events.EventSchemas;

/**
 * Reads a topic of the real broker from the beginning, outside any consumer group, to see exactly
 * what a service published: key, CloudEvents headers and JSON value.
 */
public final class TopicReader {

    /** One record as read. */
    public record Event(
            String topic, int partition, long offset, String key, Map<String, String> headers, String value) {

        public String header(String name) {
            return headers.get(name);
        }
    }

    private TopicReader() {}

    /**
     * The events of one type about one client, each checked against its schema (a schema violation
     * is an {@link AssertionError}); waits up to {@code timeout} for {@code expected} of them.
     */
    public static List<Event> ofClient(String topic, String clientId, String type, int expected, Duration timeout) {
        List<Event> found = await(
                topic,
                e -> clientId.equals(e.key())
                        && type.equals(e.header(org.cairn.contracts.events.CloudEventHeaders.TYPE)),
                expected,
                timeout);
        for (Event e : found) {
            List<String> errors = EventSchemas.errors(type, e.value());
            if (!errors.isEmpty()) {
                throw new AssertionError(type + " at offset " + e.offset() + " violates its schema: " + errors);
            }
        }
        return found;
    }

    /**
     * Waits up to {@code timeout} for records matching {@code filter}, returning all matches once at
     * least {@code expected} have been seen.
     */
    public static List<Event> await(String topic, Predicate<Event> filter, int expected, Duration timeout) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, InfraEnv.kafkaBootstrap());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<Event> matches = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            Instant deadline = Instant.now().plus(timeout);
            List<TopicPartition> partitions = new ArrayList<>();
            while (partitions.isEmpty() && Instant.now().isBefore(deadline)) {
                try {
                    List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(5));
                    if (infos != null) {
                        infos.forEach(i -> partitions.add(new TopicPartition(topic, i.partition())));
                    }
                } catch (org.apache.kafka.common.errors.TimeoutException notYet) {
                    // The topic does not exist yet: keep waiting until the deadline.
                }
            }
            if (partitions.isEmpty()) {
                return matches;
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (matches.size() < expected && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(250))) {
                    Map<String, String> headers = new HashMap<>();
                    for (Header h : record.headers()) {
                        headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8));
                    }
                    Event event = new Event(
                            record.topic(), record.partition(), record.offset(), record.key(), headers, record.value());
                    if (filter.test(event)) {
                        matches.add(event);
                    }
                }
            }
        }
        return matches;
    }
}
