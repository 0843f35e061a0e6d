package org.cairn.contracts.vocabulary;

/** Where a care plan's goal stands. */
public enum GoalStatus implements Coded {
    PROPOSED,
    ACTIVE,
    ACHIEVED,
    PARTIALLY_ACHIEVED,
    NOT_ACHIEVED,
    CANCELLED
}
