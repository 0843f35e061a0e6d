package org.cairn.contracts.vocabulary;

/** Whom an appointment reminder is for: the client, or the staff taking part. */
public enum ReminderRecipient implements Coded {
    CLIENT,
    STAFF
}
