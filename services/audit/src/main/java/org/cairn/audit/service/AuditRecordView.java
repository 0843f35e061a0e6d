package org.cairn.audit.service;

import java.time.Instant;
import java.util.List;

/**
 * One stored audit record: who (user, agency, roles), what (service, action, resource), which
 * client, why (purpose, reason, and for a disclosure the consents behind it), the outcome, when,
 * from which request and client application; and its place in its chain.
 */
public record AuditRecordView(
        long seq,
        String eventId,
        String chain,
        long chainSeq,
        Instant occurredAt,
        String service,
        String agencyId,
        String actorUserId,
        String actorUsername,
        List<String> actorRoles,
        String action,
        String outcome,
        String resourceType,
        String resourceId,
        String clientId,
        String purpose,
        String reason,
        String requestId,
        List<String> consentIds,
        String clientApplication,
        String hash) {

    /** The same record with its hash. */
    public AuditRecordView withHash(String newHash) {
        return new AuditRecordView(
                seq,
                eventId,
                chain,
                chainSeq,
                occurredAt,
                service,
                agencyId,
                actorUserId,
                actorUsername,
                actorRoles,
                action,
                outcome,
                resourceType,
                resourceId,
                clientId,
                purpose,
                reason,
                requestId,
                consentIds,
                clientApplication,
                newHash);
    }
}
