package org.cairn.contracts.vocabulary;

/**
 * How a referral ended, as the receiving agency records it: why it was rejected (at capacity, not
 * eligible, ...), or what became of it once accepted (the service delivered, or why not). The
 * coded reason directors count; the free-text reason stays with the referral.
 */
public enum ReferralOutcome implements Coded {
    SERVICE_DELIVERED,
    AT_CAPACITY,
    NOT_ELIGIBLE,
    SERVICE_NOT_OFFERED,
    CLIENT_DECLINED,
    UNABLE_TO_CONTACT,
    NO_SHOW,
    OTHER
}
