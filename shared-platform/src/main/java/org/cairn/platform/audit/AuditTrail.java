package org.cairn.platform.audit;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import org.cairn.contracts.events.AuditRecordedV1;
import org.cairn.platform.agency.AgencyContext;
import org.cairn.platform.agency.Caller;
import org.cairn.platform.config.CairnConfig;
import org.cairn.platform.outbox.Outbox;
import org.cairn.platform.outbox.OutboxMessage;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * The one call every service makes to account for an access to client data. The record goes through
 * the outbox, so it commits with the change it describes (or, for a read, in a transaction shared
 * with other reads' records, see {@link GroupCommit}) and reaches the audit service even if Kafka is
 * away at that moment.
 */
@ApplicationScoped
public class AuditTrail {

    private final Outbox outbox;
    private final AgencyContext agency;
    private final CairnConfig config;
    private final GroupCommit groupCommit;

    AuditTrail(Outbox outbox, AgencyContext agency, CairnConfig config, GroupCommit groupCommit) {
        this.outbox = outbox;
        this.agency = agency;
        this.config = config;
        this.groupCommit = groupCommit;
    }

    /**
     * Records an action of the current request's caller. Joins the caller's transaction when one is
     * open; otherwise the record is committed with other such records, and the returned item arrives
     * once it is.
     */
    public Uni<Void> record(AuditEntry entry) {
        return record(agency.caller(), entry);
    }

    /**
     * Records an action of a given actor: for work done on no request's behalf, such as applying
     * another service's event (the actor is then the service itself, e.g. {@code service:clients}).
     */
    public Uni<Void> record(Caller caller, AuditEntry entry) {
        OutboxMessage message = message(caller, entry);
        return currentTransaction()
                .chain(tx -> tx != null ? outbox.add(message).replaceWithVoid() : groupCommit.add(message));
    }

    /**
     * Records an action of the current request's caller in a transaction the caller holds on a
     * reactive pool connection, to commit with the change it describes.
     */
    public Uni<Void> recordOn(SqlConnection connection, AuditEntry entry) {
        return outbox.addOn(connection, message(agency.caller(), entry)).replaceWithVoid();
    }

    private OutboxMessage message(Caller caller, AuditEntry entry) {
        AuditRecordedV1 event = new AuditRecordedV1(
                Instant.now(),
                config.serviceName(),
                caller.agencyId(),
                new AuditRecordedV1.Actor(caller.userId(), caller.username(), List.copyOf(caller.roles())),
                entry.action(),
                entry.resourceType(),
                entry.resourceId(),
                entry.clientId(),
                entry.purpose(),
                entry.reason(),
                caller.requestId(),
                entry.consentIds().isEmpty() ? null : entry.consentIds(),
                caller.application());
        // Keyed by client so one client's trail stays in order; otherwise by agency.
        String key = entry.clientId() != null ? entry.clientId() : caller.agencyId();
        return new OutboxMessage(entry.resourceType(), key, caller.agencyId(), event);
    }

    /** The open transaction, or null when there is none (nor even a session to ask). */
    private static Uni<Mutiny.Transaction> currentTransaction() {
        try {
            return Panache.currentTransaction()
                    .onFailure(IllegalStateException.class)
                    .recoverWithNull();
        } catch (IllegalStateException noSession) {
            return Uni.createFrom().nullItem();
        }
    }
}
