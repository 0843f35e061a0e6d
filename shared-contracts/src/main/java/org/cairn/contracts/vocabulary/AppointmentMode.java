package org.cairn.contracts.vocabulary;

/** How the people of an appointment meet. */
public enum AppointmentMode implements Coded {
    IN_PERSON,
    PHONE,
    VIDEO
}
