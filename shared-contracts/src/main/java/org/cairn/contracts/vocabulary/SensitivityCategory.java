package org.cairn.contracts.vocabulary;

/** How sensitive a piece of client information is. Every category except {@code general} needs a consent that names it before another agency may see it (substance use is protected by 42 CFR Part 2). */
public enum SensitivityCategory implements Coded {
    GENERAL,
    BEHAVIORAL_HEALTH,
    SUBSTANCE_USE_PART2,
    HIV,
    DOMESTIC_VIOLENCE,
    LEGAL
}
