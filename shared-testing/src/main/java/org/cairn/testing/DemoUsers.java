package org.cairn.testing;

/**
 * Users of the demo realm ({@code dev/realm/riverbend-realm.json}). Every one of them has the password
 * {@link #PASSWORD}, which exists for local development and tests only.
 */
public final class DemoUsers {

    /** Dev-only password of every demo user. Never a real credential. */
    public static final String PASSWORD = "cairn-dev-only";

    public static final String HOSPITAL_AGENCY = "riverbend-hospital";
    public static final String CMHC_AGENCY = "northside-cmhc";
    public static final String FAMILY_AGENCY = "harbor-family";
    public static final String HOUSING_AGENCY = "keystone-housing";

    public static final String HOSPITAL_CASE_MANAGER = "hospital.case-manager";
    public static final String HOSPITAL_SUPERVISOR = "hospital.supervisor";
    public static final String HOSPITAL_INTAKE_WORKER = "hospital.intake-worker";
    public static final String CMHC_CASE_MANAGER = "cmhc.case-manager";
    public static final String FAMILY_CASE_MANAGER = "family.case-manager";
    public static final String HOUSING_CASE_MANAGER = "housing.case-manager";

    /** Holds a role but belongs to no agency. */
    public static final String UNAFFILIATED = "unaffiliated.case-manager";

    /** Belongs to two agencies at once, so no single agency can be inferred. */
    public static final String DUAL_MEMBER = "dual.case-manager";

    /** The only user of the unrelated {@code elsewhere} realm. */
    public static final String ELSEWHERE_CASE_MANAGER = "elsewhere.case-manager";

    /** A user name of the form {@code <short>.<role>}, e.g. {@code cmhc.auditor}. */
    public static String of(String agencyShortName, String role) {
        return agencyShortName + "." + role;
    }

    private DemoUsers() {}
}
