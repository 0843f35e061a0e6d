package org.cairn.clients.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.cairn.clients.service.Households;
import org.cairn.platform.agency.AgencyContext;
import org.cairn.platform.idempotency.Idempotent;
import org.cairn.platform.rest.Responses;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** Households, seen through the members the caller's agency may see. */
@Path("/households")
@Tag(name = "Households")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class HouseholdResource {

    private final Households households;
    private final AgencyContext agency;

    HouseholdResource(Households households, AgencyContext agency) {
        this.households = households;
        this.agency = agency;
    }

    @POST
    @Idempotent
    @RolesAllowed({"intake-worker", "case-manager", "supervisor"})
    @Operation(summary = "Create a household of clients the agency may see")
    public Uni<RestResponse<Households.HouseholdView>> create(@NotNull @Valid ConnectionRequests.NewHousehold request) {
        return households.create(agency.caller(), request).map(h -> Responses.created("/households/" + h.id(), h));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({"intake-worker", "case-manager", "supervisor", "program-director", "partner-provider", "auditor"})
    public Uni<Households.HouseholdView> get(@PathParam("id") UUID id) {
        return households.view(agency.caller(), id);
    }

    @POST
    @Path("/{id}/members")
    @RolesAllowed({"intake-worker", "case-manager", "supervisor"})
    public Uni<Households.HouseholdView> add(
            @PathParam("id") UUID id, @NotNull @Valid ConnectionRequests.MemberData member) {
        return households.add(agency.caller(), id, member);
    }

    @DELETE
    @Path("/{id}/members/{clientId}")
    @RolesAllowed({"intake-worker", "case-manager", "supervisor"})
    public Uni<RestResponse<Households.HouseholdView>> remove(
            @PathParam("id") UUID id, @PathParam("clientId") UUID clientId) {
        return households
                .remove(agency.caller(), id, clientId)
                .map(view -> view == null ? RestResponse.<Households.HouseholdView>noContent() : RestResponse.ok(view));
    }
}
