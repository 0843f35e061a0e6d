package org.cairn.contracts.vocabulary;

/** The realm roles of a Cairn network; a user holds one or more of them within their agency. */
public enum Role implements Coded {
    INTAKE_WORKER,
    CASE_MANAGER,
    SUPERVISOR,
    PROGRAM_DIRECTOR,
    PARTNER_PROVIDER,
    AUDITOR,
    NETWORK_ADMIN
}
