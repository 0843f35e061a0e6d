package org.cairn.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.ConnectException;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.cairn.platform.agency.AgencyContextFilter;
import org.cairn.platform.problem.HttpProblemHandler;
import org.cairn.platform.problem.Problem;
import org.cairn.platform.problem.ProblemMappers;
import org.cairn.platform.problem.ProblemResponses;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

/**
 * Routes {@code /api/<service>/<path>} to {@code <path>} of that service, through Vert.x HTTP Proxy.
 * By the time a request gets here Quarkus has verified its bearer token (proactive authentication:
 * a token that does not verify is answered 401 by the platform's problem handler), and a request
 * without one is answered 401 here (but for the signed provider callbacks of {@link #PROVIDER_CALLBACKS}),
 * so a bad token never reaches a service; the token itself goes on unchanged, and the
 * service checks it again (it trusts no one, not even the gateway). On the way the request gets a
 * request id and W3C trace context if it has none, and the user's rate limit is applied. When a
 * service cannot be reached or does not answer in time, the caller gets a problem naming the service
 * and nothing of the failure's internals.
 */
@ApplicationScoped
public class ApiProxy {

    private static final Logger LOG = Logger.getLogger(ApiProxy.class);
    static final String REQUEST_ID = AgencyContextFilter.REQUEST_ID_HEADER;
    static final String TRACEPARENT = "traceparent";
    private static final Pattern TRACEPARENT_FORMAT =
            Pattern.compile("^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$");

    /**
     * Calls from outside providers (the SMS provider's delivery reports), which hold no user's token
     * and are signed with a shared secret the service checks. They pass without a token when they
     * carry a signature, and share one rate limit.
     */
    static final Set<String> PROVIDER_CALLBACKS = Set.of("/api/notifications/providers/sms/status");

    private static final String PROVIDER_CALLBACK_USER = "provider-callbacks";

    /** The header a provider's callback is signed in (the notifications service checks it). */
    static final String PROVIDER_SIGNATURE = "X-Cairn-Signature";

    private final Upstreams upstreams;
    private final GatewayConfig config;
    private final ObjectMapper mapper;
    private final HttpProblemHandler problems;
    private final RateLimiter limiter;
    private final Map<String, HttpProxy> proxies = new HashMap<>();

    ApiProxy(Upstreams upstreams, GatewayConfig config, ObjectMapper mapper, HttpProblemHandler problems) {
        this.upstreams = upstreams;
        this.problems = problems;
        this.config = config;
        this.mapper = mapper;
        this.limiter = new RateLimiter(
                config.rateLimit().perSecond(), config.rateLimit().burst());
    }

    void install(@Observes Router router) {
        for (String name : upstreams.names()) {
            proxies.put(name, proxyTo(name, upstreams.base(name)));
        }
        router.route("/api/*").handler(this::route);
    }

    private void route(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        int slash = path.indexOf('/', "/api/".length());
        String service = slash < 0 ? path.substring("/api/".length()) : path.substring("/api/".length(), slash);
        HttpProxy proxy = proxies.get(service);
        if (proxy == null && OverviewResource.ROOTS.contains(service)) {
            // the gateway's own composition endpoints: answered by its REST resources
            ctx.next();
            return;
        }
        if (proxy == null) {
            send(ctx, ProblemResponses.of(404, "not-found", "There is no service at this address.", null, null));
            return;
        }
        boolean callback = PROVIDER_CALLBACKS.contains(path)
                && ctx.request().method() == HttpMethod.POST
                && ctx.request().getHeader(PROVIDER_SIGNATURE) != null;
        // a provider's callback carries no user's token: the service checks its signature
        String user = callback ? PROVIDER_CALLBACK_USER : user(ctx);
        if (user == null) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer");
            send(ctx, ProblemResponses.ofStatus(401, ProblemMappers.detail(401), null));
            return;
        }
        long wait = limiter.acquire(user, System.nanoTime());
        if (wait > 0) {
            ctx.response().putHeader(HttpHeaders.RETRY_AFTER, Long.toString(wait));
            send(
                    ctx,
                    ProblemResponses.of(
                            429,
                            "rate-limited",
                            "Too many requests from this user; retry after the time Retry-After gives.",
                            null,
                            null));
            return;
        }
        var headers = ctx.request().headers();
        headers.set(REQUEST_ID, AgencyContextFilter.requestIdOrNew(headers.get(REQUEST_ID)));
        String traceparent = headers.get(TRACEPARENT);
        if (!validTraceparent(traceparent)) {
            headers.set(TRACEPARENT, newTraceparent());
            headers.remove("tracestate");
        }
        ctx.response().putHeader(REQUEST_ID, headers.get(REQUEST_ID));
        proxy.handle(ctx.request());
    }

    private HttpProxy proxyTo(String name, URI base) {
        String host = base.getHost();
        int port = base.getPort() > 0 ? base.getPort() : 80;
        long timeout = config.upstreamTimeout().toMillis();
        String prefix = "/api/" + name;
        return HttpProxy.reverseProxy(upstreams.client())
                .originRequestProvider((request, http) -> {
                    boolean stream = String.valueOf(request.getHeader(HttpHeaders.ACCEPT))
                            .contains("text/event-stream");
                    return http.request(
                            new RequestOptions().setHost(host).setPort(port).setTimeout(stream ? 0 : timeout));
                })
                .addInterceptor(new ProxyInterceptor() {
                    @Override
                    public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
                        String uri = context.request().getURI();
                        String rest = uri.length() > prefix.length() ? uri.substring(prefix.length()) : "";
                        context.request().setURI(rest.isEmpty() || rest.startsWith("?") ? "/" + rest : rest);
                        return context.sendRequest()
                                .recover(failure -> Future.succeededFuture(failed(context, name, failure)));
                    }
                });
    }

    private ProxyResponse failed(ProxyContext context, String service, Throwable failure) {
        Problem problem;
        ProxyResponse response = context.request().release().response();
        if (causedBy(failure, ConnectException.class)) {
            problem = ProblemResponses.of(
                    503,
                    "service-unavailable",
                    "The " + service + " service cannot be reached right now; retry shortly.",
                    null,
                    null);
            response.putHeader(HttpHeaders.RETRY_AFTER, ProblemResponses.RETRY_AFTER_UNAVAILABLE);
        } else if (causedBy(failure, TimeoutException.class)
                || failure.getClass().getName().contains("Timeout")) {
            problem = ProblemResponses.of(
                    504, "service-timeout", "The " + service + " service did not answer in time.", null, null);
        } else {
            problem = ProblemResponses.of(
                    502, "bad-gateway", "The " + service + " service gave no usable answer.", null, null);
        }
        LOG.warnf("Upstream %s failed: %s", service, failure.getClass().getName());
        byte[] body = ProblemResponses.json(mapper, problem).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return response.setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONTENT_LENGTH, Integer.toString(body.length))
                .setBody(Body.body(Buffer.buffer(body)));
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String user(RoutingContext ctx) {
        if (ctx.user() instanceof QuarkusHttpUser user
                && user.getSecurityIdentity().getPrincipal() instanceof JsonWebToken jwt
                && jwt.getSubject() != null) {
            return jwt.getSubject();
        }
        return null;
    }

    static boolean validTraceparent(String traceparent) {
        return traceparent != null && TRACEPARENT_FORMAT.matcher(traceparent).matches();
    }

    static String newTraceparent() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return String.format("00-%016x%016x-%016x-01", random.nextLong(), random.nextLong(), random.nextLong());
    }

    private void send(RoutingContext ctx, Problem problem) {
        problems.send(ctx, problem);
    }
}
