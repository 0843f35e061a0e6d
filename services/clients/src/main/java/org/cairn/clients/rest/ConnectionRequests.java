package org.cairn.clients.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.cairn.clients.Codes;

/** Bodies of the household, relationship and identity-link API. */
public final class ConnectionRequests {

    private ConnectionRequests() {}

    public record NewHousehold(
            @NotBlank @Size(max = 100) String name,
            @NotEmpty @Size(max = 30) List<@NotNull @Valid MemberData> members) {}

    public record MemberData(
            @NotNull UUID clientId, @NotNull Codes.HouseholdRole role) {}

    /** "This client is {type} of {toClientId}". */
    public record NewRelationship(
            @NotNull UUID toClientId, @NotNull Codes.RelationshipType type, boolean legalGuardian) {}

    public record NewLink(@NotNull UUID otherClientId) {}
}
