package org.cairn.audit.service;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.cairn.contracts.events.AuditAlertRaisedV1;
import org.cairn.contracts.vocabulary.AuditAlertRule;
import org.cairn.platform.outbox.Outbox;
import org.cairn.platform.outbox.OutboxMessage;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Looks at the stored records for the patterns supervisors want to hear about: a user reading more
 * distinct clients within an hour than anyone should, or many refused accesses within an hour (ids
 * tried that are not theirs). Each rule raises one alert per user and hour
 * ({@code cairn.audit.alert-raised.v1}, through the outbox, for notifications to deliver).
 */
@ApplicationScoped
public class AuditAlerts {

    static final List<String> READS = List.of("viewed", "searched", "exported", "printed", "disclosed");

    private final Outbox outbox;
    private final int distinctClients;
    private final int denials;
    private final Map<UserHour, Set<String>> checked = new ConcurrentHashMap<>();

    AuditAlerts(
            Outbox outbox,
            @ConfigProperty(name = "audit.alerts.distinct-clients-per-hour", defaultValue = "50") int distinctClients,
            @ConfigProperty(name = "audit.alerts.denials-per-hour", defaultValue = "20") int denials) {
        this.outbox = outbox;
        this.distinctClients = distinctClients;
        this.denials = denials;
    }

    /**
     * For each (user, time, window) given as arrays, not yet alerted under the rule ($4): its ordinal
     * and {@code count} over the user's records in the hour up to that time that match {@code filter}.
     */
    static String windowCount(String count, String filter) {
        return "select u.n, (select " + count + " from audit_record r where r.actor_user_id = u.usr and " + filter
                + " and r.occurred_at > u.at - interval '1 hour' and r.occurred_at <= u.at)"
                + " from unnest($1::text[], $2::timestamptz[], $3::timestamptz[]) with ordinality as u(usr, at, win, n)"
                + " where not exists (select 1 from audit_alert a where a.rule = $4 and a.user_id = u.usr"
                + " and a.window_start = u.win)";
    }

    /** The user's refusals in the hour. */
    static final String DENIALS = windowCount("count(*)", "r.outcome = 'denied'");

    /** The distinct clients the user read in the hour. */
    static final String DISTINCT_CLIENTS = windowCount(
            "count(distinct r.client_id)",
            "r.client_id is not null and r.outcome = 'allowed'" + " and r.action in ("
                    + String.join(", ", READS.stream().map(a -> "'" + a + "'").toList()) + ")");

    /**
     * Checks the rules that the records just stored (in the same transaction) could set off. A rule
     * is looked at once per user and hour of the batch, over the hour up to that user's newest record
     * in it (a batch spans moments, so its earlier records' hours add nothing), and not at all where
     * it has already raised its alert for that user and hour. One statement per rule for the batch.
     */
    Uni<Void> checkAll(SqlConnection conn, List<AuditRecordView> stored) {
        List<AuditRecordView> denied =
                stored.stream().filter(r -> "denied".equals(r.outcome())).toList();
        List<AuditRecordView> reads = unchecked(stored.stream()
                .filter(r -> "allowed".equals(r.outcome()) && r.clientId() != null && READS.contains(r.action()))
                .toList());
        return check(conn, newestPerUserAndHour(denied), AuditAlertRule.MANY_DENIALS, denials, DENIALS)
                .chain(() -> check(
                        conn,
                        newestPerUserAndHour(reads),
                        AuditAlertRule.MANY_CLIENTS,
                        distinctClients,
                        DISTINCT_CLIENTS));
    }

    /**
     * The reads among these that can raise a user's distinct-client count for their hour: those of a
     * client this instance has not yet checked the rule for, for that user and hour. The count grows
     * only with a client new to the hour; a read of one already counted cannot cross the threshold, so
     * a user reading the same few clients all day costs one count per new client, not one per batch
     * over all of their hour's records (which a busy user made a scan of thousands of rows per batch).
     * Past the threshold in this instance alone the alert has been raised, and nothing is checked.
     * Other instances check the clients they see; a transaction that fails makes this one forget all
     * (see {@link #forgetChecks}), so that a rolled-back check is done again.
     */
    List<AuditRecordView> unchecked(List<AuditRecordView> reads) {
        if (checked.size() > 10_000) {
            Instant old = Instant.now().minus(2, ChronoUnit.HOURS);
            checked.keySet().removeIf(k -> k.window().isBefore(old));
        }
        List<AuditRecordView> fresh = new ArrayList<>();
        for (AuditRecordView r : reads) {
            Set<String> clients = checked.computeIfAbsent(
                    new UserHour(r.actorUserId(), window(r)), k -> ConcurrentHashMap.newKeySet());
            if (clients.size() <= distinctClients && clients.add(r.clientId())) {
                fresh.add(r);
            }
        }
        return fresh;
    }

    /** Forgets which clients were checked: the transaction that checked some of them did not commit. */
    public void forgetChecks() {
        checked.clear();
    }

    private record UserHour(String user, Instant window) {}

    static List<AuditRecordView> newestPerUserAndHour(List<AuditRecordView> records) {
        Map<String, AuditRecordView> newest = new LinkedHashMap<>();
        for (AuditRecordView r : records) {
            newest.merge(
                    r.actorUserId() + "\n" + window(r),
                    r,
                    (a, b) -> b.occurredAt().isAfter(a.occurredAt()) ? b : a);
        }
        return List.copyOf(newest.values());
    }

    static Instant window(AuditRecordView r) {
        return r.occurredAt().truncatedTo(ChronoUnit.HOURS);
    }

    private Uni<Void> check(
            SqlConnection conn, List<AuditRecordView> records, AuditAlertRule rule, int threshold, String countSql) {
        if (records.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        String[] users = records.stream().map(AuditRecordView::actorUserId).toArray(String[]::new);
        OffsetDateTime[] times = records.stream()
                .map(r -> r.occurredAt().atOffset(ZoneOffset.UTC))
                .toArray(OffsetDateTime[]::new);
        OffsetDateTime[] windows =
                records.stream().map(r -> window(r).atOffset(ZoneOffset.UTC)).toArray(OffsetDateTime[]::new);
        return conn.preparedQuery(countSql)
                .execute(Tuple.of(users, times, windows, rule.code()))
                .chain(rows -> {
                    Uni<Void> raising = Uni.createFrom().voidItem();
                    for (Row row : rows) {
                        long count = row.getLong(1);
                        AuditRecordView r = records.get(row.getLong(0).intValue() - 1);
                        if (count > threshold) {
                            raising = raising.chain(() -> raise(conn, r, rule, window(r), (int) count, threshold));
                        }
                    }
                    return raising;
                });
    }

    private Uni<Void> raise(
            SqlConnection conn, AuditRecordView r, AuditAlertRule rule, Instant window, int count, int threshold) {
        UUID id = UUID.randomUUID();
        Instant now = Instant.now();
        return conn.preparedQuery("insert into audit_alert (id, rule, agency_id, user_id, window_start, count,"
                        + " threshold, raised_at) values ($1, $2, $3, $4, $5, $6, $7, $8)"
                        + " on conflict (rule, user_id, window_start) do nothing")
                .execute(Tuple.from(List.of(
                        id,
                        rule.code(),
                        r.agencyId(),
                        r.actorUserId(),
                        window.atOffset(ZoneOffset.UTC),
                        count,
                        threshold,
                        now.atOffset(ZoneOffset.UTC))))
                .chain(inserted -> inserted.rowCount() == 0
                        ? Uni.createFrom().voidItem()
                        : outbox.addOn(
                                        conn,
                                        new OutboxMessage(
                                                "audit-alert",
                                                r.actorUserId(),
                                                r.agencyId(),
                                                new AuditAlertRaisedV1(
                                                        id.toString(),
                                                        rule,
                                                        r.agencyId(),
                                                        r.actorUserId(),
                                                        window,
                                                        count,
                                                        threshold,
                                                        now)))
                                .replaceWithVoid());
    }
}
