package org.cairn.contracts.events;

import java.time.Instant;
import java.util.List;
import org.cairn.contracts.vocabulary.AuditAction;
import org.cairn.contracts.vocabulary.ConsentPurpose;
import org.cairn.contracts.vocabulary.Role;

/**
 * One access to, or change of, client data: who did what to which record, on behalf of which agency,
 * and why. Every service publishes these to {@link Topics#AUDIT}; the audit service chains them into
 * its tamper-evident trail. The record names the data, never its content.
 *
 * @param occurredAt when the action happened
 * @param service the service where it happened ({@code clients}, {@code referrals}, ...)
 * @param agencyId the agency of the actor, from the actor's token
 * @param actor who acted
 * @param action what was done
 * @param resourceType the kind of record acted on ({@code client}, {@code case-note}, ...)
 * @param resourceId its id, or absent for a search
 * @param clientId the client whose data it is, or absent when no single client is concerned
 * @param purpose the purpose of use the actor declared, when there was one
 * @param reason a short justification, such as the reason given for an emergency access
 * @param requestId the id of the request that caused it, to correlate with logs and traces
 * @param consentIds the consents that let another agency's actor see the data, when the access was
 *     a disclosure under consent (absent for an agency's own data; the accounting of disclosures
 *     is built from these)
 * @param clientApplication the client application the actor's token was issued to (the web or the
 *     mobile app, ...), absent for work done on no request's behalf
 */
@EventType(name = "cairn.audit.recorded.v1", topic = Topics.AUDIT)
public record AuditRecordedV1(
        Instant occurredAt,
        String service,
        String agencyId,
        Actor actor,
        AuditAction action,
        String resourceType,
        String resourceId,
        String clientId,
        ConsentPurpose purpose,
        String reason,
        String requestId,
        List<String> consentIds,
        String clientApplication) {

    /**
     * The person (or service account) behind an action.
     *
     * @param userId the token's subject
     * @param username the token's preferred username
     * @param roles the realm roles the actor held at the time
     */
    public record Actor(String userId, String username, List<Role> roles) {}
}
