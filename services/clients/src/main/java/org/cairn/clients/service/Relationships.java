package org.cairn.clients.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.cairn.clients.Codes;
import org.cairn.clients.Relationship;
import org.cairn.clients.rest.ConnectionRequests;
import org.cairn.contracts.vocabulary.AuditAction;
import org.cairn.platform.agency.Caller;
import org.cairn.platform.audit.AuditEntry;
import org.cairn.platform.audit.AuditTrail;
import org.cairn.platform.problem.Problem;
import org.cairn.platform.problem.Problems;

/** Typed relationships between clients; the legal-guardian flag is what consent relies on. */
@ApplicationScoped
public class Relationships {

    static final String RESOURCE = "relationship";

    public record RelationshipView(
            String id, String fromClientId, String toClientId, String type, boolean legalGuardian) {

        public static RelationshipView of(Relationship r) {
            return new RelationshipView(
                    r.id.toString(), r.fromClientId.toString(), r.toClientId.toString(), r.type, r.legalGuardian);
        }
    }

    private final AuditTrail audit;

    Relationships(AuditTrail audit) {
        this.audit = audit;
    }

    public Uni<Relationship> record(Caller caller, UUID fromClientId, ConnectionRequests.NewRelationship request) {
        if (fromClientId.equals(request.toClientId())) {
            throw Problems.invalid(List.of(new Problem.FieldError("toClientId", "must be another client")));
        }
        if (request.legalGuardian()
                && request.type() != Codes.RelationshipType.PARENT_OF
                && request.type() != Codes.RelationshipType.GUARDIAN_OF) {
            throw Problems.invalid(List.of(
                    new Problem.FieldError("legalGuardian", "only a parent or guardian can be a legal guardian")));
        }
        Relationship r = new Relationship();
        r.id = UUID.randomUUID();
        r.fromClientId = fromClientId;
        r.toClientId = request.toClientId();
        r.type = request.type().code();
        r.legalGuardian = request.legalGuardian();
        r.recordedByAgency = caller.agencyId();
        r.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return Panache.withTransaction(() -> ClientRegistry.requireVisible(
                        caller, Set.of(fromClientId, request.toClientId()))
                .chain(() -> r.persist())
                .call(() -> audit.record(
                        AuditEntry.of(AuditAction.CREATED, RESOURCE, r.id.toString(), fromClientId.toString())))
                .replaceWith(r));
    }

    /** The client's current relationships with clients the caller's agency may see. */
    public Uni<List<Relationship>> of(Caller caller, UUID clientId) {
        return Panache.withSession(() -> ClientRegistry.requireVisible(caller, Set.of(clientId))
                        .chain(() -> Relationship.<Relationship>list(
                                "(fromClientId = ?1 or toClientId = ?1) and endedAt is null", clientId))
                        .chain(all -> {
                            Uni<List<Relationship>> chain = Uni.createFrom().item(new ArrayList<>());
                            for (Relationship r : all) {
                                UUID other = r.fromClientId.equals(clientId) ? r.toClientId : r.fromClientId;
                                chain = chain.chain(list -> ClientRegistry.visible(caller.agencyId(), other)
                                        .map(visible -> {
                                            if (visible) {
                                                list.add(r);
                                            }
                                            return list;
                                        }));
                            }
                            return chain;
                        }))
                .call(list -> audit.record(AuditEntry.of(AuditAction.VIEWED, RESOURCE, null, clientId.toString())));
    }

    /** Whether {@code guardian} is, today, the legal guardian (or legal-guardian parent) of {@code client}. */
    static Uni<Boolean> isLegalGuardian(UUID guardian, UUID client) {
        return Relationship.count(
                        "fromClientId = ?1 and toClientId = ?2 and legalGuardian = true and endedAt is null",
                        guardian,
                        client)
                .map(n -> n > 0);
    }
}
