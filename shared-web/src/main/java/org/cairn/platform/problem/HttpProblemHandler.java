package org.cairn.platform.problem;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.security.AuthenticationFailedException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.cairn.platform.config.CairnHttpConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Problem bodies for the failures that happen before JAX-RS sees a request: a bearer token that does
 * not verify (401), an identity provider that cannot be reached to verify it (503, not 500), a body
 * over the size limit (413), and more requests at once than the service takes on (503).
 */
@ApplicationScoped
public class HttpProblemHandler {

    private final ObjectMapper mapper;
    private final long maxBodyBytes;
    private final int maxInFlight;
    private final AtomicInteger inFlight = new AtomicInteger();

    HttpProblemHandler(
            ObjectMapper mapper,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10M") MemorySize maxBodySize,
            CairnHttpConfig http) {
        this.mapper = mapper;
        this.maxBodyBytes = maxBodySize.asLongValue();
        this.maxInFlight = http.maxInFlight();
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::shedExcess);
        router.route().order(Integer.MIN_VALUE).handler(this::refuseOversizeBody);
        router.route().order(Integer.MIN_VALUE).failureHandler(this::onFailure);
    }

    /**
     * Takes a request on while fewer than the limit are in progress, and answers 503 otherwise. Health
     * and metrics ({@code /q/}) are always answered, so that an overloaded instance is seen as such
     * rather than as dead.
     */
    void shedExcess(RoutingContext ctx) {
        if (ctx.normalizedPath().startsWith("/q/")) {
            ctx.next();
            return;
        }
        if (inFlight.incrementAndGet() > maxInFlight) {
            inFlight.decrementAndGet();
            ctx.response().putHeader(HttpHeaders.RETRY_AFTER, "1");
            send(
                    ctx,
                    ProblemResponses.of(
                            503,
                            "overloaded",
                            "The service has as much work as it can take on; retry shortly.",
                            null,
                            null));
            return;
        }
        ctx.addEndHandler(ignored -> inFlight.decrementAndGet());
        ctx.next();
    }

    /**
     * A body announced larger than the limit is refused before it is read, with a problem body. (A
     * chunked body that outgrows the limit is cut off by Vert.x itself, with a bare 413.)
     */
    void refuseOversizeBody(RoutingContext ctx) {
        String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null
                && length.length() < 19
                && length.chars().allMatch(Character::isDigit)
                && Long.parseLong(length) > maxBodyBytes) {
            ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
            send(ctx, ProblemResponses.ofStatus(413, ProblemMappers.detail(413), null));
            return;
        }
        ctx.next();
    }

    void onFailure(RoutingContext ctx) {
        if (ctx.response().headWritten()) {
            ctx.next();
            return;
        }
        Throwable failure = ctx.failure();
        if (failure instanceof AuthenticationFailedException) {
            if (identityProviderUnreachable(failure)) {
                ctx.response().putHeader(HttpHeaders.RETRY_AFTER, ProblemResponses.RETRY_AFTER_UNAVAILABLE);
                send(
                        ctx,
                        ProblemResponses.of(
                                503,
                                "identity-provider-unavailable",
                                "Tokens cannot be verified right now because the identity provider does not answer; retry shortly.",
                                null,
                                null));
            } else {
                ctx.response().putHeader("WWW-Authenticate", "Bearer");
                send(ctx, ProblemResponses.ofStatus(401, ProblemMappers.detail(401), null));
            }
        } else if (failure == null && ctx.statusCode() >= 400 && ctx.statusCode() < 500) {
            send(ctx, ProblemResponses.ofStatus(ctx.statusCode(), ProblemMappers.detail(ctx.statusCode()), null));
        } else if (ctx.statusCode() == 413) {
            send(ctx, ProblemResponses.ofStatus(413, ProblemMappers.detail(413), null));
        } else {
            ctx.next();
        }
    }

    static boolean identityProviderUnreachable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String name = t.getClass().getName();
            if (t instanceof ConnectException
                    || t instanceof TimeoutException
                    || t instanceof java.nio.channels.ClosedChannelException
                    || name.endsWith("ConnectTimeoutException")) {
                return true;
            }
        }
        return false;
    }

    /** Answers the request with this problem as its body. */
    public void send(RoutingContext ctx, Problem problem) {
        ctx.response()
                .setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .end(ProblemResponses.json(mapper, problem));
    }
}
