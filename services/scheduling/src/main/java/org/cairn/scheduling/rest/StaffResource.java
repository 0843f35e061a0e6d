package org.cairn.scheduling.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.cairn.platform.agency.AgencyContext;
import org.cairn.platform.problem.Problems;
import org.cairn.platform.rest.Responses;
import org.cairn.scheduling.Interval;
import org.cairn.scheduling.TimeOff;
import org.cairn.scheduling.service.StaffTime;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** Staff members' working hours and time off ({@code me} for the caller), and free slots. */
@Path("/")
@Tag(name = "Availability")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class StaffResource {

    private final StaffTime staff;
    private final AgencyContext agency;

    StaffResource(StaffTime staff, AgencyContext agency) {
        this.staff = staff;
        this.agency = agency;
    }

    @GET
    @Path("staff/{userId}/working-hours")
    @RolesAllowed({"intake-worker", "case-manager", "supervisor", "program-director", "partner-provider"})
    @Operation(summary = "A staff member's weekly working hours (weekdays 9 to 17 in the network's zone if none set)")
    public Uni<StaffTime.Week> hours(@PathParam("userId") @Size(max = 255) String userId) {
        return staff.hours(agency.caller(), userId);
    }

    @PUT
    @Path("staff/{userId}/working-hours")
    @RolesAllowed({"intake-worker", "case-manager", "supervisor", "partner-provider"})
    @Operation(summary = "Set one's own weekly working hours (a supervisor sets anyone's), in one time zone")
    public Uni<StaffTime.Week> setHours(
            @PathParam("userId") @Size(max = 255) String userId, @NotNull @Valid AppointmentRequests.WeekHours week) {
        return staff.setHours(agency.caller(), userId, week);
    }

    /** Time off as shown. */
    public record TimeOffView(UUID id, String userId, Instant start, Instant end, String reason) {
        static TimeOffView of(TimeOff t) {
            return new TimeOffView(t.id, t.userId, t.startsAt, t.endsAt, t.reason);
        }
    }

    @POST
    @Path("staff/{userId}/time-off")
    @RolesAllowed({"intake-worker", "case-manager", "supervisor", "partner-provider"})
    @Operation(summary = "Record time off: no slot is offered then, and a booking over it is a clash")
    public Uni<RestResponse<TimeOffView>> addTimeOff(
            @PathParam("userId") @Size(max = 255) String userId,
            @NotNull @Valid AppointmentRequests.NewTimeOff request) {
        return staff.addTimeOff(agency.caller(), userId, request)
                .map(t -> Responses.created("/staff/" + t.userId + "/time-off/" + t.id, TimeOffView.of(t)));
    }

    @GET
    @Path("staff/{userId}/time-off")
    @RolesAllowed({"intake-worker", "case-manager", "supervisor", "partner-provider"})
    @Operation(summary = "One's time off in a range (default: the next 90 days)")
    public Uni<List<TimeOffView>> timeOff(
            @PathParam("userId") @Size(max = 255) String userId,
            @QueryParam("from") OffsetDateTime from,
            @QueryParam("to") OffsetDateTime to) {
        Instant first = from == null ? Instant.now() : from.toInstant();
        Instant last = to == null ? first.plus(Duration.ofDays(90)) : to.toInstant();
        return staff.timeOff(agency.caller(), userId, first, last)
                .map(list -> list.stream().map(TimeOffView::of).toList());
    }

    @DELETE
    @Path("staff/{userId}/time-off/{id}")
    @RolesAllowed({"intake-worker", "case-manager", "supervisor", "partner-provider"})
    @Operation(summary = "Remove time off")
    public Uni<RestResponse<Void>> removeTimeOff(
            @PathParam("userId") @Size(max = 255) String userId, @PathParam("id") UUID id) {
        return staff.removeTimeOff(agency.caller(), userId, id).map(v -> RestResponse.noContent());
    }

    /** Free windows shared by everyone asked about. */
    public record FreeSlots(
            List<String> participants, Instant from, Instant to, Duration duration, List<Interval> free) {}

    @GET
    @Path("availability")
    @RolesAllowed({"intake-worker", "case-manager", "supervisor", "program-director", "partner-provider"})
    @Operation(
            summary = "The windows of at least the duration within a range (at most 8 weeks) when every one of the"
                    + " participants (up to 10) is working and free")
    public Uni<FreeSlots> free(
            @QueryParam("participant") List<String> participants,
            @QueryParam("from") OffsetDateTime from,
            @QueryParam("to") OffsetDateTime to,
            @QueryParam("duration") @Size(max = 32) String duration) {
        if (from == null || to == null) {
            throw Problems.invalid(
                    from == null ? "from" : "to", "a search names its range (ISO date-times with offset)");
        }
        Duration length;
        try {
            length = duration == null ? Duration.ofHours(1) : Duration.parse(duration);
        } catch (java.time.format.DateTimeParseException e) {
            throw Problems.invalid("duration", "an ISO 8601 duration, e.g. PT45M");
        }
        List<String> people = participants == null
                ? List.of()
                : participants.stream()
                        .map(p -> "me".equals(p) ? agency.userId() : p)
                        .toList();
        return staff.free(people, from.toInstant(), to.toInstant(), length)
                .map(free -> new FreeSlots(people, from.toInstant(), to.toInstant(), length, free));
    }
}
