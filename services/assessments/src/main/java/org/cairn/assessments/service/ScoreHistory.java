package org.cairn.assessments.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.cairn.assessments.instrument.Result;
import org.cairn.contracts.vocabulary.AuditAction;
import org.cairn.platform.agency.Caller;
import org.cairn.platform.audit.AuditEntry;
import org.cairn.platform.audit.AuditTrail;

/**
 * A client's scores on one instrument over time, with the change since the assessment before: the
 * question a case manager asks at every review (is the PHQ-9 going down?). One query; only the
 * current version of each assessment counts, and only what the caller may read.
 */
@ApplicationScoped
public class ScoreHistory {

    static final String QUERY = "select a.id, a.agency_id, a.case_id, a.instrument_version, a.administered_at,"
            + " a.result::text from assessment a"
            + " where a.client_id = :client and a.instrument_id = :instrument and a.status = 'completed'"
            + " and (a.agency_id = :agency and :own or :shared and " + AssessmentAccess.SHARED + ")"
            + " order by a.administered_at, a.id";

    private final AuditTrail audit;
    private final AssessmentAccess access;

    ScoreHistory(AuditTrail audit, AssessmentAccess access) {
        this.audit = audit;
        this.access = access;
    }

    /**
     * One completed assessment in a history.
     *
     * @param scores each scale's score, band and change since the previous entry (absent for the first)
     */
    public record Entry(
            UUID assessmentId,
            String agencyId,
            UUID caseId,
            String instrumentVersion,
            Instant administeredAt,
            List<Score> scores,
            List<Result.RaisedRisk> risks,
            List<Result.IdentifiedNeed> needs) {}

    public record Score(String scale, String title, Integer score, String band, String bandDisplay, Integer change) {}

    public Uni<List<Entry>> of(Caller caller, UUID clientId, String instrumentId) {
        return access.clientRows(caller, clientId, QUERY, q -> q.setParameter("instrument", instrumentId))
                .chain(rows -> Panache.withSession(() -> access.disclosedUnder(
                                caller,
                                clientId,
                                rows.stream()
                                        .filter(row -> !caller.agencyId().equals(row[1]))
                                        .map(row -> AssessmentAccess.instrumentKey(instrumentId, (String) row[3]))
                                        .toList()))
                        .chain(consents -> audit.record(AuditEntry.of(
                                                AuditAction.VIEWED, "score-history", instrumentId, clientId.toString())
                                        .underConsents(consents))
                                .replaceWith(entries(rows))));
    }

    private static List<Entry> entries(List<Object[]> rows) {
        List<Entry> entries = new ArrayList<>(rows.size());
        Map<String, Integer> previous = new HashMap<>();
        for (Object[] row : rows) {
            Result result = StoredJson.result((String) row[5]);
            List<Score> scores = new ArrayList<>();
            for (Result.ScaleScore s : result.scales()) {
                if (s.score() == null) {
                    // a domain left unanswered this time: no score, and no change to report
                    scores.add(new Score(s.id(), s.title(), null, null, null, null));
                    continue;
                }
                Integer before = previous.put(s.id(), s.score());
                scores.add(new Score(
                        s.id(),
                        s.title(),
                        s.score(),
                        s.band(),
                        s.bandDisplay(),
                        before == null ? null : s.score() - before));
            }
            entries.add(new Entry(
                    (UUID) row[0],
                    (String) row[1],
                    (UUID) row[2],
                    (String) row[3],
                    StoredJson.instant(row[4]),
                    scores,
                    result.risks(),
                    result.needs()));
        }
        return entries;
    }
}
