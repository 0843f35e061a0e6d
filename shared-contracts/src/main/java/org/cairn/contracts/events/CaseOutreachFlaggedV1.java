package org.cairn.contracts.events;

import java.time.Instant;

/**
 * A client missed so many appointments of a case within a window (three in 90 days) that the case
 * needs outreach; told once when the count is reached, again only after a new window's worth.
 *
 * @param caseId the case
 * @param clientId the client
 * @param agencyId the agency of the case
 * @param noShows the no-shows counted in the window
 * @param since the start of the window
 * @param flaggedAt when
 */
@EventType(name = "cairn.case.outreach-flagged.v1", topic = Topics.SCHEDULING)
public record CaseOutreachFlaggedV1(
        String caseId, String clientId, String agencyId, int noShows, Instant since, Instant flaggedAt) {}
