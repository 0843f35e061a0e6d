package org.cairn.referrals.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.cairn.contracts.events.EventJson;
import org.cairn.contracts.events.ReferralAcceptedV1;
import org.cairn.contracts.events.ReferralStatusChangedV1;
import org.cairn.contracts.vocabulary.AuditAction;
import org.cairn.contracts.vocabulary.Coded;
import org.cairn.contracts.vocabulary.ConsentPurpose;
import org.cairn.contracts.vocabulary.NeedDomain;
import org.cairn.contracts.vocabulary.Program;
import org.cairn.contracts.vocabulary.ReferralOutcome;
import org.cairn.contracts.vocabulary.ReferralTaskStatus;
import org.cairn.contracts.vocabulary.SensitivityCategory;
import org.cairn.contracts.vocabulary.Urgency;
import org.cairn.platform.agency.Caller;
import org.cairn.platform.audit.AuditEntry;
import org.cairn.platform.audit.AuditTrail;
import org.cairn.platform.cases.CaseDirectory;
import org.cairn.platform.consents.ConsentDirectory;
import org.cairn.platform.outbox.Outbox;
import org.cairn.platform.outbox.OutboxMessage;
import org.cairn.platform.paging.Page;
import org.cairn.platform.problem.Problems;
import org.cairn.referrals.Referral;
import org.cairn.referrals.ReferralLifecycle;
import org.cairn.referrals.ReferralLifecycle.Side;
import org.cairn.referrals.ReferralStatusChange;
import org.cairn.referrals.ReferralsConfig;
import org.cairn.referrals.directory.Directory;
import org.cairn.referrals.directory.Eligibility;
import org.cairn.referrals.rest.ReferralRequests;
import org.cairn.referrals.rest.ReferralView;

/**
 * Referrals between agencies. A referral is made from one of the sending agency's open cases and can
 * be sent only under an active consent of the client that lets information of every category in the
 * packet (and the general information a referral is) go to the receiving agency for a referral; the
 * consent is kept with it. Each agency of a referral sees it (the receiving one once it is sent);
 * to anyone else it does not exist. Every move is recorded with who, when and why, and told as
 * {@code cairn.referral.status-changed.v1} (and an acceptance as {@code cairn.referral.accepted.v1}).
 */
@ApplicationScoped
public class ReferralService {

    static final String RESOURCE = "referral";
    static final TypeReference<List<ReferralRequests.PacketItem>> PACKET = new TypeReference<>() {};

    private final CaseDirectory cases;
    private final ConsentDirectory consents;
    private final Outbox outbox;
    private final AuditTrail audit;
    private final Directory directory;
    private final ReferralsConfig config;

    ReferralService(
            CaseDirectory cases,
            ConsentDirectory consents,
            Outbox outbox,
            AuditTrail audit,
            Directory directory,
            ReferralsConfig config) {
        this.cases = cases;
        this.consents = consents;
        this.outbox = outbox;
        this.audit = audit;
        this.directory = directory;
        this.config = config;
    }

    /** The task statuses a consent's end puts on hold: sent, not yet ended. */
    static final List<String> HELD_WHEN_CONSENT_ENDS = List.of(
            ReferralTaskStatus.REQUESTED.code(),
            ReferralTaskStatus.RECEIVED.code(),
            ReferralTaskStatus.ACCEPTED.code(),
            ReferralTaskStatus.IN_PROGRESS.code());

    /**
     * The client's consent a referral was sent under was revoked or expired: every open referral
     * sent under it is put on hold, a move made by the system on the sending agency's behalf (with
     * its history entry, event and audit record). The receiving agency's reading ended with the
     * consent already; the sending agency may cancel, or send a new referral under a new consent.
     */
    public Uni<Void> consentEnded(String consentId, String how) {
        return Referral.<Referral>list(
                        "consentId = ?1 and status in ?2", UUID.fromString(consentId), HELD_WHEN_CONSENT_ENDS)
                .chain(held -> Multi.createFrom()
                        .iterable(held)
                        .onItem()
                        .transformToUniAndConcatenate(r -> {
                            ReferralTaskStatus from = r.status();
                            r.status = ReferralTaskStatus.ON_HOLD.code();
                            r.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
                            Caller system =
                                    new Caller(r.sendingAgencyId, SYSTEM_USER, SYSTEM_USER, Set.of(), null, null);
                            return moved(
                                    system,
                                    r,
                                    from,
                                    ReferralTaskStatus.ON_HOLD,
                                    "the client's consent was " + how,
                                    AuditAction.UPDATED);
                        })
                        .collect()
                        .last()
                        .replaceWithVoid());
    }

    /** Who moves a referral when no user does (a consent's end). */
    static final String SYSTEM_USER = "cairn-referrals";

    public Uni<ReferralView> create(Caller caller, ReferralRequests.NewReferral request) {
        if (request.serviceId() == null && request.receivingAgencyId() == null) {
            return Uni.createFrom()
                    .failure(Problems.invalid(
                            "receivingAgencyId", "a referral names the agency or the service it goes to"));
        }
        Uni<Directory.Target> service = request.serviceId() == null
                ? Uni.createFrom().nullItem()
                : directory
                        .target(
                                request.serviceId(),
                                request.eligibility() == null
                                        ? new Eligibility.Profile(null, null, null, null, null)
                                        : request.eligibility().profile())
                        .map(target -> checked(target, request));
        return service.chain(target -> create(caller, request, target));
    }

    /**
     * The service a referral is addressed to, if it can take it: in the directory, active, run by an
     * agency of the network (the one named, if one is), and either the client's profile meets its
     * eligibility or the sender says why to refer anyway.
     */
    private static Directory.Target checked(Directory.Target target, ReferralRequests.NewReferral request) {
        if (target == null) {
            throw Problems.notFound("directory-service", request.serviceId());
        }
        if (!"active".equals(target.status())) {
            throw Problems.unprocessable("service-not-active", "the service is " + target.status());
        }
        if (target.agencyId() == null) {
            throw Problems.unprocessable(
                    "not-in-network",
                    "the service is not run by an agency of the network: refer the client to it directly");
        }
        if (request.receivingAgencyId() != null && !request.receivingAgencyId().equals(target.agencyId())) {
            throw Problems.invalid("receivingAgencyId", "the service is run by another agency");
        }
        boolean overridden = request.eligibilityOverride() != null
                && !request.eligibilityOverride().isBlank();
        if (!target.failedRules().isEmpty() && !overridden) {
            throw Problems.unprocessable(
                    "not-eligible",
                    "The client's profile does not meet the service's eligibility ("
                            + String.join(", ", target.failedRules())
                            + "). To refer anyway, send again with eligibilityOverride saying why.");
        }
        return target;
    }

    private Uni<ReferralView> create(Caller caller, ReferralRequests.NewReferral request, Directory.Target service) {
        String receiving = service != null ? service.agencyId() : request.receivingAgencyId();
        if (receiving.equals(caller.agencyId())) {
            return Uni.createFrom()
                    .failure(Problems.invalid("receivingAgencyId", "a referral goes to another agency than one's own"));
        }
        boolean send = request.send() == null || request.send();
        return Panache.withTransaction(() -> cases.find(request.caseId(), caller.agencyId())
                .chain(known -> {
                    if (known == null || !known.isOpen()) {
                        return Uni.createFrom().failure(Problems.notFound("case", request.caseId()));
                    }
                    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
                    Referral r = new Referral();
                    r.id = UUID.randomUUID();
                    r.clientId = known.clientId();
                    r.caseId = known.caseId();
                    r.sendingAgencyId = caller.agencyId();
                    r.receivingAgencyId = receiving;
                    if (service != null) {
                        r.serviceId = service.id();
                        r.serviceName = service.name();
                        r.eligibilityOverride = service.failedRules().isEmpty()
                                ? null
                                : request.eligibilityOverride().strip();
                    }
                    r.needDomain = request.needDomain().code();
                    r.urgency = request.urgency().code();
                    r.reason = request.reason();
                    r.packet = json(request.packet());
                    r.createdBy = caller.userId();
                    r.createdAt = now;
                    r.updatedAt = now;
                    ReferralTaskStatus first = send ? ReferralTaskStatus.REQUESTED : ReferralTaskStatus.DRAFT;
                    if (send) {
                        r.respondBy = now.plus(config.sla().of(request.urgency()));
                    }
                    return (send ? consentFor(r) : Uni.createFrom().<UUID>nullItem())
                            .chain(consent -> {
                                r.consentId = consent;
                                r.status = first.code();
                                return r.<Referral>persist();
                            })
                            .chain(() -> moved(caller, r, null, first, null, AuditAction.CREATED))
                            .chain(ReferralService::view);
                }));
    }

    public Uni<ReferralView> get(Caller caller, UUID id) {
        return Panache.withSession(() -> visible(caller, id, null)
                .call(r -> audit.record(
                        // the packet read by the receiving agency is a disclosure under the consent
                        entry(AuditAction.VIEWED, r.id, r.clientId).underConsents(disclosedUnder(caller, r))))
                .chain(ReferralService::view));
    }

    /**
     * What a list of referrals is narrowed to: the box (received, or sent), and optionally one status,
     * one directory service, one case, and whether only the open ones.
     */
    public record ListFilter(boolean received, ReferralTaskStatus status, UUID serviceId, UUID caseId, boolean open) {}

    /** Statuses after which a referral asks nothing more of anyone. */
    static final List<String> CLOSED = List.of(
            ReferralTaskStatus.COMPLETED.code(),
            ReferralTaskStatus.REJECTED.code(),
            ReferralTaskStatus.CANCELLED.code(),
            ReferralTaskStatus.FAILED.code(),
            ReferralTaskStatus.ENTERED_IN_ERROR.code());

    /** The referrals the caller's agency sent, or those it received (never another's drafts). */
    public Uni<Page<ReferralView>> list(Caller caller, ListFilter filter, int page, int size) {
        boolean received = filter.received();
        StringBuilder where = new StringBuilder(
                received ? "receivingAgencyId = ?1 and consentId is not null" : "sendingAgencyId = ?1");
        List<Object> params = new java.util.ArrayList<>(List.of(caller.agencyId()));
        if (filter.status() != null) {
            params.add(filter.status().code());
            where.append(" and status = ?").append(params.size());
        }
        if (filter.serviceId() != null) {
            params.add(filter.serviceId());
            where.append(" and serviceId = ?").append(params.size());
        }
        if (filter.caseId() != null) {
            params.add(filter.caseId());
            where.append(" and caseId = ?").append(params.size());
        }
        if (filter.open()) {
            params.add(CLOSED);
            where.append(" and status not in ?").append(params.size());
        }
        int first = page * size;
        return Panache.withSession(
                        () -> Referral.<Referral>find(where + " order by updatedAt desc, id", params.toArray())
                                .range(first, first + size)
                                .list())
                .call(list -> audit.record(AuditEntry.of(
                        AuditAction.SEARCHED, RESOURCE, null, AuditEntry.soleClient(list, r -> r.clientId))))
                .call(list -> received
                        // each received referral listed tells its client and need: a disclosure under its consent
                        ? Uni.join()
                                .all(list.stream()
                                        .limit(size)
                                        .map(r -> audit.record(entry(AuditAction.VIEWED, r.id, r.clientId)
                                                .underConsents(disclosedUnder(caller, r))))
                                        .toList())
                                .andCollectFailures()
                                .replaceWithVoid()
                        : Uni.createFrom().voidItem())
                .map(list -> Page.of(list.stream().map(r -> summary(r)).toList(), page, size));
    }

    /**
     * A move of the referral's task by the side the caller's agency is on. The referral is locked
     * first, so two moves at once are decided one after the other.
     */
    public Uni<ReferralView> changeStatus(Caller caller, UUID id, ReferralRequests.StatusChange request) {
        ReferralTaskStatus to = request.status();
        if (ReferralLifecycle.needsReason(to)
                && (request.reason() == null || request.reason().isBlank())) {
            return Uni.createFrom().failure(Problems.invalid("reason", "a move to " + to.code() + " says why"));
        }
        if (to == ReferralTaskStatus.ACCEPTED && request.program() == null) {
            return Uni.createFrom()
                    .failure(Problems.invalid("program", "an acceptance names the program that serves the client"));
        }
        String wrongOutcome = ReferralLifecycle.outcomeProblem(to, request.outcome());
        if (wrongOutcome != null) {
            return Uni.createFrom().failure(Problems.invalid("outcome", wrongOutcome));
        }
        return Panache.withTransaction(() -> visible(caller, id, LockModeType.PESSIMISTIC_WRITE)
                .chain(r -> {
                    ReferralTaskStatus from = r.status();
                    Side side = caller.agencyId().equals(r.sendingAgencyId) ? Side.SENDING : Side.RECEIVING;
                    if (!ReferralLifecycle.allowed(side, from, to)) {
                        return Uni.createFrom()
                                .failure(Problems.conflict(
                                        "invalid-transition",
                                        "the " + side.name().toLowerCase() + " agency cannot move a referral from "
                                                + from.code() + " to " + to.code()));
                    }
                    // sending a draft: its case must still be open, and a consent must cover it now
                    Uni<UUID> consent = from == ReferralTaskStatus.DRAFT && to == ReferralTaskStatus.REQUESTED
                            ? cases.find(r.caseId, r.sendingAgencyId)
                                    .chain(known -> known == null || !known.isOpen()
                                            ? Uni.createFrom()
                                                    .failure(Problems.conflict(
                                                            "case-closed",
                                                            "the case was closed: the draft cannot be sent"))
                                            : consentFor(r))
                            : Uni.createFrom().item(r.consentId);
                    return consent.chain(c -> {
                        r.consentId = c;
                        r.status = to.code();
                        r.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
                        if (to == ReferralTaskStatus.REQUESTED) {
                            r.respondBy = r.updatedAt.plus(config.sla().of(Coded.fromCode(Urgency.class, r.urgency)));
                        }
                        if (to == ReferralTaskStatus.ACCEPTED) {
                            r.program = request.program().code();
                        }
                        if (ReferralLifecycle.needsOutcome(to)) {
                            r.outcome = request.outcome().code();
                        }
                        return moved(caller, r, from, to, request.reason(), AuditAction.UPDATED);
                    });
                })
                .chain(ReferralService::view));
    }

    /** The statuses in which the receiving agency has someone work the referral. */
    static final Set<ReferralTaskStatus> ASSIGNABLE =
            EnumSet.of(ReferralTaskStatus.ACCEPTED, ReferralTaskStatus.IN_PROGRESS, ReferralTaskStatus.ON_HOLD);

    /** The receiving agency names who of its staff works a referral it accepted. */
    public Uni<ReferralView> assign(Caller caller, UUID id, String assigneeUserId) {
        return Panache.withTransaction(() -> visible(caller, id, LockModeType.PESSIMISTIC_WRITE)
                .chain(r -> {
                    if (!caller.agencyId().equals(r.receivingAgencyId)) {
                        return Uni.createFrom()
                                .failure(Problems.conflict(
                                        "receiving-side-only", "the receiving agency assigns its own staff"));
                    }
                    if (!ASSIGNABLE.contains(r.status())) {
                        return Uni.createFrom()
                                .failure(Problems.conflict(
                                        "not-accepted", "a referral is assigned once accepted, until it ends"));
                    }
                    r.assigneeUserId = assigneeUserId.strip();
                    r.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
                    return audit.record(
                                    caller,
                                    entry(AuditAction.UPDATED, r.id, r.clientId)
                                            .underConsents(disclosedUnder(caller, r)))
                            .replaceWith(r);
                })
                .chain(ReferralService::view));
    }

    /** The consent that lets the packet go, or a 422 when there is none. */
    private Uni<UUID> consentFor(Referral r) {
        Set<SensitivityCategory> categories = EnumSet.of(SensitivityCategory.GENERAL);
        packet(r).forEach(item -> categories.add(item.category()));
        return consents.covering(r.clientId, r.receivingAgencyId, ConsentPurpose.REFERRAL, categories)
                .map(found -> {
                    if (found == null) {
                        throw Problems.unprocessable(
                                "no-consent",
                                "No active consent of the client lets "
                                        + String.join(
                                                ", ",
                                                categories.stream()
                                                        .map(SensitivityCategory::code)
                                                        .toList())
                                        + " information go to " + r.receivingAgencyId + " for a referral");
                    }
                    return UUID.fromString(found);
                });
    }

    /** Records a move (history, event, audit) within the transaction. */
    private Uni<Referral> moved(
            Caller caller,
            Referral r,
            ReferralTaskStatus from,
            ReferralTaskStatus to,
            String reason,
            AuditAction action) {
        ReferralStatusChange change = new ReferralStatusChange();
        change.id = UUID.randomUUID();
        change.referralId = r.id;
        change.fromStatus = from == null ? null : from.code();
        change.toStatus = to.code();
        change.agencyId = caller.agencyId();
        change.changedBy = caller.userId();
        change.reason = reason == null || reason.isBlank() ? null : reason;
        change.outcome = ReferralLifecycle.needsOutcome(to) ? r.outcome : null;
        change.changedAt = r.updatedAt;
        Uni<Void> told = outbox.add(message(
                        caller,
                        r,
                        new ReferralStatusChangedV1(
                                r.id.toString(),
                                r.clientId.toString(),
                                r.caseId.toString(),
                                r.sendingAgencyId,
                                r.receivingAgencyId,
                                from,
                                to,
                                r.outcome == null || !ReferralLifecycle.needsOutcome(to)
                                        ? null
                                        : Coded.fromCode(ReferralOutcome.class, r.outcome),
                                r.updatedAt)))
                .replaceWithVoid();
        Uni<Void> events = to != ReferralTaskStatus.ACCEPTED
                ? told
                : told.chain(() -> outbox.add(message(
                                caller,
                                r,
                                new ReferralAcceptedV1(
                                        r.id.toString(),
                                        r.clientId.toString(),
                                        r.sendingAgencyId,
                                        r.receivingAgencyId,
                                        Coded.fromCode(Program.class, r.program),
                                        r.consentId == null ? null : r.consentId.toString(),
                                        r.updatedAt)))
                        .replaceWithVoid());
        return change.<ReferralStatusChange>persist()
                .chain(() -> events)
                .chain(() ->
                        audit.record(caller, entry(action, r.id, r.clientId).underConsents(disclosedUnder(caller, r))))
                .replaceWith(r);
    }

    /**
     * The referral if the caller's agency sent it, or received it: it was sent (it has its consent)
     * and that consent is still in force; else 404. A revoked consent ends the receiving agency's
     * reading, as it ends its reading of assessments.
     */
    private Uni<Referral> visible(Caller caller, UUID id, LockModeType lock) {
        Uni<Referral> found = lock == null ? Referral.findById(id) : Referral.findById(id, lock);
        return found.chain(r -> {
            if (r != null && caller.agencyId().equals(r.sendingAgencyId)) {
                return Uni.createFrom().item(r);
            }
            if (r == null || !caller.agencyId().equals(r.receivingAgencyId) || r.consentId == null) {
                return Uni.createFrom().failure(Problems.notFound(RESOURCE, id));
            }
            return consents.inForce(r.consentId).map(inForce -> {
                if (!inForce) {
                    throw Problems.notFound(RESOURCE, id);
                }
                return r;
            });
        });
    }

    /** The consents a read or change by the caller discloses under: the referral's, to its receiver. */
    private static List<String> disclosedUnder(Caller caller, Referral r) {
        return caller.agencyId().equals(r.receivingAgencyId) && r.consentId != null
                ? List.of(r.consentId.toString())
                : List.of();
    }

    /** The referral whole: its reason, packet and every move. */
    private static Uni<ReferralView> view(Referral r) {
        return ReferralStatusChange.<ReferralStatusChange>list("referralId = ?1 order by changedAt, id", r.id)
                .map(changes -> view(
                        r,
                        r.reason,
                        packet(r),
                        changes.stream()
                                .map(c -> new ReferralView.Change(
                                        c.fromStatus == null
                                                ? null
                                                : Coded.fromCode(ReferralTaskStatus.class, c.fromStatus),
                                        Coded.fromCode(ReferralTaskStatus.class, c.toStatus),
                                        c.agencyId,
                                        c.changedBy,
                                        c.reason,
                                        c.outcome == null ? null : Coded.fromCode(ReferralOutcome.class, c.outcome),
                                        c.changedAt))
                                .toList()));
    }

    /** The referral as a list shows it: no reason, packet or history. */
    private static ReferralView summary(Referral r) {
        return view(r, null, null, null);
    }

    private static ReferralView view(
            Referral r, String reason, List<ReferralRequests.PacketItem> packet, List<ReferralView.Change> history) {
        return new ReferralView(
                r.id,
                r.clientId,
                r.caseId,
                r.sendingAgencyId,
                r.receivingAgencyId,
                r.serviceId,
                r.serviceName,
                Coded.fromCode(NeedDomain.class, r.needDomain),
                Coded.fromCode(Urgency.class, r.urgency),
                reason,
                r.status(),
                r.consentId == null ? null : r.consentId.toString(),
                r.program == null ? null : Coded.fromCode(Program.class, r.program),
                r.eligibilityOverride,
                r.respondBy,
                r.escalatedAt,
                r.assigneeUserId,
                r.outcome == null ? null : Coded.fromCode(ReferralOutcome.class, r.outcome),
                r.createdBy,
                r.createdAt,
                r.updatedAt,
                packet,
                history);
    }

    private static OutboxMessage message(Caller caller, Referral r, Record event) {
        return new OutboxMessage(RESOURCE, r.clientId.toString(), caller.agencyId(), event);
    }

    private static AuditEntry entry(AuditAction action, UUID id, UUID clientId) {
        return AuditEntry.of(action, RESOURCE, id.toString(), clientId.toString());
    }

    private static String json(List<ReferralRequests.PacketItem> packet) {
        try {
            return EventJson.mapper().writeValueAsString(packet);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a referral packet could not be written", e);
        }
    }

    private static List<ReferralRequests.PacketItem> packet(Referral r) {
        try {
            return EventJson.mapper().readValue(r.packet, PACKET);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored referral packet could not be read");
        }
    }
}
