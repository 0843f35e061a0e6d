package org.cairn.assessments.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/** The bodies of the assessment endpoints. Answers are objects of item link id to answer. */
public final class AssessmentRequests {

    private AssessmentRequests() {}

    /**
     * Starts an assessment.
     *
     * @param caseId the case it is done under (of the caller's agency)
     * @param instrumentId the instrument
     * @param instrumentVersion the version; the latest published one when absent
     * @param answers answers already given, if any
     */
    public record Start(
            @NotNull UUID caseId,
            @NotBlank @Size(max = 63) String instrumentId,

            @Size(max = 32) @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9.-]*")
            String instrumentVersion,

            ObjectNode answers) {}

    /** Answers to save; a null answer clears that item. */
    public record Answers(@NotNull ObjectNode answers) {}

    /**
     * Completes an assessment.
     *
     * @param answers last answers, if any
     * @param administeredAt when the client gave the answers, if earlier than now (a paper form from a
     *     home visit entered later); not in the future, not before the case opened
     */
    public record Completion(ObjectNode answers, java.time.Instant administeredAt) {}

    /**
     * Corrects a completed assessment.
     *
     * @param reason why (kept with the new version)
     * @param answers the answers that change; a null answer clears that item
     */
    public record Amendment(
            @NotBlank @Size(max = 1000) String reason,
            @NotNull ObjectNode answers) {}
}
