package org.cairn.contracts.events;

import java.time.Instant;

/**
 * A case was flagged as in crisis. The reason stays in the clients service: it is clinical information.
 *
 * @param caseId the case
 * @param clientId the client
 * @param agencyId the agency
 * @param source who raised it: a user, or an assessment's crisis result
 * @param flaggedAt when
 */
@EventType(name = "cairn.case.crisis-flagged.v1", topic = Topics.CLIENTS)
public record CaseCrisisFlaggedV1(String caseId, String clientId, String agencyId, Source source, Instant flaggedAt) {

    /** Who raised the flag. */
    public enum Source implements org.cairn.contracts.vocabulary.Coded {
        MANUAL,
        ASSESSMENT
    }
}
