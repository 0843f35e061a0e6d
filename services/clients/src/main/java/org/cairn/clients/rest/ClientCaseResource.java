package org.cairn.clients.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.cairn.clients.service.CaseService;
import org.cairn.platform.agency.AgencyContext;
import org.cairn.platform.idempotency.Idempotent;
import org.cairn.platform.rest.Responses;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** The cases of one client, within the caller's agency. */
@Path("/clients/{clientId}/cases")
@Tag(name = "Cases")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ClientCaseResource {

    private final CaseService cases;
    private final AgencyContext agency;

    ClientCaseResource(CaseService cases, AgencyContext agency) {
        this.cases = cases;
        this.agency = agency;
    }

    @POST
    @Idempotent
    @RolesAllowed({"intake-worker", "case-manager", "supervisor"})
    @Operation(summary = "Open a case for a client the agency may see")
    public Uni<RestResponse<CaseView>> open(
            @PathParam("clientId") UUID clientId, @NotNull @Valid CaseRequests.OpenCase request) {
        return cases.open(agency.caller(), clientId, request)
                .map(c -> Responses.created("/cases/" + c.id, CaseView.of(c)));
    }

    @GET
    @RolesAllowed({"intake-worker", "case-manager", "supervisor", "program-director", "partner-provider", "auditor"})
    @Operation(summary = "The agency's cases of a client")
    public Uni<List<CaseView>> ofClient(@PathParam("clientId") UUID clientId) {
        return cases.ofClient(agency.caller(), clientId)
                .map(list -> list.stream().map(CaseView::of).toList());
    }
}
