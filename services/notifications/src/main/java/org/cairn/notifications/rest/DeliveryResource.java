package org.cairn.notifications.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.cairn.notifications.service.DeliveryLog;
import org.cairn.platform.agency.AgencyContext;
import org.cairn.platform.paging.Page;
import org.cairn.platform.problem.Problems;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The agency's delivery records, for its supervisors and program directors; no message bodies. */
@Path("/deliveries")
@Tag(name = "Deliveries")
@Produces(MediaType.APPLICATION_JSON)
public class DeliveryResource {

    private final DeliveryLog log;
    private final AgencyContext agency;

    DeliveryResource(DeliveryLog log, AgencyContext agency) {
        this.log = log;
        this.agency = agency;
    }

    @GET
    @RolesAllowed({"supervisor", "program-director"})
    @Operation(summary = "Deliveries of the agency's notifications in a range (default: the last 7 days)")
    public Uni<Page<DeliveryLog.Entry>> list(
            @QueryParam("from") OffsetDateTime from,
            @QueryParam("to") OffsetDateTime to,
            @QueryParam("status") @Pattern(regexp = "queued|sending|sent|delivered|failed|undeliverable") String status,
            @QueryParam("channel") @Pattern(regexp = "in-app|email|sms|push") String channel,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(10_000) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(Page.MAX_SIZE) int size) {
        Instant last = to == null ? Instant.now().plusSeconds(1) : to.toInstant();
        Instant first = from == null ? last.minus(Duration.ofDays(7)) : from.toInstant();
        if (!last.isAfter(first)) {
            throw Problems.invalid("to", "the range ends after it starts");
        }
        return log.list(agency.agencyId(), first, last, status, channel, page, size);
    }
}
