package org.cairn.referrals.service;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.cairn.referrals.ReferralsConfig;

/**
 * The numbers network directors ask for, per agency and per directory service, over the referrals
 * sent within a period (days in the network's time zone): how many, how many were accepted, rejected
 * (by coded reason), the median time from sending to acceptance, and the closure rate (the share
 * whose loop closed with a recorded outcome: completed, failed or rejected; a cancelled referral has
 * none). Counts only, no client in them.
 */
@ApplicationScoped
public class ReferralMetrics {

    /** The referrals of one side of the caller's agency sent in the period, with when each was sent and accepted. */
    static final String REFERRALS = """
            with r as (
                select r.service_id, r.service_name, r.status, r.outcome,
                       (select min(c.changed_at) from referral_status_change c
                        where c.referral_id = r.id and c.to_status = 'requested') as sent_at,
                       (select min(c.changed_at) from referral_status_change c
                        where c.referral_id = r.id and c.to_status = 'accepted') as accepted_at
                from referral r
                where r.%s = $1 and r.consent_id is not null and r.created_at >= $2 and r.created_at < $3)
            """;

    static final String SUMMARY = REFERRALS + """
            select service_id, max(service_name) as service_name, grouping(service_id) = 1 as total,
                   count(*) as referrals, count(accepted_at) as accepted,
                   count(*) filter (where status = 'rejected') as rejected,
                   count(*) filter (where outcome is not null and status in ('completed', 'failed', 'rejected')) as closed,
                   percentile_cont(0.5) within group (order by extract(epoch from accepted_at - sent_at))
                       filter (where accepted_at is not null) as median_seconds
            from r group by grouping sets ((), (service_id)) order by total desc, service_id nulls first""";

    static final String REJECTIONS = REFERRALS + """
            select service_id, grouping(service_id) = 1 as total, outcome, count(*) as n
            from r where status = 'rejected'
            group by grouping sets ((outcome), (service_id, outcome))""";

    private final Pool pool;
    private final ZoneId zone;

    ReferralMetrics(Pool pool, ReferralsConfig config) {
        this.pool = pool;
        this.zone = config.directory().timeZone();
    }

    /**
     * How one side did.
     *
     * @param medianHoursToAcceptance from sending to acceptance, over those accepted; absent when none was
     * @param closureRate closed with an outcome over all referrals; absent when there were none
     */
    public record Summary(
            long referrals,
            long accepted,
            long rejected,
            Map<String, Long> rejectedByReason,
            Double medianHoursToAcceptance,
            long closed,
            Double closureRate) {}

    /** One directory service's received referrals. */
    public record ServiceSummary(UUID serviceId, String serviceName, Summary summary) {}

    /**
     * The agency's referrals in a period.
     *
     * @param sent those it sent
     * @param received those sent to it
     * @param receivedByService those sent to it by directory service (referrals to the agency itself under no service id)
     */
    public record Report(
            String agencyId,
            LocalDate from,
            LocalDate to,
            Summary sent,
            Summary received,
            List<ServiceSummary> receivedByService) {}

    public Uni<Report> report(String agencyId, LocalDate from, LocalDate to) {
        Tuple params = Tuple.of(
                agencyId,
                from.atStartOfDay(zone).toOffsetDateTime(),
                to.plusDays(1).atStartOfDay(zone).toOffsetDateTime());
        return side("sending_agency_id", params)
                .chain(sent -> side("receiving_agency_id", params)
                        .map(received -> new Report(
                                agencyId,
                                from,
                                to,
                                sent.get(0).summary(),
                                received.get(0).summary(),
                                received.subList(1, received.size()))));
    }

    /** One side's total first, then each directory service's (referrals addressed to none under a null id). */
    private Uni<List<ServiceSummary>> side(String column, Tuple params) {
        return Uni.combine()
                .all()
                .unis(
                        pool.preparedQuery(SUMMARY.formatted(column)).execute(params),
                        pool.preparedQuery(REJECTIONS.formatted(column)).execute(params))
                .asTuple()
                .map(both -> {
                    Map<String, Map<String, Long>> reasons = new LinkedHashMap<>();
                    for (Row row : both.getItem2()) {
                        reasons.computeIfAbsent(key(row), k -> new TreeMap<>())
                                .put(row.getString("outcome"), row.getLong("n"));
                    }
                    List<ServiceSummary> out = new ArrayList<>();
                    for (Row row : both.getItem1()) {
                        long referrals = row.getLong("referrals");
                        long closed = row.getLong("closed");
                        Double median = row.getDouble("median_seconds");
                        out.add(new ServiceSummary(
                                row.getUUID("service_id"),
                                row.getString("service_name"),
                                new Summary(
                                        referrals,
                                        row.getLong("accepted"),
                                        row.getLong("rejected"),
                                        reasons.getOrDefault(key(row), Map.of()),
                                        median == null ? null : Math.round(median / 36.0) / 100.0,
                                        closed,
                                        referrals == 0 ? null : Math.round(closed * 1000.0 / referrals) / 1000.0)));
                    }
                    if (out.isEmpty() || !both.getItem1().iterator().next().getBoolean("total")) {
                        // no referral at all: the total row is there all the same, all zeros
                        out.add(0, new ServiceSummary(null, null, new Summary(0, 0, 0, Map.of(), null, 0, null)));
                    }
                    return out;
                });
    }

    /** "total" for the side's total row, else the service id ("null" for referrals to no service). */
    private static String key(Row row) {
        return row.getBoolean("total") ? "total" : String.valueOf(row.getUUID("service_id"));
    }
}
