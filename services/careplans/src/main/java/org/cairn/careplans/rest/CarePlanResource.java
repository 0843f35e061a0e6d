package org.cairn.careplans.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.cairn.careplans.PlanLifecycle;
import org.cairn.careplans.service.CarePlanService;
import org.cairn.careplans.service.PlanReads;
import org.cairn.careplans.service.ProgressWrites;
import org.cairn.careplans.service.Suggestions;
import org.cairn.platform.agency.AgencyContext;
import org.cairn.platform.idempotency.Idempotent;
import org.cairn.platform.rest.Responses;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** Care plans of cases, their goals, suggestions from assessments, and supervisor approval. */
@Path("/")
@Tag(name = "Care plans")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CarePlanResource {

    private final CarePlanService plans;
    private final PlanReads reads;
    private final ProgressWrites progress;
    private final Suggestions suggestions;
    private final AgencyContext agency;

    CarePlanResource(
            CarePlanService plans,
            PlanReads reads,
            ProgressWrites progress,
            Suggestions suggestions,
            AgencyContext agency) {
        this.plans = plans;
        this.reads = reads;
        this.progress = progress;
        this.suggestions = suggestions;
        this.agency = agency;
    }

    @POST
    @Path("cases/{caseId}/care-plans")
    @Idempotent
    @RolesAllowed({"case-manager", "supervisor"})
    @Operation(summary = "Draft a care plan for a case (one open plan per case)")
    public Uni<RestResponse<PlanView>> create(@PathParam("caseId") UUID caseId, @Valid PlanRequests.NewPlan request) {
        return plans.create(
                        agency.caller(),
                        caseId,
                        request == null ? new PlanRequests.NewPlan(null, null, null, null) : request)
                .map(p -> Responses.created("/care-plans/" + p.id(), p));
    }

    @GET
    @Path("cases/{caseId}/care-plans")
    @RolesAllowed({"case-manager", "supervisor", "program-director", "auditor"})
    @Operation(summary = "The plans of a case, newest first")
    public Uni<List<PlanView>> ofCase(@PathParam("caseId") UUID caseId) {
        return plans.ofCase(agency.caller(), caseId);
    }

    @GET
    @Path("care-plans/{id}")
    @RolesAllowed({"case-manager", "supervisor", "program-director", "auditor", "intake-worker", "partner-provider"})
    @Operation(
            summary = "A plan with its goals and interventions; another agency sees only what the plan assigns it,"
                    + " while it serves the client")
    public Uni<PlanView> get(@PathParam("id") UUID id) {
        return reads.get(agency.caller(), id);
    }

    @GET
    @Path("care-plans/{id}/fhir")
    @Produces("application/fhir+json")
    @RolesAllowed({"case-manager", "supervisor", "program-director", "auditor"})
    @Operation(
            summary = "The plan as a FHIR R4 Bundle (a CarePlan and its Goals), for the client's other providers;"
                    + " audited as an export")
    public Uni<com.fasterxml.jackson.databind.node.ObjectNode> fhir(@PathParam("id") UUID id) {
        return reads.export(agency.caller(), id, FhirExport::bundle);
    }

    @GET
    @Path("care-plans/{id}/versions")
    @RolesAllowed({"case-manager", "supervisor", "program-director", "auditor"})
    @Operation(summary = "Every version of a plan: who changed what, when, and the plan as it then read")
    public Uni<List<PlanView.VersionView>> versions(@PathParam("id") UUID id) {
        return plans.versions(agency.caller(), id)
                .map(l -> l.stream().map(PlanView.VersionView::of).toList());
    }

    @POST
    @Path("care-plans/{id}/goals")
    @Idempotent
    @RolesAllowed({"case-manager", "supervisor"})
    @Operation(summary = "Add a goal to a draft plan or a plan under review")
    public Uni<RestResponse<PlanView>> addGoal(@PathParam("id") UUID id, @NotNull @Valid PlanRequests.NewGoal request) {
        return plans.addGoal(agency.caller(), id, request, null)
                .map(p -> Responses.created("/care-plans/" + p.id(), p));
    }

    @POST
    @Path("goals/{id}/status")
    @RolesAllowed({"case-manager", "supervisor"})
    @Operation(summary = "Change a goal's status, with the reason")
    public Uni<PlanView> goalStatus(@PathParam("id") UUID id, @NotNull @Valid PlanRequests.GoalStatusChange request) {
        return plans.changeGoalStatus(agency.caller(), id, request);
    }

    @POST
    @Path("goals/{id}/interventions")
    @Idempotent
    @RolesAllowed({"case-manager", "supervisor"})
    @Operation(summary = "Add an intervention (a task) under a goal")
    public Uni<RestResponse<PlanView>> addIntervention(
            @PathParam("id") UUID id, @NotNull @Valid PlanRequests.NewIntervention request) {
        return plans.addIntervention(agency.caller(), id, request)
                .map(p -> Responses.created("/care-plans/" + p.id(), p));
    }

    @POST
    @Path("interventions/{id}/status")
    @RolesAllowed({"case-manager", "supervisor"})
    @Operation(summary = "Change an intervention's status, with the reason")
    public Uni<PlanView> interventionStatus(
            @PathParam("id") UUID id, @NotNull @Valid PlanRequests.InterventionStatusChange request) {
        return plans.changeInterventionStatus(agency.caller(), id, request);
    }

    @POST
    @Path("care-plans/{id}/progress")
    @RolesAllowed({"case-manager", "supervisor"})
    @Operation(
            summary = "Record progress on a plan, a goal or an intervention, with an optional measurement"
                    + " (an Idempotency-Key is honoured in the write's own transaction)")
    public Uni<RestResponse<PlanView.ProgressView>> addProgress(
            @PathParam("id") UUID id, @NotNull @Valid PlanRequests.NewProgress request) {
        return progress.add(agency.caller(), id, request);
    }

    @GET
    @Path("care-plans/{id}/progress")
    @RolesAllowed({"case-manager", "supervisor", "program-director", "auditor"})
    @Operation(summary = "A plan's progress entries, the latest first")
    public Uni<List<PlanView.ProgressView>> progress(@PathParam("id") UUID id) {
        return plans.progress(agency.caller(), id);
    }

    @POST
    @Path("care-plans/{id}/submission")
    @RolesAllowed({"case-manager", "supervisor"})
    @Operation(summary = "Submit a draft (or a reviewed plan) to the supervisors' queue")
    public Uni<PlanView> submit(@PathParam("id") UUID id) {
        return plans.submit(agency.caller(), id);
    }

    @POST
    @Path("care-plans/{id}/approval")
    @RolesAllowed("supervisor")
    @Operation(summary = "Approve a submitted plan (not one you submitted)")
    public Uni<PlanView> approve(@PathParam("id") UUID id) {
        return plans.approve(agency.caller(), id);
    }

    @POST
    @Path("care-plans/{id}/completion")
    @RolesAllowed({"case-manager", "supervisor"})
    @Operation(summary = "Complete a plan in force (active or under review), with the reason")
    public Uni<PlanView> complete(@PathParam("id") UUID id, @NotNull @Valid PlanRequests.Ending request) {
        return plans.end(agency.caller(), id, PlanLifecycle.PlanAction.COMPLETE, request.reason());
    }

    @POST
    @Path("care-plans/{id}/cancellation")
    @RolesAllowed({"case-manager", "supervisor"})
    @Operation(summary = "Cancel a plan that has not ended, with the reason")
    public Uni<PlanView> cancel(@PathParam("id") UUID id, @NotNull @Valid PlanRequests.Ending request) {
        return plans.end(agency.caller(), id, PlanLifecycle.PlanAction.CANCEL, request.reason());
    }

    @POST
    @Path("care-plans/{id}/return")
    @RolesAllowed("supervisor")
    @Operation(summary = "Return a submitted plan to its case manager with comments")
    public Uni<PlanView> returnPlan(@PathParam("id") UUID id, @NotNull @Valid PlanRequests.Return request) {
        return plans.returnToCaseManager(agency.caller(), id, request.comment());
    }

    @POST
    @Path("care-plans/{id}/review")
    @RolesAllowed({"case-manager", "supervisor"})
    @Operation(summary = "Start a review of an active plan, so that it can be changed and submitted again")
    public Uni<PlanView> startReview(@PathParam("id") UUID id) {
        return plans.startReview(agency.caller(), id);
    }

    @GET
    @Path("approvals/pending")
    @RolesAllowed("supervisor")
    @Operation(summary = "Plans of the agency waiting for a supervisor, oldest first")
    public Uni<List<PlanView>> pending() {
        return plans.pendingApproval(agency.caller());
    }

    @GET
    @Path("reviews/overdue")
    @RolesAllowed({"case-manager", "supervisor", "program-director"})
    @Operation(summary = "Active plans past their review date: your cases', or the agency's for supervisors")
    public Uni<List<PlanView>> overdue() {
        return plans.overdueReviews(agency.caller());
    }

    @GET
    @Path("care-plans/{id}/suggestions")
    @RolesAllowed({"case-manager", "supervisor"})
    @Operation(summary = "Goals suggested by assessments for needs the plan does not cover yet")
    public Uni<List<PlanView.SuggestionView>> suggestions(@PathParam("id") UUID id) {
        return suggestions
                .ofPlan(agency.caller(), id)
                .map(l -> l.stream().map(PlanView.SuggestionView::of).toList());
    }

    @POST
    @Path("suggestions/{id}/acceptance")
    @RolesAllowed({"case-manager", "supervisor"})
    @Operation(summary = "Accept a suggestion: it becomes a proposed goal of the case's plan")
    public Uni<PlanView> accept(@PathParam("id") UUID id, @NotNull @Valid PlanRequests.Acceptance request) {
        return suggestions.accept(agency.caller(), id, request);
    }

    @POST
    @Path("suggestions/{id}/dismissal")
    @RolesAllowed({"case-manager", "supervisor"})
    @Operation(summary = "Dismiss a suggestion")
    public Uni<PlanView.SuggestionView> dismiss(@PathParam("id") UUID id) {
        return suggestions.dismiss(agency.caller(), id).map(PlanView.SuggestionView::of);
    }
}
