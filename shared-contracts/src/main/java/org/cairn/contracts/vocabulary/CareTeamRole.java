package org.cairn.contracts.vocabulary;

/** What someone does on a case's care team. */
public enum CareTeamRole implements Coded {
    CASE_MANAGER,
    SUPERVISOR,
    CLINICIAN,
    PEER_SUPPORT,
    SPECIALIST
}
