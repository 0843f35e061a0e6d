package org.cairn.platform.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntConsumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.cairn.platform.outbox.OutboxRelay;
import org.cairn.platform.testapp.NoteConsumer;
import org.cairn.platform.testapp.NoteService;
import org.cairn.testing.DemoUsers;
import org.cairn.testing.InfraEnv;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * How long an event takes from the commit of the transaction that wrote it to the commit of the
 * consumer's effect, at a steady rate: outbox row, the relay woken by its writer once the transaction
 * is over (as the end of an HTTP request or of an inbox transaction wakes it), Kafka (acks=all), consumer,
 * inbox transaction. The baseline, measured in the same run at the same rate, is a bare Kafka
 * produce-to-consume round trip (acks=all), so the ratio shows what the outbox and inbox add.
 *
 * <p>Run with {@code bench/run propagation} (which records the result in the harness's style) or
 * {@code dev/test -Pbench -pl shared-platform -am}. Environment variables tune it (not system
 * properties, see {@link #setting}): {@code CAIRN_BENCH_RATE} (events per second, default 200),
 * {@code CAIRN_BENCH_SECONDS} (measured seconds, default 30) and {@code CAIRN_BENCH_WARMUP} (seconds
 * at the same rate before them, default 5). Each path runs warm-up and measured seconds without a
 * gap; only events sent in the measured seconds are timed.
 * It asserts only that every event arrived, never a time: results go to
 * {@code shared-platform/target/benchmarks/outbox-propagation.md} and, machine-readable, to
 * {@code outbox-propagation.json} next to it.
 */
@QuarkusTest
@Tag("benchmark")
class OutboxPropagationBenchmark {

    private static final int RATE = setting("CAIRN_BENCH_RATE", 200);
    private static final int SECONDS = setting("CAIRN_BENCH_SECONDS", 30);
    private static final int WARMUP_SECONDS = setting("CAIRN_BENCH_WARMUP", 5);
    private static final int CLIENTS = 50;

    @Inject
    NoteService notes;

    @Inject
    OutboxRelay relay;

    /**
     * A setting from the environment. Not from a system property such as {@code -Dcairn.bench.rate}:
     * the platform's configuration root is {@code cairn} ({@code CairnConfig}), and SmallRye Config
     * refuses to start the test app with an unknown {@code cairn.*} system property (SRCFG00050),
     * while it ignores unknown environment variables.
     */
    private static int setting(String name, int defaultValue) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? defaultValue : Integer.parseInt(value.strip());
    }

    @Test
    void commitToConsumerEffect_atSteadyRate() throws Exception {
        Stats baseline = kafkaRoundTrip();
        Stats outbox = outboxPropagation();

        String report = """
                # Outbox propagation benchmark

                rate %d events/s, %d s measured after %d s warm-up, %d clients, one JVM, 2-core machine

                | path | events | achieved rate/s | p50 ms | p90 ms | p99 ms | max ms |
                |---|---|---|---|---|---|---|
                %s
                %s

                ratio outbox/baseline: p50 %.1fx, p99 %.1fx
                """.formatted(
                        RATE,
                        SECONDS,
                        WARMUP_SECONDS,
                        CLIENTS,
                        baseline.row("Kafka produce→consume (baseline)"),
                        outbox.row("commit → consumer effect (outbox, inbox)"),
                        outbox.p(50) / baseline.p(50),
                        outbox.p(99) / baseline.p(99));
        Path out = Path.of("target", "benchmarks", "outbox-propagation.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report, StandardCharsets.UTF_8);
        writeJson(out.resolveSibling("outbox-propagation.json"), baseline, outbox);
        System.out.println(report);

        assertThat(outbox.count()).isEqualTo((long) RATE * SECONDS);
    }

    /** The same numbers as the markdown report, for bench/run (bench/lib/results.py reads them). */
    private static void writeJson(Path path, Stats baseline, Stats outbox) throws Exception {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("benchmark", OutboxPropagationBenchmark.class.getName());
        json.put("rate", RATE);
        json.put("seconds", SECONDS);
        json.put("warmup_seconds", WARMUP_SECONDS);
        json.put("clients", CLIENTS);
        json.put("expected", (long) RATE * SECONDS);
        json.put("baseline", baseline.toJson("Kafka produce→consume, acks=all (baseline)"));
        json.put(
                "outbox",
                outbox.toJson("commit → consumer's inbox transaction committed (outbox, relay, Kafka, inbox)"));
        Map<String, Object> ratio = new LinkedHashMap<>();
        for (double percentile : new double[] {50, 99}) {
            ratio.put("p" + (int) percentile, Stats.round(outbox.p(percentile) / baseline.p(percentile), 2));
        }
        json.put("ratio_outbox_to_baseline", ratio);
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(path.toFile(), json);
    }

    private Stats outboxPropagation() throws Exception {
        List<String> measured = new ArrayList<>();
        int[] counter = {0};
        long started = paced(RATE * (WARMUP_SECONDS + SECONDS), i -> {
            String client = "bench-" + (i % CLIENTS);
            try {
                String id = VertxContextSupport.subscribeAndAwait(
                        () -> notes.writeCommitted(DemoUsers.HOSPITAL_AGENCY, client, i, false));
                // what the platform does once a request or an inbox transaction is over
                relay.committed();
                if (i >= RATE * WARMUP_SECONDS) {
                    measured.add(id);
                }
                counter[0]++;
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
        });
        double seconds = (System.nanoTime() - started) / 1e9;
        await().atMost(Duration.ofSeconds(120))
                .until(() -> measured.stream().allMatch(NoteConsumer.APPLIED_AT::containsKey));
        List<Double> latencies = new ArrayList<>();
        for (String id : measured) {
            latencies.add((NoteConsumer.APPLIED_AT.get(id) - NoteService.COMMITTED_AT.get(id)) / 1e6);
        }
        return new Stats(latencies, counter[0] / seconds);
    }

    private Stats kafkaRoundTrip() throws Exception {
        String topic = "cairn.platform-test.bench-baseline";
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        Map<String, Long> receivedAt = new ConcurrentHashMap<>();
        AtomicBoolean running = new AtomicBoolean(true);
        Properties producerProps = new Properties();
        producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, InfraEnv.kafkaBootstrap());
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producerProps.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        Properties consumerProps = new Properties();
        consumerProps.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, InfraEnv.kafkaBootstrap());
        consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaProducer<String, String> producer =
                        new KafkaProducer<>(producerProps, new StringSerializer(), new StringSerializer());
                KafkaConsumer<String, String> consumer =
                        new KafkaConsumer<>(consumerProps, new StringDeserializer(), new StringDeserializer())) {
            producer.send(new ProducerRecord<>(topic, "warm", "warm")).get();
            List<TopicPartition> partitions = producer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            Thread reader = new Thread(() -> {
                while (running.get()) {
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(50))) {
                        receivedAt.putIfAbsent(record.value(), System.nanoTime());
                    }
                }
            });
            reader.start();
            String run = Long.toString(System.nanoTime());
            long started = paced(RATE * (WARMUP_SECONDS + SECONDS), i -> {
                String value = run + "-" + i;
                sentAt.put(value, System.nanoTime());
                producer.send(new ProducerRecord<>(topic, "bench-" + (i % CLIENTS), value));
            });
            double seconds = (System.nanoTime() - started) / 1e9;
            List<String> measured = new ArrayList<>();
            for (int i = RATE * WARMUP_SECONDS; i < RATE * (WARMUP_SECONDS + SECONDS); i++) {
                measured.add(run + "-" + i);
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> measured.stream().allMatch(receivedAt::containsKey));
            running.set(false);
            reader.join();
            List<Double> latencies = new ArrayList<>();
            for (String value : measured) {
                latencies.add((receivedAt.get(value) - sentAt.get(value)) / 1e6);
            }
            return new Stats(latencies, RATE * (WARMUP_SECONDS + SECONDS) / seconds);
        }
    }

    /** Calls {@code action} {@code total} times at {@link #RATE} per second; returns the start in nanos. */
    private static long paced(int total, IntConsumer action) throws InterruptedException {
        long interval = 1_000_000_000L / RATE;
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            action.accept(i);
        }
        return start;
    }

    record Stats(List<Double> latencies, double achievedRate) {

        Stats {
            latencies = latencies.stream().sorted().toList();
        }

        long count() {
            return latencies.size();
        }

        double p(double percentile) {
            int index = (int) Math.ceil(percentile / 100.0 * latencies.size()) - 1;
            return latencies.get(Math.max(0, Math.min(index, latencies.size() - 1)));
        }

        double max() {
            return latencies.get(latencies.size() - 1);
        }

        double mean() {
            return latencies.stream().mapToDouble(Double::doubleValue).sum() / latencies.size();
        }

        Map<String, Object> toJson(String path) {
            Map<String, Object> latency = new LinkedHashMap<>();
            latency.put("p50", round(p(50), 2));
            latency.put("p90", round(p(90), 2));
            latency.put("p99", round(p(99), 2));
            latency.put("p99_9", round(p(99.9), 2));
            latency.put("max", round(max(), 2));
            latency.put("mean", round(mean(), 2));
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("path", path);
            json.put("count", count());
            json.put("achieved_rate", round(achievedRate, 1));
            json.put("latency_ms", latency);
            return json;
        }

        static double round(double value, int digits) {
            double scale = Math.pow(10, digits);
            return Math.round(value * scale) / scale;
        }

        String row(String name) {
            return "| %s | %d | %.0f | %.1f | %.1f | %.1f | %.1f |"
                    .formatted(name, count(), achievedRate, p(50), p(90), p(99), max());
        }
    }
}
