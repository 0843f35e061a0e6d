package org.cairn.assessments.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.cairn.assessments.ReassessmentSchedule;
import org.cairn.assessments.service.AssessmentService;
import org.cairn.assessments.service.ClientAssessments;
import org.cairn.assessments.service.Reassessments;
import org.cairn.assessments.service.ScoreHistory;
import org.cairn.contracts.vocabulary.Program;
import org.cairn.platform.agency.AgencyContext;
import org.cairn.platform.idempotency.Idempotent;
import org.cairn.platform.paging.Page;
import org.cairn.platform.rest.Responses;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** Assessments of clients in cases, their score histories and when they are due again. */
@Path("/")
@Tag(name = "Assessments")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AssessmentResource {

    private final AssessmentService assessments;
    private final ClientAssessments ofClients;
    private final ScoreHistory history;
    private final Reassessments reassessments;
    private final AgencyContext agency;

    AssessmentResource(
            AssessmentService assessments,
            ClientAssessments ofClients,
            ScoreHistory history,
            Reassessments reassessments,
            AgencyContext agency) {
        this.assessments = assessments;
        this.ofClients = ofClients;
        this.history = history;
        this.reassessments = reassessments;
        this.agency = agency;
    }

    @POST
    @Path("assessments")
    @Idempotent
    @RolesAllowed({"intake-worker", "case-manager", "supervisor"})
    @Operation(summary = "Start an assessment of a case's client with an instrument version (the latest by default)")
    public Uni<RestResponse<AssessmentView>> start(@NotNull @Valid AssessmentRequests.Start request) {
        return assessments
                .start(agency.caller(), request)
                .map(l -> Responses.created("/assessments/" + l.assessment().id, AssessmentView.of(l)));
    }

    @GET
    @Path("assessments/{id}")
    @RolesAllowed({"intake-worker", "case-manager", "supervisor", "program-director", "partner-provider", "auditor"})
    public Uni<AssessmentView> get(@PathParam("id") UUID id) {
        return assessments.get(agency.caller(), id).map(AssessmentView::of);
    }

    @PATCH
    @Path("assessments/{id}/answers")
    @RolesAllowed({"intake-worker", "case-manager", "supervisor"})
    @Operation(summary = "Save answers to an assessment in progress; a null answer clears its item")
    public Uni<AssessmentView> saveAnswers(
            @PathParam("id") UUID id, @NotNull @Valid AssessmentRequests.Answers request) {
        return assessments.saveAnswers(agency.caller(), id, request.answers()).map(AssessmentView::of);
    }

    @POST
    @Path("assessments/{id}/completion")
    @Idempotent
    @RolesAllowed({"intake-worker", "case-manager", "supervisor"})
    @Operation(summary = "Complete and score an assessment (with any last answers)")
    public Uni<AssessmentView> complete(@PathParam("id") UUID id, @Valid AssessmentRequests.Completion request) {
        return assessments
                .complete(
                        agency.caller(), id, request == null ? new AssessmentRequests.Completion(null, null) : request)
                .map(AssessmentView::of);
    }

    @POST
    @Path("assessments/{id}/amendments")
    @Idempotent
    @RolesAllowed({"intake-worker", "case-manager", "supervisor"})
    @Operation(summary = "Correct a completed assessment with a reason; the corrected version stays readable")
    public Uni<RestResponse<AssessmentView>> amend(
            @PathParam("id") UUID id, @NotNull @Valid AssessmentRequests.Amendment request) {
        return assessments
                .amend(agency.caller(), id, request)
                .map(l -> Responses.created("/assessments/" + l.assessment().id, AssessmentView.of(l)));
    }

    @GET
    @Path("assessments/{id}/versions")
    @RolesAllowed({"intake-worker", "case-manager", "supervisor", "program-director", "partner-provider", "auditor"})
    @Operation(summary = "Every version of an assessment, the first first")
    public Uni<List<AssessmentView>> versions(@PathParam("id") UUID id) {
        return assessments
                .versions(agency.caller(), id)
                .map(list -> list.stream().map(AssessmentView::of).toList());
    }

    @GET
    @Path("clients/{clientId}/assessments")
    @RolesAllowed({"intake-worker", "case-manager", "supervisor", "program-director", "partner-provider", "auditor"})
    @Operation(summary = "A client's assessments the caller may see, newest first")
    public Uni<Page<ClientAssessments.Summary>> ofClient(
            @PathParam("clientId") UUID clientId,
            @QueryParam("instrument") @Size(max = 63) String instrumentId,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(10_000) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(Page.MAX_SIZE) int size) {
        return ofClients.of(agency.caller(), clientId, instrumentId, page, size);
    }

    @GET
    @Path("clients/{clientId}/score-history")
    @RolesAllowed({"intake-worker", "case-manager", "supervisor", "program-director", "partner-provider", "auditor"})
    @Operation(summary = "A client's scores on one instrument over time, with the change since the time before")
    public Uni<List<ScoreHistory.Entry>> scoreHistory(
            @PathParam("clientId") UUID clientId,
            @QueryParam("instrument") @NotBlank @Size(max = 63) String instrumentId) {
        return history.of(agency.caller(), clientId, instrumentId);
    }

    @GET
    @Path("reassessments/due")
    @RolesAllowed({"intake-worker", "case-manager", "supervisor"})
    @Operation(summary = "Scheduled reassessments due (or overdue) in a case manager's open cases, most overdue first")
    public Uni<List<Reassessments.Due>> due(
            @QueryParam("withinDays") @DefaultValue("0") @Min(0) @Max(366) int withinDays,
            @QueryParam("caseManagerId") @Size(max = 255) String caseManagerId) {
        return reassessments.due(agency.caller(), caseManagerId, withinDays);
    }

    @GET
    @Path("reassessment-schedules")
    @RolesAllowed({"intake-worker", "case-manager", "supervisor", "program-director", "network-admin"})
    @Operation(summary = "How often each instrument is due again, per program")
    public Uni<List<ReassessmentSchedule>> schedules() {
        return reassessments.schedules();
    }

    /** How often an instrument is due again in a program. */
    public record Interval(@Min(1) @Max(3660) int intervalDays) {}

    @PUT
    @Path("reassessment-schedules/{instrumentId}/{program}")
    @RolesAllowed("network-admin")
    @Operation(summary = "Set how often an instrument is due again in a program's cases")
    public Uni<ReassessmentSchedule> schedule(
            @PathParam("instrumentId") String instrumentId,
            @PathParam("program") Program program,
            @NotNull @Valid Interval interval) {
        return reassessments.schedule(instrumentId, program, interval.intervalDays());
    }

    @DELETE
    @Path("reassessment-schedules/{instrumentId}/{program}")
    @RolesAllowed("network-admin")
    @Operation(summary = "Stop scheduling an instrument in a program's cases")
    public Uni<Void> unschedule(@PathParam("instrumentId") String instrumentId, @PathParam("program") Program program) {
        return reassessments.unschedule(instrumentId, program);
    }
}
