package org.cairn.contracts.vocabulary;

/** Why information is shared under a consent. */
public enum ConsentPurpose implements Coded {
    TREATMENT,
    CARE_COORDINATION,
    REFERRAL,
    BILLING,
    RESEARCH,
    EMERGENCY
}
