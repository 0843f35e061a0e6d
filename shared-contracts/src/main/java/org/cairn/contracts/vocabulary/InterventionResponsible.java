package org.cairn.contracts.vocabulary;

/** Who carries out an intervention: the case manager, the client, a care-team member, or another agency. */
public enum InterventionResponsible implements Coded {
    CASE_MANAGER,
    CLIENT,
    CARE_TEAM_MEMBER,
    AGENCY
}
