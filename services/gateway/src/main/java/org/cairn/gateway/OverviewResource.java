package org.cairn.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.Set;
import java.util.UUID;
import org.cairn.gateway.Upstreams.OnBehalf;
import org.cairn.platform.agency.AgencyContext;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The gateway's own endpoints: views composed from several services in one round trip. */
@Path("/api/" + OverviewResource.ROOT)
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Overview", description = "Views composed from several services, each asked with the caller's token")
public class OverviewResource {

    /** The path segment after /api/ of the composed views. */
    static final String ROOT = "overview";

    /** The path segments after /api/ that are the gateway's own, not a service's. */
    static final Set<String> ROOTS = Set.of(ROOT, OpenApiResource.ROOT);

    private final CaseOverview overview;
    private final AgencyContext agency;
    private final HttpServerRequest request;

    OverviewResource(CaseOverview overview, AgencyContext agency, HttpServerRequest request) {
        this.overview = overview;
        this.agency = agency;
        this.request = request;
    }

    @GET
    @Path("cases/{caseId}")
    @Operation(
            summary = "A case at a glance: the case and its client, the latest completed assessment of each"
                    + " instrument with its scores, the plan in force with its goals, the open referrals sent, the"
                    + " next appointments and the caller's unread notifications about the case. Every section"
                    + " says whether it is available; one whose service is down, slow or not open to the caller"
                    + " is marked unavailable with the reason and the service, and the rest is returned. A case"
                    + " the caller may not see is a 404, as at the clients service.")
    public Uni<ObjectNode> caseOverview(@PathParam("caseId") UUID caseId) {
        String traceparent = request.getHeader(ApiProxy.TRACEPARENT);
        OnBehalf caller = new OnBehalf(
                request.getHeader(HttpHeaders.AUTHORIZATION),
                agency.caller().requestId(),
                ApiProxy.validTraceparent(traceparent) ? traceparent : ApiProxy.newTraceparent());
        return overview.of(caseId, caller);
    }
}
