package org.cairn.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * The services behind the gateway: where each one is, and one pooled HTTP client to all of them,
 * shared by the proxied routes and the composition endpoints.
 */
@ApplicationScoped
public class Upstreams {

    private final ObjectMapper mapper;
    private final Map<String, URI> bases = new LinkedHashMap<>();
    private final HttpClient client;

    Upstreams(Vertx vertx, GatewayConfig config, ObjectMapper mapper) {
        this.mapper = mapper;
        config.services().forEach((name, url) -> bases.put(name, URI.create(url)));
        client = vertx.createHttpClient(
                new HttpClientOptions()
                        .setConnectTimeout((int) config.connectTimeout().toMillis())
                        .setKeepAlive(true),
                new PoolOptions().setHttp1MaxSize(64));
    }

    void stop(@Observes ShutdownEvent stop) {
        client.close();
    }

    HttpClient client() {
        return client;
    }

    /** The names of the services the gateway knows, as they prefix their routes. */
    Set<String> names() {
        return bases.keySet();
    }

    URI base(String service) {
        return bases.get(service);
    }

    /**
     * What a service answered to a GET: its status and its body read as JSON (null when it had none,
     * or none that parses).
     */
    public record Answer(int status, JsonNode body) {}

    /** The headers a composed call carries on the caller's behalf. */
    public record OnBehalf(String authorization, String requestId, String traceparent) {

        /** The same caller and trace, with a span of its own for one more call (W3C trace context). */
        OnBehalf child() {
            String[] parts = traceparent.split("-");
            String span = ApiProxy.newTraceparent().split("-")[2];
            return new OnBehalf(authorization, requestId, parts[0] + "-" + parts[1] + "-" + span + "-" + parts[3]);
        }
    }

    /**
     * GETs {@code uri} of a service as the caller, failing with a {@link TimeoutException} when the
     * whole answer has not arrived within {@code timeout}.
     */
    public Uni<Answer> get(String service, String uri, OnBehalf caller, Duration timeout) {
        URI base = bases.get(service);
        return get(
                base.getHost(),
                base.getPort() > 0 ? base.getPort() : 80,
                uri,
                timeout,
                service,
                new RequestOptions()
                        .putHeader(HttpHeaders.AUTHORIZATION, caller.authorization())
                        .putHeader(ApiProxy.REQUEST_ID, caller.requestId())
                        .putHeader(ApiProxy.TRACEPARENT, caller.traceparent()));
    }

    /** GETs a public document of a service (its OpenAPI), with no one's token. */
    public Uni<Answer> document(String service, String uri, Duration timeout) {
        URI base = bases.get(service);
        return get(
                base.getHost(), base.getPort() > 0 ? base.getPort() : 80, uri, timeout, service, new RequestOptions());
    }

    /** GETs a public document of this gateway itself, at the port it answered the caller on. */
    public Uni<Answer> own(int port, String uri, Duration timeout) {
        return get("127.0.0.1", port, uri, timeout, "gateway", new RequestOptions());
    }

    private Uni<Answer> get(
            String host, int port, String uri, Duration timeout, String service, RequestOptions options) {
        options.setMethod(HttpMethod.GET)
                .setHost(host)
                .setPort(port)
                .setURI(uri)
                .setIdleTimeout(timeout.toMillis())
                .putHeader(HttpHeaders.ACCEPT, "application/json");
        return Uni.createFrom()
                .completionStage(() -> client.request(options)
                        .compose(request -> request.send())
                        .compose(response ->
                                response.body().map(body -> new Answer(response.statusCode(), json(body.getBytes()))))
                        .toCompletionStage())
                .ifNoItem()
                .after(timeout)
                .failWith(() -> new TimeoutException("no answer from " + service + " within " + timeout));
    }

    private JsonNode json(byte[] body) {
        if (body.length == 0) {
            return null;
        }
        try {
            return mapper.readTree(body);
        } catch (IOException notJson) {
            return null;
        }
    }
}
