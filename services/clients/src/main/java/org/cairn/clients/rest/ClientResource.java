package org.cairn.clients.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.cairn.clients.Codes;
import org.cairn.clients.service.ClientRegistry;
import org.cairn.clients.service.ClientSearch;
import org.cairn.clients.service.ConsentService;
import org.cairn.clients.service.DuplicateCheck;
import org.cairn.clients.service.IdentityLinks;
import org.cairn.clients.service.NoteService;
import org.cairn.clients.service.Relationships;
import org.cairn.platform.agency.AgencyContext;
import org.cairn.platform.idempotency.Idempotent;
import org.cairn.platform.paging.Page;
import org.cairn.platform.problem.ProblemException;
import org.cairn.platform.problem.Problems;
import org.cairn.platform.rest.Responses;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** The client registry's API. Every answer is limited to what the caller's agency may see. */
@Path("/clients")
@Tag(name = "Clients")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ClientResource {

    private final ClientRegistry registry;
    private final ClientSearch search;
    private final NoteService notes;
    private final ConsentService consents;
    private final Relationships relationships;
    private final IdentityLinks links;
    private final AgencyContext agency;

    ClientResource(
            ClientRegistry registry,
            ClientSearch search,
            NoteService notes,
            ConsentService consents,
            Relationships relationships,
            IdentityLinks links,
            AgencyContext agency) {
        this.registry = registry;
        this.search = search;
        this.notes = notes;
        this.consents = consents;
        this.relationships = relationships;
        this.links = links;
        this.agency = agency;
    }

    @POST
    @Path("/{id}/relationships")
    @RolesAllowed({"intake-worker", "case-manager", "supervisor"})
    @Operation(summary = "Record that this client is parent, guardian, caregiver, sibling or partner of another")
    public Uni<RestResponse<Relationships.RelationshipView>> relate(
            @PathParam("id") UUID id, @NotNull @Valid ConnectionRequests.NewRelationship request) {
        return relationships
                .record(agency.caller(), id, request)
                .map(r -> Responses.created("/clients/" + id + "/relationships", Relationships.RelationshipView.of(r)));
    }

    @GET
    @Path("/{id}/relationships")
    @RolesAllowed({"intake-worker", "case-manager", "supervisor", "program-director", "partner-provider", "auditor"})
    public Uni<List<Relationships.RelationshipView>> relationships(@PathParam("id") UUID id) {
        return relationships
                .of(agency.caller(), id)
                .map(list ->
                        list.stream().map(Relationships.RelationshipView::of).toList());
    }

    /** A link as the API shows it. */
    public record LinkView(String linkId, String clientId, String otherClientId, String unlinkedAt) {}

    @POST
    @Path("/{id}/links")
    @RolesAllowed({"case-manager", "supervisor"})
    @Operation(summary = "Link two records of the same person; nothing is merged, and the link can be undone")
    public Uni<RestResponse<LinkView>> link(
            @PathParam("id") UUID id, @NotNull @Valid ConnectionRequests.NewLink request) {
        return links.link(agency.caller(), id, request.otherClientId())
                .map(l -> Responses.created(
                        "/clients/" + id + "/links/" + l.id,
                        new LinkView(l.id.toString(), l.clientId.toString(), l.otherClientId.toString(), null)));
    }

    @DELETE
    @Path("/{id}/links/{linkId}")
    @RolesAllowed({"case-manager", "supervisor"})
    @Operation(summary = "Undo a link; both records are as they were before it")
    public Uni<LinkView> unlink(@PathParam("id") UUID id, @PathParam("linkId") UUID linkId) {
        return links.unlink(agency.caller(), id, linkId)
                .map(l -> new LinkView(
                        l.id.toString(), l.clientId.toString(), l.otherClientId.toString(), l.unlinkedAt.toString()));
    }

    @GET
    @Path("/{id}/notes")
    @RolesAllowed({"intake-worker", "case-manager", "supervisor", "partner-provider"})
    @Operation(summary = "Notes about a client: the agency's own, and other agencies' as far as consent allows")
    public Uni<List<NoteView>> notes(@PathParam("id") UUID id) {
        return notes.ofClient(agency.caller(), id)
                .map(list -> list.stream().map(NoteView::of).toList());
    }

    @POST
    @Path("/{id}/consents")
    @Idempotent
    @RolesAllowed({"intake-worker", "case-manager", "supervisor"})
    @Operation(summary = "Record a consent of the client or their legal guardian")
    public Uni<RestResponse<ConsentView>> grant(
            @PathParam("id") UUID id, @NotNull @Valid NoteAndConsentRequests.NewConsent request) {
        return consents.grant(agency.caller(), id, request)
                .map(c -> Responses.created("/clients/" + id + "/consents", ConsentView.of(c)));
    }

    @GET
    @Path("/{id}/consents")
    @RolesAllowed({"intake-worker", "case-manager", "supervisor", "program-director", "auditor"})
    @Operation(summary = "The client's consents, with their status today")
    public Uni<List<ConsentView>> consents(@PathParam("id") UUID id) {
        return consents.ofClient(agency.caller(), id)
                .map(list -> list.stream().map(ConsentView::of).toList());
    }

    @POST
    @Idempotent
    @RolesAllowed({"intake-worker", "case-manager", "supervisor"})
    @Operation(
            summary = "Register a client",
            description = "Answers 409 possible-duplicates, with the candidates, unless registerDespiteMatches is set.")
    public Uni<RestResponse<ClientView>> register(@NotNull @Valid ClientRegistration registration) {
        return registry.register(agency.caller(), registration)
                .map(client -> Responses.created("/clients/" + client.id, ClientView.of(client)));
    }

    @POST
    @Path("/duplicate-check")
    @RolesAllowed({"intake-worker", "case-manager", "supervisor"})
    @Operation(summary = "Look for possible duplicates of a client about to be registered, registering nothing")
    public Uni<DuplicateCheck> duplicateCheck(@NotNull @Valid ClientRegistration registration) {
        return registry.check(agency.caller(), registration);
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed({"intake-worker", "case-manager", "supervisor"})
    @Operation(
            summary = "Replace a client's registry data",
            description =
                    "Send If-Match with the version read (the ETag of GET): 412 if it changed since, 428 without it.")
    public Uni<RestResponse<ClientView>> update(
            @PathParam("id") UUID id,
            @HeaderParam("If-Match") String ifMatch,
            @NotNull @Valid ClientRegistration registration) {
        int version = expectedVersion(ifMatch);
        return registry.update(agency.caller(), id, version, registration)
                .map(client -> RestResponse.ResponseBuilder.ok(ClientView.of(client))
                        .tag(Integer.toString(client.version))
                        .build());
    }

    static int expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ProblemException(
                    428,
                    "if-match-required",
                    "Precondition required",
                    "Send If-Match with the version you read, so that no change is lost.",
                    null);
        }
        String value = ifMatch.strip().replace("W/", "").replace("\"", "");
        if (!value.matches("[0-9]{1,9}")) {
            throw Problems.badRequest(
                    "invalid-if-match", "If-Match must be the client's version, as its ETag gives it.");
        }
        return Integer.parseInt(value);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({"intake-worker", "case-manager", "supervisor", "program-director", "partner-provider", "auditor"})
    @Operation(summary = "A client the caller's agency may see")
    public Uni<RestResponse<ClientView>> get(@PathParam("id") UUID id) {
        return registry.get(agency.caller(), id)
                .map(person -> RestResponse.ResponseBuilder.ok(ClientView.of(person.client(), person.linked()))
                        .tag(Integer.toString(person.client().version))
                        .build());
    }

    @GET
    @RolesAllowed({"intake-worker", "case-manager", "supervisor", "program-director", "partner-provider", "auditor"})
    @Operation(summary = "Search the clients the caller's agency may see")
    public Uni<Page<ClientSearch.ClientSummary>> search(
            @QueryParam("name") @Size(min = 2, max = 200) String name,
            @QueryParam("birthDate") LocalDate birthDate,
            @QueryParam("identifierType") Codes.IdentifierType identifierType,
            @QueryParam("identifierValue") @Size(max = 64) String identifierValue,
            @QueryParam("phone") @Size(max = 25) String phone,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(10_000) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(Page.MAX_SIZE) int size) {
        return search.search(
                agency.caller(),
                new ClientSearch.Criteria(name, birthDate, identifierType, identifierValue, phone, page, size));
    }
}
