package org.cairn.audit.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordBatchMetadata;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.cairn.audit.service.AuditLog;
import org.cairn.contracts.events.AuditRecordedV1;
import org.cairn.contracts.events.CloudEventHeaders;
import org.cairn.contracts.events.EventCatalog;
import org.cairn.contracts.events.EventJson;
import org.cairn.contracts.events.EventSchemas;
import org.cairn.platform.cases.CaseDirectory;
import org.cairn.platform.inbox.EventHandlers;
import org.cairn.platform.inbox.Inbox;
import org.cairn.platform.inbox.ReceivedEvent;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * The audit topic, every service's records, taken a batch (a poll) at a time; and the clients
 * service's cases, which tell whose clients an agency serves.
 *
 * <p>A record that does not match the audit event's schema is written to the dead-letter topic
 * with the violations as its reason, counted in {@code cairn_audit_rejected_total}, and the
 * partition goes on. The rest of the batch is stored in one transaction. When that fails (the
 * database unreachable, say), the batch is tried again, backing off up to 30 s, for as long as it
 * takes: the offsets are committed only once every record of the batch is stored or dead-lettered,
 * so an outage delays the trail and never drops from it.
 */
@ApplicationScoped
public class AuditConsumers {

    private static final Logger LOG = Logger.getLogger(AuditConsumers.class);

    static final String AUDIT_TYPE = EventCatalog.typeName(AuditRecordedV1.class);

    private final Pool pool;
    private final AuditLog log;
    private final EventHandlers clients;
    private final Inbox inbox;
    private final MutinyEmitter<String> deadLetters;
    private final Counter rejected;
    private final Counter retried;

    AuditConsumers(
            Pool pool,
            Inbox inbox,
            AuditLog log,
            CaseDirectory cases,
            MeterRegistry metrics,
            @Channel("audit-dead-letters") MutinyEmitter<String> deadLetters) {
        this.pool = pool;
        this.inbox = inbox;
        this.log = log;
        this.deadLetters = deadLetters;
        this.clients = cases.handlers(EventHandlers.builder()).build();
        this.rejected = Counter.builder("cairn.audit.rejected")
                .description("Records on the audit topic refused for not matching the audit event's schema")
                .register(metrics);
        this.retried = Counter.builder("cairn.audit.ingest.retries")
                .description(
                        "Attempts to store or dead-letter a batch of audit records that failed and were tried again")
                .register(metrics);
    }

    @Incoming("audit-in")
    @SuppressWarnings("unchecked")
    Uni<Void> onRecords(Message<List<String>> batch) {
        IncomingKafkaRecordBatchMetadata<String, String> metadata = batch.getMetadata(
                        IncomingKafkaRecordBatchMetadata.class)
                .orElseThrow(() -> new IllegalStateException("audit-in must be a batch channel"));
        List<ReceivedEvent<AuditRecordedV1>> accepted = new ArrayList<>();
        List<Message<String>> refused = new ArrayList<>();
        for (ConsumerRecord<String, String> record : metadata.getRecords()) {
            List<String> violations = violations(record);
            if (violations.isEmpty()) {
                accepted.add(event(record));
            } else {
                refused.add(Inbox.deadLetter(record, "audit record refused: " + String.join("; ", violations)));
            }
        }
        Uni<Void> deadLettered = refused.isEmpty()
                ? Uni.createFrom().voidItem()
                : Uni.join()
                        .all(refused.stream().map(deadLetters::sendMessage).toList())
                        .andFailFast()
                        .invoke(() -> rejected.increment(refused.size()))
                        .replaceWithVoid();
        Uni<Integer> stored = Uni.createFrom()
                .deferred(() -> pool.withTransaction(conn -> log.appendAll(conn, accepted)))
                .onFailure()
                .invoke(log::forgetAlertChecks);
        return persistently(deadLettered, "dead-lettered", refused.size())
                .chain(() -> persistently(stored, "stored", accepted.size()))
                .chain(() -> Uni.createFrom().completionStage(batch.ack()));
    }

    /** Tries again, backing off up to 30 s, until it succeeds: the batch is acknowledged only after. */
    private <T> Uni<T> persistently(Uni<T> step, String what, int records) {
        return step.onFailure()
                .invoke(failure -> retried.increment())
                .onFailure()
                .invoke(failure -> LOG.warnf(
                        "A batch of %d audit records could not be %s (%s%s); trying again",
                        records,
                        what,
                        failure.getClass().getName(),
                        // the SQL state, never the message: a database's messages may quote the values
                        failure instanceof PgException pg ? " " + pg.getSqlState() : ""))
                .onFailure()
                .retry()
                .withBackOff(Duration.ofMillis(200), Duration.ofSeconds(30))
                .indefinitely();
    }

    @Incoming("clients-in")
    Uni<Void> onClientEvent(Message<String> message) {
        return inbox.process("audit.clients", message, clients);
    }

    static List<String> violations(ConsumerRecord<String, String> record) {
        String type = Inbox.header(record.headers(), CloudEventHeaders.TYPE).orElse("");
        if (!AUDIT_TYPE.equals(type)) {
            return List.of("not a " + AUDIT_TYPE + " record: ce_type is '" + type + "'");
        }
        String id = Inbox.header(record.headers(), CloudEventHeaders.ID).orElse("");
        if (id.isBlank() || id.length() > Inbox.MAX_ID_LENGTH) {
            return List.of("ce_id must be present and at most " + Inbox.MAX_ID_LENGTH + " characters");
        }
        if (record.value() == null) {
            return List.of("the record has no value");
        }
        return EventSchemas.errors(AuditRecordedV1.class, record.value());
    }

    static ReceivedEvent<AuditRecordedV1> event(ConsumerRecord<String, String> record) {
        Headers headers = record.headers();
        AuditRecordedV1 data;
        try {
            data = EventJson.mapper().readValue(record.value(), AuditRecordedV1.class);
        } catch (JsonProcessingException e) {
            // the schema passed it, so this is a defect here; the message would quote the record
            throw new IllegalStateException("a valid audit record could not be read");
        }
        return new ReceivedEvent<>(
                Inbox.header(headers, CloudEventHeaders.ID).orElseThrow(),
                AUDIT_TYPE,
                Inbox.header(headers, CloudEventHeaders.SOURCE).orElse(null),
                Inbox.header(headers, CloudEventHeaders.SUBJECT).orElse(null),
                Inbox.header(headers, CloudEventHeaders.AGENCY_ID).orElse(null),
                Inbox.header(headers, CloudEventHeaders.TIME)
                        .map(t -> OffsetDateTime.parse(t).toInstant())
                        .orElse(Instant.now()),
                data);
    }
}
