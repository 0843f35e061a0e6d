package org.cairn.referrals.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.util.UUID;
import org.cairn.contracts.vocabulary.ReferralTaskStatus;
import org.cairn.platform.agency.AgencyContext;
import org.cairn.platform.idempotency.Idempotent;
import org.cairn.platform.paging.Page;
import org.cairn.platform.problem.Problems;
import org.cairn.platform.rest.Responses;
import org.cairn.referrals.service.ReferralMetrics;
import org.cairn.referrals.service.ReferralService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** Referrals the caller's agency sends and receives, and the moves of their tasks. */
@Path("/referrals")
@Tag(name = "Referrals")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ReferralResource {

    private final ReferralService referrals;
    private final ReferralMetrics metrics;
    private final AgencyContext agency;

    ReferralResource(ReferralService referrals, ReferralMetrics metrics, AgencyContext agency) {
        this.referrals = referrals;
        this.metrics = metrics;
        this.agency = agency;
    }

    @POST
    @Idempotent
    @RolesAllowed({"intake-worker", "case-manager", "supervisor"})
    @Operation(
            summary = "Refer a client's case to another agency: sent at once under the client's consent (422 without"
                    + " one), or kept as a draft with send=false")
    public Uni<RestResponse<ReferralView>> create(@NotNull @Valid ReferralRequests.NewReferral request) {
        return referrals.create(agency.caller(), request).map(r -> Responses.created("/referrals/" + r.id(), r));
    }

    @GET
    @RolesAllowed({"intake-worker", "case-manager", "supervisor", "program-director"})
    @Operation(
            summary = "The referrals the agency sent (box=sent) or received (box=received), latest change first;"
                    + " by status, by the directory service they are addressed to, by case, and only the open ones"
                    + " (open=true: not yet completed, rejected, cancelled, failed or entered in error)")
    public Uni<Page<ReferralView>> list(
            @QueryParam("box") @DefaultValue("sent") @Pattern(regexp = "sent|received") String box,
            @QueryParam("status") ReferralTaskStatus status,
            @QueryParam("serviceId") UUID serviceId,
            @QueryParam("caseId") UUID caseId,
            @QueryParam("open") @DefaultValue("false") boolean open,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(10_000) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(Page.MAX_SIZE) int size) {
        return referrals.list(
                agency.caller(),
                new ReferralService.ListFilter("received".equals(box), status, serviceId, caseId, open),
                page,
                size);
    }

    @GET
    @Path("metrics")
    @RolesAllowed({"supervisor", "program-director"})
    @Operation(
            summary = "The agency's referral numbers over the referrals sent in a period (default: the last 90"
                    + " days): sent and received, accepted, rejected by reason, median hours to acceptance, closure"
                    + " rate, and per directory service")
    public Uni<ReferralMetrics.Report> metrics(@QueryParam("from") LocalDate from, @QueryParam("to") LocalDate to) {
        LocalDate last = to == null ? LocalDate.now() : to;
        LocalDate first = from == null ? last.minusDays(90) : from;
        if (first.isAfter(last)) {
            throw Problems.invalid("from", "the period starts before it ends");
        }
        if (first.isBefore(last.minusYears(5))) {
            throw Problems.invalid("from", "a period is at most five years");
        }
        return metrics.report(agency.agencyId(), first, last);
    }

    @GET
    @Path("{id}")
    @RolesAllowed({"intake-worker", "case-manager", "supervisor", "program-director"})
    @Operation(
            summary = "A referral with its packet and every move of its task; the receiving agency's read is a"
                    + " disclosure under the consent")
    public Uni<ReferralView> get(@PathParam("id") UUID id) {
        return referrals.get(agency.caller(), id);
    }

    @GET
    @Path("{id}/fhir")
    @Produces("application/fhir+json")
    @RolesAllowed({"intake-worker", "case-manager", "supervisor", "program-director"})
    @Operation(
            summary = "The referral as FHIR R4 (a Bundle of its ServiceRequest and Task), read as the referral is:"
                    + " the receiving agency's read is a disclosure under the consent")
    public Uni<com.fasterxml.jackson.databind.node.ObjectNode> fhir(@PathParam("id") UUID id) {
        return referrals.get(agency.caller(), id).map(ReferralFhir::bundle);
    }

    @PUT
    @Path("{id}/assignee")
    @RolesAllowed({"intake-worker", "case-manager", "supervisor"})
    @Operation(summary = "The receiving agency names who of its staff works a referral it accepted")
    public Uni<ReferralView> assign(@PathParam("id") UUID id, @NotNull @Valid ReferralRequests.Assignment request) {
        return referrals.assign(agency.caller(), id, request.assigneeUserId());
    }

    @POST
    @Path("{id}/status")
    @Idempotent
    @RolesAllowed({"intake-worker", "case-manager", "supervisor"})
    @Operation(
            summary = "Move the referral's task: the sending agency sends (requested) or cancels, the receiving"
                    + " agency receives, accepts (with the program) or rejects (with the reason), and follows up")
    public Uni<ReferralView> changeStatus(
            @PathParam("id") UUID id, @NotNull @Valid ReferralRequests.StatusChange request) {
        return referrals.changeStatus(agency.caller(), id, request);
    }
}
