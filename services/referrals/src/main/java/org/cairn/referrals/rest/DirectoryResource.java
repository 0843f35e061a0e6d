package org.cairn.referrals.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
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
import java.util.List;
import java.util.UUID;
import org.cairn.contracts.vocabulary.NeedDomain;
import org.cairn.platform.agency.AgencyContext;
import org.cairn.platform.paging.Page;
import org.cairn.platform.problem.Problems;
import org.cairn.referrals.directory.Directory;
import org.cairn.referrals.directory.DirectorySearch;
import org.cairn.referrals.directory.Eligibility;
import org.cairn.referrals.directory.HsdsDocument;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The network's resource directory, in Open Referral HSDS 3 shapes. */
@Path("/directory")
@Tag(name = "Directory")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DirectoryResource {

    private final Directory directory;
    private final DirectorySearch search;
    private final AgencyContext agency;

    DirectoryResource(Directory directory, DirectorySearch search, AgencyContext agency) {
        this.directory = directory;
        this.search = search;
        this.agency = agency;
    }

    @GET
    @Path("services")
    @Authenticated
    @Operation(
            summary = "Find active services by need domain and free text, for which a client profile is eligible,"
                    + " in a language, open now, near a point; by relevance, then distance, then name")
    public Uni<Page<DirectorySearch.Hit>> search(
            @QueryParam("q") @Size(max = 200) String text,
            @QueryParam("need") List<NeedDomain> needs,
            @QueryParam("language") @Size(max = 100) String language,
            @QueryParam("age") @Min(0) @Max(150) Integer age,
            @QueryParam("gender") @Size(max = 100) String gender,
            @QueryParam("area") @Size(max = 255) String area,
            @QueryParam("incomePercentFpl") @Min(0) @Max(10_000) Integer incomePercentFpl,
            @QueryParam("insurance") @Size(max = 100) String insurance,
            @QueryParam("openNow") @DefaultValue("false") boolean openNow,
            @QueryParam("lat") @DecimalMin("-90") @DecimalMax("90") Double latitude,
            @QueryParam("lon") @DecimalMin("-180") @DecimalMax("180") Double longitude,
            @QueryParam("radiusKm") @DecimalMin("0") @DecimalMax("20000") Double radiusKm,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(10_000) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(Page.MAX_SIZE) int size) {
        if ((latitude == null) != (longitude == null)) {
            throw Problems.invalid("lat", "a point is given with both lat and lon");
        }
        if (radiusKm != null && latitude == null) {
            throw Problems.invalid("radiusKm", "a radius is measured from a point: give lat and lon");
        }
        return search.search(new DirectorySearch.Query(
                text,
                needs,
                language,
                new Eligibility.Profile(age, gender, area, incomePercentFpl, insurance),
                openNow,
                latitude,
                longitude,
                radiusKm,
                page,
                size));
    }

    @GET
    @Path("services/{id}")
    @Authenticated
    @Operation(summary = "One service as an HSDS service object, with its organization, locations and capacity")
    public Uni<ObjectNode> get(@PathParam("id") UUID id) {
        return directory.get(id);
    }

    @PUT
    @Path("services/{id}")
    @RolesAllowed("network-admin")
    @Operation(
            summary = "Add or replace one service (an HSDS service object with its organization and locations);"
                    + " network administrators curate the directory")
    public Uni<ObjectNode> put(@PathParam("id") UUID id, String body) {
        HsdsDocument.ServiceEntry entry = HsdsDocument.service(body == null ? "" : body);
        if (!entry.id().equals(id)) {
            throw Problems.invalid("/id", "differs from the id in the path");
        }
        return directory.write(agency.caller(), List.of(entry)).chain(n -> directory.get(id));
    }

    @POST
    @Path("import")
    @RolesAllowed("network-admin")
    @Operation(
            summary = "Load an HSDS directory (a page of the HSDS API's /services: {\"contents\": [service, ...]},"
                    + " up to 5,000 services): all of it or, with any error (each named by its JSON path), none")
    public Uni<Directory.Written> importDirectory(String body) {
        List<HsdsDocument.ServiceEntry> entries = HsdsDocument.directory(body == null ? "" : body);
        return directory.write(agency.caller(), entries);
    }

    @GET
    @Path("export")
    @Authenticated
    @Operation(summary = "The directory as HSDS: a page of full service objects in the HSDS API's page shape")
    public Uni<ObjectNode> export(
            @QueryParam("page") @DefaultValue("1") @Min(1) @Max(100_000) int page,
            @QueryParam("per_page") @DefaultValue("500") @Min(1) @Max(5_000) int perPage) {
        return directory.export(page, perPage);
    }

    /**
     * Places of a service now.
     *
     * @param available free now
     * @param maximum in all, if fixed
     * @param waitlist people waiting, if a list is kept
     */
    public record CapacityUpdate(
            @NotNull @Min(0) @Max(1_000_000) Integer available,
            @Min(0) @Max(1_000_000) Integer maximum,
            @Min(0) @Max(1_000_000) Integer waitlist) {}

    @PUT
    @Path("services/{id}/capacity")
    @RolesAllowed({"intake-worker", "case-manager", "supervisor", "program-director"})
    @Operation(summary = "Say how many places a service of the caller's own agency has now (403 for another's)")
    public Uni<DirectorySearch.CapacityView> capacity(@PathParam("id") UUID id, @NotNull @Valid CapacityUpdate update) {
        return directory.capacity(agency.caller(), id, update.available(), update.maximum(), update.waitlist());
    }
}
