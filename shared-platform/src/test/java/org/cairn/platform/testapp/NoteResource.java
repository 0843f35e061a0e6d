package org.cairn.platform.testapp;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.util.UUID;
import org.cairn.platform.agency.AgencyContext;
import org.cairn.platform.agency.Caller;
import org.cairn.platform.idempotency.Idempotent;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/notes")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class NoteResource {

    private final NoteService notes;
    private final AgencyContext agency;

    NoteResource(NoteService notes, AgencyContext agency) {
        this.notes = notes;
        this.agency = agency;
    }

    @POST
    @Idempotent
    public Uni<RestResponse<NoteView>> create(@NotNull @Valid NoteRequest request) {
        return notes.create(agency.agencyId(), request)
                .map(note -> RestResponse.ResponseBuilder.<NoteView>created(URI.create("/notes/" + note.id))
                        .entity(NoteView.of(note))
                        .build());
    }

    @POST
    @Path("/failing")
    public Uni<NoteView> createThenFail(@NotNull @Valid NoteRequest request) {
        return notes.createThenFail(agency.agencyId(), request).map(NoteView::of);
    }

    @POST
    @Path("/on-pool")
    public Uni<String> createOnPool(@NotNull @Valid NoteRequest request, @QueryParam("fail") boolean fail) {
        return notes.createOnPool(agency.agencyId(), request, fail).map(UUID::toString);
    }

    @GET
    @Path("/{id}")
    public Uni<NoteView> get(@PathParam("id") UUID id) {
        return notes.find(agency.agencyId(), id).map(NoteView::of);
    }

    @GET
    @Path("/search")
    public String search(@QueryParam("size") @Min(1) @Max(100) int size) {
        return "[]";
    }

    @GET
    @Path("/whoami")
    public Caller whoami() {
        return agency.caller();
    }

    /** Answers after a while: requests in progress, for the overload test. */
    @GET
    @Path("/slow")
    public Uni<String> slow(@QueryParam("ms") @Min(1) @Max(10_000) int ms) {
        return Uni.createFrom().item("done").onItem().delayIt().by(java.time.Duration.ofMillis(ms));
    }

    @GET
    @Path("/boom")
    public String boom() {
        throw new IllegalStateException("client Jane Roe, SSN 123-45-6789, could not be loaded");
    }
}
