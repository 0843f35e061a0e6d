package org.cairn.notifications.service;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.cairn.contracts.events.NotificationDeliveredV1;
import org.cairn.contracts.events.NotificationFailedV1;
import org.cairn.contracts.vocabulary.Coded;
import org.cairn.contracts.vocabulary.NotificationChannel;
import org.cairn.notifications.NotificationUrgency;
import org.cairn.notifications.NotificationsConfig;
import org.cairn.notifications.channel.Channels;
import org.cairn.notifications.channel.Outgoing;
import org.cairn.notifications.channel.SendFailure;
import org.cairn.platform.outbox.Outbox;
import org.cairn.platform.outbox.OutboxMessage;
import org.cairn.platform.timers.DueSweep;
import org.jboss.logging.Logger;

/**
 * Sends the queued deliveries that fell due. A batch is claimed under {@code FOR UPDATE SKIP LOCKED}
 * (two instances never take the same one) for a lease, sent outside the transaction, and settled in
 * one of its own with its event: sent (email and push: told as delivered, the furthest one can know;
 * SMS: told when the provider's callback says so), queued again after a backoff that doubles, or
 * failed, when the provider refused it or the tries ran out; an urgent notification then gets its
 * next usable channel. A delivery whose instance died mid-send is taken again when its lease ends,
 * and resent with the same id as idempotency key. Digest deliveries due together for one person go
 * as one email.
 */
@ApplicationScoped
public class Deliveries {

    private static final Logger LOG = Logger.getLogger(Deliveries.class);

    static final String CLAIM = """
            with due as (
                select id from delivery
                 where status in ('queued', 'sending') and due_at <= now()
                 order by due_at limit $1 for update skip locked),
            claimed as (
                update delivery d set status = 'sending', attempts = d.attempts + 1,
                       due_at = now() + make_interval(secs => $2), updated_at = now()
                  from due where d.id = due.id
             returning d.id, d.notification_id, d.channel, d.address, d.attempts, d.digest)
            select c.id, c.notification_id, c.channel, c.address, c.attempts, c.digest, n.occasion, n.language,
                   n.params::text as params, n.urgency, n.agency_id, n.client_id, n.recipient_kind, n.recipient_id,
                   n.event_type
              from claimed c join notification n on n.id = c.notification_id""";

    static final String SETTLE = "update delivery set status = $2, provider_id = $3, reason = $4, due_at = $5,"
            + " updated_at = now() where id = $1 and status = 'sending'";

    static final int BATCH = 100;
    static final int PARALLEL = 16;

    /** A claimed delivery with what its message needs. */
    record Claimed(
            UUID id,
            UUID notificationId,
            NotificationChannel channel,
            String address,
            int attempts,
            boolean digest,
            String occasion,
            String language,
            Map<String, Object> params,
            NotificationUrgency urgency,
            String agencyId,
            String clientId,
            String recipientKind,
            String recipientId,
            String eventType) {}

    private final Pool pool;
    private final Outbox outbox;
    private final Channels channels;
    private final Templates templates;
    private final NotificationsConfig config;
    private final Vertx vertx;
    private DueSweep sweep;

    Deliveries(
            Pool pool, Outbox outbox, Channels channels, Templates templates, NotificationsConfig config, Vertx vertx) {
        this.pool = pool;
        this.outbox = outbox;
        this.channels = channels;
        this.templates = templates;
        this.config = config;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent event) {
        sweep = DueSweep.start(vertx, config.deliveries().checkEvery(), BATCH, "Sending due deliveries", this::sendDue);
    }

    void stop(@Observes ShutdownEvent event) {
        if (sweep != null) {
            sweep.stop();
        }
    }

    /** Claims, sends and settles what is due now; how many it took. */
    public Uni<Integer> sendDue() {
        return pool.withTransaction(conn -> conn.preparedQuery(CLAIM).execute(Tuple.of(BATCH, (double)
                        config.deliveries().lease().toSeconds())))
                .map(rows -> {
                    List<Claimed> claimed = new ArrayList<>();
                    for (Row row : rows) {
                        claimed.add(claimed(row));
                    }
                    return claimed;
                })
                .chain(claimed -> {
                    Map<String, List<Claimed>> digests = claimed.stream()
                            .filter(Claimed::digest)
                            .collect(Collectors.groupingBy(
                                    c -> c.recipientId() + " " + c.address(), LinkedHashMap::new, Collectors.toList()));
                    List<Uni<Void>> work = new ArrayList<>();
                    claimed.stream().filter(c -> !c.digest()).forEach(c -> work.add(sendOne(c)));
                    digests.values().forEach(group -> work.add(sendDigest(group)));
                    if (work.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    return Multi.createFrom()
                            .iterable(work)
                            .onItem()
                            .transformToUni(u -> u.onFailure().recoverWithNull())
                            .merge(PARALLEL)
                            .collect()
                            .asList()
                            .replaceWith(claimed.size());
                });
    }

    private Uni<Void> sendOne(Claimed c) {
        Outgoing message;
        try {
            message = message(c);
        } catch (RuntimeException e) {
            // a template that renders at startup fails here only on data it did not expect: no retry helps
            return failed(
                    c,
                    "provider-rejected",
                    new SendFailure("template: " + e.getClass().getSimpleName(), true));
        }
        return channels.send(c.channel(), message)
                .onItemOrFailure()
                .transformToUni((providerId, failure) -> failure == null
                        ? sent(c, providerId)
                        : retryOrFail(
                                c,
                                failure instanceof SendFailure f
                                        ? f
                                        : new SendFailure(failure.getClass().getSimpleName(), false)));
    }

    private Outgoing message(Claimed c) {
        boolean forClient = "client".equals(c.recipientKind());
        MessageData data = templates.data(
                c.params(), c.language(), config.timeZone(), c.urgency() != NotificationUrgency.ROUTINE, forClient);
        String title = templates.render(c.occasion(), c.language(), Templates.TITLE, data);
        String body = templates.render(
                c.occasion(),
                c.language(),
                c.channel() == NotificationChannel.EMAIL ? Templates.EMAIL : Templates.SMS,
                data);
        return new Outgoing(c.id(), c.address(), title, body);
    }

    /** One email for the routine notifications of one person due at the digest's hour. */
    private Uni<Void> sendDigest(List<Claimed> group) {
        Claimed first = group.get(0);
        StringBuilder body = new StringBuilder();
        for (Claimed c : group) {
            MessageData data = templates.data(c.params(), c.language(), config.timeZone(), false, false);
            body.append("- ")
                    .append(templates.render(c.occasion(), c.language(), Templates.TITLE, data))
                    .append(": ")
                    .append(data.link())
                    .append('\n');
        }
        String title = "es".equals(first.language())
                ? "Cairn: su resumen diario (" + group.size() + ")"
                : "Cairn: your daily digest (" + group.size() + ")";
        return channels.send(
                        NotificationChannel.EMAIL, new Outgoing(first.id(), first.address(), title, body.toString()))
                .onItemOrFailure()
                .transformToUni((providerId, failure) -> Multi.createFrom()
                        .iterable(group)
                        .onItem()
                        .transformToUniAndConcatenate(c -> failure == null
                                ? sent(c, providerId)
                                : retryOrFail(c, failure instanceof SendFailure f ? f : new SendFailure("smtp", false)))
                        .collect()
                        .asList()
                        .replaceWithVoid());
    }

    private Uni<Void> sent(Claimed c, String providerId) {
        boolean told = c.channel() != NotificationChannel.SMS;
        return pool.withTransaction(conn -> conn.preparedQuery(SETTLE)
                .execute(Tuple.from(new Object[] {c.id(), "sent", providerId, null, null}))
                .chain(r -> r.rowCount() == 1 && told
                        ? outbox.addOn(conn, delivered(c, c.id(), c.channel(), providerId))
                                .replaceWithVoid()
                        : Uni.createFrom().voidItem()));
    }

    private Uni<Void> retryOrFail(Claimed c, SendFailure failure) {
        if (failure.permanent()) {
            return failed(c, "provider-rejected", failure);
        }
        if (c.attempts() >= config.deliveries().maxAttempts()) {
            return failed(c, "retries-exhausted", failure);
        }
        Duration wait = backoff(
                c.attempts(), config.deliveries().backoff(), config.deliveries().maxBackoff());
        LOG.debugf("Delivery %s on %s failed (%s); again in %s", c.id(), c.channel(), failure.getMessage(), wait);
        return pool.withTransaction(conn -> conn.preparedQuery(SETTLE).execute(Tuple.from(new Object[] {
                    c.id(),
                    "queued",
                    null,
                    failure.getMessage(),
                    java.time.OffsetDateTime.now().plus(wait)
                })))
                .replaceWithVoid();
    }

    /** The wait after the {@code attempts}-th failed try: {@code first}, doubled each time, at most {@code max}. */
    public static Duration backoff(int attempts, Duration first, Duration max) {
        Duration wait = first.multipliedBy(1L << Math.min(Math.max(attempts - 1, 0), 20));
        return wait.compareTo(max) > 0 ? max : wait;
    }

    private Uni<Void> failed(Claimed c, String reason, SendFailure failure) {
        LOG.infof("Delivery %s on %s failed for good: %s", c.id(), c.channel(), failure.getMessage());
        return pool.withTransaction(conn -> conn.preparedQuery(SETTLE)
                .execute(Tuple.from(new Object[] {c.id(), "failed", null, failure.getMessage(), null}))
                .chain(r -> r.rowCount() == 1
                        ? fallBack(conn, c, reason)
                        : Uni.createFrom().voidItem()));
    }

    /** Tells the failure and, for an urgent notification, queues the next channel that can reach the person. */
    Uni<Void> fallBack(SqlConnection conn, Claimed c, String reason) {
        Uni<Optional<NotificationChannel>> next = c.urgency() == NotificationUrgency.ROUTINE
                ? Uni.createFrom().item(Optional.empty())
                : nextChannel(conn, c);
        return next.chain(channel -> {
            Uni<Void> queued = channel.isEmpty() ? Uni.createFrom().voidItem() : queue(conn, c, channel.get());
            return queued.chain(() -> outbox.addOn(
                            conn,
                            new OutboxMessage(
                                    Notifier.RESOURCE,
                                    key(c),
                                    c.agencyId(),
                                    new NotificationFailedV1(
                                            c.notificationId().toString(),
                                            c.id().toString(),
                                            c.agencyId(),
                                            c.clientId(),
                                            staffId(c),
                                            c.eventType(),
                                            c.channel(),
                                            reason,
                                            c.attempts(),
                                            channel.orElse(null),
                                            Instant.now())))
                    .replaceWithVoid());
        });
    }

    private Uni<Optional<NotificationChannel>> nextChannel(SqlConnection conn, Claimed c) {
        boolean staff = "staff".equals(c.recipientKind());
        Uni<Row> person = conn.preparedQuery(
                        staff
                                ? "select email, phone, push_token, true as safe from staff_member where user_id = $1"
                                : "select email, phone, push_token, safe_to_contact as safe from client_contact"
                                        + " where client_id = $1::uuid and agency_id = $2")
                .execute(staff ? Tuple.of(c.recipientId()) : Tuple.of(c.recipientId(), c.agencyId()))
                .map(rows -> rows.iterator().hasNext() ? rows.iterator().next() : null);
        return person.chain(row -> conn.preparedQuery("select channel from delivery where notification_id = $1")
                .execute(Tuple.of(c.notificationId()))
                .map(usedRows -> {
                    List<String> used = new ArrayList<>();
                    usedRows.forEach(r -> used.add(r.getString("channel")));
                    for (NotificationChannel channel : DeliveryPlan.FALLBACK) {
                        if (used.contains(channel.code())) {
                            continue;
                        }
                        if (channel == NotificationChannel.IN_APP) {
                            if (staff) {
                                return Optional.of(channel);
                            }
                            continue;
                        }
                        if (row == null || !Boolean.TRUE.equals(row.getBoolean("safe"))) {
                            continue;
                        }
                        String address = switch (channel) {
                            case EMAIL -> row.getString("email");
                            case SMS -> row.getString("phone");
                            default -> row.getString("push_token");
                        };
                        if (address != null && channels.usable().contains(channel)) {
                            return Optional.of(channel);
                        }
                    }
                    return Optional.<NotificationChannel>empty();
                }));
    }

    private Uni<Void> queue(SqlConnection conn, Claimed c, NotificationChannel channel) {
        if (channel == NotificationChannel.IN_APP) {
            UUID id = UUID.randomUUID();
            return conn.preparedQuery("insert into delivery (id, notification_id, agency_id, channel, status,"
                            + " created_at, updated_at) values ($1, $2, $3, 'in-app', 'delivered', now(), now())")
                    .execute(Tuple.of(id, c.notificationId(), c.agencyId()))
                    .chain(() -> conn.preparedQuery("update notification set in_app = true where id = $1")
                            .execute(Tuple.of(c.notificationId())))
                    .replaceWithVoid();
        }
        String column = switch (channel) {
            case EMAIL -> "email";
            case SMS -> "phone";
            default -> "push_token";
        };
        String from = "staff".equals(c.recipientKind())
                ? "from staff_member where user_id = $4"
                : "from client_contact where client_id = $4::uuid and agency_id = $3";
        return conn.preparedQuery("insert into delivery (id, notification_id, agency_id, channel, address, status,"
                        + " due_at, created_at, updated_at) select $1, $2, $3, $5, " + column
                        + ", 'queued', now(), now(), now() " + from + " limit 1")
                .execute(Tuple.of(UUID.randomUUID(), c.notificationId(), c.agencyId(), c.recipientId(), channel.code()))
                .replaceWithVoid();
    }

    /**
     * What the SMS provider reported about a message it took: delivered settles the delivery and tells
     * it; failed or undelivered fails it (and, if urgent, queues the next channel). A report about a
     * message not known, or already settled, changes nothing; whether one changed something.
     */
    public Uni<Boolean> providerReport(String providerId, boolean delivered) {
        return pool.withTransaction(conn -> conn.preparedQuery("""
                        with settled as (
                            update delivery d set status = $2, updated_at = now(),
                                   reason = case when $2 = 'failed' then 'provider reported failure' end
                             where d.provider_id = $1 and d.channel = 'sms' and d.status = 'sent'
                         returning d.id, d.notification_id, d.channel, d.address, d.attempts, d.digest)
                        select c.id, c.notification_id, c.channel, c.address, c.attempts, c.digest, n.occasion,
                               n.language, n.params::text as params, n.urgency, n.agency_id, n.client_id,
                               n.recipient_kind, n.recipient_id, n.event_type
                          from settled c join notification n on n.id = c.notification_id""")
                .execute(Tuple.of(providerId, delivered ? "delivered" : "failed"))
                .chain(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return Uni.createFrom().item(false);
                    }
                    Claimed c = claimed(rows.iterator().next());
                    return (delivered
                                    ? outbox.addOn(conn, delivered(c, c.id(), c.channel(), providerId))
                                            .replaceWithVoid()
                                    : fallBack(conn, c, "provider-rejected"))
                            .replaceWith(true);
                }));
    }

    private OutboxMessage delivered(Claimed c, UUID deliveryId, NotificationChannel channel, String providerId) {
        return new OutboxMessage(
                Notifier.RESOURCE,
                key(c),
                c.agencyId(),
                new NotificationDeliveredV1(
                        c.notificationId().toString(),
                        deliveryId.toString(),
                        c.agencyId(),
                        c.clientId(),
                        staffId(c),
                        c.eventType(),
                        channel,
                        providerId,
                        Instant.now()));
    }

    private static String key(Claimed c) {
        return c.clientId() != null ? c.clientId() : c.notificationId().toString();
    }

    private static String staffId(Claimed c) {
        return "staff".equals(c.recipientKind()) ? c.recipientId() : null;
    }

    private Claimed claimed(Row row) {
        Map<String, Object> params = Templates.params(row.getString("params"));
        return new Claimed(
                row.getUUID("id"),
                row.getUUID("notification_id"),
                Coded.fromCode(NotificationChannel.class, row.getString("channel")),
                row.getString("address"),
                row.getInteger("attempts"),
                row.getBoolean("digest"),
                row.getString("occasion"),
                row.getString("language"),
                params,
                Coded.fromCode(NotificationUrgency.class, row.getString("urgency")),
                row.getString("agency_id"),
                row.getUUID("client_id") == null
                        ? null
                        : row.getUUID("client_id").toString(),
                row.getString("recipient_kind"),
                row.getString("recipient_id"),
                row.getString("event_type"));
    }
}
