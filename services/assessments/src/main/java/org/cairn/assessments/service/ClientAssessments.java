package org.cairn.assessments.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.cairn.assessments.instrument.Result;
import org.cairn.contracts.vocabulary.AuditAction;
import org.cairn.platform.agency.Caller;
import org.cairn.platform.audit.AuditEntry;
import org.cairn.platform.audit.AuditTrail;
import org.cairn.platform.paging.Page;

/**
 * A client's assessments as a list: the caller's agency's (in progress too) and other agencies'
 * completed ones (and the versions they amend) that a consent lets the caller see.
 */
@ApplicationScoped
public class ClientAssessments {

    static final String QUERY = "select a.id, a.case_id, a.agency_id, a.instrument_id, a.instrument_version, a.status,"
            + " a.started_at, a.completed_at, a.amendment, a.result::text from assessment a"
            + " where a.client_id = :client and (cast(:instrument as text) is null or a.instrument_id = :instrument)"
            + " and (a.agency_id = :agency and :own"
            + " or a.status <> 'in-progress' and :shared and " + AssessmentAccess.SHARED + ")"
            + " order by coalesce(a.administered_at, a.started_at) desc, a.id limit :limit offset :offset";

    private final AuditTrail audit;
    private final AssessmentAccess access;

    ClientAssessments(AuditTrail audit, AssessmentAccess access) {
        this.audit = audit;
        this.access = access;
    }

    /** One assessment in a list; scores once it is completed. */
    public record Summary(
            UUID id,
            UUID caseId,
            String agencyId,
            String instrumentId,
            String instrumentVersion,
            String status,
            Instant startedAt,
            Instant completedAt,
            int amendment,
            List<Result.ScaleScore> scores,
            List<Result.RaisedRisk> risks,
            List<Result.IdentifiedNeed> needs) {}

    public Uni<Page<Summary>> of(Caller caller, UUID clientId, String instrumentId, int page, int size) {
        return access.clientRows(
                        caller,
                        clientId,
                        QUERY,
                        q -> q.setParameter("instrument", instrumentId)
                                .setParameter("limit", size + 1)
                                .setParameter("offset", page * size))
                .chain(rows -> Panache.withSession(() -> access.disclosedUnder(
                                caller,
                                clientId,
                                rows.stream()
                                        .limit(size)
                                        .filter(row -> !caller.agencyId().equals(row[2]))
                                        .map(row -> AssessmentAccess.instrumentKey((String) row[3], (String) row[4]))
                                        .toList()))
                        .chain(consents -> audit.record(
                                        AuditEntry.of(AuditAction.SEARCHED, "assessment", null, clientId.toString())
                                                .underConsents(consents))
                                .replaceWith(rows)))
                .map(rows -> {
                    List<Summary> list = new ArrayList<>(rows.size());
                    for (Object[] row : rows) {
                        Result result = row[9] == null ? null : StoredJson.result((String) row[9]);
                        list.add(new Summary(
                                (UUID) row[0],
                                (UUID) row[1],
                                (String) row[2],
                                (String) row[3],
                                (String) row[4],
                                (String) row[5],
                                StoredJson.instant(row[6]),
                                StoredJson.instant(row[7]),
                                ((Number) row[8]).intValue(),
                                result == null ? null : result.scales(),
                                result == null ? null : result.risks(),
                                result == null ? null : result.needs()));
                    }
                    return Page.of(list, page, size);
                });
    }
}
