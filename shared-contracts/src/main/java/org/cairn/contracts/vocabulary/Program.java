package org.cairn.contracts.vocabulary;

/** The programs of care an agency offers; a case is opened in one of them. */
public enum Program implements Coded {
    MEDICAL,
    MENTAL_HEALTH,
    CHILD_FAMILY,
    GERIATRIC,
    VOCATIONAL_REHAB,
    LEGAL_FORENSIC
}
