package org.cairn.clients.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.cairn.clients.service.CaseService;
import org.cairn.clients.service.Caseloads;
import org.cairn.clients.service.ConsentService;
import org.cairn.clients.service.NoteService;
import org.cairn.platform.agency.AgencyContext;
import org.cairn.platform.idempotency.Idempotent;
import org.cairn.platform.paging.Page;
import org.cairn.platform.rest.Responses;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** Cases, caseloads, notes and consent revocation. Everything is within what the caller's agency may see. */
@Path("/")
@Tag(name = "Cases")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CaseResource {

    private final CaseService cases;
    private final Caseloads caseloads;
    private final NoteService notes;
    private final ConsentService consents;
    private final AgencyContext agency;

    CaseResource(
            CaseService cases, Caseloads caseloads, NoteService notes, ConsentService consents, AgencyContext agency) {
        this.cases = cases;
        this.caseloads = caseloads;
        this.notes = notes;
        this.consents = consents;
        this.agency = agency;
    }

    @POST
    @Path("cases/{id}/notes")
    @Idempotent
    @RolesAllowed({"intake-worker", "case-manager", "supervisor"})
    @Operation(summary = "Add a note to a case")
    public Uni<RestResponse<NoteView>> addNote(
            @PathParam("id") UUID id, @NotNull @Valid NoteAndConsentRequests.NewNote request) {
        return notes.add(agency.caller(), id, request).map(n -> Responses.created("/notes/" + n.id, NoteView.of(n)));
    }

    @GET
    @Path("cases/{id}/notes")
    @RolesAllowed({"intake-worker", "case-manager", "supervisor", "partner-provider"})
    @Operation(summary = "The latest version of every note of a case")
    public Uni<List<NoteView>> notes(@PathParam("id") UUID id) {
        return notes.ofCase(agency.caller(), id)
                .map(list -> list.stream().map(NoteView::of).toList());
    }

    @POST
    @Path("notes/{id}/amendments")
    @Idempotent
    @RolesAllowed({"intake-worker", "case-manager", "supervisor"})
    @Operation(summary = "Correct a note with a new version; the amended version stays readable")
    public Uni<RestResponse<NoteView>> amend(
            @PathParam("id") UUID id, @NotNull @Valid NoteAndConsentRequests.Amendment request) {
        return notes.amend(agency.caller(), id, request).map(n -> Responses.created("/notes/" + n.id, NoteView.of(n)));
    }

    @GET
    @Path("notes/{id}/history")
    @RolesAllowed({"intake-worker", "case-manager", "supervisor", "partner-provider"})
    @Operation(summary = "Every version of a note, oldest first")
    public Uni<List<NoteView>> history(@PathParam("id") UUID id) {
        return notes.history(agency.caller(), id)
                .map(list -> list.stream().map(NoteView::of).toList());
    }

    @POST
    @Path("consents/{id}/revocation")
    @RolesAllowed({"intake-worker", "case-manager", "supervisor"})
    @Operation(summary = "Revoke a consent; it stops applying at once")
    public Uni<ConsentView> revoke(@PathParam("id") UUID id, @Valid NoteAndConsentRequests.Revocation request) {
        return consents.revoke(agency.caller(), id, request == null ? null : request.reason())
                .map(ConsentView::of);
    }

    @GET
    @Path("cases/{id}")
    @RolesAllowed({"intake-worker", "case-manager", "supervisor", "program-director", "partner-provider", "auditor"})
    public Uni<CaseView> get(@PathParam("id") UUID id) {
        return cases.get(agency.caller(), id).map(CaseView::of);
    }

    @GET
    @Path("cases/mine")
    @RolesAllowed({"intake-worker", "case-manager", "supervisor"})
    @Operation(summary = "The caller's open caseload, cases in crisis first")
    public Uni<Page<CaseView>> mine(
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(10_000) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(Page.MAX_SIZE) int size) {
        return cases.mine(agency.caller(), page, size)
                .map(list -> Page.of(list.stream().map(CaseView::of).toList(), page, size));
    }

    @GET
    @Path("caseloads")
    @RolesAllowed({"supervisor", "program-director"})
    @Operation(summary = "Open caseloads per case manager, by status and risk")
    public Uni<List<Caseloads.Caseload>> caseloads() {
        return caseloads.ofAgency(agency.caller());
    }

    @PUT
    @Path("cases/{id}/primary-case-manager")
    @RolesAllowed({"case-manager", "supervisor"})
    @Operation(summary = "Assign or reassign the primary case manager")
    public Uni<CaseView> assign(@PathParam("id") UUID id, @NotNull @Valid CaseRequests.Assignment request) {
        return cases.assign(agency.caller(), id, request.primaryCaseManagerId()).map(CaseView::of);
    }

    @POST
    @Path("cases/{id}/status")
    @RolesAllowed({"intake-worker", "case-manager", "supervisor"})
    @Operation(summary = "Change the status of a case; closed is final")
    public Uni<CaseView> changeStatus(@PathParam("id") UUID id, @NotNull @Valid CaseRequests.StatusChange request) {
        return cases.changeStatus(agency.caller(), id, request).map(CaseView::of);
    }

    @PUT
    @Path("cases/{id}/crisis")
    @RolesAllowed({"intake-worker", "case-manager", "supervisor"})
    @Operation(summary = "Flag the case as in crisis")
    public Uni<CaseView> flagCrisis(@PathParam("id") UUID id, @NotNull @Valid CaseRequests.CrisisFlag request) {
        return cases.flagCrisis(agency.caller(), id, request.reason()).map(CaseView::of);
    }

    @DELETE
    @Path("cases/{id}/crisis")
    @RolesAllowed({"intake-worker", "case-manager", "supervisor"})
    @Operation(summary = "Clear the crisis flag")
    public Uni<CaseView> clearCrisis(@PathParam("id") UUID id) {
        return cases.clearCrisis(agency.caller(), id).map(CaseView::of);
    }

    @POST
    @Path("caseload-transfers")
    @Idempotent
    @RolesAllowed("supervisor")
    @Operation(summary = "Move every open case of one case manager to another")
    public Uni<CaseService.Transfer> transfer(@NotNull @Valid CaseRequests.CaseloadTransfer request) {
        return cases.transfer(agency.caller(), request);
    }
}
