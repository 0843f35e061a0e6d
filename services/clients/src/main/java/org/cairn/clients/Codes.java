package org.cairn.clients;

import org.cairn.contracts.vocabulary.Coded;

/**
 * The registry's own coded values. They concern the clients service alone, so they live here
 * rather than in shared-contracts; each is written and read by its code, like the shared ones.
 */
public final class Codes {

    private Codes() {}

    /** How the client describes their gender; optional. */
    public enum GenderIdentity implements Coded {
        WOMAN,
        MAN,
        NON_BINARY,
        TRANSGENDER_WOMAN,
        TRANSGENDER_MAN,
        TWO_SPIRIT,
        OTHER,
        ASKED_DECLINED,
        UNKNOWN
    }

    /** Sex recorded at birth; optional. */
    public enum SexAtBirth implements Coded {
        FEMALE,
        MALE,
        INTERSEX,
        ASKED_DECLINED,
        UNKNOWN
    }

    public enum ContactSystem implements Coded {
        PHONE,
        SMS,
        EMAIL
    }

    public enum ContactUse implements Coded {
        HOME,
        WORK,
        MOBILE,
        TEMPORARY
    }

    public enum ContactMethod implements Coded {
        PHONE,
        SMS,
        EMAIL,
        MAIL,
        IN_PERSON
    }

    /** How urgently a case needs attention. */
    public enum Priority implements Coded {
        LOW,
        MEDIUM,
        HIGH,
        URGENT
    }

    /** The case manager's judgement of the client's risk. */
    public enum RiskLevel implements Coded {
        LOW,
        MODERATE,
        HIGH
    }

    /** A member's place in a household. */
    public enum HouseholdRole implements Coded {
        HEAD,
        PARTNER,
        CHILD,
        DEPENDENT,
        CAREGIVER,
        OTHER
    }

    /** How one client stands to another. */
    public enum RelationshipType implements Coded {
        PARENT_OF,
        GUARDIAN_OF,
        CAREGIVER_OF,
        SIBLING_OF,
        PARTNER_OF
    }

    /** Kinds of identifier, each with the shape its value must have. */
    public enum IdentifierType implements Coded {
        MEDICAID_ID("[A-Z0-9]{6,14}"),
        MEDICARE_ID("[A-Z0-9]{11}"),
        SSN_LAST4("[0-9]{4}"),
        AGENCY_MRN("[A-Za-z0-9-]{1,32}"),
        COURT_CASE_NUMBER("[A-Za-z0-9:/.-]{3,40}"),
        DRIVERS_LICENSE("[A-Z0-9-]{4,20}"),
        OTHER("[A-Za-z0-9:/._-]{1,64}");

        private final String pattern;

        IdentifierType(String pattern) {
            this.pattern = pattern;
        }

        /** Whether {@code value} has the shape of this kind of identifier. */
        public boolean accepts(String value) {
            return value != null && value.matches(pattern);
        }
    }
}
