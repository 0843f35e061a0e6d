package org.cairn.contracts.vocabulary;

/** What an appointment is for. */
public enum AppointmentKind implements Coded {
    INTAKE,
    FOLLOW_UP,
    HOME_VISIT,
    COURT_DATE,
    MEDICAL,
    TELEHEALTH,
    GROUP_SESSION
}
