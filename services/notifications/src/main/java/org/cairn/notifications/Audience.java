package org.cairn.notifications;

import org.cairn.contracts.vocabulary.Coded;

/**
 * Whom a rule notifies, relative to the occasion: each audience is people of one agency (the
 * occasion's own, or for a referral the sending or receiving one), whose rules then apply.
 */
public enum Audience implements Coded {
    /** The case's primary case manager. */
    CASE_MANAGER,
    /** The agency's supervisors on call; all its supervisors when none is. */
    ON_CALL_SUPERVISORS,
    /** The agency's supervisors. */
    SUPERVISORS,
    /** The receiving agency's intake workers. */
    RECEIVING_INTAKE_WORKERS,
    /** The receiving agency's supervisors. */
    RECEIVING_SUPERVISORS,
    /** The case manager who made the referral (the sending case's manager when the event does not say). */
    REFERRING_CASE_MANAGER,
    /** The staff taking part in an appointment. */
    STAFF_PARTICIPANTS,
    /** The case manager a case was transferred from. */
    PREVIOUS_CASE_MANAGER,
    /** The case manager a case was transferred to. */
    NEW_CASE_MANAGER,
    /** The client, through the contact preferences their agency recorded. */
    CLIENT;

    /** Whether its people are of the occasion's other (receiving) agency. */
    public boolean ofOtherAgency() {
        return this == RECEIVING_INTAKE_WORKERS || this == RECEIVING_SUPERVISORS;
    }
}
