package org.cairn.contracts.vocabulary;

/** Domains of social and health need that an assessment identifies and a care plan addresses. */
public enum NeedDomain implements Coded {
    HOUSING,
    FOOD,
    TRANSPORTATION,
    UTILITIES,
    INTERPERSONAL_SAFETY,
    EMPLOYMENT,
    INCOME,
    EDUCATION,
    HEALTH_CARE_ACCESS,
    BEHAVIORAL_HEALTH,
    SUBSTANCE_USE,
    LEGAL,
    CHILDCARE,
    SOCIAL_ISOLATION
}
