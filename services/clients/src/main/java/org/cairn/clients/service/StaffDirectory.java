package org.cairn.clients.service;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.cairn.clients.StaffMember;
import org.cairn.contracts.vocabulary.Coded;
import org.cairn.platform.agency.Caller;

/**
 * The staff of each agency, learned from their own verified tokens: Cairn never takes someone's
 * agency from anything else. A user becomes assignable to cases once they have used the case API.
 * Each user is written at most once per {@link #REFRESH} per instance.
 */
@ApplicationScoped
public class StaffDirectory {

    static final long REFRESH = 600;

    static final String UPSERT = "insert into staff_member (user_id, agency_id, username, roles, last_seen_at)"
            + " values ($1, $2, $3, $4, $5)"
            + " on conflict (user_id) do update set agency_id = excluded.agency_id,"
            + " username = excluded.username, roles = excluded.roles, last_seen_at = excluded.last_seen_at";

    private final Map<String, Long> recorded = new ConcurrentHashMap<>();
    private final Pool pool;

    StaffDirectory(Pool pool) {
        this.pool = pool;
    }

    /** Records the caller as staff of their agency, unless done recently. */
    public Uni<Void> record(Caller caller) {
        long now = Instant.now().getEpochSecond();
        String key = caller.userId() + "|" + caller.agencyId() + "|" + caller.roles();
        Long last = recorded.get(key);
        if (last != null && now - last < REFRESH) {
            return Uni.createFrom().voidItem();
        }
        String roles = caller.roles().stream().map(Coded::code).sorted().collect(Collectors.joining(","));
        // Its own autocommit statement on the pool, not the caller's transaction: the cache below
        // must never remember a write that a rolled-back request took with it.
        return pool.preparedQuery(UPSERT)
                .execute(Tuple.of(
                        caller.userId(), caller.agencyId(), caller.username(), roles, java.time.OffsetDateTime.now()))
                .invoke(() -> recorded.put(key, now))
                .replaceWithVoid();
    }

    /** A member of the agency's staff, or null. */
    public Uni<StaffMember> find(String agencyId, String userId) {
        return StaffMember.<StaffMember>find("userId = ?1 and agencyId = ?2", userId, agencyId)
                .firstResult();
    }
}
