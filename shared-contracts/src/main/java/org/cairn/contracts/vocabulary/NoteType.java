package org.cairn.contracts.vocabulary;

/** What kind of contact a case note documents. */
public enum NoteType implements Coded {
    CONTACT,
    HOME_VISIT,
    PHONE,
    COLLATERAL,
    SUPERVISION,
    CRISIS
}
