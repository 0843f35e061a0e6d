package org.cairn.clients.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.cairn.clients.CareCase;
import org.cairn.clients.ClientAccess;
import org.cairn.clients.Codes;
import org.cairn.clients.rest.CaseRequests;
import org.cairn.contracts.events.CaseAssignedV1;
import org.cairn.contracts.events.CaseClosedV1;
import org.cairn.contracts.events.CaseCrisisClearedV1;
import org.cairn.contracts.events.CaseCrisisFlaggedV1;
import org.cairn.contracts.events.CaseOpenedV1;
import org.cairn.contracts.events.CaseStatusChangedV1;
import org.cairn.contracts.events.CaseTransferredV1;
import org.cairn.contracts.vocabulary.AuditAction;
import org.cairn.contracts.vocabulary.CareTeamRole;
import org.cairn.contracts.vocabulary.CaseStatus;
import org.cairn.contracts.vocabulary.Coded;
import org.cairn.contracts.vocabulary.Role;
import org.cairn.platform.agency.Caller;
import org.cairn.platform.audit.AuditEntry;
import org.cairn.platform.audit.AuditTrail;
import org.cairn.platform.outbox.Outbox;
import org.cairn.platform.outbox.OutboxMessage;
import org.cairn.platform.problem.Problems;

/**
 * Cases: opening, assignment, caseload transfer, status and crisis. A case belongs to one agency
 * and is invisible to every other. Writes are for the case's own case managers and for the
 * agency's supervisors; each write commits with its event and audit record.
 */
@ApplicationScoped
public class CaseService {

    static final String RESOURCE = "case";

    /** Which status may follow which; closed is final. */
    static final Map<CaseStatus, Set<CaseStatus>> NEXT = Map.of(
            CaseStatus.REFERRED, EnumSet.of(CaseStatus.INTAKE, CaseStatus.ACTIVE, CaseStatus.CLOSED),
            CaseStatus.INTAKE, EnumSet.of(CaseStatus.ACTIVE, CaseStatus.ON_HOLD, CaseStatus.CLOSED),
            CaseStatus.ACTIVE, EnumSet.of(CaseStatus.ON_HOLD, CaseStatus.CLOSED),
            CaseStatus.ON_HOLD, EnumSet.of(CaseStatus.ACTIVE, CaseStatus.CLOSED),
            CaseStatus.CLOSED, EnumSet.noneOf(CaseStatus.class));

    private final Outbox outbox;
    private final AuditTrail audit;
    private final StaffDirectory staff;

    CaseService(Outbox outbox, AuditTrail audit, StaffDirectory staff) {
        this.outbox = outbox;
        this.audit = audit;
        this.staff = staff;
    }

    public Uni<CareCase> open(Caller caller, UUID clientId, CaseRequests.OpenCase request) {
        CaseStatus status = request.status() == null ? CaseStatus.INTAKE : request.status();
        if (!EnumSet.of(CaseStatus.REFERRED, CaseStatus.INTAKE, CaseStatus.ACTIVE)
                .contains(status)) {
            throw Problems.unprocessable("invalid-status", "A case opens as referred, intake or active.");
        }
        String primary = request.primaryCaseManagerId() != null
                ? request.primaryCaseManagerId()
                : caller.hasRole(Role.CASE_MANAGER) ? caller.userId() : null;
        return staff.record(caller)
                .chain(() -> Panache.withTransaction(() -> ClientRegistry.requireVisible(caller, clientId)
                        .chain(() -> primary == null ? Uni.createFrom().voidItem() : requireCaseWorker(caller, primary))
                        .chain(() -> requireStaff(caller, request.careTeam()))
                        .chain(() -> persist(caller, clientId, status, primary, request))));
    }

    private Uni<CareCase> persist(
            Caller caller, UUID clientId, CaseStatus status, String primary, CaseRequests.OpenCase request) {
        Instant now = now();
        CareCase c = new CareCase();
        c.id = UUID.randomUUID();
        c.clientId = clientId;
        c.agencyId = caller.agencyId();
        c.program = request.program().code();
        c.status = status.code();
        c.openedOn = request.openedOn() == null ? LocalDate.now() : request.openedOn();
        c.openedReason = request.reason();
        c.primaryCaseManagerId = primary;
        c.priority = (request.priority() == null ? Codes.Priority.MEDIUM : request.priority()).code();
        c.riskLevel = (request.riskLevel() == null ? Codes.RiskLevel.LOW : request.riskLevel()).code();
        for (CaseRequests.TeamMemberData data : request.careTeam()) {
            CareCase.TeamMember member = new CareCase.TeamMember();
            member.userId = data.userId();
            member.role = data.role().code();
            c.careTeam.add(member);
        }
        c.createdAt = now;
        c.updatedAt = now;
        return c.<CareCase>persist()
                .call(() -> ClientAccess.<ClientAccess>find(
                                "clientId = ?1 and agencyId = ?2 and reason = ?3",
                                clientId,
                                caller.agencyId(),
                                ClientAccess.Reason.CASE.code())
                        .firstResult()
                        .chain(existing -> existing != null
                                ? Uni.createFrom().voidItem()
                                : ClientAccess.of(clientId, caller.agencyId(), ClientAccess.Reason.CASE, now)
                                        .persist()
                                        .replaceWithVoid()))
                .call(() -> publish(
                        c,
                        new CaseOpenedV1(
                                c.id.toString(),
                                clientId.toString(),
                                c.agencyId,
                                request.program(),
                                status,
                                c.openedOn,
                                primary,
                                c.careTeam.stream()
                                        .map(m -> new CaseOpenedV1.CareTeamMember(
                                                m.userId, Coded.fromCode(CareTeamRole.class, m.role)))
                                        .toList(),
                                now)))
                .call(() -> audited(AuditAction.CREATED, c));
    }

    /** A case of the caller's agency; any other is 404, as if it did not exist. */
    public Uni<CareCase> get(Caller caller, UUID id) {
        return Panache.withSession(() -> find(caller, id)).call(c -> audited(AuditAction.VIEWED, c));
    }

    public Uni<List<CareCase>> ofClient(Caller caller, UUID clientId) {
        return Panache.withSession(() -> ClientRegistry.requireVisible(caller, clientId)
                        .chain(() -> CareCase.<CareCase>list(
                                "clientId = ?1 and agencyId = ?2 order by openedOn desc", clientId, caller.agencyId())))
                .call(cases -> audit.record(AuditEntry.of(AuditAction.VIEWED, RESOURCE, null, clientId.toString())));
    }

    /** The open cases whose primary case manager is the caller. */
    public Uni<List<CareCase>> mine(Caller caller, int page, int size) {
        return staff.record(caller)
                .chain(() -> Panache.withSession(() -> CareCase.<CareCase>find(
                                "agencyId = ?1 and primaryCaseManagerId = ?2 and status <> 'closed'"
                                        + " order by crisis desc, case priority when 'urgent' then 0"
                                        + " when 'high' then 1 when 'medium' then 2 else 3 end, openedOn, id",
                                caller.agencyId(),
                                caller.userId())
                        .range(page * size, page * size + size)
                        .list()))
                .call(cases -> audit.record(AuditEntry.of(AuditAction.SEARCHED, RESOURCE, null, null)));
    }

    public Uni<CareCase> assign(Caller caller, UUID id, String primaryCaseManagerId) {
        return staff.record(caller)
                .chain(() -> Panache.withTransaction(() -> find(caller, id)
                        .invoke(c -> requireWriter(caller, c))
                        .call(c -> requireCaseWorker(caller, primaryCaseManagerId))
                        .call(c -> {
                            String previous = c.primaryCaseManagerId;
                            c.primaryCaseManagerId = primaryCaseManagerId;
                            c.updatedAt = now();
                            return publish(
                                            c,
                                            new CaseAssignedV1(
                                                    c.id.toString(),
                                                    c.clientId.toString(),
                                                    c.agencyId,
                                                    primaryCaseManagerId,
                                                    previous,
                                                    c.updatedAt))
                                    .call(() -> audited(AuditAction.UPDATED, c));
                        })));
    }

    public Uni<CareCase> changeStatus(Caller caller, UUID id, CaseRequests.StatusChange change) {
        return staff.record(caller)
                .chain(() -> Panache.withTransaction(() -> find(caller, id)
                        .invoke(c -> requireWriter(caller, c))
                        .call(c -> {
                            CaseStatus from = Coded.fromCode(CaseStatus.class, c.status);
                            CaseStatus to = change.status();
                            if (!NEXT.get(from).contains(to)) {
                                return Uni.createFrom()
                                        .failure(Problems.unprocessable(
                                                "invalid-transition",
                                                "A case that is " + from.code() + " cannot become " + to.code() + "."));
                            }
                            Instant now = now();
                            c.status = to.code();
                            c.updatedAt = now;
                            Uni<Void> events = publish(
                                    c,
                                    new CaseStatusChangedV1(
                                            c.id.toString(), c.clientId.toString(), c.agencyId, from, to, now));
                            if (to == CaseStatus.CLOSED) {
                                c.closedOn = change.closedOn() == null ? LocalDate.now() : change.closedOn();
                                c.closedReason = change.reason();
                                if (c.closedOn.isBefore(c.openedOn)) {
                                    return Uni.createFrom()
                                            .failure(Problems.invalid(
                                                    List.of(new org.cairn.platform.problem.Problem.FieldError(
                                                            "closedOn",
                                                            "must not be before the case opened (" + c.openedOn
                                                                    + ")"))));
                                }
                                events = events.chain(() -> publish(
                                        c,
                                        new CaseClosedV1(
                                                c.id.toString(), c.clientId.toString(), c.agencyId, c.closedOn, now)));
                            }
                            return events.call(() -> audited(AuditAction.UPDATED, c));
                        })));
    }

    public Uni<CareCase> flagCrisis(Caller caller, UUID id, String reason) {
        return staff.record(caller)
                .chain(() -> Panache.withTransaction(() -> find(caller, id)
                        .invoke(c -> requireWriter(caller, c))
                        .call(c -> flag(c, reason, CaseCrisisFlaggedV1.Source.MANUAL))
                        .call(c -> audited(AuditAction.UPDATED, c))));
    }

    /** Sets the crisis flag of a case and announces it, unless it is already set. */
    Uni<Void> flag(CareCase c, String reason, CaseCrisisFlaggedV1.Source source) {
        if (!c.isOpen()) {
            return Uni.createFrom().failure(Problems.unprocessable("case-closed", "The case is closed."));
        }
        boolean wasFlagged = c.crisis;
        c.crisis = true;
        c.crisisReason = reason;
        if (wasFlagged) {
            return Uni.createFrom().voidItem();
        }
        c.crisisAt = now();
        c.updatedAt = c.crisisAt;
        return publish(
                c, new CaseCrisisFlaggedV1(c.id.toString(), c.clientId.toString(), c.agencyId, source, c.crisisAt));
    }

    public Uni<CareCase> clearCrisis(Caller caller, UUID id) {
        return staff.record(caller)
                .chain(() -> Panache.withTransaction(() -> find(caller, id)
                        .invoke(c -> requireWriter(caller, c))
                        .call(c -> {
                            if (!c.crisis) {
                                return Uni.createFrom().voidItem();
                            }
                            c.crisis = false;
                            c.crisisReason = null;
                            c.crisisAt = null;
                            c.updatedAt = now();
                            return publish(
                                            c,
                                            new CaseCrisisClearedV1(
                                                    c.id.toString(), c.clientId.toString(), c.agencyId, c.updatedAt))
                                    .call(() -> audited(AuditAction.UPDATED, c));
                        })));
    }

    /** The outcome of a caseload transfer. */
    public record Transfer(String transferId, int moved) {}

    /** Moves every open case of one case manager to another, in one transaction. Supervisors only. */
    public Uni<Transfer> transfer(Caller caller, CaseRequests.CaseloadTransfer request) {
        if (!caller.hasRole(Role.SUPERVISOR)) {
            throw Problems.forbidden("supervisors-only", "Only a supervisor of the agency transfers caseloads.");
        }
        if (request.fromCaseManagerId().equals(request.toCaseManagerId())) {
            throw Problems.unprocessable("same-case-manager", "A caseload moves to someone else.");
        }
        String transferId = UUID.randomUUID().toString();
        return staff.record(caller)
                .chain(() -> Panache.withTransaction(() -> requireCaseWorker(caller, request.toCaseManagerId())
                        .chain(() -> CareCase.<CareCase>list(
                                "agencyId = ?1 and primaryCaseManagerId = ?2 and status <> 'closed'",
                                caller.agencyId(),
                                request.fromCaseManagerId()))
                        .chain(cases -> {
                            Instant now = now();
                            Uni<Void> chain = Uni.createFrom().voidItem();
                            for (CareCase c : cases) {
                                c.primaryCaseManagerId = request.toCaseManagerId();
                                c.updatedAt = now;
                                chain = chain.chain(() -> publish(
                                                c,
                                                new CaseTransferredV1(
                                                        c.id.toString(),
                                                        c.clientId.toString(),
                                                        c.agencyId,
                                                        request.fromCaseManagerId(),
                                                        request.toCaseManagerId(),
                                                        transferId,
                                                        now)))
                                        .chain(() -> audited(AuditAction.UPDATED, c));
                            }
                            return chain.replaceWith(new Transfer(transferId, cases.size()));
                        })));
    }

    private Uni<CareCase> find(Caller caller, UUID id) {
        return CareCase.<CareCase>find("id = ?1 and agencyId = ?2", id, caller.agencyId())
                .firstResult()
                .onItem()
                .ifNull()
                .failWith(() -> Problems.notFound(RESOURCE, id));
    }

    /** Supervisors of the agency, and the case's own case managers, may change a case. */
    static void requireWriter(Caller caller, CareCase c) {
        if (caller.hasRole(Role.SUPERVISOR)) {
            return;
        }
        boolean onCase = caller.userId().equals(c.primaryCaseManagerId)
                || c.careTeam.stream().anyMatch(m -> m.userId.equals(caller.userId()));
        if (!onCase || !(caller.hasRole(Role.CASE_MANAGER) || caller.hasRole(Role.INTAKE_WORKER))) {
            throw Problems.forbidden("not-on-case", "Only the case's case managers or a supervisor may change it.");
        }
    }

    /** The user must be a case manager or supervisor of the caller's agency. */
    private Uni<Void> requireCaseWorker(Caller caller, String userId) {
        return staff.find(caller.agencyId(), userId).chain(member -> {
            if (member == null || !(member.hasRole("case-manager") || member.hasRole("supervisor"))) {
                return Uni.createFrom()
                        .failure(Problems.unprocessable(
                                "not-agency-case-manager",
                                "User " + userId
                                        + " is not a case manager or supervisor of your agency known to Cairn."));
            }
            return Uni.createFrom().voidItem();
        });
    }

    private Uni<Void> requireStaff(Caller caller, List<CaseRequests.TeamMemberData> team) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (CaseRequests.TeamMemberData member : team) {
            chain = chain.chain(() -> staff.find(caller.agencyId(), member.userId())
                    .chain(found -> found == null
                            ? Uni.createFrom()
                                    .failure(Problems.unprocessable(
                                            "not-agency-staff",
                                            "User " + member.userId() + " is not staff of your agency."))
                            : Uni.createFrom().voidItem()));
        }
        return chain;
    }

    private Uni<Void> publish(CareCase c, Record event) {
        return outbox.add(new OutboxMessage(RESOURCE, c.clientId.toString(), c.agencyId, event))
                .replaceWithVoid();
    }

    private Uni<Void> audited(AuditAction action, CareCase c) {
        return audit.record(AuditEntry.of(action, RESOURCE, c.id.toString(), c.clientId.toString()));
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
