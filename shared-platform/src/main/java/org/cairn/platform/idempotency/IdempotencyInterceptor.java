package org.cairn.platform.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.cairn.platform.agency.AgencyContext;
import org.cairn.platform.problem.Problems;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Implements {@link Idempotent}. The key is claimed, the action runs and its response is stored, all
 * in one transaction with the action's own writes: a crash leaves either all of it or none, and a
 * concurrent retry with the same key waits on the claim and then replays the stored response. Keys
 * belong to the caller's agency.
 */
@Idempotent
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
public class IdempotencyInterceptor {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";

    private static final Pattern VALID_KEY = Pattern.compile("[\\x21-\\x7e]{1,255}");

    static final String CLAIM = "insert into idempotency_key (agency_id, idem_key, request_hash, method, path)"
            + " values (:agency, :key, :hash, :method, :path) on conflict do nothing";
    static final String STORE = "update idempotency_key set status = :status, body = :body, location = :location"
            + " where agency_id = :agency and idem_key = :key";
    static final String LOOKUP = "select request_hash, status, body, location from idempotency_key"
            + " where agency_id = :agency and idem_key = :key";

    private final HttpServerRequest request;
    private final AgencyContext agency;
    private final ObjectMapper mapper;

    IdempotencyInterceptor(HttpServerRequest request, AgencyContext agency, ObjectMapper mapper) {
        this.request = request;
        this.agency = agency;
        this.mapper = mapper;
    }

    @AroundInvoke
    Object around(InvocationContext ctx) throws Exception {
        String key = request.getHeader(HEADER);
        if (key == null) {
            return ctx.proceed();
        }
        if (!VALID_KEY.matcher(key).matches()) {
            throw Problems.badRequest(
                    "invalid-idempotency-key", "An Idempotency-Key is 1 to 255 visible ASCII characters.");
        }
        String agencyId = agency.agencyId();
        String method = request.method().name();
        String path = request.path();
        String hash = hash(method + " " + path + "\n" + mapper.writeValueAsString(ctx.getParameters()));
        Uni<?> action = (Uni<?>) ctx.proceed();
        return Panache.withTransaction(() -> Panache.getSession()
                .chain(session -> session.createNativeQuery(CLAIM)
                        .setParameter("agency", agencyId)
                        .setParameter("key", key)
                        .setParameter("hash", hash)
                        .setParameter("method", method)
                        .setParameter("path", path)
                        .executeUpdate()
                        .chain(claimed -> claimed == 1
                                ? action.chain(result -> store(session, agencyId, key, result))
                                : replay(session, agencyId, key, hash))));
    }

    private Uni<Object> store(Mutiny.Session session, String agencyId, String key, Object result) {
        int status;
        Object entity;
        URI location;
        if (result instanceof RestResponse<?> response) {
            status = response.getStatus();
            entity = response.getEntity();
            location = response.getLocation();
        } else if (result instanceof Response response) {
            status = response.getStatus();
            entity = response.getEntity();
            location = response.getLocation();
        } else {
            status = result == null ? 204 : 200;
            entity = result;
            location = null;
        }
        String body;
        try {
            body = entity == null ? null : mapper.writeValueAsString(entity);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        return session.createNativeQuery(STORE)
                .setParameter("status", status)
                .setParameter("body", body)
                .setParameter("location", location == null ? null : location.toString())
                .setParameter("agency", agencyId)
                .setParameter("key", key)
                .executeUpdate()
                .invoke(updated -> {
                    if (updated != 1) {
                        throw new IllegalStateException("idempotency key row vanished: " + updated);
                    }
                })
                .replaceWith(result);
    }

    private Uni<Object> replay(Mutiny.Session session, String agencyId, String key, String hash) {
        return session.createNativeQuery(LOOKUP, Object[].class)
                .setParameter("agency", agencyId)
                .setParameter("key", key)
                .getSingleResult()
                .map(row -> {
                    if (!hash.equals(row[0])) {
                        throw Problems.unprocessable(
                                "idempotency-key-reused",
                                "This Idempotency-Key was already used for a different request.");
                    }
                    int status = ((Number) row[1]).intValue();
                    RestResponse.ResponseBuilder<Object> response =
                            RestResponse.ResponseBuilder.create(status).header(REPLAYED_HEADER, "true");
                    if (row[2] != null) {
                        response.entity(readTree((String) row[2])).type(MediaType.APPLICATION_JSON);
                    }
                    if (row[3] != null) {
                        response.location(URI.create((String) row[3]));
                    }
                    return response.build();
                });
    }

    private JsonNode readTree(String body) {
        try {
            return mapper.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored idempotent response is not JSON", e);
        }
    }

    static String hash(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
