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
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.cairn.contracts.vocabulary.NotificationChannel;
import org.cairn.notifications.service.People;
import org.cairn.platform.agency.AgencyContext;
import org.cairn.platform.problem.Problem;
import org.cairn.platform.problem.Problems;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * How the caller's agency may reach a client it serves: recorded with the client, who agrees to each
 * reminder channel. A client of no case of the agency is not found.
 */
@Path("/clients/{clientId}/contact-preferences")
@Tag(name = "Client contact")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({"intake-worker", "case-manager", "supervisor"})
public class ClientContactResource {

    /** The client's contact preferences as given. */
    public record Contact(
            @Pattern(regexp = "[a-z]{2}(-[A-Z]{2})?", message = "a language tag such as en or es")
            String language,

            @Pattern(regexp = Requests.PHONE, message = Requests.PHONE_MESSAGE)
            String phone,

            @Email @Size(max = 254) String email,
            @Size(max = 4096) String pushToken,
            @Size(max = 3) List<@NotNull NotificationChannel> reminderChannels,
            @NotNull Boolean safeToContact,
            @Size(max = 64) String timeZone,
            @Valid Requests.Quiet quietHours) {}

    private final People people;
    private final AgencyContext agency;

    ClientContactResource(People people, AgencyContext agency) {
        this.people = people;
        this.agency = agency;
    }

    @GET
    @Operation(summary = "How the agency may reach the client (audited)")
    public Uni<People.ClientContact> get(@PathParam("clientId") UUID clientId) {
        return people.clientContact(agency.caller(), clientId);
    }

    @PUT
    @Operation(
            summary = "Record how the agency may reach the client: addresses, the reminder channels they agreed to,"
                    + " language, quiet hours, and whether it is safe to leave them messages at all (audited)")
    public Uni<People.ClientContact> put(@PathParam("clientId") UUID clientId, @NotNull @Valid Contact c) {
        List<NotificationChannel> channels = c.reminderChannels() == null ? List.of() : c.reminderChannels();
        List<Problem.FieldError> errors = new ArrayList<>();
        for (NotificationChannel channel : channels) {
            String address = switch (channel) {
                case SMS -> c.phone();
                case EMAIL -> c.email();
                case PUSH -> c.pushToken();
                case IN_APP -> null;
            };
            if (channel == NotificationChannel.IN_APP) {
                errors.add(new Problem.FieldError("reminderChannels", "clients have no in-app inbox"));
            } else if (address == null) {
                errors.add(new Problem.FieldError(
                        "reminderChannels", "reminders by " + channel.code() + " need its address"));
            }
        }
        if (!errors.isEmpty()) {
            throw Problems.invalid(errors);
        }
        Requests.zone(c.timeZone());
        return people.setClientContact(
                agency.caller(),
                new People.ClientContact(
                        clientId,
                        c.language() == null ? "en" : c.language(),
                        c.phone(),
                        c.email(),
                        c.pushToken(),
                        channels,
                        c.safeToContact(),
                        c.timeZone(),
                        Requests.quiet(c.quietHours())));
    }
}
