package org.cairn.clients.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.cairn.contracts.vocabulary.ConsentPurpose;
import org.cairn.contracts.vocabulary.NoteType;
import org.cairn.contracts.vocabulary.SensitivityCategory;

/** The bodies of the note and consent API. */
public final class NoteAndConsentRequests {

    private NoteAndConsentRequests() {}

    /** A new note; {@code sensitivity} defaults to general. */
    public record NewNote(
            @NotNull NoteType noteType,
            @NotNull @PastOrPresent LocalDate contactDate,
            @NotBlank @Size(max = 20_000) String text,
            SensitivityCategory sensitivity) {}

    /** A correction: the new text, and whatever else changes; the amended version stays as it was. */
    public record Amendment(
            NoteType noteType,
            @PastOrPresent LocalDate contactDate,
            @NotBlank @Size(max = 20_000) String text,
            SensitivityCategory sensitivity) {}

    public enum GrantorType implements org.cairn.contracts.vocabulary.Coded {
        CLIENT,
        LEGAL_GUARDIAN
    }

    public enum EvidenceType implements org.cairn.contracts.vocabulary.Coded {
        SIGNED,
        VERBAL_WITNESSED,
        DOCUMENT
    }

    /**
     * A consent. {@code recipientAgencyId} absent means the whole network.
     *
     * @param guardianClientId the legal guardian, registered as a client, when they grant
     */
    public record NewConsent(
            @NotNull GrantorType grantorType,
            UUID guardianClientId,
            @Size(max = 255) String recipientAgencyId,
            @NotNull ConsentPurpose purpose,
            @NotEmpty @Size(max = 6) List<@NotNull SensitivityCategory> categories,
            @NotNull LocalDate effectiveFrom,
            LocalDate effectiveTo,
            @NotNull EvidenceType evidenceType,
            @Size(max = 200) String evidenceReference,
            @Size(max = 200) String witness) {}

    public record Revocation(@Size(max = 500) String reason) {}
}
