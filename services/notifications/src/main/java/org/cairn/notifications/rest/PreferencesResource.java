package org.cairn.notifications.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.cairn.notifications.service.People;
import org.cairn.platform.agency.AgencyContext;
import org.cairn.platform.agency.Caller;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The caller's own notification settings. */
@Path("/me/preferences")
@Tag(name = "Preferences")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({
    "intake-worker",
    "case-manager",
    "supervisor",
    "program-director",
    "partner-provider",
    "auditor",
    "network-admin"
})
public class PreferencesResource {

    /** What a staff member sets for themselves. */
    public record Settings(
            @Pattern(regexp = "[a-z]{2}(-[A-Z]{2})?", message = "a language tag such as en or es")
            String language,

            @Email @Size(max = 254) String email,

            @Pattern(regexp = Requests.PHONE, message = Requests.PHONE_MESSAGE)
            String phone,

            @Size(max = 4096) String pushToken,
            @Size(max = 64) String timeZone,
            @Valid Requests.Quiet quietHours,
            boolean digest) {}

    private final People people;
    private final AgencyContext agency;
    private final JsonWebToken token;

    PreferencesResource(People people, AgencyContext agency, JsonWebToken token) {
        this.people = people;
        this.agency = agency;
        this.token = token;
    }

    @GET
    @Operation(summary = "The caller's channels, language, quiet hours and digest choice")
    public Uni<People.StaffPreferences> get() {
        Caller caller = agency.caller();
        return people.seen(caller, token.getClaim("email")).chain(() -> people.preferences(caller));
    }

    @PUT
    @Operation(summary = "Replace the caller's channels, language, quiet hours and digest choice")
    public Uni<People.StaffPreferences> put(@NotNull @Valid Settings s) {
        Caller caller = agency.caller();
        return people.seen(caller, token.getClaim("email"))
                .chain(() -> people.setPreferences(
                        caller,
                        s.language() == null ? "en" : s.language(),
                        s.email(),
                        s.phone(),
                        s.pushToken(),
                        Requests.zone(s.timeZone()),
                        Requests.quiet(s.quietHours()),
                        s.digest()));
    }
}
