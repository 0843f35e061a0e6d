package org.cairn.clients.service;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.cairn.contracts.vocabulary.AuditAction;
import org.cairn.platform.agency.Caller;
import org.cairn.platform.audit.AuditEntry;
import org.cairn.platform.audit.AuditTrail;

/** A supervisor's view of the agency's open caseloads: counts per case manager, by status and risk. */
@ApplicationScoped
public class Caseloads {

    static final String COUNTS = """
            select c.primary_case_manager_id as manager, s.username, c.status, c.risk_level,
                   count(*) as cases, count(*) filter (where c.crisis) as in_crisis
            from care_case c left join staff_member s on s.user_id = c.primary_case_manager_id
            where c.agency_id = $1 and c.status <> 'closed'
            group by c.primary_case_manager_id, s.username, c.status, c.risk_level""";

    /** One case manager's open caseload ({@code caseManagerId} absent for unassigned cases). */
    public record Caseload(
            String caseManagerId,
            String username,
            long total,
            long inCrisis,
            Map<String, Long> byStatus,
            Map<String, Long> byRisk) {}

    private final Pool pool;
    private final AuditTrail audit;

    Caseloads(Pool pool, AuditTrail audit) {
        this.pool = pool;
        this.audit = audit;
    }

    public Uni<List<Caseload>> ofAgency(Caller caller) {
        return pool.preparedQuery(COUNTS)
                .execute(Tuple.of(caller.agencyId()))
                .map(rows -> {
                    Map<String, Caseload> byManager = new LinkedHashMap<>();
                    for (Row row : rows) {
                        String manager = row.getString("manager");
                        String key = manager == null ? "" : manager;
                        Caseload current = byManager.getOrDefault(
                                key,
                                new Caseload(
                                        manager, row.getString("username"), 0, 0, new TreeMap<>(), new TreeMap<>()));
                        long cases = row.getLong("cases");
                        current.byStatus().merge(row.getString("status"), cases, Long::sum);
                        current.byRisk().merge(row.getString("risk_level"), cases, Long::sum);
                        byManager.put(
                                key,
                                new Caseload(
                                        current.caseManagerId(),
                                        current.username(),
                                        current.total() + cases,
                                        current.inCrisis() + row.getLong("in_crisis"),
                                        current.byStatus(),
                                        current.byRisk()));
                    }
                    List<Caseload> result = new ArrayList<>(byManager.values());
                    result.sort((a, b) -> Long.compare(b.total(), a.total()));
                    return result;
                })
                .call(loads -> audit.record(AuditEntry.of(AuditAction.SEARCHED, CaseService.RESOURCE, null, null)));
    }
}
