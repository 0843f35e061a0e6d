package org.cairn.platform.cases;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.cairn.contracts.events.CaseAssignedV1;
import org.cairn.contracts.events.CaseClosedV1;
import org.cairn.contracts.events.CaseOpenedV1;
import org.cairn.contracts.events.CaseStatusChangedV1;
import org.cairn.contracts.events.CaseTransferredV1;
import org.cairn.platform.inbox.EventHandlers;
import org.cairn.platform.inbox.ReceivedEvent;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * A consuming service's copy of the clients service's cases: which agency serves which client in
 * which program, who manages the case and who is on its care team, kept from the case events so the service never calls
 * the clients service. A service that wants it lists {@code db/cairn-cases} in
 * {@code quarkus.flyway.locations} and adds {@link #handlers} to the handlers of its
 * {@code cairn.clients.events} consumer; the inbox then applies each event once. One client's events
 * arrive in order (the topic is keyed by client); an update for a case never heard of is ignored.
 */
@ApplicationScoped
public class CaseDirectory {

    /** A case as the directory knows it. */
    public record KnownCase(
            UUID caseId,
            UUID clientId,
            String agencyId,
            String program,
            String status,
            String primaryCaseManagerId,
            LocalDate openedOn,
            LocalDate closedOn) {

        public boolean isOpen() {
            return !"closed".equals(status);
        }
    }

    /** Adds the case events' handlers to a consumer's. */
    public EventHandlers.Builder handlers(EventHandlers.Builder builder) {
        return handlers(builder, e -> Uni.createFrom().voidItem());
    }

    /**
     * Adds the case events' handlers, and what the service itself does when a case closes (after the
     * directory has recorded it, in the same transaction).
     */
    public EventHandlers.Builder handlers(
            EventHandlers.Builder builder, java.util.function.Function<CaseClosedV1, Uni<Void>> onClosed) {
        return handlers(builder, e -> Uni.createFrom().voidItem(), onClosed);
    }

    /**
     * Adds the case events' handlers, and what the service itself does when a case is transferred or
     * closes (after the directory has recorded it, in the same transaction).
     */
    public EventHandlers.Builder handlers(
            EventHandlers.Builder builder,
            java.util.function.Function<ReceivedEvent<CaseTransferredV1>, Uni<Void>> onTransferred,
            java.util.function.Function<CaseClosedV1, Uni<Void>> onClosed) {
        return builder.on(CaseOpenedV1.class, e -> opened(e.data(), e.time()))
                .on(
                        CaseAssignedV1.class,
                        e -> manager(e.data().caseId(), e.data().primaryCaseManagerId(), e.time()))
                .on(
                        CaseTransferredV1.class,
                        e -> manager(e.data().caseId(), e.data().toCaseManagerId(), e.time())
                                .chain(() -> onTransferred.apply(e)))
                .on(CaseStatusChangedV1.class, e -> statusChanged(e.data(), e.time()))
                .on(CaseClosedV1.class, e -> closed(e.data(), e.time()).chain(() -> onClosed.apply(e.data())));
    }

    /**
     * The case, if the directory knows it and it is the agency's; within the caller's session.
     *
     * <p>The id is bound as a one-element list ({@code in (:case)}), here and in the other hot
     * native selects of the platform: Hibernate ORM 7.2 caches a native select's plan under a key
     * that never equals a later execution's (the result mapping), so the plan cache fills with
     * thousands of keys of one hash and every lookup walks them (seen: about a tenth of a busy
     * service's CPU in {@code SelectInterpretationsKey.equals}); a list-valued binding makes the
     * query one Hibernate does not cache.
     */
    public Uni<KnownCase> find(UUID caseId, String agencyId) {
        return Panache.getSession()
                .chain(s -> s.createNativeQuery(
                                "select case_id, client_id, agency_id, program, status, primary_case_manager_id,"
                                        + " opened_on, closed_on from case_projection"
                                        + " where case_id in (:case) and agency_id = :agency",
                                Object[].class)
                        .setParameter("case", List.of(caseId))
                        .setParameter("agency", agencyId)
                        .getResultList())
                .map(rows -> rows.isEmpty() ? null : knownCase(rows.get(0)));
    }

    private static KnownCase knownCase(Object[] row) {
        return new KnownCase(
                (UUID) row[0],
                (UUID) row[1],
                (String) row[2],
                (String) row[3],
                (String) row[4],
                (String) row[5],
                (LocalDate) row[6],
                (LocalDate) row[7]);
    }

    Uni<Void> opened(CaseOpenedV1 e, Instant at) {
        Uni<Void> row = execute(
                "insert into case_projection (case_id, client_id, agency_id, program, status,"
                        + " primary_case_manager_id, opened_on, updated_at)"
                        + " values (:case, :client, :agency, :program, :status, :manager, :opened, :at)"
                        + " on conflict (case_id) do nothing",
                q -> q.setParameter("case", UUID.fromString(e.caseId()))
                        .setParameter("client", UUID.fromString(e.clientId()))
                        .setParameter("agency", e.agencyId())
                        .setParameter("program", e.program().code())
                        .setParameter("status", e.status().code())
                        .setParameter("manager", e.primaryCaseManagerId())
                        .setParameter("opened", e.openedOn())
                        .setParameter("at", at));
        for (CaseOpenedV1.CareTeamMember m :
                e.careTeam() == null ? List.<CaseOpenedV1.CareTeamMember>of() : e.careTeam()) {
            row = row.chain(() -> execute(
                    "insert into case_team_projection (case_id, user_id, role) values (:case, :user, :role)"
                            + " on conflict do nothing",
                    q -> q.setParameter("case", UUID.fromString(e.caseId()))
                            .setParameter("user", m.userId())
                            .setParameter("role", m.role().code())));
        }
        return row;
    }

    /**
     * Whether a user is on the care team of a case (its primary case manager included), within the
     * caller's session.
     */
    public Uni<Boolean> onCareTeam(UUID caseId, String userId) {
        return Panache.getSession()
                .chain(s -> s.createNativeQuery(
                                "select count(*) from case_projection c where c.case_id in (:case)"
                                        + " and (c.primary_case_manager_id = :user or exists (select 1 from"
                                        + " case_team_projection t where t.case_id = c.case_id and t.user_id = :user))",
                                Long.class)
                        .setParameter("case", List.of(caseId))
                        .setParameter("user", userId)
                        .getSingleResult())
                .map(n -> n > 0);
    }

    Uni<Void> statusChanged(CaseStatusChangedV1 e, Instant at) {
        return execute(
                "update case_projection set status = :status, updated_at = :at where case_id = :case",
                q -> q.setParameter("status", e.to().code())
                        .setParameter("at", at)
                        .setParameter("case", UUID.fromString(e.caseId())));
    }

    Uni<Void> closed(CaseClosedV1 e, Instant at) {
        return execute(
                "update case_projection set status = 'closed', closed_on = :closed, updated_at = :at"
                        + " where case_id = :case",
                q -> q.setParameter("closed", e.closedOn())
                        .setParameter("at", at)
                        .setParameter("case", UUID.fromString(e.caseId())));
    }

    Uni<Void> manager(String caseId, String managerId, Instant at) {
        return execute(
                "update case_projection set primary_case_manager_id = :manager, updated_at = :at where case_id = :case",
                q -> q.setParameter("manager", managerId)
                        .setParameter("at", at)
                        .setParameter("case", UUID.fromString(caseId)));
    }

    /** Runs a native statement in the caller's session (the inbox's transaction, for events). */
    public static Uni<Void> execute(String sql, UnaryOperator<Mutiny.Query<Object>> bind) {
        return Panache.getSession()
                .chain(s -> bind.apply(s.createNativeQuery(sql)).executeUpdate())
                .replaceWithVoid();
    }
}
