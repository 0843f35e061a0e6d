package org.cairn.gateway;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Stand-ins for the services behind the gateway (the gateway's own tests are about what it does to a
 * request on the way, so the upstream only tells what reached it): {@code echo} answers with the
 * method, path, the headers that matter and the body's length; {@code silent} accepts the request and
 * never answers; {@code down} is a port where nothing listens; and the six services a case overview
 * composes are stand-ins at their real paths (see {@link #standIn}).
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
        String services = "http://127.0.0.1:" + listen(this::standIn).actualPort();
        Map<String, String> config = new java.util.HashMap<>(Map.of(
                "gateway.services.echo", "http://127.0.0.1:" + echo.actualPort(),
                "gateway.services.silent", "http://127.0.0.1:" + silent.actualPort(),
                "gateway.services.down", "http://127.0.0.1:" + freePort()));
        for (String service :
                List.of("clients", "assessments", "careplans", "referrals", "scheduling", "notifications")) {
            config.put("gateway.services." + service, services);
        }
        return config;
    }

    /** A case the stand-in services know, where every one of them answers. */
    static final String CASE = "6a1c1e5e-0000-4000-8000-000000000001";
    /** A case whose scheduling part fails (503) and whose notifications part answers too late. */
    static final String DEGRADED_CASE = "6a1c1e5e-0000-4000-8000-000000000002";
    /** A case the caller may not see: the clients stand-in answers 404. */
    static final String HIDDEN_CASE = "6a1c1e5e-0000-4000-8000-000000000003";
    /** A case the clients stand-in cannot read right now: it answers 503. */
    static final String UNREADABLE_CASE = "6a1c1e5e-0000-4000-8000-000000000004";

    static final String CLIENT = "c0ffee00-0000-4000-8000-00000000000c";

    /**
     * Stand-ins for the six services a case overview asks, at their real paths, answering with the
     * shapes those services give (only the members the overview reads, and a "seen" member telling
     * which token and request id reached them). Which case is asked decides what they do.
     */
    private void standIn(io.vertx.core.http.HttpServerRequest request) {
        String path = request.path();
        String caseId = request.getParam("caseId");
        JsonObject seen = new JsonObject()
                .put("authorization", request.getHeader("Authorization"))
                .put("requestId", request.getHeader("X-Request-Id"))
                .put("traceparent", request.getHeader("traceparent"))
                .put("query", request.query());
        if (path.equals("/q/openapi")) {
            answer(
                    request,
                    200,
                    new JsonObject()
                            .put("openapi", "3.1.0")
                            .put("tags", new JsonArray().add(new JsonObject().put("name", "Cases")))
                            .put(
                                    "paths",
                                    new JsonObject()
                                            .put(
                                                    "/cases/{id}",
                                                    new JsonObject()
                                                            .put(
                                                                    "get",
                                                                    new JsonObject()
                                                                            .put("tags", new JsonArray().add("Cases"))
                                                                            .put("operationId", "get")
                                                                            .put(
                                                                                    "responses",
                                                                                    new JsonObject()
                                                                                            .put(
                                                                                                    "200",
                                                                                                    new JsonObject()
                                                                                                            .put(
                                                                                                                    "content",
                                                                                                                    new JsonObject()
                                                                                                                            .put(
                                                                                                                                    "application/json",
                                                                                                                                    new JsonObject()
                                                                                                                                            .put(
                                                                                                                                                    "schema",
                                                                                                                                                    new JsonObject()
                                                                                                                                                            .put(
                                                                                                                                                                    "$ref",
                                                                                                                                                                    "#/components/schemas/CaseView")))))))))
                            .put(
                                    "components",
                                    new JsonObject()
                                            .put(
                                                    "schemas",
                                                    new JsonObject()
                                                            .put(
                                                                    "CaseView",
                                                                    new JsonObject()
                                                                            .put("type", "object")
                                                                            .put(
                                                                                    "properties",
                                                                                    new JsonObject()
                                                                                            .put(
                                                                                                    "crisis",
                                                                                                    new JsonObject()
                                                                                                            .put(
                                                                                                                    "$ref",
                                                                                                                    "#/components/schemas/Crisis"))))
                                                            .put("Crisis", new JsonObject().put("type", "object")))
                                            .put(
                                                    "securitySchemes",
                                                    new JsonObject()
                                                            .put(
                                                                    "SecurityScheme",
                                                                    new JsonObject()
                                                                            .put("type", "http")
                                                                            .put("scheme", "bearer")))));
        } else if (path.equals("/cases/" + HIDDEN_CASE)) {
            answer(request, 404, new JsonObject().put("status", 404));
        } else if (path.equals("/cases/" + UNREADABLE_CASE)) {
            answer(request, 503, new JsonObject().put("status", 503).put("detail", "internal detail"));
        } else if (path.matches("/cases/[^/]+")) {
            answer(
                    request,
                    200,
                    new JsonObject()
                            .put("id", path.substring("/cases/".length()))
                            .put("clientId", CLIENT)
                            .put("status", "open")
                            .put("crisis", new JsonObject().put("reason", "assessment"))
                            .put("seen", seen));
        } else if (path.equals("/clients/" + CLIENT)) {
            answer(
                    request,
                    200,
                    new JsonObject()
                            .put("id", CLIENT)
                            .put("preferredName", "Ada")
                            .put("seen", seen));
        } else if (path.equals("/clients/" + CLIENT + "/assessments")) {
            answer(
                    request,
                    200,
                    page(
                            new JsonObject()
                                    .put("id", "a4")
                                    .put("instrumentId", "phq-9")
                                    .put("status", "in-progress"),
                            new JsonObject()
                                    .put("id", "a3")
                                    .put("instrumentId", "phq-9")
                                    .put("status", "completed"),
                            new JsonObject()
                                    .put("id", "a2")
                                    .put("instrumentId", "ahc-hrsn")
                                    .put("status", "completed"),
                            new JsonObject()
                                    .put("id", "a1")
                                    .put("instrumentId", "phq-9")
                                    .put("status", "completed")));
        } else if (path.matches("/cases/[^/]+/care-plans")) {
            answer(
                    request,
                    200,
                    new JsonArray()
                            .add(new JsonObject().put("id", "p3").put("status", "cancelled"))
                            .add(new JsonObject()
                                    .put("id", "p2")
                                    .put("status", "active")
                                    .put("goals", new JsonArray().add("g")))
                            .add(new JsonObject().put("id", "p1").put("status", "completed")));
        } else if (path.equals("/referrals")) {
            answer(
                    request,
                    200,
                    page(new JsonObject()
                            .put("id", "r1")
                            .put("status", "accepted")
                            .put("seen", seen)));
        } else if (path.equals("/appointments")) {
            if (DEGRADED_CASE.equals(caseId)) {
                answer(request, 503, new JsonObject().put("status", 503));
                return;
            }
            answer(
                    request,
                    200,
                    page(
                            new JsonObject()
                                    .put("id", "m1")
                                    .put("status", "booked")
                                    .put("seen", seen),
                            new JsonObject().put("id", "m2").put("status", "cancelled")));
        } else if (path.equals("/providers/sms/status")) {
            answer(
                    request,
                    200,
                    new JsonObject()
                            .put("method", request.method().name())
                            .put("signature", request.getHeader("X-Cairn-Signature"))
                            .put("authorization", request.getHeader("Authorization")));
        } else if (path.equals("/inbox")) {
            JsonObject body = page(
                    new JsonObject().put("id", "n1").put("occasion", "crisis").put("seen", seen));
            vertx.setTimer(DEGRADED_CASE.equals(caseId) ? 2_500 : 1, t -> answer(request, 200, body));
        } else {
            answer(request, 404, new JsonObject().put("status", 404));
        }
    }

    private static JsonObject page(JsonObject... items) {
        JsonArray all = new JsonArray();
        for (JsonObject item : items) {
            all.add(item);
        }
        return new JsonObject().put("items", all).put("page", 0).put("hasMore", false);
    }

    private static void answer(io.vertx.core.http.HttpServerRequest request, int status, Object body) {
        if (request.response().closed()) {
            return;
        }
        request.response()
                .setStatusCode(status)
                .putHeader("Content-Type", status == 200 ? "application/json" : "application/problem+json")
                .end(body.toString());
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
