package org.cairn.contracts.events;

import java.time.Instant;
import org.cairn.contracts.vocabulary.CaseStatus;

/**
 * A case's status changed (closing has its own event as well).
 *
 * @param caseId the case
 * @param clientId the client
 * @param agencyId the agency
 * @param from the previous status
 * @param to the new status
 * @param changedAt when
 */
@EventType(name = "cairn.case.status-changed.v1", topic = Topics.CLIENTS)
public record CaseStatusChangedV1(
        String caseId, String clientId, String agencyId, CaseStatus from, CaseStatus to, Instant changedAt) {}
