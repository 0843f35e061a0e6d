package org.cairn.contracts.vocabulary;

/** What somebody did with client data, as the audit trail records it. */
public enum AuditAction implements Coded {
    VIEWED,
    SEARCHED,
    CREATED,
    UPDATED,
    DELETED,
    DISCLOSED,
    EXPORTED,
    PRINTED,
    ACCESS_DENIED
}
