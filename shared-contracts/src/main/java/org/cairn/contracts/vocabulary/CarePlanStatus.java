package org.cairn.contracts.vocabulary;

/** Where a care plan is in its life: drafted, waiting for a supervisor, in force, being reviewed, ended. */
public enum CarePlanStatus implements Coded {
    DRAFT,
    SUBMITTED,
    ACTIVE,
    UNDER_REVIEW,
    COMPLETED,
    CANCELLED
}
