package org.cairn.scheduling.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.cairn.platform.agency.AgencyContext;
import org.cairn.scheduling.service.CalendarFeeds;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** Each staff member's iCalendar feed, behind a secret token in its address. */
@Path("/calendar-feeds")
@Tag(name = "Calendar feeds")
public class CalendarFeedResource {

    private final CalendarFeeds feeds;
    private final AgencyContext agency;

    CalendarFeedResource(CalendarFeeds feeds, AgencyContext agency) {
        this.feeds = feeds;
        this.agency = agency;
    }

    /** The feed's address; its token is shown this once. */
    public record Feed(String path, String token) {}

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({"intake-worker", "case-manager", "supervisor", "program-director", "partner-provider"})
    @Operation(summary = "A new feed address for the caller's appointments; any earlier one stops working")
    public Uni<RestResponse<Feed>> issue() {
        return feeds.issue(agency.caller()).map(token -> {
            String path = "/calendar-feeds/" + token + ".ics";
            return RestResponse.ResponseBuilder.create(RestResponse.Status.CREATED, new Feed(path, token))
                    .header("Location", path)
                    .build();
        });
    }

    @DELETE
    @RolesAllowed({"intake-worker", "case-manager", "supervisor", "program-director", "partner-provider"})
    @Operation(summary = "Revoke the caller's feed address")
    public Uni<RestResponse<Void>> revoke() {
        return feeds.revoke(agency.caller()).map(v -> RestResponse.noContent());
    }

    @GET
    @Path("{token}.ics")
    @PermitAll
    @Produces("text/calendar")
    @Operation(
            summary = "The feed (RFC 5545) of the token's owner: their appointments from 30 days back to 400 days"
                    + " ahead, with no client names beyond initials; 404 once revoked")
    public Uni<String> feed(@PathParam("token") @Pattern(regexp = "[A-Za-z0-9_-]{43}") String token) {
        return feeds.feed(token);
    }
}
