package org.cairn.contracts.vocabulary;

/** What made the audit service raise an alert about a user's accesses. */
public enum AuditAlertRule implements Coded {
    /** More distinct clients' data read within an hour than the agency expects of anyone. */
    MANY_CLIENTS,
    /** Many accesses refused within an hour: ids that are not the user's to see, tried one after another. */
    MANY_DENIALS
}
