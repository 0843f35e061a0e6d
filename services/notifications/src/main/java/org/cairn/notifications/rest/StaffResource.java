package org.cairn.notifications.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.cairn.notifications.service.People;
import org.cairn.platform.agency.AgencyContext;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The agency's staff as notifications knows them, and who of its supervisors is on call. */
@Path("/staff")
@Tag(name = "Staff")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class StaffResource {

    /** Whether a supervisor is on call. */
    public record OnCall(@NotNull Boolean onCall) {}

    private final People people;
    private final AgencyContext agency;

    StaffResource(People people, AgencyContext agency) {
        this.people = people;
        this.agency = agency;
    }

    @GET
    @RolesAllowed({"supervisor", "program-director"})
    @Operation(summary = "The agency's staff known here: roles, on call, which channels reach them (no addresses)")
    public Uni<List<People.StaffSummary>> list() {
        return people.staffOf(agency.agencyId());
    }

    @PUT
    @Path("{userId}/on-call")
    @RolesAllowed({"supervisor", "program-director"})
    @Operation(summary = "Put a supervisor of the agency on call, or take them off (crises go to those on call)")
    public Uni<Map<String, Boolean>> onCall(@PathParam("userId") @Size(max = 255) String userId, @NotNull OnCall body) {
        return people.setOnCall(agency.caller(), userId, body.onCall()).replaceWith(Map.of("onCall", body.onCall()));
    }
}
