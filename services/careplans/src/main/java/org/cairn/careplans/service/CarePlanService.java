package org.cairn.careplans.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.cairn.careplans.CarePlan;
import org.cairn.careplans.Goal;
import org.cairn.careplans.Intervention;
import org.cairn.careplans.PlanLifecycle;
import org.cairn.careplans.PlanLifecycle.PlanAction;
import org.cairn.careplans.PlanVersion;
import org.cairn.careplans.ProgressEntry;
import org.cairn.careplans.rest.PlanRequests;
import org.cairn.careplans.rest.PlanView;
import org.cairn.contracts.events.CarePlanApprovedV1;
import org.cairn.contracts.events.CarePlanClosedV1;
import org.cairn.contracts.events.CarePlanCreatedV1;
import org.cairn.contracts.events.CarePlanReturnedV1;
import org.cairn.contracts.events.CarePlanSubmittedV1;
import org.cairn.contracts.events.CaseClosedV1;
import org.cairn.contracts.events.EventJson;
import org.cairn.contracts.events.GoalAddedV1;
import org.cairn.contracts.events.GoalStatusChangedV1;
import org.cairn.contracts.events.InterventionAddedV1;
import org.cairn.contracts.events.InterventionStatusChangedV1;
import org.cairn.contracts.vocabulary.AuditAction;
import org.cairn.contracts.vocabulary.CarePlanStatus;
import org.cairn.contracts.vocabulary.GoalStatus;
import org.cairn.contracts.vocabulary.InterventionResponsible;
import org.cairn.contracts.vocabulary.InterventionStatus;
import org.cairn.contracts.vocabulary.Role;
import org.cairn.platform.agency.Caller;
import org.cairn.platform.audit.AuditEntry;
import org.cairn.platform.audit.AuditTrail;
import org.cairn.platform.cases.CaseDirectory;
import org.cairn.platform.outbox.Outbox;
import org.cairn.platform.outbox.OutboxMessage;
import org.cairn.platform.problem.ProblemException;
import org.cairn.platform.problem.Problems;

/**
 * Care plans and their goals. The owning agency's supervisors, and the case's primary case manager,
 * read and change a plan; program directors and auditors read it; anyone else is told it does not
 * exist. Every content change makes a new version with a snapshot, and commits with its audit record
 * and event.
 */
@ApplicationScoped
public class CarePlanService {

    static final String RESOURCE = "care-plan";
    static final int DEFAULT_REVIEW_DAYS = 90;

    private final CaseDirectory cases;
    private final Outbox outbox;
    private final AuditTrail audit;

    CarePlanService(CaseDirectory cases, Outbox outbox, AuditTrail audit) {
        this.cases = cases;
        this.outbox = outbox;
        this.audit = audit;
    }

    public Uni<PlanView> create(Caller caller, UUID caseId, PlanRequests.NewPlan request) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate start = request.periodStart() == null ? today : request.periodStart();
        if (request.periodEnd() != null && request.periodEnd().isBefore(start)) {
            throw Problems.invalid("periodEnd", "is before the plan starts");
        }
        return Panache.withTransaction(() -> cases.find(caseId, caller.agencyId())
                .chain(c -> {
                    if (c == null || !writer(caller, c.primaryCaseManagerId())) {
                        return Uni.createFrom().failure(Problems.notFound("case", caseId));
                    }
                    if (!c.isOpen()) {
                        return Uni.createFrom()
                                .failure(Problems.conflict("case-closed", "Case " + caseId + " is closed."));
                    }
                    CarePlan p = new CarePlan();
                    p.id = UUID.randomUUID();
                    p.caseId = c.caseId();
                    p.clientId = c.clientId();
                    p.agencyId = c.agencyId();
                    p.status = CarePlanStatus.DRAFT.code();
                    p.periodStart = start;
                    p.periodEnd = request.periodEnd();
                    p.clientWords = request.clientWords();
                    p.reviewEveryDays =
                            request.reviewEveryDays() == null ? DEFAULT_REVIEW_DAYS : request.reviewEveryDays();
                    p.version = 1;
                    p.createdBy = caller.userId();
                    p.createdAt = Instant.now();
                    p.updatedAt = p.createdAt;
                    return p.<CarePlan>persist()
                            .chain(() -> snapshot(caller, p, PlanView.of(p, List.of(), List.of()), "plan drafted"))
                            .call(() -> announce(
                                    caller,
                                    p,
                                    AuditAction.CREATED,
                                    new CarePlanCreatedV1(
                                            p.id.toString(),
                                            p.caseId.toString(),
                                            p.clientId.toString(),
                                            p.agencyId,
                                            p.createdBy,
                                            p.createdAt)));
                }));
    }

    public Uni<PlanView> get(Caller caller, UUID planId) {
        return Panache.withSession(() -> readable(caller, planId).chain(p -> view(p)))
                .call(v -> audit.record(AuditEntry.of(
                        AuditAction.VIEWED,
                        RESOURCE,
                        v.id().toString(),
                        v.clientId().toString())));
    }

    public Uni<List<PlanView>> ofCase(Caller caller, UUID caseId) {
        return Panache.withSession(() -> cases.find(caseId, caller.agencyId()).chain(c -> {
                    if (c == null || !reader(caller, c.primaryCaseManagerId())) {
                        return Uni.createFrom().<List<PlanView>>failure(Problems.notFound("case", caseId));
                    }
                    return CarePlan.<CarePlan>find("caseId = ?1 order by createdAt desc", caseId)
                            .list()
                            .chain(this::views);
                }))
                .call(list -> audit.record(AuditEntry.of(
                        AuditAction.SEARCHED, RESOURCE, null, AuditEntry.soleClient(list, PlanView::clientId))));
    }

    public Uni<List<PlanVersion>> versions(Caller caller, UUID planId) {
        return Panache.withSession(() -> readable(caller, planId)
                .chain(p -> PlanVersion.<PlanVersion>find("planId = ?1 order by version", p.id)
                        .list()
                        .call(list -> audit.record(
                                AuditEntry.of(AuditAction.VIEWED, RESOURCE, p.id.toString(), p.clientId.toString())))));
    }

    public Uni<PlanView> addGoal(Caller caller, UUID planId, PlanRequests.NewGoal request, UUID suggestionId) {
        return Panache.withTransaction(() -> writable(caller, planId).chain(p -> {
            requireEditable(p);
            if (request.targetDate() != null && request.targetDate().isBefore(p.periodStart)) {
                throw Problems.invalid("targetDate", "is before the plan starts (" + p.periodStart + ")");
            }
            Goal g = new Goal();
            g.id = UUID.randomUUID();
            g.planId = p.id;
            g.needDomain = request.needDomain().code();
            g.statement = request.statement();
            g.target = request.target();
            g.targetDate = request.targetDate();
            g.priority = request.priority() == null ? "medium" : request.priority();
            g.status = GoalStatus.PROPOSED.code();
            g.suggestionId = suggestionId;
            g.createdBy = caller.userId();
            g.createdAt = Instant.now();
            g.updatedAt = g.createdAt;
            return g.<Goal>persist()
                    .chain(() -> changed(caller, p, "goal added: " + g.needDomain))
                    .call(() -> announce(
                            caller,
                            p,
                            new GoalAddedV1(
                                    g.id.toString(),
                                    p.id.toString(),
                                    p.caseId.toString(),
                                    p.clientId.toString(),
                                    p.agencyId,
                                    request.needDomain(),
                                    GoalStatus.PROPOSED,
                                    g.targetDate,
                                    g.createdAt)));
        }));
    }

    /**
     * A goal's move. The plan is locked first and the goal read after, so two changes at once are
     * decided one after the other on fresh state. Goals become active only by the plan's approval, and
     * do not change while the plan waits for a supervisor (who approves what was submitted).
     */
    public Uni<PlanView> changeGoalStatus(Caller caller, UUID goalId, PlanRequests.GoalStatusChange request) {
        return Panache.withTransaction(() -> lockedPlanOf("goal", goalId, caller)
                .chain(p -> Goal.<Goal>findById(goalId).chain(g -> {
                    CarePlanStatus plan = p.status();
                    if (PlanLifecycle.isFinal(plan) || plan == CarePlanStatus.SUBMITTED) {
                        throw Problems.conflict(
                                "plan-not-editable", "The plan is " + p.status + "; its goals do not change now.");
                    }
                    if (request.status() == GoalStatus.ACTIVE) {
                        throw Problems.conflict(
                                "goal-transition", "A goal becomes active when a supervisor approves the plan.");
                    }
                    GoalStatus from = g.status();
                    if (!PlanLifecycle.goalMoveAllowed(from, request.status())) {
                        throw Problems.conflict(
                                "goal-transition",
                                "A goal that is " + from.code() + " cannot become "
                                        + request.status().code() + ".");
                    }
                    g.status = request.status().code();
                    g.statusReason = request.reason();
                    g.updatedAt = Instant.now();
                    return changed(caller, p, "goal " + g.id + ": " + from.code() + " -> " + g.status)
                            .call(() -> announce(caller, p, goalStatusChanged(p, g, from)));
                })));
    }

    private static GoalStatusChangedV1 goalStatusChanged(CarePlan p, Goal g, GoalStatus from) {
        return new GoalStatusChangedV1(
                g.id.toString(),
                p.id.toString(),
                p.caseId.toString(),
                p.clientId.toString(),
                p.agencyId,
                from,
                g.status(),
                g.updatedAt);
    }

    /**
     * A task under a goal. The case manager as responsible means the case's primary case manager
     * unless another user is named; another agency is named by its id; the client needs no id.
     */
    public Uni<PlanView> addIntervention(Caller caller, UUID goalId, PlanRequests.NewIntervention request) {
        InterventionResponsible who = request.responsible();
        boolean needsId = who == InterventionResponsible.CARE_TEAM_MEMBER || who == InterventionResponsible.AGENCY;
        if (needsId
                && (request.responsibleId() == null || request.responsibleId().isBlank())) {
            throw Problems.invalid("responsibleId", "names the " + who.code() + " who carries it out");
        }
        if (who == InterventionResponsible.CLIENT && request.responsibleId() != null) {
            throw Problems.invalid("responsibleId", "is left out when the client carries it out");
        }
        if (who == InterventionResponsible.AGENCY && request.responsibleId().equals(caller.agencyId())) {
            throw Problems.invalid(
                    "responsibleId",
                    "names another agency; the plan's own staff are named as case manager or care-team member");
        }
        return Panache.withTransaction(() -> lockedPlanOf("goal", goalId, caller)
                .chain(p -> Goal.<Goal>findById(goalId).chain(g -> {
                    if (!PlanLifecycle.workable(p.status())) {
                        throw Problems.conflict(
                                "plan-not-workable", "The plan is " + p.status + "; tasks are not added to it now.");
                    }
                    if (g.status() != GoalStatus.PROPOSED && g.status() != GoalStatus.ACTIVE) {
                        throw Problems.conflict(
                                "goal-closed", "The goal is " + g.status + "; tasks are not added to it.");
                    }
                    if (request.dueDate() != null && request.dueDate().isBefore(p.periodStart)) {
                        throw Problems.invalid("dueDate", "is before the plan starts (" + p.periodStart + ")");
                    }
                    return cases.find(p.caseId, p.agencyId)
                            .call(c -> requireOnCareTeam(c, who, request))
                            .chain(c -> {
                                Intervention i = new Intervention();
                                i.id = UUID.randomUUID();
                                i.planId = p.id;
                                i.goalId = g.id;
                                i.what = request.what();
                                i.responsible = who.code();
                                i.responsibleId =
                                        who == InterventionResponsible.CASE_MANAGER && request.responsibleId() == null
                                                ? c.primaryCaseManagerId()
                                                : request.responsibleId();
                                if (who == InterventionResponsible.CASE_MANAGER && i.responsibleId == null) {
                                    throw Problems.invalid(
                                            "responsibleId", "the case has no primary case manager; name one");
                                }
                                i.dueDate = request.dueDate();
                                i.status = InterventionStatus.PLANNED.code();
                                i.referralId = request.referralId();
                                i.appointmentId = request.appointmentId();
                                i.createdBy = caller.userId();
                                i.createdAt = Instant.now();
                                i.updatedAt = i.createdAt;
                                return i.<Intervention>persist()
                                        .chain(() -> changed(caller, p, "intervention added to goal " + g.id))
                                        .call(() -> announce(
                                                caller,
                                                p,
                                                new InterventionAddedV1(
                                                        i.id.toString(),
                                                        g.id.toString(),
                                                        p.id.toString(),
                                                        p.caseId.toString(),
                                                        p.clientId.toString(),
                                                        p.agencyId,
                                                        who,
                                                        i.responsibleId,
                                                        i.dueDate,
                                                        i.referralId,
                                                        i.appointmentId,
                                                        i.createdAt)));
                            });
                })));
    }

    /** A named case manager or care-team member must be on the case's care team (as the case events tell it). */
    private Uni<Void> requireOnCareTeam(
            CaseDirectory.KnownCase c, InterventionResponsible who, PlanRequests.NewIntervention request) {
        boolean named = who == InterventionResponsible.CARE_TEAM_MEMBER
                || who == InterventionResponsible.CASE_MANAGER && request.responsibleId() != null;
        if (!named) {
            return Uni.createFrom().voidItem();
        }
        return cases.onCareTeam(c.caseId(), request.responsibleId())
                .invoke(on -> {
                    if (!on) {
                        throw Problems.invalid("responsibleId", "is not on the care team of the case");
                    }
                })
                .replaceWithVoid();
    }

    public Uni<PlanView> changeInterventionStatus(
            Caller caller, UUID interventionId, PlanRequests.InterventionStatusChange request) {
        return Panache.withTransaction(() -> lockedPlanOf("intervention", interventionId, caller)
                .chain(p -> Intervention.<Intervention>findById(interventionId).chain(i -> {
                    if (PlanLifecycle.isFinal(p.status())) {
                        throw Problems.conflict("plan-not-workable", "The plan is " + p.status + ".");
                    }
                    InterventionStatus from = i.status();
                    if (!PlanLifecycle.interventionMoveAllowed(from, request.status())) {
                        throw Problems.conflict(
                                "intervention-transition",
                                "An intervention that is " + from.code() + " cannot become "
                                        + request.status().code() + ".");
                    }
                    return moveIntervention(caller, p, i, request.status(), request.reason(), "");
                })));
    }

    /**
     * Moves an intervention (the move already allowed): a new version of the plan, the event and the
     * audit record. {@code note} is added to the version's description of the change.
     */
    Uni<PlanView> moveIntervention(
            Caller caller, CarePlan p, Intervention i, InterventionStatus to, String reason, String note) {
        InterventionStatus from = i.status();
        i.status = to.code();
        i.statusReason = reason;
        i.updatedAt = Instant.now();
        return changed(caller, p, "intervention " + i.id + ": " + from.code() + " -> " + i.status + note)
                .call(() -> announce(
                        caller,
                        p,
                        new InterventionStatusChangedV1(
                                i.id.toString(),
                                i.goalId.toString(),
                                p.id.toString(),
                                p.caseId.toString(),
                                p.clientId.toString(),
                                p.agencyId,
                                from,
                                to,
                                i.updatedAt)));
    }

    /** A plan's progress entries, the latest first. */
    public Uni<List<PlanView.ProgressView>> progress(Caller caller, UUID planId) {
        return Panache.withSession(() -> readable(caller, planId)
                .chain(p -> ProgressEntry.<ProgressEntry>find(
                                "planId = ?1 order by entryDate desc, createdAt desc", p.id)
                        .list()
                        .call(list -> audit.record(
                                AuditEntry.of(AuditAction.VIEWED, "progress-entry", null, p.clientId.toString())))
                        .map(list ->
                                list.stream().map(PlanView.ProgressView::of).toList())));
    }

    /** The plan a goal or intervention belongs to, locked for a change by the caller; 404 otherwise. */
    private Uni<CarePlan> lockedPlanOf(String kind, UUID id, Caller caller) {
        String table = kind.equals("goal") ? "goal" : "intervention";
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "select plan_id from " + table + " where id = :id", UUID.class)
                        .setParameter("id", id)
                        .getResultList())
                .chain(planIds -> planIds.isEmpty()
                        ? Uni.createFrom().<CarePlan>failure(Problems.notFound(kind, id))
                        : writable(caller, planIds.get(0))
                                .onFailure(ProblemException.class)
                                .transform(e -> Problems.notFound(kind, id)));
    }

    public Uni<PlanView> submit(Caller caller, UUID planId) {
        return Panache.withTransaction(() -> writable(caller, planId).chain(p -> {
            move(p, PlanAction.SUBMIT);
            p.submittedBy = caller.userId();
            p.submittedAt = Instant.now();
            p.returnComment = null;
            p.updatedAt = p.submittedAt;
            return view(p).call(() -> announce(
                    caller,
                    p,
                    new CarePlanSubmittedV1(
                            p.id.toString(),
                            p.caseId.toString(),
                            p.clientId.toString(),
                            p.agencyId,
                            p.version,
                            p.submittedBy,
                            p.submittedAt)));
        }));
    }

    public Uni<PlanView> approve(Caller caller, UUID planId) {
        return decide(caller, planId, PlanAction.APPROVE, null);
    }

    public Uni<PlanView> returnToCaseManager(Caller caller, UUID planId, String comment) {
        return decide(caller, planId, PlanAction.RETURN, comment);
    }

    private Uni<PlanView> decide(Caller caller, UUID planId, PlanAction action, String comment) {
        if (!caller.hasRole(Role.SUPERVISOR)) {
            return Uni.createFrom()
                    .failure(Problems.forbidden(
                            "supervisor-only", "Only a supervisor approves or returns a care plan."));
        }
        return Panache.withTransaction(() -> writable(caller, planId).chain(p -> {
            boolean approvedBefore = p.approvedBefore();
            move(p, action);
            if (caller.userId().equals(p.submittedBy)) {
                throw Problems.conflict("own-plan", "A supervisor does not approve or return a plan they submitted.");
            }
            p.decidedBy = caller.userId();
            p.decidedAt = Instant.now();
            p.updatedAt = p.decidedAt;
            Record event;
            if (action == PlanAction.APPROVE) {
                p.nextReviewOn = LocalDate.now(ZoneOffset.UTC).plusDays(p.reviewEveryDays);
                event = new CarePlanApprovedV1(
                        p.id.toString(),
                        p.caseId.toString(),
                        p.clientId.toString(),
                        p.agencyId,
                        p.version,
                        p.decidedBy,
                        p.decidedAt);
            } else {
                p.returnComment = comment;
                event = new CarePlanReturnedV1(
                        p.id.toString(),
                        p.caseId.toString(),
                        p.clientId.toString(),
                        p.agencyId,
                        p.version,
                        p.decidedBy,
                        p.decidedAt);
            }
            // goals proposed in an approved plan are the ones now worked on, each announced
            Uni<Void> goals = action == PlanAction.APPROVE
                    ? Goal.<Goal>find("planId = ?1 and status = 'proposed' order by createdAt, id", p.id)
                            .list()
                            .chain(proposed -> {
                                Uni<Void> all = Uni.createFrom().voidItem();
                                for (Goal g : proposed) {
                                    g.status = GoalStatus.ACTIVE.code();
                                    g.updatedAt = p.decidedAt;
                                    all = all.chain(() -> outbox.add(
                                                    message(p, goalStatusChanged(p, g, GoalStatus.PROPOSED)))
                                            .replaceWithVoid());
                                }
                                return all;
                            })
                    : Uni.createFrom().voidItem();
            Uni<PlanView> after =
                    goals.chain(() -> action == PlanAction.APPROVE ? changed(caller, p, "approved") : view(p));
            return after.call(() -> announce(caller, p, event));
        }));
    }

    public Uni<PlanView> startReview(Caller caller, UUID planId) {
        return Panache.withTransaction(() -> writable(caller, planId).chain(p -> {
            move(p, PlanAction.START_REVIEW);
            p.updatedAt = Instant.now();
            return view(p).call(() -> audit.record(entry(AuditAction.UPDATED, p)));
        }));
    }

    /**
     * The case manager or a supervisor ends a plan: completed (from active or under review) or
     * cancelled (from any status but an end); the reason is kept in the version history.
     */
    public Uni<PlanView> end(Caller caller, UUID planId, PlanAction action, String reason) {
        return Panache.withTransaction(() -> writable(caller, planId).chain(p -> {
            move(p, action);
            return changed(caller, p, "plan " + p.status + ": " + reason)
                    .call(() -> announce(
                            caller,
                            p,
                            new CarePlanClosedV1(
                                    p.id.toString(),
                                    p.caseId.toString(),
                                    p.clientId.toString(),
                                    p.agencyId,
                                    p.status(),
                                    p.updatedAt)));
        }));
    }

    /**
     * The case closed: its open plan ends, completed if it was in force (active or under review),
     * cancelled otherwise. Runs in the inbox's transaction; the service acts on the agency's behalf.
     */
    public Uni<Void> caseClosed(CaseClosedV1 e) {
        Caller service = Caller.system(e.agencyId(), "careplans");
        return CarePlan.<CarePlan>find(
                        "caseId = ?1 and status not in ('completed', 'cancelled')", UUID.fromString(e.caseId()))
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .list()
                .chain(open -> {
                    Uni<Void> all = Uni.createFrom().voidItem();
                    for (CarePlan p : open) {
                        CarePlanStatus from = p.status();
                        PlanAction action = from == CarePlanStatus.ACTIVE || from == CarePlanStatus.UNDER_REVIEW
                                ? PlanAction.COMPLETE
                                : PlanAction.CANCEL;
                        move(p, action);
                        p.updatedAt = Instant.now();
                        all = all.chain(() -> changed(service, p, "case closed: plan " + p.status)
                                .call(() -> announce(
                                        service,
                                        p,
                                        new CarePlanClosedV1(
                                                p.id.toString(),
                                                p.caseId.toString(),
                                                p.clientId.toString(),
                                                p.agencyId,
                                                p.status(),
                                                p.updatedAt)))
                                .replaceWithVoid());
                    }
                    return all;
                });
    }

    /** Plans submitted in the caller's agency, waiting for a supervisor, oldest first. */
    public Uni<List<PlanView>> pendingApproval(Caller caller) {
        return Panache.withSession(() -> CarePlan.<CarePlan>find(
                                "agencyId = ?1 and status = 'submitted' order by submittedAt", caller.agencyId())
                        .list()
                        .chain(this::views))
                .call(list -> audit.record(AuditEntry.of(AuditAction.SEARCHED, RESOURCE, null, null)));
    }

    static final String OVERDUE_OF_MANAGER =
            "select p.id from care_plan p join case_projection c on c.case_id = p.case_id"
                    + " where p.agency_id = :agency and p.status = 'active' and p.next_review_on < :today"
                    + " and c.primary_case_manager_id = :manager";

    /** Active plans whose review date has passed: the caller's cases', or for a supervisor the agency's. */
    public Uni<List<PlanView>> overdueReviews(Caller caller) {
        boolean agencyWide = caller.hasRole(Role.SUPERVISOR) || caller.hasRole(Role.PROGRAM_DIRECTOR);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        return Panache.withSession(() -> (agencyWide
                                ? CarePlan.<CarePlan>find(
                                                "agencyId = ?1 and status = 'active' and nextReviewOn < ?2 order by nextReviewOn",
                                                caller.agencyId(),
                                                today)
                                        .list()
                                : Panache.getSession()
                                        .chain(s -> s.createNativeQuery(OVERDUE_OF_MANAGER, UUID.class)
                                                .setParameter("agency", caller.agencyId())
                                                .setParameter("today", today)
                                                .setParameter("manager", caller.userId())
                                                .getResultList())
                                        .chain(ids -> ids.isEmpty()
                                                ? Uni.createFrom().item(List.<CarePlan>of())
                                                : CarePlan.<CarePlan>find("id in ?1 order by nextReviewOn", ids)
                                                        .list()))
                        .chain(this::views))
                .call(list -> audit.record(AuditEntry.of(AuditAction.SEARCHED, RESOURCE, null, null)));
    }

    private Uni<List<PlanView>> views(List<CarePlan> plans) {
        if (plans.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        // one session, one statement at a time
        return Uni.join()
                .all(plans.stream().map(this::view).toList())
                .usingConcurrencyOf(1)
                .andFailFast();
    }

    // ---- rules ---------------------------------------------------------------------------------

    static boolean writer(Caller caller, String primaryCaseManagerId) {
        return caller.hasRole(Role.SUPERVISOR)
                || caller.hasRole(Role.CASE_MANAGER) && caller.userId().equals(primaryCaseManagerId);
    }

    static boolean reader(Caller caller, String primaryCaseManagerId) {
        return writer(caller, primaryCaseManagerId)
                || caller.hasRole(Role.PROGRAM_DIRECTOR)
                || caller.hasRole(Role.AUDITOR);
    }

    /** Roles of another agency that see what a plan assigns to their agency. */
    static boolean sharedReader(Caller caller) {
        return caller.hasRole(Role.CASE_MANAGER)
                || caller.hasRole(Role.SUPERVISOR)
                || caller.hasRole(Role.INTAKE_WORKER)
                || caller.hasRole(Role.PARTNER_PROVIDER);
    }

    private Uni<CarePlan> readable(Caller caller, UUID planId) {
        return CarePlan.<CarePlan>find("id = ?1 and agencyId = ?2", planId, caller.agencyId())
                .firstResult()
                .chain(p -> p == null
                        ? Uni.createFrom().<CarePlan>failure(Problems.notFound("care plan", planId))
                        : cases.find(p.caseId, p.agencyId).map(c -> {
                            if (c == null || !reader(caller, c.primaryCaseManagerId())) {
                                throw Problems.notFound("care plan", planId);
                            }
                            return p;
                        }));
    }

    /** The plan, locked for the change, if the caller may change it; 404 otherwise. */
    private Uni<CarePlan> writable(Caller caller, UUID planId) {
        return CarePlan.<CarePlan>find("id = ?1 and agencyId = ?2", planId, caller.agencyId())
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResult()
                .chain(p -> p == null
                        ? Uni.createFrom().<CarePlan>failure(Problems.notFound("care plan", planId))
                        : cases.find(p.caseId, p.agencyId).map(c -> {
                            if (c == null || !writer(caller, c.primaryCaseManagerId())) {
                                throw Problems.notFound("care plan", planId);
                            }
                            return p;
                        }));
    }

    private static void requireEditable(CarePlan p) {
        if (!PlanLifecycle.contentEditable(p.status())) {
            throw Problems.conflict(
                    "plan-not-editable",
                    "The plan is " + p.status + "; goals are added to a draft or a plan under review"
                            + " (start a review of an active plan first).");
        }
    }

    private static void move(CarePlan p, PlanAction action) {
        CarePlanStatus from = p.status();
        CarePlanStatus to = PlanLifecycle.next(from, action, p.approvedBefore())
                .orElseThrow(() -> Problems.conflict(
                        "plan-transition",
                        "A plan that is " + from.code() + " cannot be "
                                + action.name().toLowerCase().replace('_', ' ') + "ed."));
        p.status = to.code();
    }

    // ---- versions, views, events ---------------------------------------------------------------

    /** A content change: the next version, with its snapshot. */
    Uni<PlanView> changed(Caller caller, CarePlan p, String change) {
        p.version++;
        p.updatedAt = Instant.now();
        return Panache.getSession()
                .chain(s -> s.flush())
                .chain(() -> view(p))
                .chain(view -> snapshot(caller, p, view, change));
    }

    private Uni<PlanView> snapshot(Caller caller, CarePlan p, PlanView view, String change) {
        PlanVersion v = new PlanVersion();
        v.planId = p.id;
        v.version = p.version;
        v.change = change;
        v.changedBy = caller.userId();
        v.changedAt = p.updatedAt;
        try {
            v.snapshot = EventJson.mapper().writeValueAsString(view);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a plan snapshot could not be written", e);
        }
        return v.persist().replaceWith(view);
    }

    private Uni<PlanView> view(CarePlan p) {
        return Goal.<Goal>find("planId = ?1 order by createdAt, id", p.id)
                .list()
                .chain(goals -> Intervention.<Intervention>find("planId = ?1 order by createdAt, id", p.id)
                        .list()
                        .map(interventions -> PlanView.of(p, goals, interventions)));
    }

    /** A change of the plan told: its event through the outbox and its audit record, in the caller's transaction. */
    Uni<Void> announce(Caller caller, CarePlan p, Record event) {
        return announce(caller, p, AuditAction.UPDATED, event);
    }

    /** As {@link #announce(Caller, CarePlan, Record)}, audited as {@code action}. */
    Uni<Void> announce(Caller caller, CarePlan p, AuditAction action, Record event) {
        return outbox.add(message(p, event)).chain(() -> audit.record(caller, entry(action, p)));
    }

    private static OutboxMessage message(CarePlan p, Record event) {
        return new OutboxMessage(RESOURCE, p.clientId.toString(), p.agencyId, event);
    }

    private static AuditEntry entry(AuditAction action, CarePlan p) {
        return AuditEntry.of(action, RESOURCE, p.id.toString(), p.clientId.toString());
    }
}
