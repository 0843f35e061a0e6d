package org.cairn.referrals.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.cairn.contracts.vocabulary.NeedDomain;
import org.cairn.contracts.vocabulary.Program;
import org.cairn.contracts.vocabulary.ReferralTaskStatus;
import org.cairn.contracts.vocabulary.SensitivityCategory;
import org.cairn.referrals.Urgency;

/** What callers send. */
public final class ReferralRequests {

    private ReferralRequests() {}

    /**
     * A new referral from one of the caller's agency's cases.
     *
     * @param send whether to send it now (the default) or keep it as a draft
     */
    public record NewReferral(
            @NotNull UUID caseId,
            @NotBlank @Size(max = 255) String receivingAgencyId,
            @NotNull NeedDomain needDomain,
            @NotNull Urgency urgency,
            @NotBlank @Size(max = 2000) String reason,
            @NotNull @Size(max = 50) List<@NotNull @Valid PacketItem> packet,
            Boolean send) {}

    /**
     * One item of a referral packet, chosen by the sender: a label, the category of information it
     * belongs to (the consent must cover it), and the text sent.
     */
    public record PacketItem(
            @NotBlank @Size(max = 100) String label,
            @NotNull SensitivityCategory category,
            @NotBlank @Size(max = 4000) String text) {}

    /**
     * A move of the referral's task.
     *
     * @param reason why: required for rejected, cancelled, failed and on-hold
     * @param program the program the receiving agency serves the client in: required for accepted
     */
    public record StatusChange(
            @NotNull ReferralTaskStatus status,
            @Size(max = 1000) String reason,
            Program program) {}
}
