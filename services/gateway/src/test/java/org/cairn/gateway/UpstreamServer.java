package org.cairn.gateway;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.net.ServerSocket;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Stand-ins for the services behind the gateway (the gateway's own tests are about what it does to a
 * request on the way, so the upstream only tells what reached it): {@code echo} answers with the
 * method, path, the headers that matter and the body's length; {@code silent} accepts the request and
 * never answers; {@code down} is a port where nothing listens.
 */
public class UpstreamServer implements QuarkusTestResourceLifecycleManager {

    private Vertx vertx;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        HttpServer echo = listen(request -> request.body().onSuccess(body -> {
            JsonObject seen = new JsonObject()
                    .put("method", request.method().name())
                    .put("uri", request.uri())
                    .put("authorization", request.getHeader("Authorization"))
                    .put("requestId", request.getHeader("X-Request-Id"))
                    .put("traceparent", request.getHeader("traceparent"))
                    .put("bodyLength", body.length());
            if (request.path().equals("/stream")) {
                request.response().setChunked(true).putHeader("Content-Type", "text/event-stream");
                request.response().write("data: one\n\n");
                vertx.setTimer(1500, t -> request.response().end("data: two\n\n"));
                return;
            }
            request.response().putHeader("Content-Type", "application/json").end(seen.encode());
        }));
        HttpServer silent = listen(request -> {});
        return Map.of(
                "gateway.services.echo", "http://127.0.0.1:" + echo.actualPort(),
                "gateway.services.silent", "http://127.0.0.1:" + silent.actualPort(),
                "gateway.services.down", "http://127.0.0.1:" + freePort());
    }

    private HttpServer listen(io.vertx.core.Handler<io.vertx.core.http.HttpServerRequest> handler) {
        try {
            return vertx.createHttpServer()
                    .requestHandler(handler)
                    .listen(0, "127.0.0.1")
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("The test upstream did not start", e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close();
        }
    }
}
