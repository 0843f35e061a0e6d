package org.cairn.clients.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.cairn.clients.Household;
import org.cairn.clients.rest.ConnectionRequests;
import org.cairn.contracts.events.HouseholdChangedV1;
import org.cairn.contracts.vocabulary.AuditAction;
import org.cairn.platform.agency.Caller;
import org.cairn.platform.audit.AuditEntry;
import org.cairn.platform.audit.AuditTrail;
import org.cairn.platform.outbox.Outbox;
import org.cairn.platform.outbox.OutboxMessage;
import org.cairn.platform.problem.Problems;

/**
 * Households and their members. An agency sees a household through the members it may see, and
 * only those members: a household is no way into another agency's clients.
 */
@ApplicationScoped
public class Households {

    static final String RESOURCE = "household";

    /** A household as one agency sees it. */
    public record HouseholdView(String id, String name, List<MemberView> members) {}

    public record MemberView(String clientId, String role) {}

    private final Outbox outbox;
    private final AuditTrail audit;

    Households(Outbox outbox, AuditTrail audit) {
        this.outbox = outbox;
        this.audit = audit;
    }

    public Uni<HouseholdView> create(Caller caller, ConnectionRequests.NewHousehold request) {
        Set<UUID> seen = new HashSet<>();
        for (ConnectionRequests.MemberData m : request.members()) {
            if (!seen.add(m.clientId())) {
                throw Problems.badRequest("duplicate-member", "Client " + m.clientId() + " is listed twice.");
            }
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Household household = new Household();
        household.id = UUID.randomUUID();
        household.name = request.name().strip();
        household.createdByAgency = caller.agencyId();
        household.createdAt = now;
        return Panache.withTransaction(() -> ClientRegistry.requireVisible(caller, seen)
                        .chain(() -> household.persist())
                        .chain(() -> {
                            Uni<Void> chain = Uni.createFrom().voidItem();
                            for (ConnectionRequests.MemberData m : request.members()) {
                                chain = chain.chain(() ->
                                        addMember(caller, household.id, m, now, HouseholdChangedV1.Change.CREATED));
                            }
                            return chain;
                        }))
                .chain(() -> view(caller, household.id));
    }

    public Uni<HouseholdView> add(Caller caller, UUID householdId, ConnectionRequests.MemberData member) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return Panache.withTransaction(() -> requireVisibleHousehold(caller, householdId)
                        .chain(() -> ClientRegistry.requireVisible(caller, Set.of(member.clientId())))
                        .chain(() -> Household.Member.count(
                                "householdId = ?1 and clientId = ?2", householdId, member.clientId()))
                        .chain(n -> n > 0
                                ? Uni.createFrom()
                                        .failure(Problems.conflict(
                                                "already-member", "The client is already a member of this household."))
                                : addMember(caller, householdId, member, now, HouseholdChangedV1.Change.MEMBER_ADDED)))
                .chain(() -> view(caller, householdId));
    }

    /** The household after the removal, or null when the caller may see none of its members any more. */
    public Uni<HouseholdView> remove(Caller caller, UUID householdId, UUID clientId) {
        return Panache.withTransaction(() -> requireVisibleHousehold(caller, householdId)
                        .chain(() -> ClientRegistry.requireVisible(caller, Set.of(clientId)))
                        .chain(() ->
                                Household.Member.delete("householdId = ?1 and clientId = ?2", householdId, clientId))
                        .chain(deleted -> deleted == 0
                                ? Uni.createFrom().failure(Problems.notFound("household member", clientId))
                                : publish(
                                        caller, householdId, clientId, HouseholdChangedV1.Change.MEMBER_REMOVED, null)))
                .chain(() -> view(caller, householdId))
                // With the last member the caller may see gone, there is nothing left to show them.
                .onFailure(org.cairn.platform.problem.ProblemException.class)
                .recoverWithNull();
    }

    /** The household with the members the caller's agency may see; 404 if it may see none. */
    public Uni<HouseholdView> view(Caller caller, UUID householdId) {
        return Panache.withSession(() -> Household.<Household>findById(householdId)
                        .chain(h -> h == null
                                ? Uni.createFrom().<HouseholdView>nullItem()
                                : Household.Member.<Household.Member>list("householdId", householdId)
                                        .chain(members -> visibleMembers(caller, members))
                                        .map(members -> members.isEmpty()
                                                ? null
                                                : new HouseholdView(h.id.toString(), h.name, members))))
                .onItem()
                .ifNull()
                .failWith(() -> Problems.notFound(RESOURCE, householdId))
                .call(view -> audit.record(AuditEntry.of(
                        AuditAction.VIEWED,
                        RESOURCE,
                        view.id(),
                        view.members().get(0).clientId())));
    }

    private static Uni<List<MemberView>> visibleMembers(Caller caller, List<Household.Member> members) {
        Uni<List<MemberView>> chain = Uni.createFrom().item(new ArrayList<>());
        for (Household.Member m : members) {
            chain = chain.chain(list -> ClientRegistry.visible(caller.agencyId(), m.clientId)
                    .map(visible -> {
                        if (visible) {
                            list.add(new MemberView(m.clientId.toString(), m.role));
                        }
                        return list;
                    }));
        }
        return chain;
    }

    private Uni<Void> requireVisibleHousehold(Caller caller, UUID householdId) {
        return Household.Member.<Household.Member>list("householdId", householdId)
                .chain(members -> visibleMembers(caller, members))
                .chain(visible -> visible.isEmpty()
                        ? Uni.createFrom().failure(Problems.notFound(RESOURCE, householdId))
                        : Uni.createFrom().voidItem());
    }

    private Uni<Void> addMember(
            Caller caller,
            UUID householdId,
            ConnectionRequests.MemberData data,
            Instant now,
            HouseholdChangedV1.Change change) {
        Household.Member member = new Household.Member();
        member.householdId = householdId;
        member.clientId = data.clientId();
        member.role = data.role().code();
        member.joinedAt = now;
        return member.persist().chain(() -> publish(caller, householdId, data.clientId(), change, member.role));
    }

    private Uni<Void> publish(
            Caller caller, UUID householdId, UUID clientId, HouseholdChangedV1.Change change, String role) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return outbox.add(new OutboxMessage(
                        RESOURCE,
                        clientId.toString(),
                        caller.agencyId(),
                        new HouseholdChangedV1(
                                householdId.toString(), clientId.toString(), caller.agencyId(), change, role, now)))
                .chain(() -> audit.record(
                        AuditEntry.of(AuditAction.UPDATED, RESOURCE, householdId.toString(), clientId.toString())));
    }
}
