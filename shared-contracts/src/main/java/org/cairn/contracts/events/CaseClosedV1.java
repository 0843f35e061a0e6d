package org.cairn.contracts.events;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A case was closed.
 *
 * @param caseId the case
 * @param clientId the client
 * @param agencyId the agency
 * @param closedOn the date of closing
 * @param closedAt when it was recorded
 */
@EventType(name = "cairn.case.closed.v1", topic = Topics.CLIENTS)
public record CaseClosedV1(String caseId, String clientId, String agencyId, LocalDate closedOn, Instant closedAt) {}
