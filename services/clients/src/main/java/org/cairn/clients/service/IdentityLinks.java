package org.cairn.clients.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.cairn.clients.Client;
import org.cairn.clients.IdentityLink;
import org.cairn.contracts.events.ClientLinkedV1;
import org.cairn.contracts.events.ClientUnlinkedV1;
import org.cairn.contracts.vocabulary.AuditAction;
import org.cairn.platform.agency.Caller;
import org.cairn.platform.audit.AuditEntry;
import org.cairn.platform.audit.AuditTrail;
import org.cairn.platform.outbox.Outbox;
import org.cairn.platform.outbox.OutboxMessage;
import org.cairn.platform.problem.Problems;

/**
 * Links between two records of the same person. A link merges nothing: both records stay whole,
 * each read of one also shows the other (as far as the reader's agency may see it), and unlinking
 * leaves both exactly as they were.
 */
@ApplicationScoped
public class IdentityLinks {

    static final String RESOURCE = "identity-link";

    private final Outbox outbox;
    private final AuditTrail audit;

    IdentityLinks(Outbox outbox, AuditTrail audit) {
        this.outbox = outbox;
        this.audit = audit;
    }

    public Uni<IdentityLink> link(Caller caller, UUID clientId, UUID otherClientId) {
        if (clientId.equals(otherClientId)) {
            throw Problems.badRequest("self-link", "A record cannot be linked to itself.");
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return Panache.withTransaction(() -> ClientRegistry.requireVisible(caller, Set.of(clientId, otherClientId))
                .chain(() -> IdentityLink.count(
                        "unlinkedAt is null and ((clientId = ?1 and otherClientId = ?2) or (clientId = ?2 and otherClientId = ?1))",
                        clientId,
                        otherClientId))
                .chain(n -> {
                    if (n > 0) {
                        return Uni.createFrom()
                                .failure(Problems.conflict("already-linked", "The records are already linked."));
                    }
                    IdentityLink link = new IdentityLink();
                    link.id = UUID.randomUUID();
                    link.clientId = clientId;
                    link.otherClientId = otherClientId;
                    link.linkedByAgency = caller.agencyId();
                    link.linkedAt = now;
                    return link.<IdentityLink>persist()
                            .call(() -> announceLinked(caller, link, clientId, otherClientId))
                            .call(() -> announceLinked(caller, link, otherClientId, clientId));
                }));
    }

    public Uni<IdentityLink> unlink(Caller caller, UUID clientId, UUID linkId) {
        return Panache.withTransaction(() -> IdentityLink.<IdentityLink>findById(linkId)
                .chain(link -> link == null
                                || link.unlinkedAt != null
                                || !(link.clientId.equals(clientId) || link.otherClientId.equals(clientId))
                        ? Uni.createFrom().failure(Problems.notFound(RESOURCE, linkId))
                        : ClientRegistry.requireVisible(caller, Set.of(link.clientId, link.otherClientId))
                                .replaceWith(link))
                .call(link -> {
                    link.unlinkedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
                    link.unlinkedBy = caller.userId();
                    return announceUnlinked(caller, link, link.clientId, link.otherClientId)
                            .chain(() -> announceUnlinked(caller, link, link.otherClientId, link.clientId));
                }));
    }

    /** The other records linked to a client that the caller's agency may see. */
    public static Uni<List<Client>> linkedVisible(Caller caller, UUID clientId) {
        return Client.<Client>find(LINKED_VISIBLE, clientId, caller.agencyId()).list();
    }

    /** The records currently linked to client ?1 that agency ?2 may see, with their collections. */
    static final String LINKED_VISIBLE = "select c from Client c"
            + " left join fetch c.contactPoints left join fetch c.identifiers"
            + " where c.id in (select case when l.clientId = ?1 then l.otherClientId else l.clientId end"
            + " from IdentityLink l where l.unlinkedAt is null and (l.clientId = ?1 or l.otherClientId = ?1))"
            + " and exists (select 1 from ClientAccess a where a.clientId = c.id and a.agencyId = ?2)"
            + " order by c.createdAt, c.id";

    /** The current links of a client (ids only), for the client's own agencies. */
    public static Uni<List<IdentityLink>> links(UUID clientId) {
        return IdentityLink.list("unlinkedAt is null and (clientId = ?1 or otherClientId = ?1)", clientId);
    }

    private Uni<Void> announceLinked(Caller caller, IdentityLink link, UUID key, UUID other) {
        return announce(
                caller,
                link,
                key,
                new ClientLinkedV1(
                        key.toString(), other.toString(), link.id.toString(), caller.agencyId(), link.linkedAt));
    }

    private Uni<Void> announceUnlinked(Caller caller, IdentityLink link, UUID key, UUID other) {
        return announce(
                caller,
                link,
                key,
                new ClientUnlinkedV1(
                        key.toString(), other.toString(), link.id.toString(), caller.agencyId(), link.unlinkedAt));
    }

    /** The event on the client's key, and the audit record of the change to that client. */
    private Uni<Void> announce(Caller caller, IdentityLink link, UUID key, Record event) {
        return outbox.add(new OutboxMessage(ClientRegistry.RESOURCE, key.toString(), caller.agencyId(), event))
                .chain(() ->
                        audit.record(AuditEntry.of(AuditAction.UPDATED, RESOURCE, link.id.toString(), key.toString())));
    }
}
