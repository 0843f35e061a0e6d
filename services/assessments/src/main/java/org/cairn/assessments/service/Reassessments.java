package org.cairn.assessments.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.cairn.assessments.ReassessmentSchedule;
import org.cairn.contracts.vocabulary.AuditAction;
import org.cairn.contracts.vocabulary.Program;
import org.cairn.contracts.vocabulary.Role;
import org.cairn.platform.agency.Caller;
import org.cairn.platform.audit.AuditEntry;
import org.cairn.platform.audit.AuditTrail;
import org.cairn.platform.problem.Problems;

/**
 * When instruments are due again. A schedule says, per instrument and program, how many days after
 * the last completed assessment in a case the next one is due; a case never assessed with a
 * scheduled instrument is due from the day it opened. Dates are UTC days.
 */
@ApplicationScoped
public class Reassessments {

    static final String DUE = "select c.case_id, c.client_id, c.program, c.primary_case_manager_id, s.instrument_id,"
            + " s.interval_days, c.opened_on,"
            + " (select max(a.administered_at) from assessment a where a.case_id = c.case_id"
            + " and a.instrument_id = s.instrument_id and a.status = 'completed')"
            + " from case_projection c join reassessment_schedule s on s.program = c.program"
            + " where c.agency_id = :agency and c.primary_case_manager_id = :manager and c.status <> 'closed'";

    private final InstrumentCatalog catalog;
    private final AuditTrail audit;

    Reassessments(InstrumentCatalog catalog, AuditTrail audit) {
        this.catalog = catalog;
        this.audit = audit;
    }

    /**
     * A scheduled instrument due in a case.
     *
     * @param lastAdministeredAt when the last completed assessment with it in the case was administered
     *     (an amendment keeps the original's time), if any
     * @param dueOn when it is (or was) due
     * @param daysOverdue how many days past due; negative when it is due later
     */
    public record Due(
            UUID caseId,
            UUID clientId,
            String program,
            String caseManagerId,
            String instrumentId,
            int intervalDays,
            Instant lastAdministeredAt,
            LocalDate dueOn,
            long daysOverdue) {}

    /**
     * What is due in the open cases of a case manager of the caller's agency (the caller, unless a
     * supervisor asks for another's) up to {@code withinDays} from today, most overdue first.
     */
    public Uni<List<Due>> due(Caller caller, String caseManagerId, int withinDays) {
        String manager = caseManagerId == null ? caller.userId() : caseManagerId;
        if (!manager.equals(caller.userId()) && !caller.hasRole(Role.SUPERVISOR)) {
            return Uni.createFrom()
                    .failure(Problems.forbidden(
                            "supervisor-only", "Only a supervisor sees another case manager's reassessments."));
        }
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate horizon = today.plusDays(withinDays);
        return Panache.withSession(() -> Panache.getSession()
                        .chain(s -> s.createNativeQuery(DUE, Object[].class)
                                .setParameter("agency", caller.agencyId())
                                .setParameter("manager", manager)
                                .getResultList()))
                .map(rows -> {
                    List<Due> due = new ArrayList<>();
                    for (Object[] row : rows) {
                        int interval = ((Number) row[5]).intValue();
                        Instant last = StoredJson.instant(row[7]);
                        LocalDate dueOn = last == null
                                ? (LocalDate) row[6]
                                : last.atOffset(ZoneOffset.UTC).toLocalDate().plusDays(interval);
                        if (!dueOn.isAfter(horizon)) {
                            due.add(new Due(
                                    (UUID) row[0],
                                    (UUID) row[1],
                                    (String) row[2],
                                    (String) row[3],
                                    (String) row[4],
                                    interval,
                                    last,
                                    dueOn,
                                    ChronoUnit.DAYS.between(dueOn, today)));
                        }
                    }
                    due.sort(Comparator.comparing(Due::dueOn)
                            .thenComparing(d -> d.caseId().toString()));
                    return due;
                })
                .call(list -> audit.record(AuditEntry.of(AuditAction.SEARCHED, "reassessment", null, null)));
    }

    public Uni<List<ReassessmentSchedule>> schedules() {
        return Panache.withSession(
                () -> ReassessmentSchedule.<ReassessmentSchedule>find("order by instrumentId, program")
                        .list());
    }

    /** Sets how often an instrument is due in a program's cases; a network-admin's decision. */
    public Uni<ReassessmentSchedule> schedule(String instrumentId, Program program, int intervalDays) {
        return Panache.withTransaction(() -> catalog.latest(instrumentId)
                .chain(instrument -> ReassessmentSchedule.<ReassessmentSchedule>find(
                                "instrumentId = ?1 and program = ?2", instrumentId, program.code())
                        .<ReassessmentSchedule>firstResult())
                .chain((ReassessmentSchedule existing) -> {
                    ReassessmentSchedule s = existing != null ? existing : new ReassessmentSchedule();
                    s.instrumentId = instrumentId;
                    s.program = program.code();
                    s.intervalDays = intervalDays;
                    if (existing != null) {
                        return Uni.createFrom().item(s);
                    }
                    return s.<ReassessmentSchedule>persist();
                }));
    }

    public Uni<Void> unschedule(String instrumentId, Program program) {
        return Panache.withTransaction(
                () -> ReassessmentSchedule.delete("instrumentId = ?1 and program = ?2", instrumentId, program.code())
                        .replaceWithVoid());
    }
}
