package org.cairn.scheduling.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.cairn.platform.agency.AgencyContext;
import org.cairn.scheduling.service.AppointmentService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The agency's cases whose clients keep missing appointments. */
@Path("/outreach-flags")
@Tag(name = "Appointments")
@Produces(MediaType.APPLICATION_JSON)
public class OutreachResource {

    private final AppointmentService appointments;
    private final AgencyContext agency;

    OutreachResource(AppointmentService appointments, AgencyContext agency) {
        this.appointments = appointments;
        this.agency = agency;
    }

    @GET
    @RolesAllowed({"case-manager", "supervisor", "program-director"})
    @Operation(
            summary =
                    "Cases flagged for outreach after three no-shows within 90 days (default: flagged in the last 90 days)")
    public Uni<List<AppointmentService.OutreachFlag>> flags(@QueryParam("since") OffsetDateTime since) {
        return appointments.outreach(
                agency.caller(), since == null ? Instant.now().minus(Duration.ofDays(90)) : since.toInstant());
    }
}
