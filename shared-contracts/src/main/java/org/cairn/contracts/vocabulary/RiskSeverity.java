package org.cairn.contracts.vocabulary;

/** How urgent a risk raised by an assessment is, from least to most. */
public enum RiskSeverity implements Coded {
    LOW,
    MODERATE,
    HIGH,
    IMMINENT
}
