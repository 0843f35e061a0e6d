package org.cairn.careplans.service;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.cairn.careplans.PlanLifecycle;
import org.cairn.careplans.rest.PlanRequests;
import org.cairn.careplans.rest.PlanView;
import org.cairn.contracts.vocabulary.AuditAction;
import org.cairn.contracts.vocabulary.CarePlanStatus;
import org.cairn.contracts.vocabulary.Coded;
import org.cairn.platform.agency.Caller;
import org.cairn.platform.audit.AuditEntry;
import org.cairn.platform.audit.AuditTrail;
import org.cairn.platform.idempotency.PoolIdempotency;
import org.cairn.platform.problem.Problems;
import org.cairn.platform.rest.Responses;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Progress entries, the most frequent write of the service, in one transaction on the pool without a
 * Hibernate session: one statement checks the plan (the caller's agency's, writable by the caller,
 * being worked, the goal and intervention its own) and holds it against a concurrent status change,
 * then the entry and its audit record are inserted. The rules are {@link CarePlanService}'s.
 */
@ApplicationScoped
public class ProgressWrites {

    static final String PLAN = "select p.client_id, p.status, p.period_start, c.primary_case_manager_id,"
            + " ($3::uuid is null or exists (select 1 from goal g where g.id = $3 and g.plan_id = p.id)),"
            + " ($4::uuid is null or exists (select 1 from intervention i where i.id = $4 and i.plan_id = p.id"
            + " and ($3::uuid is null or i.goal_id = $3)))"
            + " from care_plan p left join case_projection c on c.case_id = p.case_id"
            + " where p.id = $1 and p.agency_id = $2 for share of p";

    static final String INSERT = "insert into progress_entry (id, plan_id, goal_id, intervention_id, entry_date,"
            + " author_id, text, measurement_value, measurement_label, created_at)"
            + " values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)";

    private final Pool pool;
    private final AuditTrail audit;
    private final PoolIdempotency idempotency;

    ProgressWrites(Pool pool, AuditTrail audit, PoolIdempotency idempotency) {
        this.pool = pool;
        this.audit = audit;
        this.idempotency = idempotency;
    }

    /**
     * A progress entry on a plan (and one of its goals or interventions, if named): 201 with the
     * entry; a retry with the same Idempotency-Key replays the first answer.
     */
    public Uni<RestResponse<PlanView.ProgressView>> add(Caller caller, UUID planId, PlanRequests.NewProgress request) {
        if ((request.measurementValue() == null) != (request.measurementLabel() == null)) {
            throw Problems.invalid("measurementLabel", "a measurement has a value and a label, or neither");
        }
        LocalDate day = request.entryDate() == null ? LocalDate.now(ZoneOffset.UTC) : request.entryDate();
        return idempotency.inTransaction(
                pool,
                List.of(planId, request),
                conn -> conn.preparedQuery(PLAN)
                        .execute(Tuple.of(planId, caller.agencyId(), request.goalId(), request.interventionId()))
                        .chain(rows -> {
                            RowIterator<Row> it = rows.iterator();
                            Row plan = it.hasNext() ? it.next() : null;
                            if (plan == null || !CarePlanService.writer(caller, plan.getString(3))) {
                                throw Problems.notFound("care plan", planId);
                            }
                            CarePlanStatus status = Coded.fromCode(CarePlanStatus.class, plan.getString(1));
                            if (!PlanLifecycle.workable(status) && status != CarePlanStatus.SUBMITTED) {
                                throw Problems.conflict("plan-not-workable", "The plan is " + status.code() + ".");
                            }
                            LocalDate start = plan.getLocalDate(2);
                            if (day.isBefore(start)) {
                                throw Problems.invalid("entryDate", "is before the plan starts (" + start + ")");
                            }
                            if (!plan.getBoolean(4) || !plan.getBoolean(5)) {
                                throw Problems.unprocessable(
                                        "not-of-this-plan",
                                        "The goal or intervention named is not one of this plan's.");
                            }
                            // microseconds, as PostgreSQL keeps them, so the answer matches a later read
                            PlanView.ProgressView entry = new PlanView.ProgressView(
                                    UUID.randomUUID(),
                                    request.goalId(),
                                    request.interventionId(),
                                    day,
                                    caller.userId(),
                                    request.text(),
                                    request.measurementValue(),
                                    request.measurementLabel(),
                                    Instant.now().truncatedTo(ChronoUnit.MICROS));
                            UUID clientId = plan.getUUID(0);
                            return conn.preparedQuery(INSERT)
                                    .execute(Tuple.from(new Object[] {
                                        entry.id(),
                                        planId,
                                        entry.goalId(),
                                        entry.interventionId(),
                                        entry.entryDate(),
                                        entry.authorId(),
                                        entry.text(),
                                        entry.measurementValue(),
                                        entry.measurementLabel(),
                                        entry.createdAt().atOffset(ZoneOffset.UTC)
                                    }))
                                    .chain(() -> audit.recordOn(
                                            conn,
                                            AuditEntry.of(
                                                    AuditAction.CREATED,
                                                    "progress-entry",
                                                    entry.id().toString(),
                                                    clientId.toString())))
                                    .replaceWith(Responses.created("/care-plans/" + planId + "/progress", entry));
                        }));
    }
}
