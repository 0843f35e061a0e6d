package org.cairn.contracts.events;

import java.time.Instant;

/**
 * A client's household changed: created with them, or they joined or left it. One event per member concerned, keyed by that member.
 *
 * @param householdId the household
 * @param clientId the member concerned
 * @param agencyId the agency that made the change
 * @param change what happened
 * @param role the member's role in the household (head, partner, child, dependent, caregiver, other), if still a member
 * @param changedAt when
 */
@EventType(name = "cairn.household.changed.v1", topic = Topics.CLIENTS)
public record HouseholdChangedV1(
        String householdId, String clientId, String agencyId, Change change, String role, Instant changedAt) {

    /** What happened to the household. */
    public enum Change implements org.cairn.contracts.vocabulary.Coded {
        CREATED,
        MEMBER_ADDED,
        MEMBER_REMOVED
    }
}
