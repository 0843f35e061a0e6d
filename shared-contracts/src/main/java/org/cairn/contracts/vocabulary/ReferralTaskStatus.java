package org.cairn.contracts.vocabulary;

/** The state of a referral's task, following the FHIR R4 Task status value set. */
public enum ReferralTaskStatus implements Coded {
    DRAFT,
    REQUESTED,
    RECEIVED,
    ACCEPTED,
    REJECTED,
    READY,
    CANCELLED,
    IN_PROGRESS,
    ON_HOLD,
    FAILED,
    COMPLETED,
    ENTERED_IN_ERROR
}
