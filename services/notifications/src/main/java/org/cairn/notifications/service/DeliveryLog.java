package org.cairn.notifications.service;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.cairn.platform.paging.Page;

/**
 * The record of deliveries for an agency's supervisors and program directors: what was sent to
 * whom, on which channel, how it ended, with the provider's id, never the message or the address.
 */
@ApplicationScoped
public class DeliveryLog {

    /** One delivery as the record shows it. */
    public record Entry(
            UUID id,
            UUID notificationId,
            String occasion,
            String sourceEventType,
            String recipientKind,
            String recipientId,
            String channel,
            String status,
            int attempts,
            String providerId,
            String reason,
            Instant createdAt,
            Instant updatedAt) {}

    private final Pool pool;

    DeliveryLog(Pool pool) {
        this.pool = pool;
    }

    public Uni<Page<Entry>> list(
            String agencyId, Instant from, Instant to, String status, String channel, int page, int size) {
        return pool.preparedQuery("select d.id, d.notification_id, n.occasion, n.event_type, n.recipient_kind,"
                        + " n.recipient_id, d.channel, d.status, d.attempts, d.provider_id, d.reason, d.created_at,"
                        + " d.updated_at from delivery d join notification n on n.id = d.notification_id"
                        + " where d.agency_id = $1 and d.created_at >= $2 and d.created_at < $3"
                        + " and ($4::text is null or d.status = $4) and ($5::text is null or d.channel = $5)"
                        + " order by d.created_at desc, d.id limit $6 offset $7")
                .execute(Tuple.from(new Object[] {
                    agencyId,
                    from.atOffset(ZoneOffset.UTC),
                    to.atOffset(ZoneOffset.UTC),
                    status,
                    channel,
                    size + 1,
                    page * size
                }))
                .map(rows -> {
                    List<Entry> out = new ArrayList<>();
                    for (Row r : rows) {
                        out.add(new Entry(
                                r.getUUID("id"),
                                r.getUUID("notification_id"),
                                r.getString("occasion"),
                                r.getString("event_type"),
                                r.getString("recipient_kind"),
                                r.getString("recipient_id"),
                                r.getString("channel"),
                                r.getString("status"),
                                r.getInteger("attempts"),
                                r.getString("provider_id"),
                                r.getString("reason"),
                                r.getOffsetDateTime("created_at").toInstant(),
                                r.getOffsetDateTime("updated_at").toInstant()));
                    }
                    return Page.of(out, page, size);
                });
    }
}
