package org.cairn.scheduling.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.cairn.platform.agency.AgencyContext;
import org.cairn.platform.idempotency.Idempotent;
import org.cairn.platform.rest.Responses;
import org.cairn.scheduling.service.AppointmentService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** Recurring follow-ups: one booking makes every occurrence, each an appointment of its own. */
@Path("/appointment-series")
@Tag(name = "Appointments")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SeriesResource {

    private final AppointmentService appointments;
    private final AgencyContext agency;

    SeriesResource(AppointmentService appointments, AgencyContext agency) {
        this.appointments = appointments;
        this.agency = agency;
    }

    @POST
    @Idempotent
    @RolesAllowed({"intake-worker", "case-manager", "supervisor"})
    @Operation(
            summary = "Book a series of follow-ups from an RFC 5545 RRULE with COUNT or UNTIL (at most 104"
                    + " occurrences, 2 years); local times are kept across daylight-saving changes; all or nothing")
    public Uni<RestResponse<AppointmentView.Series>> book(@NotNull @Valid AppointmentRequests.NewAppointment request) {
        return appointments
                .bookSeries(agency.caller(), request)
                .map(s -> Responses.created(
                        "/appointments/" + s.appointments().get(0).id(), s));
    }
}
