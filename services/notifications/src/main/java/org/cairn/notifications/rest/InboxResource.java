package org.cairn.notifications.rest;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import java.util.UUID;
import org.cairn.notifications.service.InboxItems;
import org.cairn.notifications.service.LiveInbox;
import org.cairn.notifications.service.People;
import org.cairn.platform.agency.AgencyContext;
import org.cairn.platform.agency.Caller;
import org.cairn.platform.paging.Page;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;

/** The caller's own inbox, and its live stream. Nobody sees another's. */
@Path("/inbox")
@Tag(name = "Inbox")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({
    "intake-worker",
    "case-manager",
    "supervisor",
    "program-director",
    "partner-provider",
    "auditor",
    "network-admin"
})
public class InboxResource {

    private final InboxItems inbox;
    private final LiveInbox live;
    private final People people;
    private final AgencyContext agency;
    private final JsonWebToken token;

    InboxResource(InboxItems inbox, LiveInbox live, People people, AgencyContext agency, JsonWebToken token) {
        this.inbox = inbox;
        this.live = live;
        this.people = people;
        this.agency = agency;
        this.token = token;
    }

    /** Makes the caller reachable (their roles and email from the token) before serving them. */
    private Uni<Caller> me() {
        Caller caller = agency.caller();
        return people.seen(caller, token.getClaim("email")).replaceWith(caller);
    }

    @GET
    @Operation(
            summary = "The caller's notifications, newest first: unread and read, or those of one state;"
                    + " optionally only those about one case")
    public Uni<Page<InboxItems.Item>> list(
            @QueryParam("state") @Pattern(regexp = "unread|read|archived") String state,
            @QueryParam("caseId") UUID caseId,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(10_000) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(Page.MAX_SIZE) int size) {
        return me().chain(caller -> inbox.list(caller.userId(), state, caseId, page, size));
    }

    @GET
    @Path("unread-count")
    @Operation(summary = "How many of the caller's notifications are unread")
    public Uni<Map<String, Long>> unread() {
        return me().chain(caller -> inbox.unread(caller.userId())).map(n -> Map.of("unread", n));
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One of the caller's notifications")
    public Uni<InboxItems.Item> get(@PathParam("id") UUID id) {
        return inbox.get(agency.userId(), id);
    }

    @POST
    @Path("{id}/read")
    @Operation(summary = "Mark a notification read")
    public Uni<InboxItems.Item> read(@PathParam("id") UUID id) {
        return inbox.mark(agency.userId(), id, "read");
    }

    @POST
    @Path("{id}/unread")
    @Operation(summary = "Mark a notification unread again")
    public Uni<InboxItems.Item> unreadAgain(@PathParam("id") UUID id) {
        return inbox.mark(agency.userId(), id, "unread");
    }

    @POST
    @Path("{id}/archive")
    @Operation(summary = "Archive a notification (it leaves the default list)")
    public Uni<InboxItems.Item> archive(@PathParam("id") UUID id) {
        return inbox.mark(agency.userId(), id, "archived");
    }

    @POST
    @Path("read-all")
    @Operation(summary = "Mark every unread notification of the caller read")
    public Uni<Map<String, Integer>> readAll() {
        return inbox.markAllRead(agency.userId()).map(n -> Map.of("marked", n));
    }

    @GET
    @Path("stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(summary = "Server-Sent Events: each new notification of the caller as it is committed")
    public Multi<InboxItems.Item> stream() {
        Caller caller = agency.caller();
        String user = caller.userId();
        return people.seen(caller, token.getClaim("email"))
                .onItem()
                .transformToMulti(x -> live.arrivals(user))
                .onItem()
                .transformToUniAndConcatenate(
                        id -> inbox.get(user, id).onFailure().recoverWithNull())
                .filter(java.util.Objects::nonNull);
    }
}
