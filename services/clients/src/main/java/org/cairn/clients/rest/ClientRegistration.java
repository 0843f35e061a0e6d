package org.cairn.clients.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
import org.cairn.clients.Codes;

/**
 * What an intake worker knows about a new client. Only the name is required; a date of birth or,
 * failing that, an estimated birth year makes duplicate detection much sharper.
 *
 * @param registerDespiteMatches register even though possible duplicates were found (after the
 *     caller has looked at them)
 */
public record ClientRegistration(
        @NotNull @Valid PersonName name,
        @PastOrPresent LocalDate birthDate,
        @Min(1900) @Max(2100) Integer estimatedBirthYear,
        Codes.GenderIdentity genderIdentity,
        Codes.SexAtBirth sexAtBirth,

        @Size(max = 35)
        @Pattern(regexp = "[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*", message = "must be a BCP 47 language tag")
        String preferredLanguage,

        Boolean interpreterNeeded,
        @Size(max = 10) List<@NotNull @Valid ContactPointData> contactPoints,
        @Valid AddressData address,
        Codes.ContactMethod preferredContactMethod,
        Boolean safeToLeaveMessages,
        @Size(max = 10) List<@NotNull @Valid IdentifierData> identifiers,
        boolean registerDespiteMatches) {

    public ClientRegistration {
        contactPoints = contactPoints == null ? List.of() : contactPoints;
        identifiers = identifiers == null ? List.of() : identifiers;
    }

    /** A person's names. */
    public record PersonName(
            @NotBlank @Size(max = 100) String given,
            @NotBlank @Size(max = 100) String family,
            @Size(max = 100) String preferred) {}

    /** A way to reach the client. */
    public record ContactPointData(
            @NotNull Codes.ContactSystem system,
            @NotBlank @Size(max = 254) String value,
            Codes.ContactUse use) {}

    /** A postal address. */
    public record AddressData(
            @Size(max = 200) String line,
            @Size(max = 100) String city,
            @Size(max = 100) String region,

            @Size(max = 20) @Pattern(regexp = "[A-Za-z0-9 -]*")
            String postalCode) {}

    /** An identifier issued to the client. */
    public record IdentifierData(
            @NotNull Codes.IdentifierType type,

            @NotBlank @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9 ._:-]+")
            String issuer,

            @NotBlank @Size(max = 64) String value) {}
}
