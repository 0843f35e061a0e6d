package org.cairn.contracts.vocabulary;

/** Where a case (one episode of care at one agency) stands. */
public enum CaseStatus implements Coded {
    REFERRED,
    INTAKE,
    ACTIVE,
    ON_HOLD,
    CLOSED
}
