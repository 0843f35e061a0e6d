package org.cairn.careplans.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.cairn.careplans.GoalSuggestion;
import org.cairn.careplans.rest.PlanRequests;
import org.cairn.careplans.rest.PlanView;
import org.cairn.contracts.vocabulary.AuditAction;
import org.cairn.contracts.vocabulary.Coded;
import org.cairn.contracts.vocabulary.NeedDomain;
import org.cairn.platform.agency.Caller;
import org.cairn.platform.audit.AuditEntry;
import org.cairn.platform.audit.AuditTrail;
import org.cairn.platform.cases.CaseDirectory;
import org.cairn.platform.problem.Problems;

/**
 * Goals suggested by assessments. A need an assessment identifies becomes an open suggestion for the
 * case, unless its plan already has a goal in that domain or the need is already suggested; the case
 * manager accepts it (it becomes a proposed goal of the plan) or dismisses it. Nothing is added to a
 * plan silently.
 */
@ApplicationScoped
public class Suggestions {

    static final String RESOURCE = "goal-suggestion";

    static final String SUGGEST = "insert into goal_suggestion (id, case_id, client_id, agency_id, need_domain,"
            + " assessment_id, instrument_id, status, created_at)"
            // typed: in a select list PostgreSQL cannot tell a parameter's type from a column
            + " select cast(:id as uuid), cast(:case as uuid), cast(:client as uuid), cast(:agency as text),"
            + " cast(:need as text), cast(:assessment as text), cast(:instrument as text), 'open',"
            + " cast(:at as timestamptz)"
            + " where not exists (select 1 from goal g join care_plan p on p.id = g.plan_id"
            + " where p.case_id = cast(:case as uuid) and p.status not in ('completed', 'cancelled')"
            + " and g.need_domain = cast(:need as text) and g.status <> 'cancelled')"
            + " on conflict do nothing";

    private final CarePlanService plans;
    private final CaseDirectory cases;
    private final AuditTrail audit;

    Suggestions(CarePlanService plans, CaseDirectory cases, AuditTrail audit) {
        this.plans = plans;
        this.cases = cases;
        this.audit = audit;
    }

    /**
     * From an assessment's identified needs; runs in the inbox's transaction. Each suggestion made is
     * audited as the service's own act on the agency's behalf.
     */
    public Uni<Void> needsIdentified(
            String assessmentId,
            String instrumentId,
            String caseId,
            String clientId,
            String agencyId,
            List<NeedDomain> needs,
            Instant at) {
        Caller service = Caller.system(agencyId, "careplans");
        Uni<Void> all = Uni.createFrom().voidItem();
        for (NeedDomain need : needs) {
            UUID id = UUID.randomUUID();
            all = all.chain(() -> CaseDirectory.execute(
                            SUGGEST,
                            q -> q.setParameter("id", id)
                                    .setParameter("case", UUID.fromString(caseId))
                                    .setParameter("client", UUID.fromString(clientId))
                                    .setParameter("agency", agencyId)
                                    .setParameter("need", need.code())
                                    .setParameter("assessment", assessmentId)
                                    .setParameter("instrument", instrumentId)
                                    .setParameter("at", at))
                    .chain(() -> audit.record(
                            service, AuditEntry.of(AuditAction.CREATED, RESOURCE, id.toString(), clientId))));
        }
        return all;
    }

    /** The open suggestions of a plan's case. */
    public Uni<List<GoalSuggestion>> ofPlan(Caller caller, UUID planId) {
        return plans.get(caller, planId)
                .chain(view -> Panache.withSession(() -> GoalSuggestion.<GoalSuggestion>find(
                                        "caseId = ?1 and agencyId = ?2 and status = 'open' order by createdAt",
                                        view.caseId(),
                                        caller.agencyId())
                                .list())
                        .call(list -> audit.record(AuditEntry.of(
                                AuditAction.SEARCHED,
                                RESOURCE,
                                null,
                                view.clientId().toString()))));
    }

    public Uni<PlanView> accept(Caller caller, UUID suggestionId, PlanRequests.Acceptance request) {
        // Only the plan's id here: CarePlanService.addGoal reads and locks the plan itself, and an entity
        // loaded here first is the one it would get back, unlocked and possibly stale.
        return Panache.withTransaction(() -> decidable(caller, suggestionId)
                .chain(s -> Panache.getSession()
                        .chain(session -> session.createNativeQuery(
                                        "select id from care_plan where case_id = :case and status not in ('completed', 'cancelled')",
                                        UUID.class)
                                .setParameter("case", s.caseId)
                                .getResultList())
                        .chain(ids -> {
                            if (ids.isEmpty()) {
                                throw Problems.conflict(
                                        "no-open-plan", "The case has no plan to add the goal to; draft one first.");
                            }
                            s.status = "accepted";
                            s.decidedBy = caller.userId();
                            s.decidedAt = Instant.now();
                            return plans.addGoal(
                                            caller,
                                            ids.get(0),
                                            new PlanRequests.NewGoal(
                                                    Coded.fromCode(NeedDomain.class, s.needDomain),
                                                    request.statement(),
                                                    request.target(),
                                                    request.targetDate(),
                                                    request.priority()),
                                            s.id)
                                    .call(() -> audit.record(AuditEntry.of(
                                            AuditAction.UPDATED, RESOURCE, s.id.toString(), s.clientId.toString())));
                        })));
    }

    public Uni<GoalSuggestion> dismiss(Caller caller, UUID suggestionId) {
        return Panache.withTransaction(() -> decidable(caller, suggestionId).call(s -> {
            s.status = "dismissed";
            s.decidedBy = caller.userId();
            s.decidedAt = Instant.now();
            return audit.record(AuditEntry.of(AuditAction.UPDATED, RESOURCE, s.id.toString(), s.clientId.toString()));
        }));
    }

    private Uni<GoalSuggestion> decidable(Caller caller, UUID suggestionId) {
        return GoalSuggestion.<GoalSuggestion>find("id = ?1 and agencyId = ?2", suggestionId, caller.agencyId())
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResult()
                .chain(s -> s == null
                        ? Uni.createFrom().<GoalSuggestion>failure(Problems.notFound("suggestion", suggestionId))
                        : cases.find(s.caseId, s.agencyId).map(c -> {
                            if (c == null || !CarePlanService.writer(caller, c.primaryCaseManagerId())) {
                                throw Problems.notFound("suggestion", suggestionId);
                            }
                            if (!GoalSuggestion.OPEN.equals(s.status)) {
                                throw Problems.conflict(
                                        "suggestion-decided", "The suggestion was already " + s.status + ".");
                            }
                            return s;
                        }));
    }
}
