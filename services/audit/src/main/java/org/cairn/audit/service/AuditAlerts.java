package org.cairn.audit.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.cairn.contracts.events.AuditAlertRaisedV1;
import org.cairn.contracts.vocabulary.AuditAlertRule;
import org.cairn.platform.outbox.Outbox;
import org.cairn.platform.outbox.OutboxMessage;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Looks at each stored record for the patterns supervisors want to hear about: a user reading more
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

    AuditAlerts(
            Outbox outbox,
            @ConfigProperty(name = "audit.alerts.distinct-clients-per-hour", defaultValue = "50") int distinctClients,
            @ConfigProperty(name = "audit.alerts.denials-per-hour", defaultValue = "20") int denials) {
        this.outbox = outbox;
        this.distinctClients = distinctClients;
        this.denials = denials;
    }

    /** Checks the rules the record just stored (in the same transaction) could set off. */
    Uni<Void> check(AuditRecordView r) {
        if ("denied".equals(r.outcome())) {
            return raise(
                    r,
                    AuditAlertRule.MANY_DENIALS,
                    denials,
                    "select count(*) from audit_record where actor_user_id = :user and outcome = 'denied'"
                            + " and occurred_at > cast(:at as timestamptz) - interval '1 hour' and occurred_at <= cast(:at as timestamptz)");
        }
        if (r.clientId() != null && READS.contains(r.action())) {
            return raise(
                    r,
                    AuditAlertRule.MANY_CLIENTS,
                    distinctClients,
                    "select count(distinct client_id) from audit_record where actor_user_id = :user"
                            + " and client_id is not null and outcome = 'allowed'"
                            + " and action in ('viewed', 'searched', 'exported', 'printed', 'disclosed')"
                            + " and occurred_at > cast(:at as timestamptz) - interval '1 hour'"
                            + " and occurred_at <= cast(:at as timestamptz)");
        }
        return Uni.createFrom().voidItem();
    }

    private Uni<Void> raise(AuditRecordView r, AuditAlertRule rule, int threshold, String countSql) {
        Instant window = r.occurredAt().truncatedTo(ChronoUnit.HOURS);
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(countSql, Long.class)
                        .setParameter("user", r.actorUserId())
                        .setParameter("at", r.occurredAt().atOffset(ZoneOffset.UTC))
                        .getSingleResult()
                        .chain(count -> {
                            if (count <= threshold) {
                                return Uni.createFrom().voidItem();
                            }
                            UUID id = UUID.randomUUID();
                            Instant now = Instant.now();
                            return session.createNativeQuery(
                                            "insert into audit_alert (id, rule, agency_id, user_id, window_start,"
                                                    + " count, threshold, raised_at) values (:id, :rule, :agency, :user, :window, :count,"
                                                    + " :threshold, :now) on conflict (rule, user_id, window_start) do nothing")
                                    .setParameter("id", id)
                                    .setParameter("rule", rule.code())
                                    .setParameter("agency", r.agencyId())
                                    .setParameter("user", r.actorUserId())
                                    .setParameter("window", window.atOffset(ZoneOffset.UTC))
                                    .setParameter("count", count.intValue())
                                    .setParameter("threshold", threshold)
                                    .setParameter("now", now.atOffset(ZoneOffset.UTC))
                                    .executeUpdate()
                                    .chain(inserted -> inserted == 0
                                            ? Uni.createFrom().voidItem()
                                            : outbox.add(new OutboxMessage(
                                                            "audit-alert",
                                                            r.actorUserId(),
                                                            r.agencyId(),
                                                            new AuditAlertRaisedV1(
                                                                    id.toString(),
                                                                    rule,
                                                                    r.agencyId(),
                                                                    r.actorUserId(),
                                                                    window,
                                                                    count.intValue(),
                                                                    threshold,
                                                                    now)))
                                                    .replaceWithVoid());
                        }));
    }
}
