package org.cairn.careplans.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.cairn.careplans.rest.PlanView;
import org.cairn.contracts.events.EventJson;
import org.cairn.contracts.vocabulary.AuditAction;
import org.cairn.platform.agency.Caller;
import org.cairn.platform.audit.AuditEntry;
import org.cairn.platform.audit.AuditTrail;
import org.cairn.platform.problem.Problems;

/**
 * A whole plan in one statement on the pool, without a Hibernate session: the plan, its case's
 * primary case manager (for the access rule) and its goals with their interventions as JSON. An
 * agency the plan assigns interventions to sees those (and their goals) while it serves the client. The
 * hot read of the service; writes go through {@link CarePlanService}, whose view it matches.
 */
@ApplicationScoped
public class PlanReads {

    static final String FULL_PLAN = "select p.id, p.case_id, p.client_id, p.agency_id, p.status, p.version,"
            + " p.period_start, p.period_end, p.client_words, p.review_every_days, p.next_review_on, p.created_by,"
            + " p.created_at, p.submitted_by, p.submitted_at, p.decided_by, p.decided_at, p.return_comment,"
            + " c.primary_case_manager_id,"
            + " coalesce((select json_agg(json_build_object('id', g.id, 'needDomain', g.need_domain,"
            + " 'statement', g.statement, 'target', g.target, 'targetDate', g.target_date, 'priority', g.priority,"
            + " 'status', g.status, 'statusReason', g.status_reason, 'suggestionId', g.suggestion_id,"
            + " 'interventions', coalesce((select json_agg(json_build_object('id', i.id, 'what', i.what,"
            + " 'responsible', i.responsible, 'responsibleId', i.responsible_id, 'dueDate', i.due_date,"
            + " 'status', i.status, 'statusReason', i.status_reason, 'referralId', i.referral_id,"
            + " 'appointmentId', i.appointment_id) order by i.created_at, i.id)"
            + " from intervention i where i.goal_id = g.id), '[]'::json)) order by g.created_at, g.id)"
            + " from goal g where g.plan_id = p.id), '[]'::json)::text"
            + " from care_plan p left join case_projection c on c.case_id = p.case_id"
            + " where p.id = $1 and (p.agency_id = $2 or " + PlanReads.SHARED + ")";

    /**
     * Another agency {@code $2} sees a plan in force while it serves the client (an open case, which an
     * accepted referral opens) and the plan assigns it an intervention.
     */
    static final String SHARED = "p.status in ('active', 'under-review')"
            + " and exists (select 1 from intervention a where a.plan_id = p.id"
            + " and a.responsible = 'agency' and a.responsible_id = $2)"
            + " and exists (select 1 from case_projection k where k.client_id = p.client_id"
            + " and k.agency_id = $2 and k.status <> 'closed')";

    private static final TypeReference<List<PlanView.GoalView>> GOALS = new TypeReference<>() {};

    private final Pool pool;
    private final AuditTrail audit;

    PlanReads(Pool pool, AuditTrail audit) {
        this.pool = pool;
        this.audit = audit;
    }

    /** A plan as the caller may see it: whole for its own agency, what is assigned to it for another. */
    public Uni<PlanView> get(Caller caller, UUID planId) {
        return read(caller, planId, true, AuditAction.VIEWED, v -> v);
    }

    /**
     * The whole plan for export to the client's other providers (FHIR), audited as an export: its own
     * agency's staff only, who see all of it.
     */
    public <T> Uni<T> export(Caller caller, UUID planId, java.util.function.Function<PlanView, T> format) {
        return read(caller, planId, false, AuditAction.EXPORTED, format);
    }

    /** The plan, formatted before its read is audited (so a failure is not recorded as a read). */
    private <T> Uni<T> read(
            Caller caller,
            UUID planId,
            boolean shared,
            AuditAction action,
            java.util.function.Function<PlanView, T> format) {
        return pool.preparedQuery(FULL_PLAN)
                .execute(Tuple.of(planId, caller.agencyId()))
                .chain(rows -> {
                    Row row = rows.iterator().hasNext() ? rows.iterator().next() : null;
                    if (row == null) {
                        throw Problems.notFound("care plan", planId);
                    }
                    if (!row.getString(3).equals(caller.agencyId())) {
                        if (!shared || !CarePlanService.sharedReader(caller)) {
                            throw Problems.notFound("care plan", planId);
                        }
                        PlanView part = assignedTo(caller.agencyId(), plan(row));
                        return consentsBehind(part.id(), caller.agencyId()).map(consents -> new Read(part, consents));
                    }
                    if (!CarePlanService.reader(caller, row.getString(18))) {
                        throw Problems.notFound("care plan", planId);
                    }
                    return Uni.createFrom().item(new Read(plan(row), List.of()));
                })
                .chain(read -> {
                    T formatted = format.apply(read.view());
                    return audit.record(AuditEntry.of(
                                            action,
                                            CarePlanService.RESOURCE,
                                            read.view().id().toString(),
                                            read.view().clientId().toString())
                                    .underConsents(read.consents()))
                            .replaceWith(formatted);
                });
    }

    /** A plan as read, and the consents it was disclosed under to another agency (none for its own). */
    private record Read(PlanView view, List<String> consents) {}

    /**
     * The consents of the accepted referrals behind the interventions a plan assigns another agency:
     * what that agency's read of its part of the plan is disclosed under.
     */
    private Uni<List<String>> consentsBehind(UUID planId, String agencyId) {
        return pool.preparedQuery("select distinct r.consent_id from intervention i"
                        + " join referral_consent r on r.referral_id = i.referral_id and r.receiving_agency_id = $2"
                        + " where i.plan_id = $1 and i.responsible = 'agency' and i.responsible_id = $2"
                        + " order by r.consent_id")
                .execute(Tuple.of(planId, agencyId))
                .map(rows -> {
                    List<String> consents = new ArrayList<>();
                    rows.forEach(r -> consents.add(r.getString(0)));
                    return consents;
                });
    }

    private static PlanView plan(Row r) {
        List<PlanView.GoalView> goals;
        try {
            goals = EventJson.mapper().readValue(r.getString(19), GOALS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a plan's goals did not read back");
        }
        return new PlanView(
                r.getUUID(0),
                r.getUUID(1),
                r.getUUID(2),
                r.getString(3),
                r.getString(4),
                r.getInteger(5),
                r.getLocalDate(6),
                r.getLocalDate(7),
                r.getString(8),
                r.getInteger(9),
                r.getLocalDate(10),
                r.getString(11),
                instant(r.getOffsetDateTime(12)),
                r.getString(13),
                instant(r.getOffsetDateTime(14)),
                r.getString(15),
                instant(r.getOffsetDateTime(16)),
                r.getString(17),
                goals);
    }

    /**
     * What another agency sees of a plan: the goals it has interventions under, with only those
     * interventions; not the client's own words, the reasons given for status changes, nor the
     * supervisor's comments.
     */
    static PlanView assignedTo(String agencyId, PlanView v) {
        List<PlanView.GoalView> goals = v.goals().stream()
                .map(g -> g.assignedTo(agencyId))
                .filter(java.util.Objects::nonNull)
                .toList();
        return new PlanView(
                v.id(),
                v.caseId(),
                v.clientId(),
                v.agencyId(),
                v.status(),
                v.version(),
                v.periodStart(),
                v.periodEnd(),
                null,
                v.reviewEveryDays(),
                v.nextReviewOn(),
                v.createdBy(),
                v.createdAt(),
                v.submittedBy(),
                v.submittedAt(),
                v.decidedBy(),
                v.decidedAt(),
                null,
                goals);
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }
}
