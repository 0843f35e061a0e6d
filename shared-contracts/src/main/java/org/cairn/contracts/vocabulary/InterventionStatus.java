package org.cairn.contracts.vocabulary;

/** Where an intervention (a task under a care plan's goal) stands. */
public enum InterventionStatus implements Coded {
    PLANNED,
    IN_PROGRESS,
    DONE,
    CANCELLED
}
