package org.cairn.contracts.vocabulary;

/** Where an appointment stands, from proposed to attended or missed. */
public enum AppointmentStatus implements Coded {
    PROPOSED,
    BOOKED,
    CHECKED_IN,
    ATTENDED,
    NO_SHOW,
    CANCELLED,
    RESCHEDULED
}
