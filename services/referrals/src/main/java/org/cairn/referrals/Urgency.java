package org.cairn.referrals;

import org.cairn.contracts.vocabulary.Coded;

/** How soon the receiving agency should act on a referral. */
public enum Urgency implements Coded {
    ROUTINE,
    URGENT,
    EMERGENCY
}
