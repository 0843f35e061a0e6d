package org.cairn.referrals.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.cairn.contracts.vocabulary.NeedDomain;
import org.cairn.contracts.vocabulary.Program;
import org.cairn.contracts.vocabulary.ReferralOutcome;
import org.cairn.contracts.vocabulary.ReferralTaskStatus;
import org.cairn.contracts.vocabulary.SensitivityCategory;
import org.cairn.contracts.vocabulary.Urgency;
import org.cairn.referrals.directory.Eligibility;

/** What callers send. */
public final class ReferralRequests {

    private ReferralRequests() {}

    /**
     * A new referral from one of the caller's agency's cases, to an agency or to one of the
     * directory's services (then to the agency that runs it).
     *
     * @param receivingAgencyId the agency referred to; may be left out when a service is named
     * @param serviceId the directory service referred to
     * @param eligibility what is known of the client, checked against the service's eligibility
     * @param eligibilityOverride why to refer although the profile fails the service's eligibility
     * @param send whether to send it now (the default) or keep it as a draft
     */
    public record NewReferral(
            @NotNull UUID caseId,
            @Size(min = 1, max = 255) String receivingAgencyId,
            UUID serviceId,
            @Valid ClientProfile eligibility,
            @Size(max = 1000) String eligibilityOverride,
            @NotNull NeedDomain needDomain,
            @NotNull Urgency urgency,
            @NotBlank @Size(max = 2000) String reason,
            @NotNull @Size(max = 50) List<@NotNull @Valid PacketItem> packet,
            Boolean send) {}

    /** What is known of the client that a service's eligibility asks about. */
    public record ClientProfile(
            @Min(0) @Max(150) Integer age,
            @Size(max = 100) String gender,
            @Size(max = 255) String area,
            @Min(0) @Max(10_000) Integer incomePercentFpl,
            @Size(max = 100) String insurance) {

        public Eligibility.Profile profile() {
            return new Eligibility.Profile(age, gender, area, incomePercentFpl, insurance);
        }
    }

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
     * @param outcome how it ended: required for rejected (at-capacity, not-eligible, ...), completed
     *     (service-delivered) and failed (client-declined, unable-to-contact, no-show, ...)
     */
    public record StatusChange(
            @NotNull ReferralTaskStatus status,
            @Size(max = 1000) String reason,
            Program program,
            ReferralOutcome outcome) {}

    /** Who at the receiving agency works a referral: a user of that agency (the token's subject). */
    public record Assignment(@NotBlank @Size(max = 255) String assigneeUserId) {}
}
