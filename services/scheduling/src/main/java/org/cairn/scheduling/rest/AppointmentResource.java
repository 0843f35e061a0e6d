package org.cairn.scheduling.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.cairn.contracts.vocabulary.AppointmentStatus;
import org.cairn.platform.agency.AgencyContext;
import org.cairn.platform.idempotency.Idempotent;
import org.cairn.platform.paging.Page;
import org.cairn.platform.problem.Problems;
import org.cairn.platform.rest.Responses;
import org.cairn.scheduling.service.AppointmentService;
import org.cairn.scheduling.service.CalendarFeeds;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** Appointments of the caller's agency, and those the caller takes part in. */
@Path("/appointments")
@Tag(name = "Appointments")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AppointmentResource {

    private final AppointmentService appointments;
    private final AgencyContext agency;

    AppointmentResource(AppointmentService appointments, AgencyContext agency) {
        this.appointments = appointments;
        this.agency = agency;
    }

    @POST
    @Idempotent
    @RolesAllowed({"intake-worker", "case-manager", "supervisor"})
    @Operation(
            summary = "Book (or propose) an appointment with a client; 409 with the clashes when someone taking part"
                    + " is busy then, unless conflictOverride says why")
    public Uni<RestResponse<AppointmentView>> book(@NotNull @Valid AppointmentRequests.NewAppointment request) {
        return appointments.book(agency.caller(), request).map(a -> Responses.created("/appointments/" + a.id(), a));
    }

    @GET
    @RolesAllowed({"intake-worker", "case-manager", "supervisor", "program-director", "partner-provider"})
    @Operation(
            summary = "The appointments the caller may see starting in a range (default: the next 4 weeks), earliest"
                    + " first; mine=true for only those the caller takes part in")
    public Uni<Page<AppointmentView>> list(
            @QueryParam("from") OffsetDateTime from,
            @QueryParam("to") OffsetDateTime to,
            @QueryParam("caseId") UUID caseId,
            @QueryParam("clientId") UUID clientId,
            @QueryParam("status") AppointmentStatus status,
            @QueryParam("mine") @DefaultValue("false") boolean mine,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(10_000) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(Page.MAX_SIZE) int size) {
        Instant first = from == null ? Instant.now() : from.toInstant();
        Instant last = to == null ? first.plus(Duration.ofDays(28)) : to.toInstant();
        if (!last.isAfter(first)) {
            throw Problems.invalid("to", "the range ends after it starts");
        }
        if (Duration.between(first, last).compareTo(Duration.ofDays(400)) > 0) {
            throw Problems.invalid("to", "a range is at most 400 days");
        }
        return appointments.list(
                agency.caller(),
                new AppointmentService.Filter(first, last, caseId, clientId, status, mine),
                page,
                size);
    }

    @GET
    @Path("{id}")
    @RolesAllowed({"intake-worker", "case-manager", "supervisor", "program-director", "partner-provider"})
    @Operation(summary = "An appointment with its participants, reminders and status history")
    public Uni<AppointmentView> get(@PathParam("id") UUID id) {
        return appointments.get(agency.caller(), id);
    }

    @GET
    @Path("{id}/ics")
    @Produces("text/calendar")
    @RolesAllowed({"intake-worker", "case-manager", "supervisor", "program-director", "partner-provider"})
    @Operation(summary = "An appointment as an iCalendar (.ics) file: kind, client initials, time and place, no notes")
    public Uni<RestResponse<String>> ics(@PathParam("id") UUID id) {
        return appointments
                .appointment(agency.caller(), id)
                .map(a -> RestResponse.ResponseBuilder.ok(CalendarFeeds.calendar(java.util.List.of(a)), "text/calendar")
                        .header("Content-Disposition", "attachment; filename=\"appointment-" + id + ".ics\"")
                        .build());
    }

    @POST
    @Path("{id}/status")
    @Idempotent
    @RolesAllowed({"intake-worker", "case-manager", "supervisor"})
    @Operation(
            summary = "Book a proposal, check the client in, record attendance or a no-show, or cancel (with the"
                    + " reason)")
    public Uni<AppointmentView> changeStatus(
            @PathParam("id") UUID id, @NotNull @Valid AppointmentRequests.StatusChange request) {
        return appointments.changeStatus(agency.caller(), id, request);
    }

    @POST
    @Path("{id}/reschedule")
    @Idempotent
    @RolesAllowed({"intake-worker", "case-manager", "supervisor"})
    @Operation(
            summary = "Move an appointment to another time: it ends as rescheduled and its successor is booked with"
                    + " the same people and reminders (checked for clashes)")
    public Uni<RestResponse<AppointmentView>> reschedule(
            @PathParam("id") UUID id, @NotNull @Valid AppointmentRequests.Reschedule request) {
        return appointments
                .reschedule(agency.caller(), id, request)
                .map(a -> Responses.created("/appointments/" + a.id(), a));
    }
}
