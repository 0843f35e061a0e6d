package org.cairn.audit.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import org.cairn.contracts.vocabulary.AuditAction;
import org.cairn.contracts.vocabulary.Role;
import org.cairn.platform.agency.Caller;
import org.cairn.platform.audit.AuditEntry;
import org.cairn.platform.audit.AuditTrail;
import org.cairn.platform.paging.Page;
import org.cairn.platform.problem.Problems;

/**
 * The questions asked of the audit trail, and who may ask them. The network's auditors see every
 * record; an agency's supervisors and program directors see the records of their own staff and the
 * records about the clients their agency serves; anyone else is refused by role, and an id outside
 * what the caller may see answers 404. Every question asked is itself audited.
 */
@ApplicationScoped
public class AuditQueries {

    static final String RESOURCE = "audit-record";

    /** What a supervisor or program director of agency {@code $3} may see. */
    static final String AGENCY_VIEW =
            "agency_id = $3 or client_id in" + " (select client_id::text from case_projection where agency_id = $3)";

    private final AuditLog log;
    private final AuditTrail audit;

    AuditQueries(AuditLog log, AuditTrail audit) {
        this.log = log;
        this.audit = audit;
    }

    static boolean networkWide(Caller caller) {
        return caller.hasRole(Role.AUDITOR);
    }

    /** Every access to a client's data, across services and agencies. */
    public Uni<Page<AuditRecordView>> byClient(
            Caller caller, String clientId, Instant from, Instant to, int page, int size) {
        Uni<Boolean> visible =
                networkWide(caller) ? Uni.createFrom().item(true) : log.serves(caller.agencyId(), clientId);
        return visible.chain(ok -> {
                    if (!ok) {
                        return Uni.createFrom().failure(Problems.notFound("client", clientId));
                    }
                    return visible(caller, "client_id", clientId, from, to, page, size);
                })
                .map(rows -> Page.of(rows, page, size))
                .call(p -> audit.record(AuditEntry.of(AuditAction.SEARCHED, RESOURCE, null, clientId)));
    }

    /**
     * The accounting of disclosures for a client: every access by another agency's staff under
     * consent, with the consents that allowed it, newest first. Asked of the client's agency (or
     * the network's auditors).
     */
    public Uni<Page<AuditRecordView>> disclosures(
            Caller caller, String clientId, Instant from, Instant to, int page, int size) {
        Uni<Boolean> visible =
                networkWide(caller) ? Uni.createFrom().item(true) : log.serves(caller.agencyId(), clientId);
        return visible.chain(ok -> ok
                        ? log.page(
                                "client_id = $3 and consent_ids is not null", List.of(clientId), from, to, page, size)
                        : Uni.createFrom().<List<AuditRecordView>>failure(Problems.notFound("client", clientId)))
                .map(rows -> Page.of(rows, page, size))
                .call(p -> audit.record(AuditEntry.of(AuditAction.SEARCHED, "disclosure", null, clientId)));
    }

    /**
     * The records whose {@code column} holds {@code value} that the caller may see: every one for the
     * network's auditors, the agency's view (its staff's, and those about its clients) for the rest.
     */
    private Uni<List<AuditRecordView>> visible(
            Caller caller, String column, String value, Instant from, Instant to, int page, int size) {
        return networkWide(caller)
                ? log.page(column + " = $3", List.of(value), from, to, page, size)
                : log.page(
                        column + " = $4 and (" + AGENCY_VIEW + ")",
                        List.of(caller.agencyId(), value),
                        from,
                        to,
                        page,
                        size);
    }

    /** Everything a user accessed; outside the network's auditors, only the caller's own agency's staff. */
    public Uni<Page<AuditRecordView>> byUser(
            Caller caller, String userId, Instant from, Instant to, int page, int size) {
        Uni<List<AuditRecordView>> rows = networkWide(caller)
                ? log.page("actor_user_id = $3", List.of(userId), from, to, page, size)
                : log.page(
                        "actor_user_id = $4 and agency_id = $3",
                        List.of(caller.agencyId(), userId),
                        from,
                        to,
                        page,
                        size);
        return rows.map(list -> {
                    if (list.isEmpty() && page == 0 && !networkWide(caller)) {
                        // a user of another agency is not to be told apart from one who never existed
                        throw Problems.notFound("user", userId);
                    }
                    return Page.of(list, page, size);
                })
                .call(p -> audit.record(AuditEntry.of(AuditAction.SEARCHED, RESOURCE, null, null)));
    }

    /**
     * Every record one request left, in whichever services it reached (a request id a user or a log
     * line gives): the network's auditors all of them, an agency's supervisors and program directors
     * those about their staff and their clients. Nothing visible is an empty page, as for any filter.
     */
    public Uni<Page<AuditRecordView>> byRequest(
            Caller caller, String requestId, Instant from, Instant to, int page, int size) {
        return visible(caller, "request_id", requestId, from, to, page, size)
                .map(list -> Page.of(list, page, size))
                .call(p -> audit.record(AuditEntry.of(AuditAction.SEARCHED, RESOURCE, null, null)));
    }

    /** What an agency's records hold: its staff's accesses, or other agencies' accesses to its clients. */
    public enum About {
        STAFF,
        CLIENTS
    }

    public Uni<Page<AuditRecordView>> byAgency(
            Caller caller, String agencyId, About about, Instant from, Instant to, int page, int size) {
        if (!networkWide(caller) && !agencyId.equals(caller.agencyId())) {
            throw Problems.notFound("agency", agencyId);
        }
        Uni<List<AuditRecordView>> rows = about == About.STAFF
                ? log.page("agency_id = $3", List.of(agencyId), from, to, page, size)
                : log.page(
                        "agency_id <> $3 and client_id in (select client_id::text from case_projection where agency_id = $3)",
                        List.of(agencyId),
                        from,
                        to,
                        page,
                        size);
        return rows.map(list -> Page.of(list, page, size))
                .call(p -> audit.record(AuditEntry.of(AuditAction.SEARCHED, RESOURCE, null, null)));
    }

    /** Verifies an agency's chain: the network's auditors any, an agency's supervisors their own. */
    public Uni<AuditLog.Verification> verify(Caller caller, String agencyId) {
        if (!networkWide(caller) && !agencyId.equals(caller.agencyId())) {
            throw Problems.notFound("agency", agencyId);
        }
        return log.verify(agencyId)
                .call(v -> audit.record(AuditEntry.of(AuditAction.VIEWED, "audit-chain", agencyId, null)));
    }
}
