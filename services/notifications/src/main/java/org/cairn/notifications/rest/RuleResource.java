package org.cairn.notifications.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.cairn.contracts.vocabulary.Coded;
import org.cairn.contracts.vocabulary.NotificationChannel;
import org.cairn.contracts.vocabulary.Role;
import org.cairn.notifications.Audience;
import org.cairn.notifications.NotificationUrgency;
import org.cairn.notifications.service.Rules;
import org.cairn.notifications.service.Templates;
import org.cairn.platform.agency.AgencyContext;
import org.cairn.platform.problem.Problems;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * The routing rules. Everyone sees the rules that apply to their agency; a program director replaces
 * one for the agency (or removes the replacement); a network admin changes the network's defaults
 * ({@code ?scope=network}).
 */
@Path("/rules")
@Tag(name = "Rules")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RuleResource {

    /** A rule as written. */
    public record RuleBody(
            @NotEmpty @Size(max = 4) List<@NotNull NotificationChannel> channels,
            @NotNull NotificationUrgency urgency,
            Boolean enabled) {}

    private final Rules rules;
    private final AgencyContext agency;

    RuleResource(Rules rules, AgencyContext agency) {
        this.rules = rules;
        this.agency = agency;
    }

    @GET
    @RolesAllowed({"intake-worker", "case-manager", "supervisor", "program-director", "network-admin"})
    @Operation(summary = "The rules that apply to the caller's agency (its own, and the defaults it kept)")
    public List<Rules.Rule> list(@QueryParam("scope") @DefaultValue("agency") String scope) {
        return rules.asSeenBy("network".equals(scope) ? Rules.NETWORK : agency.agencyId());
    }

    @PUT
    @Path("{occasion}/{audience}")
    @RolesAllowed({"program-director", "network-admin"})
    @Operation(summary = "Set the rule of an occasion and audience for the agency, or as the network's default")
    public Uni<Rules.Rule> put(
            @PathParam("occasion") String occasion,
            @PathParam("audience") String audience,
            @QueryParam("scope") @DefaultValue("agency") String scope,
            @NotNull @jakarta.validation.Valid RuleBody body) {
        String owner = owner(scope);
        return rules.put(
                new Rules.Rule(
                        owner,
                        occasion(occasion),
                        audience(audience),
                        body.channels(),
                        body.urgency(),
                        body.enabled() == null || body.enabled()),
                agency.userId());
    }

    @DELETE
    @Path("{occasion}/{audience}")
    @RolesAllowed({"program-director"})
    @Operation(summary = "Remove the agency's own rule, so the network's default applies again")
    public Uni<RestResponse<Void>> remove(
            @PathParam("occasion") String occasion, @PathParam("audience") String audience) {
        return rules.remove(agency.agencyId(), occasion(occasion), audience(audience))
                .map(found -> {
                    if (!found) {
                        throw Problems.notFound("rule", occasion + "/" + audience);
                    }
                    return RestResponse.<Void>noContent();
                });
    }

    private String owner(String scope) {
        if ("network".equals(scope)) {
            if (!agency.hasRole(Role.NETWORK_ADMIN)) {
                throw Problems.forbidden("network-rules", "only a network admin changes the network's defaults");
            }
            return Rules.NETWORK;
        }
        if (!"agency".equals(scope)) {
            throw Problems.invalid("scope", "agency or network");
        }
        if (!agency.hasRole(Role.PROGRAM_DIRECTOR)) {
            throw Problems.forbidden("agency-rules", "a program director changes the agency's rules");
        }
        return agency.agencyId();
    }

    private static String occasion(String occasion) {
        if (!Templates.OCCASIONS.contains(occasion)) {
            throw Problems.invalid(
                    "occasion",
                    "one of " + Templates.OCCASIONS.stream().sorted().toList());
        }
        return occasion;
    }

    private static Audience audience(String audience) {
        try {
            return Coded.fromCode(Audience.class, audience);
        } catch (IllegalArgumentException e) {
            throw Problems.invalid("audience", "one of " + Coded.codes(Audience.class));
        }
    }
}
