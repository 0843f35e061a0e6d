package org.cairn.assessments.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.cairn.assessments.InstrumentVersion;
import org.cairn.assessments.instrument.Instrument;
import org.cairn.assessments.service.InstrumentCatalog;
import org.cairn.platform.agency.AgencyContext;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** The published instruments: every agency reads them, network-admins publish new versions. */
@Path("/instruments")
@Tag(name = "Instruments")
@RolesAllowed({
    "intake-worker",
    "case-manager",
    "supervisor",
    "program-director",
    "partner-provider",
    "auditor",
    "network-admin"
})
@Produces(MediaType.APPLICATION_JSON)
public class InstrumentResource {

    private final InstrumentCatalog catalog;
    private final AgencyContext agency;

    InstrumentResource(InstrumentCatalog catalog, AgencyContext agency) {
        this.catalog = catalog;
        this.agency = agency;
    }

    /** A published version, without its items. */
    public record Summary(
            String id,
            String version,
            String title,
            String sensitivity,
            Instant publishedAt,
            String publisherAgencyId) {

        static Summary of(InstrumentVersion v) {
            return new Summary(v.instrumentId, v.version, v.title, v.sensitivity, v.publishedAt, v.publisherAgencyId);
        }
    }

    @GET
    @Operation(summary = "Every published instrument version, newest version of each instrument first")
    public Uni<List<Summary>> list() {
        return catalog.all().map(list -> list.stream().map(Summary::of).toList());
    }

    @GET
    @Path("{id}")
    @Operation(summary = "The latest published version of an instrument")
    public Uni<Instrument> latest(@PathParam("id") String id) {
        return catalog.latest(id);
    }

    @GET
    @Path("{id}/versions/{version}")
    @Operation(summary = "One published version of an instrument")
    public Uni<Instrument> version(@PathParam("id") String id, @PathParam("version") String version) {
        return catalog.version(id, version);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("network-admin")
    @Operation(
            summary = "Publish an instrument version (a FHIR Questionnaire-shaped definition with Cairn's"
                    + " scoring, risk and need rules); published versions never change")
    public Uni<RestResponse<Instrument>> publish(String definition) {
        return catalog.publish(agency.caller(), definition)
                .map(p -> p.created()
                        ? RestResponse.ResponseBuilder.<Instrument>created(URI.create(
                                        "/instruments/" + p.instrument().id() + "/versions/"
                                                + p.instrument().version()))
                                .entity(p.instrument())
                                .build()
                        : RestResponse.ok(p.instrument()));
    }
}
