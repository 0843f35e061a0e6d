package org.cairn.referrals.service;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import org.cairn.contracts.events.ReferralEscalatedV1;
import org.cairn.contracts.vocabulary.Coded;
import org.cairn.contracts.vocabulary.ReferralTaskStatus;
import org.cairn.contracts.vocabulary.Urgency;
import org.cairn.platform.outbox.Outbox;
import org.cairn.platform.outbox.OutboxMessage;
import org.cairn.platform.timers.DueSweep;
import org.cairn.referrals.ReferralsConfig;

/**
 * Escalates referrals the receiving agency has neither accepted nor rejected by their answer's due
 * time. The due time lives in the referral's row, so a restart loses no timer; each overdue referral
 * is taken under {@code FOR UPDATE SKIP LOCKED} (so two instances never take the same one), marked
 * escalated and told as {@code cairn.referral.escalated.v1} in one transaction: once, and only once.
 */
@ApplicationScoped
public class Escalations {

    static final String DUE = """
            update referral r set escalated_at = now()
            from (select id from referral
                  where escalated_at is null and status in ('requested', 'received') and respond_by <= now()
                  order by respond_by limit $1 for update skip locked) due
            where r.id = due.id
            returning r.id, r.client_id, r.case_id, r.sending_agency_id, r.created_by, r.receiving_agency_id,
                      r.service_id, r.urgency, r.status, r.respond_by, r.escalated_at""";

    static final int BATCH = 100;

    private final Pool pool;
    private final Outbox outbox;
    private final Vertx vertx;
    private final ReferralsConfig config;
    private DueSweep sweep;

    Escalations(Pool pool, Outbox outbox, Vertx vertx, ReferralsConfig config) {
        this.pool = pool;
        this.outbox = outbox;
        this.vertx = vertx;
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        sweep = DueSweep.start(
                vertx, config.sla().checkEvery(), BATCH, "Escalation of overdue referrals", this::escalateDue);
    }

    void stop(@Observes ShutdownEvent event) {
        if (sweep != null) {
            sweep.stop();
        }
    }

    /** Escalates what is due now; how many. */
    public Uni<Integer> escalateDue() {
        return pool.withTransaction(conn -> conn.preparedQuery(DUE)
                .execute(Tuple.of(BATCH))
                .chain(rows -> {
                    List<OutboxMessage> messages = new ArrayList<>();
                    for (Row row : rows) {
                        messages.add(new OutboxMessage(
                                ReferralService.RESOURCE,
                                row.getUUID("client_id").toString(),
                                row.getString("sending_agency_id"),
                                new ReferralEscalatedV1(
                                        row.getUUID("id").toString(),
                                        row.getUUID("client_id").toString(),
                                        row.getUUID("case_id").toString(),
                                        row.getString("sending_agency_id"),
                                        row.getString("created_by"),
                                        row.getString("receiving_agency_id"),
                                        row.getUUID("service_id") == null
                                                ? null
                                                : row.getUUID("service_id").toString(),
                                        Coded.fromCode(Urgency.class, row.getString("urgency")),
                                        Coded.fromCode(ReferralTaskStatus.class, row.getString("status")),
                                        row.getOffsetDateTime("respond_by").toInstant(),
                                        row.getOffsetDateTime("escalated_at").toInstant())));
                    }
                    return Multi.createFrom()
                            .iterable(messages)
                            .onItem()
                            .transformToUniAndConcatenate(m -> outbox.addOn(conn, m))
                            .collect()
                            .asList()
                            .map(List::size);
                }));
    }
}
