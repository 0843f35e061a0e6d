package org.cairn.platform.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.ws.rs.core.Context;
import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import org.cairn.platform.agency.AgencyContext;
import org.cairn.platform.problem.Problems;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Implements {@link Idempotent}. The key is claimed, the action runs and its response is stored, all
 * in one transaction with the action's own writes: a crash leaves either all of it or none, and a
 * concurrent retry with the same key waits on the claim and then replays the stored response. Keys
 * belong to one user of one agency.
 */
@Idempotent
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
public class IdempotencyInterceptor {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";

    static final Pattern VALID_KEY = Pattern.compile("[\\x21-\\x7e]{1,255}");

    static final String CLAIM = "insert into idempotency_key (agency_id, user_id, idem_key, request_hash, method, path)"
            + " values (:agency, :user, :key, :hash, :method, :path) on conflict do nothing";
    static final String STORE = "update idempotency_key set status = :status, body = :body, location = :location"
            + " where agency_id = :agency and user_id = :user and idem_key = :key";
    static final String LOOKUP = "select request_hash, status, body, location from idempotency_key"
            + " where agency_id = :agency and user_id = :user and idem_key = :key";

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
        Scope scope = new Scope(agency.agencyId(), agency.userId(), key);
        String method = request.method().name();
        String path = request.path();
        String hash = hash(method + " " + path + "\n" + mapper.writeValueAsString(bodyParameters(ctx)));
        return Panache.withTransaction(() -> Panache.getSession()
                .chain(session -> scope.bind(session.createNativeQuery(CLAIM))
                        .setParameter("hash", hash)
                        .setParameter("method", method)
                        .setParameter("path", path)
                        .executeUpdate()
                        .chain(claimed -> claimed == 1
                                // The action runs only once the key is ours, inside the same transaction.
                                ? Uni.createFrom()
                                        .deferred(() -> proceed(ctx))
                                        .chain(result -> store(session, scope, result))
                                : replay(session, scope, hash))));
    }

    /** Whose key it is: keys belong to one user of one agency. */
    private record Scope(String agencyId, String userId, String key) {

        <Q extends Mutiny.AbstractQuery> Q bind(Q query) {
            query.setParameter("agency", agencyId);
            query.setParameter("user", userId);
            query.setParameter("key", key);
            return query;
        }
    }

    @SuppressWarnings("unchecked")
    private static Uni<Object> proceed(InvocationContext ctx) {
        try {
            return (Uni<Object>) ctx.proceed();
        } catch (Exception e) {
            return Uni.createFrom().failure(e);
        }
    }

    /** The parameters that make up the request: everything but injected JAX-RS and Vert.x objects. */
    private static List<Object> bodyParameters(InvocationContext ctx) {
        List<Object> values = new ArrayList<>();
        Annotation[][] annotations = ctx.getMethod().getParameterAnnotations();
        Object[] parameters = ctx.getParameters();
        for (int i = 0; i < parameters.length; i++) {
            boolean injected = false;
            for (Annotation a : annotations[i]) {
                injected |= a.annotationType() == Context.class;
            }
            if (!injected) {
                values.add(parameters[i]);
            }
        }
        return values;
    }

    private Uni<Object> store(Mutiny.Session session, Scope scope, Object result) {
        Stored stored;
        try {
            stored = Stored.of(result, mapper);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        return scope.bind(session.createNativeQuery(STORE))
                .setParameter("status", stored.status())
                .setParameter("body", stored.body())
                .setParameter("location", stored.location())
                .executeUpdate()
                .invoke(updated -> {
                    if (updated != 1) {
                        throw new IllegalStateException("idempotency key row vanished: " + updated);
                    }
                })
                .replaceWith(result);
    }

    private Uni<Object> replay(Mutiny.Session session, Scope scope, String hash) {
        return scope.bind(session.createNativeQuery(LOOKUP, Object[].class))
                .getSingleResult()
                .map(row -> Stored.replay(
                        hash, (String) row[0], ((Number) row[1]).intValue(), (String) row[2], (String) row[3], mapper));
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
