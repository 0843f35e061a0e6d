package org.cairn.notifications.service;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.cairn.notifications.NotificationUrgency;
import org.cairn.notifications.NotificationsConfig;
import org.cairn.platform.paging.Page;
import org.cairn.platform.problem.Problems;

/**
 * A user's inbox: their in-app notifications, newest first, rendered in their language; read,
 * unread again, archived. Nobody reads another's: an item of someone else is not found.
 */
@ApplicationScoped
public class InboxItems {

    public static final String RESOURCE = "inbox-item";

    /** An inbox item as the front ends show it. */
    public record Item(
            UUID id,
            String occasion,
            String urgency,
            String title,
            String text,
            String link,
            String state,
            UUID caseId,
            Instant createdAt,
            Instant readAt) {}

    static final String COLUMNS = "select id, occasion, urgency, language, params::text as params, state, case_id,"
            + " created_at, read_at from notification";

    private final Pool pool;
    private final Templates templates;
    private final NotificationsConfig config;

    InboxItems(Pool pool, Templates templates, NotificationsConfig config) {
        this.pool = pool;
        this.templates = templates;
        this.config = config;
    }

    /** A page of the user's items, in one state or (null) unread and read; of one case, or (null) all. */
    public Uni<Page<Item>> list(String userId, String state, UUID caseId, int page, int size) {
        Tuple args = Tuple.of(userId, size + 1, page * size);
        String filter;
        if (state == null) {
            filter = " and state <> 'archived'";
        } else {
            args.addString(state);
            filter = " and state = $" + args.size();
        }
        if (caseId != null) {
            args.addUUID(caseId);
            filter += " and case_id = $" + args.size();
        }
        return pool.preparedQuery(COLUMNS + " where recipient_id = $1 and in_app" + filter
                        + " order by created_at desc, id limit $2 offset $3")
                .execute(args)
                .map(rows -> {
                    List<Item> items = new ArrayList<>();
                    rows.forEach(r -> items.add(item(r)));
                    return Page.of(items, page, size);
                });
    }

    public Uni<Item> get(String userId, UUID id) {
        return pool.preparedQuery(COLUMNS + " where id = $1 and recipient_id = $2 and in_app")
                .execute(Tuple.of(id, userId))
                .map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        throw Problems.notFound(RESOURCE, id);
                    }
                    return item(rows.iterator().next());
                });
    }

    /** Moves an item to {@code unread}, {@code read} or {@code archived}. */
    public Uni<Item> mark(String userId, UUID id, String state) {
        return pool.preparedQuery("update notification set state = $3,"
                        + " read_at = case when $3 = 'unread' then null else coalesce(read_at, now()) end"
                        + " where id = $1 and recipient_id = $2 and in_app")
                .execute(Tuple.of(id, userId, state))
                .chain(r -> r.rowCount() == 0
                        ? Uni.createFrom().failure(Problems.notFound(RESOURCE, id))
                        : get(userId, id));
    }

    /** Marks every unread item of the user read; how many. */
    public Uni<Integer> markAllRead(String userId) {
        return pool.preparedQuery("update notification set state = 'read', read_at = now()"
                        + " where recipient_id = $1 and in_app and state = 'unread'")
                .execute(Tuple.of(userId))
                .map(r -> r.rowCount());
    }

    public Uni<Long> unread(String userId) {
        return pool.preparedQuery(
                        "select count(*) from notification where recipient_id = $1 and in_app and state = 'unread'")
                .execute(Tuple.of(userId))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    private Item item(Row r) {
        Map<String, Object> params = Templates.params(r.getString("params"));
        String language = r.getString("language");
        String occasion = r.getString("occasion");
        boolean urgent = !NotificationUrgency.ROUTINE.code().equals(r.getString("urgency"));
        MessageData data = templates.data(params, language, config.timeZone(), urgent, false);
        return new Item(
                r.getUUID("id"),
                occasion,
                r.getString("urgency"),
                templates.render(occasion, language, Templates.TITLE, data),
                templates.render(occasion, language, Templates.TEXT, data),
                data.link(),
                r.getString("state"),
                r.getUUID("case_id"),
                r.getOffsetDateTime("created_at").toInstant(),
                r.getOffsetDateTime("read_at") == null
                        ? null
                        : r.getOffsetDateTime("read_at").toInstant());
    }
}
