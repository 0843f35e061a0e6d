package org.cairn.platform.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Context;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringSerializer;
import org.cairn.contracts.events.CloudEventHeaders;
import org.cairn.platform.config.CairnConfig;
import org.jboss.logging.Logger;

/**
 * Publishes committed outbox rows to Kafka as CloudEvents (binary mode), in commit order per client.
 *
 * <p>The instance that writes a row wakes its own relay: the row is {@link #expect expected} from the
 * moment it is written, and the relay is {@link #committed woken} once the transaction is over (by the
 * end of the HTTP request, or of the consumer's inbox transaction, that wrote it). A row written
 * elsewhere (a timer's transaction) is looked for soon and then less often until it is sent or given
 * up on (rolled back, or sent by another replica). A periodic sweep catches whatever that missed (a
 * row written by an instance that died before relaying it, a failed send). No NOTIFY: a
 * transaction that notifies takes PostgreSQL's one notification-queue lock before its commit and holds
 * it through the commit's flush, so every notifying commit on the server, of any database, waits for
 * the one before it (measured here: 16 connections inserting a row per transaction, 12,300 commits/s
 * without a notify, 2,900 with one). Each round locks a batch
 * with {@code FOR UPDATE SKIP LOCKED} (so several replicas share the work), leaves out any row whose
 * client still has an earlier unsent row outside the batch (so no replica overtakes another on one
 * key), sends with {@code acks=all} and idempotence, and marks rows sent only once the broker has
 * acknowledged them. A row that fails waits with exponential backoff and is tried again; nothing is
 * dropped. Delivery is at least once: consumers de-duplicate through the inbox.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    /** How long a written row is looked for before the relay leaves it to the sweep. */
    static final Duration EXPECT_FOR = Duration.ofSeconds(5);

    /** The first look for an expected row, and the longest pause between two while none turns up. */
    static final long CHASE_FIRST_MS = 5;

    static final long CHASE_MAX_MS = 100;

    /**
     * Due rows in commit order, leaving out any row whose client has an earlier unsent row that is
     * waiting out a backoff (inside the lock, so such rows never fill the batch and starve others)
     * or that is outside this batch (locked by another replica, so none overtakes another).
     */
    static final String SELECT_BATCH = """
            with candidates as (
                select o.id, o.seq, o.aggregateid from outbox_event o
                where o.sent_at is null and o.parked_at is null
                  and (o.next_attempt_at is null or o.next_attempt_at <= clock_timestamp())
                  and not exists (
                      select 1 from outbox_event w
                      where w.aggregateid = o.aggregateid and w.sent_at is null and w.parked_at is null
                        and w.seq < o.seq and w.next_attempt_at > clock_timestamp())
                order by o.seq
                limit $1
                for update of o skip locked)
            select o.id, o.aggregateid, o.type, o.topic, o.source, o.agencyid, o.timestamp,
                   o.payload::text as payload
            from outbox_event o join candidates c on c.id = o.id
            where not exists (
                select 1 from outbox_event e
                where e.aggregateid = c.aggregateid and e.sent_at is null and e.parked_at is null
                  and e.seq < c.seq and e.id not in (select id from candidates))
            order by o.seq""";

    static final String MARK_SENT = "update outbox_event set sent_at = now(), last_error = null where id = any($1)";

    /** Backoff doubles per attempt up to the maximum; a row that failed too often is parked. */
    static final String MARK_FAILED = """
            update outbox_event set attempts = attempts + 1,
                next_attempt_at = clock_timestamp()
                    + least($2::float8 * power(2, least(attempts, 20)), $3::float8) * interval '1 second',
                parked_at = case when attempts + 1 >= $5 then clock_timestamp() end,
                last_error = $4
            where id = any($1)
            returning parked_at is not null as parked""";

    static final String STATS = """
            select count(*) filter (where parked_at is null) as unsent,
                   count(*) filter (where parked_at is not null) as parked,
                   coalesce(extract(epoch from now() - min(timestamp) filter (where parked_at is null)), 0)::float8
                       as age
            from outbox_event where sent_at is null""";

    private static final Duration HOUSEKEEPING_EVERY = Duration.ofMinutes(1);

    private final Pool pool;
    private final Vertx vertx;
    private final CairnConfig.Outbox settings;
    private final CairnConfig config;
    private final Map<String, Object> kafka;
    private final MeterRegistry registry;

    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean pending = new AtomicBoolean();
    private volatile boolean stopped;
    private volatile double oldestUnsentAgeSeconds;
    private volatile long unsent;
    private volatile long parked;
    private volatile Instant lastWarning = Instant.EPOCH;
    /** Rows written here, not yet seen sent, with when the relay stops looking for each (nanoTime). */
    private final Map<UUID, Long> expected = new ConcurrentHashMap<>();

    private final Object chaseLock = new Object();
    private long chaseTimer = -1;
    private volatile long chaseDelayMs = CHASE_FIRST_MS;

    /** Rows this relay has marked sent, so a round can tell whether it moved anything. */
    private volatile long sentHere;

    private final Object producerLock = new Object();
    private volatile KafkaProducer<String, String> producer;
    private ExecutorService sender;
    private Context context;
    private long timer = -1;
    private long housekeepingTimer = -1;
    private long vacuumTimer = -1;
    private boolean vacuuming;
    private Counter sentCounter;
    private Counter failedCounter;
    private Counter resetCounter;

    OutboxRelay(
            @ReactiveDataSource(Outbox.DATASOURCE) Pool pool,
            Vertx vertx,
            CairnConfig config,
            @Identifier("default-kafka-broker") Map<String, Object> kafka,
            MeterRegistry registry) {
        this.pool = pool;
        this.vertx = vertx;
        this.config = config;
        this.settings = config.outbox();
        this.kafka = kafka;
        this.registry = registry;
    }

    void start(@Observes StartupEvent event) {
        Gauge.builder("cairn.outbox.oldest.unsent.age", this, r -> r.oldestUnsentAgeSeconds)
                .description("Age of the oldest outbox event not yet acknowledged by Kafka")
                .baseUnit("seconds")
                .register(registry);
        Gauge.builder("cairn.outbox.unsent", this, r -> r.unsent)
                .description("Outbox events not yet acknowledged by Kafka")
                .register(registry);
        Gauge.builder("cairn.outbox.parked", this, r -> r.parked)
                .description("Outbox events that failed too often and wait for an operator")
                .register(registry);
        sentCounter = Counter.builder("cairn.outbox.sent").register(registry);
        failedCounter = Counter.builder("cairn.outbox.send.failures").register(registry);
        resetCounter = Counter.builder("cairn.outbox.producer.resets")
                .description("Producers the relay gave up on because the broker left a batch unacknowledged")
                .register(registry);
        // Housekeeping runs whether or not this instance relays (Debezium may do that instead).
        housekeepingTimer = vertx.setPeriodic(HOUSEKEEPING_EVERY.toMillis(), id -> housekeeping());
        if (!settings.vacuumEvery().isZero()) {
            vacuumTimer = vertx.setPeriodic(settings.vacuumEvery().toMillis(), id -> vacuum());
        }
        if (!settings.relayEnabled()) {
            LOG.info("Outbox relay disabled (cairn.outbox.relay.enabled=false)");
            return;
        }
        context = vertx.getOrCreateContext();
        producer = newProducer();
        sender = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "cairn-outbox-relay");
            thread.setDaemon(true);
            return thread;
        });
        timer = vertx.setPeriodic(settings.sweepInterval().toMillis(), id -> sweep());
        trigger();
    }

    void stop(@Observes @Priority(1) ShutdownEvent event) {
        stopped = true;
        cancelChase();
        expected.clear();
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        if (housekeepingTimer >= 0) {
            vertx.cancelTimer(housekeepingTimer);
        }
        if (vacuumTimer != -1) {
            vertx.cancelTimer(vacuumTimer);
        }
        if (sender != null) {
            sender.shutdownNow();
        }
        synchronized (producerLock) {
            if (producer != null) {
                producer.close(Duration.ofSeconds(2));
            }
        }
    }

    /** Age of the oldest unsent event at the last sweep, in seconds; 0 when none waits. */
    public double oldestUnsentAgeSeconds() {
        return oldestUnsentAgeSeconds;
    }

    /** Parked events at the last sweep. */
    public long parked() {
        return parked;
    }

    /** Unsent events at the last sweep. */
    public long unsent() {
        return unsent;
    }

    public boolean enabled() {
        return settings.relayEnabled();
    }

    /**
     * Says that a row was written in a transaction that has not committed yet. Until it is sent (for
     * {@link #EXPECT_FOR} at most) the relay looks for it now and then (5, 10, 20 … up to 100 ms apart
     * while it finds nothing), in case no {@link #committed} comes. A row that never commits (rolled
     * back), or that another replica sends, is looked for like that for those 5 s, about ten cheap
     * looks a second, and every {@code committed} meanwhile starts a round.
     */
    public void expect(UUID id) {
        if (stopped || producer == null) {
            return;
        }
        expected.put(id, System.nanoTime() + EXPECT_FOR.toNanos());
        chaseAfter(chaseDelayMs);
    }

    /**
     * Says that a transaction which may have written rows is over (an HTTP request has answered, an
     * inbox transaction has ended): the relay drains now if any row written here is still unsent.
     */
    public void committed() {
        if (!expected.isEmpty()) {
            trigger();
        }
    }

    private void chaseAfter(long delayMs) {
        synchronized (chaseLock) {
            if (stopped || chaseTimer >= 0) {
                return;
            }
            chaseTimer = vertx.setTimer(delayMs, id -> {
                synchronized (chaseLock) {
                    if (chaseTimer == id) {
                        chaseTimer = -1;
                    }
                }
                trigger();
            });
        }
    }

    /** Nothing written here waits any more: no need for the timed look. */
    private void cancelChase() {
        synchronized (chaseLock) {
            // a row expected meanwhile found this timer set and counts on it
            if (chaseTimer >= 0 && (stopped || expected.isEmpty())) {
                vertx.cancelTimer(chaseTimer);
                chaseTimer = -1;
            }
        }
    }

    /** After a drain: look again later while rows written here are still expected. */
    private void chaseExpected(boolean sentSome) {
        if (!expected.isEmpty()) {
            long now = System.nanoTime();
            expected.values().removeIf(until -> until - now < 0);
        }
        if (expected.isEmpty()) {
            cancelChase();
            chaseDelayMs = CHASE_FIRST_MS;
            return;
        }
        chaseDelayMs = sentSome ? CHASE_FIRST_MS : Math.min(chaseDelayMs * 2, CHASE_MAX_MS);
        chaseAfter(chaseDelayMs);
    }

    /** Asks for a drain; concurrent asks fold into the one running, which then goes round again. */
    public void trigger() {
        if (stopped || producer == null) {
            return;
        }
        pending.set(true);
        if (draining.compareAndSet(false, true)) {
            drain();
        }
    }

    private void drain() {
        pending.set(false);
        long sentBefore = sentHere;
        drainBatch()
                .subscribe()
                .with(
                        rows -> {
                            if (rows >= settings.batchSize()) {
                                pending.set(true);
                            }
                            next();
                            chaseExpected(sentHere > sentBefore);
                        },
                        failure -> {
                            warn("Outbox relay round failed", failure);
                            draining.set(false);
                            // the rows still expected are looked for again, later and later
                            chaseExpected(false);
                        });
    }

    private void next() {
        if (pending.get() && !stopped) {
            drain();
            return;
        }
        draining.set(false);
        if (pending.get() && !stopped && draining.compareAndSet(false, true)) {
            drain();
        }
    }

    /** One round: lock a batch, send it, mark what the broker acknowledged. */
    Uni<Integer> drainBatch() {
        return pool.withTransaction(conn -> conn.preparedQuery(SELECT_BATCH)
                .execute(Tuple.of(settings.batchSize()))
                .chain(rows -> {
                    List<Row> batch = new ArrayList<>();
                    rows.forEach(batch::add);
                    if (batch.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    return send(batch).chain(outcome -> mark(conn, outcome)).replaceWith(batch.size());
                }));
    }

    private Uni<Outcome> send(List<Row> batch) {
        return Uni.createFrom()
                .<Outcome>emitter(emitter -> sender.execute(() -> emitter.complete(sendAndAwait(batch))))
                .emitOn(command -> context.runOnContext(command));
    }

    /**
     * Runs on the relay's own thread: {@code send} may block while the broker is away. Sending stops
     * at the first record the producer cannot take, and the rest of the batch is left
     * for the next round untouched: a later event of a client must never go out before an earlier
     * one. (Once handed over, the idempotent producer keeps each partition in order itself.)
     */
    private Outcome sendAndAwait(List<Row> batch) {
        Outcome outcome = new Outcome();
        KafkaProducer<String, String> producer = this.producer;
        List<Future<RecordMetadata>> acks = new ArrayList<>(batch.size());
        for (Row row : batch) {
            Future<RecordMetadata> ack;
            try {
                ack = producer.send(record(row));
            } catch (RuntimeException e) {
                outcome.fail(row.getUUID("id"), e);
                break;
            }
            acks.add(ack);
            // A record the producer could not even take (no metadata within max.block.ms) comes back
            // as an already failed future: stop here, before a later record overtakes it.
            if (ack.isDone() && failed(ack)) {
                break;
            }
        }
        long deadline = System.nanoTime() + settings.ackTimeout().toNanos();
        for (int i = 0; i < acks.size(); i++) {
            UUID id = batch.get(i).getUUID("id");
            try {
                acks.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                outcome.sent.add(id);
            } catch (ExecutionException e) {
                outcome.fail(id, e.getCause());
            } catch (TimeoutException e) {
                replaceProducer(producer, acks.size() - i);
                collectAfterReplacement(batch, acks, i, outcome);
                break;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                outcome.fail(id, e);
            }
        }
        return outcome;
    }

    /**
     * Gives up on a producer that holds records the broker has not acknowledged in time: closing it
     * without waiting fails whatever it still holds, and the next round sends those rows again, in
     * commit order, through a new producer with a new producer id. Records the old one had already
     * written appear twice on the topic (the inboxes drop the second), never out of order: one
     * producer's records reach a partition in its order, and the new one resends from the first
     * unacknowledged row on.
     */
    private void replaceProducer(KafkaProducer<String, String> stalled, int unacknowledged) {
        resetCounter.increment();
        LOG.warnf(
                "Kafka left %d outbox events unacknowledged for %d s; replacing the relay's producer and"
                        + " sending them again",
                unacknowledged, settings.ackTimeout().toSeconds());
        synchronized (producerLock) {
            stalled.close(Duration.ZERO);
            if (!stopped) {
                producer = newProducer();
            }
        }
    }

    /** After the old producer was closed: what it still got acknowledged counts, the rest is retried. */
    private static void collectAfterReplacement(
            List<Row> batch, List<Future<RecordMetadata>> acks, int from, Outcome outcome) {
        for (int j = from; j < acks.size(); j++) {
            UUID id = batch.get(j).getUUID("id");
            try {
                acks.get(j).get(1, TimeUnit.SECONDS);
                outcome.sent.add(id);
            } catch (ExecutionException e) {
                outcome.fail(id, e.getCause());
            } catch (TimeoutException e) {
                outcome.fail(id, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                outcome.fail(id, e);
            }
        }
    }

    private KafkaProducer<String, String> newProducer() {
        return new KafkaProducer<>(producerConfig(), new StringSerializer(), new StringSerializer());
    }

    private static boolean failed(Future<RecordMetadata> done) {
        try {
            done.get();
            return false;
        } catch (ExecutionException e) {
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private Uni<Void> mark(SqlConnection conn, Outcome outcome) {
        Uni<Void> sent = outcome.sent.isEmpty()
                ? Uni.createFrom().voidItem()
                : conn.preparedQuery(MARK_SENT)
                        .execute(Tuple.of(outcome.sent.toArray(UUID[]::new)))
                        .invoke(() -> {
                            sentCounter.increment(outcome.sent.size());
                            outcome.sent.forEach(expected::remove);
                            sentHere += outcome.sent.size();
                        })
                        .replaceWithVoid();
        if (outcome.failed.isEmpty()) {
            return sent;
        }
        failedCounter.increment(outcome.failed.size());
        warn(
                "Kafka did not acknowledge " + outcome.failed.size() + " outbox events; they will be retried",
                outcome.firstFailure);
        return sent.chain(() -> conn.preparedQuery(MARK_FAILED)
                .execute(Tuple.of(
                        outcome.failed.toArray(UUID[]::new),
                        (double) settings.retryBackoff().toMillis() / 1000d,
                        (double) settings.maxRetryBackoff().toMillis() / 1000d,
                        describe(outcome.firstFailure),
                        settings.maxAttempts()))
                .invoke(rows -> {
                    int newlyParked = 0;
                    for (Row row : rows) {
                        newlyParked += row.getBoolean("parked") ? 1 : 0;
                    }
                    if (newlyParked > 0) {
                        LOG.errorf(
                                "%d outbox events failed %d times and are parked; their clients' later events go on."
                                        + " Look at outbox_event rows with parked_at set.",
                                newlyParked, settings.maxAttempts());
                    }
                })
                .replaceWithVoid());
    }

    private ProducerRecord<String, String> record(Row row) {
        ProducerRecord<String, String> record =
                new ProducerRecord<>(row.getString("topic"), row.getString("aggregateid"), row.getString("payload"));
        header(record, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_1_0);
        header(record, CloudEventHeaders.ID, row.getUUID("id").toString());
        header(record, CloudEventHeaders.TYPE, row.getString("type"));
        header(record, CloudEventHeaders.SOURCE, row.getString("source"));
        header(record, CloudEventHeaders.SUBJECT, row.getString("aggregateid"));
        OffsetDateTime time = row.getOffsetDateTime("timestamp");
        header(record, CloudEventHeaders.TIME, DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time));
        header(record, CloudEventHeaders.AGENCY_ID, row.getString("agencyid"));
        header(record, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
        return record;
    }

    private static void header(ProducerRecord<String, String> record, String name, String value) {
        record.headers().add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8)));
    }

    private void sweep() {
        if (stopped) {
            return;
        }
        // rows another replica sent, or whose transaction rolled back, are forgotten here even while
        // every round fails
        long now = System.nanoTime();
        expected.values().removeIf(until -> until - now < 0);
        trigger();
        pool.preparedQuery(STATS)
                .execute()
                .subscribe()
                .with(
                        rows -> {
                            Row row = rows.iterator().next();
                            unsent = row.getLong("unsent");
                            parked = row.getLong("parked");
                            oldestUnsentAgeSeconds = row.getDouble("age");
                        },
                        failure -> warn("Outbox statistics unavailable", failure));
    }

    /** Forgets what no longer needs remembering: sent events, old inbox ids, old idempotency keys. */
    private void housekeeping() {
        Tuple ages = Tuple.of(
                (double) settings.retention().toSeconds(),
                (double) config.inbox().retention().toSeconds(),
                (double) config.idempotency().retention().toSeconds());
        pool.withTransaction(conn -> conn.preparedQuery(
                                "delete from outbox_event where sent_at < now() - $1 * interval '1 second'")
                        .execute(Tuple.of(ages.getDouble(0)))
                        .chain(() -> conn.preparedQuery(
                                        "delete from inbox_event where processed_at < now() - $1 * interval '1 second'")
                                .execute(Tuple.of(ages.getDouble(1))))
                        .chain(() -> conn.preparedQuery(
                                        "delete from idempotency_key where created_at < now() - $1 * interval '1 second'")
                                .execute(Tuple.of(ages.getDouble(2)))))
                .subscribe()
                .with(done -> {}, failure -> warn("Outbox housekeeping failed", failure));
    }

    /**
     * The platform's tables that have gathered enough dead row versions (or changes since their
     * statistics) to be worth a vacuum (or an analyze), by the server's own counters: autovacuum's
     * rule, at half its default scale factor.
     */
    static final String NEEDS_VACUUM = """
            select relname,
                   n_dead_tup > 1000 + 0.1 * n_live_tup as vacuum,
                   n_mod_since_analyze > 1000 + 0.1 * n_live_tup as analyze
            from pg_stat_user_tables
            where schemaname = current_schema()
              and relname in ('outbox_event', 'inbox_event', 'idempotency_key')""";

    /** Reclaims the dead row versions that sending and housekeeping leave; one run at a time. */
    private void vacuum() {
        if (vacuuming || stopped) {
            return;
        }
        vacuuming = true;
        pool.query(NEEDS_VACUUM)
                .execute()
                .chain(rows -> {
                    List<String> commands = new ArrayList<>();
                    for (Row row : rows) {
                        boolean vacuum = Boolean.TRUE.equals(row.getBoolean("vacuum"));
                        boolean analyze = Boolean.TRUE.equals(row.getBoolean("analyze"));
                        if (vacuum || analyze) {
                            // Table names from the fixed list above, never from input.
                            commands.add((vacuum ? "vacuum" + (analyze ? " (analyze) " : " ") : "analyze ")
                                    + row.getString("relname"));
                        }
                    }
                    Uni<Void> all = Uni.createFrom().voidItem();
                    for (String command : commands) {
                        all = all.chain(() -> pool.query(command).execute().replaceWithVoid());
                    }
                    return all;
                })
                .subscribe()
                .with(done -> vacuuming = false, failure -> {
                    vacuuming = false;
                    warn("Vacuum of the outbox tables failed", failure);
                });
    }

    private Map<String, Object> producerConfig() {
        Map<String, Object> props = new HashMap<>();
        kafka.forEach((key, value) -> {
            // Only client settings (bootstrap, security) carry over; SmallRye's own keys do not.
            if (key.contains(".") && value != null) {
                props.put(key, value);
            }
        });
        props.put(ProducerConfig.CLIENT_ID_CONFIG, config.serviceName() + "-outbox-relay");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        props.put(ProducerConfig.RETRIES_CONFIG, Integer.MAX_VALUE);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        // The producer never expires a record by itself: had it expired an earlier record of a client
        // while the broker was away, a later one of that client, sent in a later batch once it was
        // back, would have overtaken it (seen: "Expiring 2 record(s) ... 30000 ms", then seq 3..10
        // before 1 and 2). The relay gives up on the whole producer instead once a batch stays
        // unacknowledged for cairn.outbox.ack-timeout (replaceProducer), which fails every record it
        // holds at once; shutdown interrupts the waiting thread and closes the producer.
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Integer.MAX_VALUE);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 2_000);
        props.put(ProducerConfig.RETRY_BACKOFF_MAX_MS_CONFIG, 1_000);
        props.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1_000);
        return props;
    }

    private void warn(String what, Throwable failure) {
        // At most one warning every ten seconds: an outage should not flood the log.
        if (Instant.now().isAfter(lastWarning.plusSeconds(10))) {
            lastWarning = Instant.now();
            LOG.warnf("%s: %s", what, describe(failure));
        }
    }

    /** Class and message of a Kafka or connection failure; these carry no client data. */
    private static String describe(Throwable failure) {
        if (failure == null) {
            return "unknown";
        }
        String text = failure.getClass().getSimpleName() + ": " + failure.getMessage();
        return text.length() > 500 ? text.substring(0, 500) : text;
    }

    /** What the broker made of one batch. */
    private static final class Outcome {
        final List<UUID> sent = new ArrayList<>();
        final List<UUID> failed = new ArrayList<>();
        Throwable firstFailure;

        void fail(UUID id, Throwable cause) {
            failed.add(id);
            if (firstFailure == null) {
                firstFailure = cause;
            }
        }
    }
}
