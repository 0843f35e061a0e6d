import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Dev-only readiness probe for the local Kafka broker, used by dev/infra.
 *
 * One JVM instead of a handful of console tools: it makes sure the suite's topics exist
 * (creating missing ones, growing ones that have fewer partitions than asked), then proves
 * the broker works end to end by producing a unique message to the readiness topic and
 * consuming exactly that record back from the offset the broker acknowledged.
 *
 * Usage: KafkaReady BOOTSTRAP PARTITIONS TIMEOUT_SECONDS READY_TOPIC [TOPIC...]
 * Exit code 0 when ready, 1 otherwise (the reason goes to stderr).
 */
public final class KafkaReady {

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: KafkaReady BOOTSTRAP PARTITIONS TIMEOUT_SECONDS READY_TOPIC [TOPIC...]");
            System.exit(2);
        }
        String bootstrap = args[0];
        int partitions = Integer.parseInt(args[1]);
        long deadline = System.nanoTime() + Duration.ofSeconds(Long.parseLong(args[2])).toNanos();
        String readyTopic = args[3];
        List<String> topics = new ArrayList<>(List.of(args).subList(4, args.length));

        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                ensureTopics(bootstrap, partitions, readyTopic, topics);
                roundTrip(bootstrap, readyTopic, deadline);
                System.exit(0);
            } catch (Exception e) {
                last = e;
                Thread.sleep(300);
            }
        }
        System.err.println("kafka not ready: " + (last == null ? "timed out" : last));
        System.exit(1);
    }

    private static void ensureTopics(String bootstrap, int partitions, String readyTopic, List<String> topics)
            throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
        p.put(AdminClientConfig.CLIENT_ID_CONFIG, "cairn-dev-infra");
        try (Admin admin = Admin.create(p)) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = new ArrayList<>();
            if (!existing.contains(readyTopic)) {
                missing.add(new NewTopic(readyTopic, 1, (short) 1));
            }
            List<String> present = new ArrayList<>();
            for (String t : topics) {
                if (existing.contains(t)) {
                    present.add(t);
                } else {
                    missing.add(new NewTopic(t, partitions, (short) 1));
                }
            }
            for (NewTopic t : missing) {
                try {
                    admin.createTopics(List.of(t)).all().get();
                    System.out.println("created topic " + t.name() + " (" + t.numPartitions() + " partitions)");
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
            if (!present.isEmpty()) {
                Map<String, TopicDescription> described = admin.describeTopics(present).allTopicNames().get();
                Map<String, NewPartitions> grow = new HashMap<>();
                described.forEach((name, d) -> {
                    if (d.partitions().size() < partitions) {
                        grow.put(name, NewPartitions.increaseTo(partitions));
                    }
                });
                if (!grow.isEmpty()) {
                    admin.createPartitions(grow).all().get();
                    System.out.println("grew to " + partitions + " partitions: " + grow.keySet());
                }
            }
        }
    }

    private static void roundTrip(String bootstrap, String topic, long deadline) throws Exception {
        String token = "ready-" + UUID.randomUUID();

        Properties pp = new Properties();
        pp.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        pp.put(ProducerConfig.ACKS_CONFIG, "all");
        pp.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        pp.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
        pp.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "10000");
        pp.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        pp.put(ProducerConfig.CLIENT_ID_CONFIG, "cairn-dev-infra-producer");
        RecordMetadata md;
        try (KafkaProducer<String, String> producer =
                     new KafkaProducer<>(pp, new StringSerializer(), new StringSerializer())) {
            md = producer.send(new ProducerRecord<>(topic, 0, token, token)).get();
        }

        Properties cp = new Properties();
        cp.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        cp.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        cp.put(ConsumerConfig.CLIENT_ID_CONFIG, "cairn-dev-infra-consumer");
        // No group.id: the partition is assigned by hand, so no group coordinator is involved.
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(cp, new StringDeserializer(), new StringDeserializer())) {
            TopicPartition tp = new TopicPartition(topic, md.partition());
            consumer.assign(List.of(tp));
            consumer.seek(tp, md.offset());
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    if (token.equals(r.value())) {
                        System.out.println("round trip ok: " + topic + "-" + r.partition() + "@" + r.offset());
                        return;
                    }
                }
            }
        }
        throw new IllegalStateException("produced " + token + " but did not read it back");
    }

    private KafkaReady() {
    }
}
