package org.cairn.clients.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
import org.cairn.clients.Codes;
import org.cairn.contracts.vocabulary.CareTeamRole;
import org.cairn.contracts.vocabulary.CaseStatus;
import org.cairn.contracts.vocabulary.Program;

/** The bodies of the case API. */
public final class CaseRequests {

    private CaseRequests() {}

    /**
     * Opening a case.
     *
     * @param status {@code referred}, {@code intake} (the default) or {@code active}
     * @param openedOn defaults to today
     * @param primaryCaseManagerId a user id of the agency's staff; defaults to the caller when they are
     *     a case manager
     */
    public record OpenCase(
            @NotNull Program program,
            CaseStatus status,
            @PastOrPresent LocalDate openedOn,
            @Size(max = 500) String reason,
            @Size(max = 255) String primaryCaseManagerId,
            Codes.Priority priority,
            Codes.RiskLevel riskLevel,
            @Size(max = 20) List<@NotNull @Valid TeamMemberData> careTeam) {

        public OpenCase {
            careTeam = careTeam == null ? List.of() : careTeam;
        }
    }

    public record TeamMemberData(
            @NotBlank @Size(max = 255) String userId,
            @NotNull CareTeamRole role) {}

    public record Assignment(@NotBlank @Size(max = 255) String primaryCaseManagerId) {}

    /** A status change; closing needs the date of closing and a reason. */
    public record StatusChange(
            @NotNull CaseStatus status,
            @Size(max = 500) String reason,
            @PastOrPresent LocalDate closedOn) {}

    public record CrisisFlag(@NotBlank @Size(max = 500) String reason) {}

    /** Moves every open case of one case manager to another. */
    public record CaseloadTransfer(
            @NotBlank @Size(max = 255) String fromCaseManagerId,
            @NotBlank @Size(max = 255) String toCaseManagerId) {}
}
