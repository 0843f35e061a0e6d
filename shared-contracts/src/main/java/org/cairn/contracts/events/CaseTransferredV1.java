package org.cairn.contracts.events;

import java.time.Instant;

/**
 * A case moved with a whole caseload from one case manager to another.
 *
 * @param caseId the case
 * @param clientId the client
 * @param agencyId the agency
 * @param fromCaseManagerId the user id of the case manager the caseload left
 * @param toCaseManagerId the user id of the case manager who took it
 * @param transferId the transfer this case moved in; all cases of one transfer share it
 * @param transferredAt when
 */
@EventType(name = "cairn.case.transferred.v1", topic = Topics.CLIENTS)
public record CaseTransferredV1(
        String caseId,
        String clientId,
        String agencyId,
        String fromCaseManagerId,
        String toCaseManagerId,
        String transferId,
        Instant transferredAt) {}
