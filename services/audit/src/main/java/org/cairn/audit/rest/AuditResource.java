package org.cairn.audit.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Set;
import org.cairn.audit.service.AuditLog;
import org.cairn.audit.service.AuditQueries;
import org.cairn.audit.service.AuditRecordView;
import org.cairn.platform.agency.AgencyContext;
import org.cairn.platform.paging.Page;
import org.cairn.platform.problem.Problems;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The audit trail's questions: by client, by user, by agency, each over a time range (the last 30
 * days unless given), paginated, as JSON, CSV or FHIR R4 AuditEvents ({@code format}); and the
 * verification of an agency's hash chain.
 */
@Path("/audit")
@Tag(name = "Audit trail")
@Produces({MediaType.APPLICATION_JSON, AuditExport.CSV, AuditExport.FHIR})
public class AuditResource {

    static final Set<String> RANGE_AND_PAGE = Set.of("from", "to", "page", "size", "format");
    static final Duration DEFAULT_RANGE = Duration.ofDays(30);

    private final AuditQueries queries;
    private final AgencyContext agency;

    AuditResource(AuditQueries queries, AgencyContext agency) {
        this.queries = queries;
        this.agency = agency;
    }

    /** A query's time range: [from, to), to defaulting to now and from to 30 days before it. */
    record Range(Instant from, Instant to) {

        static Range of(String from, String to) {
            Instant end = to == null ? Instant.now() : instant("to", to);
            Instant start = from == null ? end.minus(DEFAULT_RANGE) : instant("from", from);
            if (!start.isBefore(end)) {
                throw Problems.invalid("from", "is not before to");
            }
            return new Range(start, end);
        }

        private static Instant instant(String field, String value) {
            try {
                return Instant.parse(value);
            } catch (DateTimeParseException e) {
                throw Problems.invalid(field, "is not an instant such as 2026-12-01T00:00:00Z");
            }
        }
    }

    /** What every list of the audit trail takes: the time range, the page, and the format. */
    public static class ListQuery {

        @QueryParam("from")
        String from;

        @QueryParam("to")
        String to;

        @QueryParam("page")
        @DefaultValue("0")
        @Min(0)
        @Max(10_000)
        int page;

        @QueryParam("size")
        @DefaultValue("20")
        @Min(1)
        @Max(Page.MAX_SIZE)
        int size;

        @QueryParam("format")
        @DefaultValue("json")
        String format;

        @Context
        UriInfo uri;

        /** Refuses unknown parameters and formats; the time range asked for. */
        Range check(Set<String> known) {
            onlyKnown(uri, known);
            AuditExport.requireKnown(format);
            return Range.of(from, to);
        }

        Uni<Response> render(Uni<Page<AuditRecordView>> page) {
            return page.map(p -> AuditExport.render(p, format));
        }
    }

    /** Refuses query parameters the endpoint does not know, so a misspelt filter is not silently ignored. */
    static void onlyKnown(UriInfo uri, Set<String> known) {
        for (String name : uri.getQueryParameters().keySet()) {
            if (!known.contains(name)) {
                throw Problems.invalid(name, "is not a filter of this query (known: " + String.join(", ", known) + ")");
            }
        }
    }

    @GET
    @Path("clients/{clientId}/records")
    @RolesAllowed({"auditor", "supervisor", "program-director"})
    @Operation(summary = "Every access to a client's data, across services and agencies, newest first")
    public Uni<Response> byClient(
            @PathParam("clientId") @NotBlank @Size(max = 64) String clientId, @Valid @BeanParam ListQuery list) {
        Range range = list.check(RANGE_AND_PAGE);
        return list.render(queries.byClient(agency.caller(), clientId, range.from(), range.to(), list.page, list.size));
    }

    @GET
    @Path("clients/{clientId}/disclosures")
    @RolesAllowed({"auditor", "supervisor", "program-director"})
    @Operation(
            summary = "The accounting of disclosures: every time the client's data went to another agency, with"
                    + " the consents that allowed it")
    public Uni<Response> disclosures(
            @PathParam("clientId") @NotBlank @Size(max = 64) String clientId, @Valid @BeanParam ListQuery list) {
        Range range = list.check(RANGE_AND_PAGE);
        return list.render(
                queries.disclosures(agency.caller(), clientId, range.from(), range.to(), list.page, list.size));
    }

    @GET
    @Path("users/{userId}/records")
    @RolesAllowed({"auditor", "supervisor", "program-director"})
    @Operation(summary = "Everything a user accessed, newest first")
    public Uni<Response> byUser(
            @PathParam("userId") @NotBlank @Size(max = 255) String userId, @Valid @BeanParam ListQuery list) {
        Range range = list.check(RANGE_AND_PAGE);
        return list.render(queries.byUser(agency.caller(), userId, range.from(), range.to(), list.page, list.size));
    }

    @GET
    @Path("requests/{requestId}/records")
    @RolesAllowed({"auditor", "supervisor", "program-director"})
    @Operation(summary = "Every record one request left, across services (its X-Request-Id), newest first")
    public Uni<Response> byRequest(
            @PathParam("requestId") @NotBlank @Size(max = 255) String requestId, @Valid @BeanParam ListQuery list) {
        Range range = list.check(RANGE_AND_PAGE);
        return list.render(
                queries.byRequest(agency.caller(), requestId, range.from(), range.to(), list.page, list.size));
    }

    @GET
    @Path("agencies/{agencyId}/records")
    @RolesAllowed({"auditor", "supervisor", "program-director"})
    @Operation(
            summary = "An agency's records: about=staff (what its staff accessed, the default) or about=clients"
                    + " (other agencies' accesses to the clients it serves)")
    public Uni<Response> byAgency(
            @PathParam("agencyId") @NotBlank @Size(max = 255) String agencyId,
            @QueryParam("about") @DefaultValue("staff") String about,
            @Valid @BeanParam ListQuery list) {
        Range range = list.check(Set.of("about", "from", "to", "page", "size", "format"));
        AuditQueries.About what;
        switch (about) {
            case "staff" -> what = AuditQueries.About.STAFF;
            case "clients" -> what = AuditQueries.About.CLIENTS;
            default -> throw Problems.invalid("about", "is staff or clients");
        }
        return list.render(
                queries.byAgency(agency.caller(), agencyId, what, range.from(), range.to(), list.page, list.size));
    }

    @POST
    @Path("agencies/{agencyId}/chain/verification")
    @RolesAllowed({"auditor", "supervisor"})
    @Operation(summary = "Recompute an agency's hash chain and report the first record that does not match")
    public Uni<AuditLog.Verification> verify(@PathParam("agencyId") @NotBlank @Size(max = 255) String agencyId) {
        return queries.verify(agency.caller(), agencyId);
    }
}
