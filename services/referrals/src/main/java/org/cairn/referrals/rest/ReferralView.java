package org.cairn.referrals.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.cairn.contracts.vocabulary.NeedDomain;
import org.cairn.contracts.vocabulary.Program;
import org.cairn.contracts.vocabulary.ReferralOutcome;
import org.cairn.contracts.vocabulary.ReferralTaskStatus;
import org.cairn.contracts.vocabulary.Urgency;

/**
 * A referral as either of its agencies sees it; lists leave the packet and history out.
 *
 * @param serviceId the directory service it is addressed to, if it is addressed to one
 * @param consentId the consent it was sent under (absent while a draft)
 * @param eligibilityOverride why it was sent although the client's profile fails the service's eligibility
 * @param respondBy when the receiving agency's answer (accept or reject) is due, by its urgency
 * @param escalatedAt when it was escalated for want of an answer
 * @param assigneeUserId who at the receiving agency works it
 * @param outcome how it ended: a rejection's coded reason, or what became of it once accepted
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReferralView(
        UUID id,
        UUID clientId,
        UUID caseId,
        String sendingAgencyId,
        String receivingAgencyId,
        UUID serviceId,
        String serviceName,
        NeedDomain needDomain,
        Urgency urgency,
        String reason,
        ReferralTaskStatus status,
        String consentId,
        Program program,
        String eligibilityOverride,
        Instant respondBy,
        Instant escalatedAt,
        String assigneeUserId,
        ReferralOutcome outcome,
        String createdBy,
        Instant createdAt,
        Instant updatedAt,
        List<ReferralRequests.PacketItem> packet,
        List<Change> history) {

    /** One move of the task. */
    public record Change(
            ReferralTaskStatus from,
            ReferralTaskStatus to,
            String agencyId,
            String changedBy,
            String reason,
            ReferralOutcome outcome,
            Instant changedAt) {}
}
