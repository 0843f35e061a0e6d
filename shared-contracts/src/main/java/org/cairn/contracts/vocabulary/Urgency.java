package org.cairn.contracts.vocabulary;

/** How soon a referral should be acted on by the agency that receives it. */
public enum Urgency implements Coded {
    ROUTINE,
    URGENT,
    EMERGENCY
}
