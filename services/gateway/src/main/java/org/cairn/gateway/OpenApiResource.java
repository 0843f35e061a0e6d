package org.cairn.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import org.cairn.platform.problem.ProblemException;
import org.cairn.platform.problem.ProblemResponses;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The combined OpenAPI document of everything behind the gateway. Public, as every service's own is. */
@Path("/api/" + OpenApiResource.ROOT)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "API documents", description = "The OpenAPI document of the whole API, through the gateway")
public class OpenApiResource {

    static final String ROOT = "openapi";

    private final CombinedOpenApi combined;
    private final Upstreams upstreams;
    private final HttpServerRequest request;

    OpenApiResource(CombinedOpenApi combined, Upstreams upstreams, HttpServerRequest request) {
        this.combined = combined;
        this.upstreams = upstreams;
        this.request = request;
    }

    @GET
    @Operation(
            summary = "One OpenAPI 3.1 document: the gateway's own endpoints and every service's, each path as it is"
                    + " called through the gateway (/api/<service>/…), schemas named <service>.<name>; read from the"
                    + " running services, with each service's own document and whether it answered under"
                    + " x-cairn-sources")
    public Uni<ObjectNode> document() {
        return upstreams
                .own(request.localAddress().port(), "/q/openapi?format=json", Duration.ofSeconds(5))
                .map(own -> {
                    if (own.status() != 200 || own.body() == null) {
                        throw new ProblemException(
                                503,
                                "service-unavailable",
                                ProblemResponses.title(503),
                                "The gateway's own API document cannot be read right now.",
                                null);
                    }
                    return own.body();
                })
                .chain(combined::combine);
    }
}
