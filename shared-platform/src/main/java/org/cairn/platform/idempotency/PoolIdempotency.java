package org.cairn.platform.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.function.Function;
import org.cairn.platform.agency.AgencyContext;
import org.cairn.platform.problem.Problems;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * {@link Idempotent} for a write done in a transaction on the reactive pool, without Hibernate: the
 * key is claimed, the write runs and its response is stored on the same connection, in one
 * transaction, so the guarantee is the interceptor's (a crash keeps all of it or none; a concurrent
 * retry waits on the claim, then replays).
 */
@ApplicationScoped
public class PoolIdempotency {

    static final String CLAIM = "insert into idempotency_key (agency_id, user_id, idem_key, request_hash, method, path)"
            + " values ($1, $2, $3, $4, $5, $6) on conflict do nothing";
    static final String STORE = "update idempotency_key set status = $4, body = $5, location = $6"
            + " where agency_id = $1 and user_id = $2 and idem_key = $3";
    static final String LOOKUP = "select request_hash, status, body, location from idempotency_key"
            + " where agency_id = $1 and user_id = $2 and idem_key = $3";

    private final HttpServerRequest request;
    private final AgencyContext agency;
    private final ObjectMapper mapper;

    PoolIdempotency(HttpServerRequest request, AgencyContext agency, ObjectMapper mapper) {
        this.request = request;
        this.agency = agency;
        this.mapper = mapper;
    }

    /**
     * Runs {@code write} in a transaction on {@code pool}, honouring the request's Idempotency-Key
     * if it has one. {@code parameters} are what makes the request (path parameters and body), so a
     * key reused for another request is refused.
     */
    public <T> Uni<RestResponse<T>> inTransaction(
            Pool pool, List<Object> parameters, Function<SqlConnection, Uni<RestResponse<T>>> write) {
        String key = request.getHeader(IdempotencyInterceptor.HEADER);
        if (key == null) {
            return pool.withTransaction(write);
        }
        if (!IdempotencyInterceptor.VALID_KEY.matcher(key).matches()) {
            throw Problems.badRequest(
                    "invalid-idempotency-key", "An Idempotency-Key is 1 to 255 visible ASCII characters.");
        }
        String method = request.method().name();
        String path = request.path();
        String hash;
        try {
            hash = IdempotencyInterceptor.hash(method + " " + path + "\n" + mapper.writeValueAsString(parameters));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("request parameters cannot be written as JSON", e);
        }
        String agencyId = agency.agencyId();
        String userId = agency.userId();
        return pool.withTransaction(conn -> conn.preparedQuery(CLAIM)
                .execute(Tuple.of(agencyId, userId, key, hash, method, path))
                .chain(claimed -> claimed.rowCount() == 1
                        ? write.apply(conn).call(result -> store(conn, agencyId, userId, key, result))
                        : replay(conn, agencyId, userId, key, hash)));
    }

    private Uni<Void> store(SqlConnection conn, String agencyId, String userId, String key, Object result) {
        Stored stored;
        try {
            stored = Stored.of(result, mapper);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        return conn.preparedQuery(STORE)
                .execute(Tuple.from(
                        new Object[] {agencyId, userId, key, stored.status(), stored.body(), stored.location()}))
                .invoke(rows -> {
                    if (rows.rowCount() != 1) {
                        throw new IllegalStateException("idempotency key row vanished: " + rows.rowCount());
                    }
                })
                .replaceWithVoid();
    }

    @SuppressWarnings("unchecked")
    private <T> Uni<RestResponse<T>> replay(
            SqlConnection conn, String agencyId, String userId, String key, String hash) {
        return conn.preparedQuery(LOOKUP)
                .execute(Tuple.of(agencyId, userId, key))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    // the stored body is replayed as JSON, whatever the action's entity type was
                    return (RestResponse<T>) (RestResponse<?>) Stored.replay(
                            hash, row.getString(0), row.getInteger(1), row.getString(2), row.getString(3), mapper);
                });
    }
}
