package org.cairn.referrals.directory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The eligibility rules of a directory service against a client profile, written once as SQL over
 * {@code directory_service s}: search keeps the services whose every rule holds, a referral asks
 * which rules fail. A rule holds when the service sets no restriction of its kind, and a rule is
 * not judged when the profile does not say (no age given, no age rule applied).
 */
public final class Eligibility {

    private Eligibility() {}

    /**
     * What is known of the client, as the case manager gives it.
     *
     * @param age age in years
     * @param gender gender code, as the directory's eligibility vocabulary spells it
     * @param area the service area the client lives in (county, town, postal code...)
     * @param incomePercentFpl household income in percent of the federal poverty level
     * @param insurance insurance code (medicaid, medicare, private, uninsured, ...)
     */
    public record Profile(Integer age, String gender, String area, Integer incomePercentFpl, String insurance) {

        public boolean isEmpty() {
            return age == null && gender == null && area == null && incomePercentFpl == null && insurance == null;
        }
    }

    /** One rule: its name, a boolean SQL expression with one positional parameter {@code $N}, and the value. */
    public record Rule(String name, String condition, Object value) {}

    /** The rules the profile lets be judged; each condition uses the parameter numbered {@code firstParam + i}. */
    public static List<Rule> rules(Profile profile, int firstParam) {
        List<Rule> rules = new ArrayList<>();
        int n = firstParam;
        if (profile.age() != null) {
            rules.add(new Rule(
                    "age",
                    "((s.minimum_age is null or s.minimum_age <= $" + n
                            + "::int) and (s.maximum_age is null or s.maximum_age >= $" + n + "::int))",
                    profile.age()));
            n++;
        }
        if (profile.gender() != null) {
            rules.add(new Rule(
                    "gender", "(s.genders is null or $" + n + "::text = any(s.genders))", lower(profile.gender())));
            n++;
        }
        if (profile.area() != null) {
            rules.add(new Rule(
                    "service-area",
                    "(s.service_areas is null or $" + n + "::text = any(s.service_areas))",
                    lower(profile.area())));
            n++;
        }
        if (profile.incomePercentFpl() != null) {
            rules.add(new Rule(
                    "income",
                    "(s.income_limit_fpl is null or $" + n + "::int <= s.income_limit_fpl)",
                    profile.incomePercentFpl()));
            n++;
        }
        if (profile.insurance() != null) {
            rules.add(new Rule(
                    "insurance",
                    "(s.insurance is null or $" + n + "::text = any(s.insurance))",
                    lower(profile.insurance())));
        }
        return rules;
    }

    private static String lower(String text) {
        return text.trim().toLowerCase(Locale.ROOT);
    }
}
