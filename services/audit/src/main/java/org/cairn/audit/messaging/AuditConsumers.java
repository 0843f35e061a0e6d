package org.cairn.audit.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.cairn.audit.service.AuditLog;
import org.cairn.contracts.events.AuditRecordedV1;
import org.cairn.contracts.events.CloudEventHeaders;
import org.cairn.contracts.events.EventCatalog;
import org.cairn.contracts.events.EventSchemas;
import org.cairn.platform.cases.CaseDirectory;
import org.cairn.platform.inbox.EventHandlers;
import org.cairn.platform.inbox.Inbox;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * The audit topic, every service's records; and the clients service's cases, which tell whose
 * clients an agency serves. A record that does not match the audit event's schema is refused (the
 * channel's failure strategy takes it to the dead-letter topic, the violations as its reason) and
 * counted in {@code cairn_audit_rejected_total}; the partition goes on.
 */
@ApplicationScoped
public class AuditConsumers {

    static final String AUDIT_TYPE = EventCatalog.typeName(AuditRecordedV1.class);

    private final Inbox inbox;
    private final EventHandlers records;
    private final EventHandlers clients;
    private final Counter rejected;

    AuditConsumers(Inbox inbox, AuditLog log, CaseDirectory cases, MeterRegistry metrics) {
        this.inbox = inbox;
        this.records =
                EventHandlers.builder().on(AuditRecordedV1.class, log::append).build();
        this.clients = cases.handlers(EventHandlers.builder()).build();
        this.rejected = Counter.builder("cairn.audit.rejected")
                .description("Records on the audit topic refused for not matching the audit event's schema")
                .register(metrics);
    }

    @Incoming("audit-in")
    Uni<Void> onRecord(Message<String> message) {
        String type = Inbox.header(message, CloudEventHeaders.TYPE).orElse("");
        List<String> violations = AUDIT_TYPE.equals(type)
                ? EventSchemas.errors(AuditRecordedV1.class, message.getPayload())
                : List.of("not a " + AUDIT_TYPE + " record: ce_type is '" + type + "'");
        if (!violations.isEmpty()) {
            rejected.increment();
            return Uni.createFrom()
                    .completionStage(message.nack(
                            new IllegalArgumentException("audit record refused: " + String.join("; ", violations))));
        }
        return inbox.process("audit.records", message, records);
    }

    @Incoming("clients-in")
    Uni<Void> onClientEvent(Message<String> message) {
        return inbox.process("audit.clients", message, clients);
    }
}
