package org.cairn.assessments.instrument;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cairn.assessments.instrument.Sheets.answers;
import static org.cairn.assessments.instrument.Sheets.scale;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cairn.contracts.vocabulary.NeedDomain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The AHC HRSN core questions (CMS: the answers in bold on the tool are positive; interpersonal
 * safety is positive from a HITS score of 11), the C-SSRS screener (Columbia: ideation with intent
 * or with a plan in the past month, or behavior in the past 3 months, is imminent risk) and the
 * Self-Sufficiency Matrix (1 in crisis to 5 empowered per domain).
 */
class SocialNeedsAndSuicideRiskScoringTest {

    static final Instrument HRSN = ShippedInstruments.load("ahc-hrsn.json");
    static final Instrument CSSRS = ShippedInstruments.load("cssrs-screener.json");
    static final Instrument SSM = ShippedInstruments.load("ssm.json");

    static final String YES = "LA33-6";
    static final String NO = "LA32-8";

    /** Every HRSN answer negative: steady housing, no problems, food never short, safety all "never". */
    static Map<String, Object> hrsnNegative() {
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("living-situation", "LA31993-1");
        raw.put("housing-problems", List.of("LA9-3"));
        raw.put("food-worry", "LA28398-8");
        raw.put("food-did-not-last", "LA28398-8");
        raw.put("transportation", NO);
        raw.put("utilities", NO);
        raw.put("safety-1", "LA6270-8");
        raw.put("safety-2", "LA6270-8");
        raw.put("safety-3", "LA6270-8");
        raw.put("safety-4", "LA6270-8");
        return raw;
    }

    static List<NeedDomain> hrsnNeeds(String item, Object answer) {
        Map<String, Object> raw = hrsnNegative();
        raw.put(item, answer);
        return Scoring.score(HRSN, answers(HRSN, raw)).needs().stream()
                .map(Result.IdentifiedNeed::domain)
                .toList();
    }

    @Test
    void hrsn_allNegative_identifiesNoNeed() {
        Map<String, Answer> answers = answers(HRSN, hrsnNegative());

        assertThat(Scoring.missingRequired(HRSN, answers)).isEmpty();
        Result result = Scoring.score(HRSN, answers);
        assertThat(result.needs()).isEmpty();
        assertThat(scale(result, "safety").score()).isEqualTo(4);
        assertThat(scale(result, "safety").band()).isEqualTo("negative");
    }

    @ParameterizedTest(name = "{0} = {1} identifies {2}")
    @CsvSource({
        "living-situation, LA31994-9, HOUSING",
        "living-situation, LA31995-6, HOUSING",
        "food-worry, LA28397-0, FOOD",
        "food-worry, LA6729-3, FOOD",
        "food-did-not-last, LA6729-3, FOOD",
        "transportation, LA33-6, TRANSPORTATION",
        "utilities, LA33-6, UTILITIES",
        "utilities, LA32002-0, UTILITIES"
    })
    void hrsn_eachPositiveAnswer_identifiesItsDomain(String item, String answer, NeedDomain domain) {
        assertThat(hrsnNeeds(item, answer)).containsExactly(domain);
    }

    @Test
    void hrsn_anyHousingProblem_identifiesHousing_noneOfTheAboveDoesNot() {
        assertThat(hrsnNeeds("housing-problems", List.of("LA31998-0", "LA32001-2")))
                .containsExactly(NeedDomain.HOUSING);
        assertThat(hrsnNeeds("housing-problems", List.of("LA9-3"))).isEmpty();
    }

    @Test
    void hrsn_safety_isPositiveFrom11() {
        Map<String, Object> ten = hrsnNegative();
        // sometimes (3) + sometimes (3) + rarely (2) + rarely (2) = 10
        ten.putAll(Map.of(
                "safety-1", "LA10082-8", "safety-2", "LA10082-8", "safety-3", "LA10066-1", "safety-4", "LA10066-1"));
        Result atTen = Scoring.score(HRSN, answers(HRSN, ten));
        assertThat(scale(atTen, "safety").score()).isEqualTo(10);
        assertThat(atTen.needs()).isEmpty();

        Map<String, Object> eleven = new LinkedHashMap<>(ten);
        eleven.put("safety-4", "LA10082-8");
        Result atEleven = Scoring.score(HRSN, answers(HRSN, eleven));
        assertThat(scale(atEleven, "safety").score()).isEqualTo(11);
        assertThat(scale(atEleven, "safety").band()).isEqualTo("positive");
        assertThat(atEleven.needs())
                .extracting(Result.IdentifiedNeed::domain)
                .containsExactly(NeedDomain.INTERPERSONAL_SAFETY);
    }

    @Test
    void hrsn_severalOptionsOnASingleChoice_isRefused_namingTheItem() {
        Map<String, Object> raw = hrsnNegative();
        raw.put("transportation", List.of(YES, NO));

        assertThatThrownBy(() -> answers(HRSN, raw))
                .isInstanceOfSatisfying(
                        InvalidAnswersException.class,
                        e -> assertThat(e.refused()).containsOnlyKeys("transportation"));
    }

    static Map<String, Object> cssrs(String... pairs) {
        Map<String, Object> raw = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            raw.put(pairs[i], pairs[i + 1].equals("yes") ? YES : NO);
        }
        return raw;
    }

    static List<String> cssrsRisks(Map<String, Object> raw) {
        return Scoring.score(CSSRS, answers(CSSRS, raw)).risks().stream()
                .map(Result.RaisedRisk::ruleId)
                .toList();
    }

    @Test
    void cssrs_noToEverything_raisesNothing_andSkipsQuestions3to5And6b() {
        Map<String, Answer> answers = answers(CSSRS, cssrs("cssrs-1", "no", "cssrs-2", "no", "cssrs-6", "no"));

        assertThat(Scoring.enabledItems(CSSRS, answers)).containsExactly("cssrs-1", "cssrs-2", "cssrs-6");
        assertThat(Scoring.missingRequired(CSSRS, answers)).isEmpty();
        assertThat(Scoring.score(CSSRS, answers).risks()).isEmpty();
        assertThat(Scoring.score(CSSRS, answers).needs()).isEmpty();
    }

    @Test
    void cssrs_wishToBeDead_only_isANeedNotACrisis() {
        Result result = Scoring.score(CSSRS, answers(CSSRS, cssrs("cssrs-1", "yes", "cssrs-2", "no", "cssrs-6", "no")));

        assertThat(result.risks()).isEmpty();
        assertThat(result.needs())
                .extracting(Result.IdentifiedNeed::domain)
                .containsExactly(NeedDomain.BEHAVIORAL_HEALTH);
    }

    @Test
    void cssrs_thoughtsWithMethod_butNoIntentOrPlan_isNotImminent() {
        assertThat(cssrsRisks(cssrs(
                        "cssrs-1", "yes", "cssrs-2", "yes", "cssrs-3", "yes", "cssrs-4", "no", "cssrs-5", "no",
                        "cssrs-6", "no")))
                .isEmpty();
    }

    @Test
    void cssrs_intent_orPlan_inThePastMonth_isImminent() {
        assertThat(cssrsRisks(cssrs(
                        "cssrs-1", "yes", "cssrs-2", "yes", "cssrs-3", "no", "cssrs-4", "yes", "cssrs-5", "no",
                        "cssrs-6", "no")))
                .containsExactly("ideation-with-intent-or-plan");
        assertThat(cssrsRisks(cssrs(
                        "cssrs-1", "yes", "cssrs-2", "yes", "cssrs-3", "yes", "cssrs-4", "no", "cssrs-5", "yes",
                        "cssrs-6", "no")))
                .containsExactly("ideation-with-intent-or-plan");
    }

    @Test
    void cssrs_behavior_within3Months_isImminent_onlyEarlierIsNot() {
        assertThat(cssrsRisks(cssrs("cssrs-1", "no", "cssrs-2", "no", "cssrs-6", "yes", "cssrs-6b", "yes")))
                .containsExactly("recent-suicidal-behavior");
        assertThat(cssrsRisks(cssrs("cssrs-1", "no", "cssrs-2", "no", "cssrs-6", "yes", "cssrs-6b", "no")))
                .isEmpty();
    }

    @Test
    void cssrs_answersToSkippedQuestions_countForNothing() {
        // Question 2 answered no, so 3 to 5 are not asked: a stray yes to 4 must not raise an alert.
        Map<String, Object> raw = cssrs("cssrs-1", "no", "cssrs-2", "no", "cssrs-4", "yes", "cssrs-6", "no");

        assertThat(cssrsRisks(raw)).isEmpty();
        assertThat(Scoring.effectiveAnswers(CSSRS, answers(CSSRS, raw))).doesNotContainKey("cssrs-4");
    }

    @Test
    void cssrs_yesToQuestion2_makesQuestions3to5Required() {
        Map<String, Answer> answers = answers(CSSRS, cssrs("cssrs-1", "yes", "cssrs-2", "yes", "cssrs-6", "no"));

        assertThat(Scoring.missingRequired(CSSRS, answers)).containsExactly("cssrs-3", "cssrs-4", "cssrs-5");
    }

    @Test
    void ssm_levels_areTheDomainScores_andInCrisisOrVulnerableIsANeed() {
        Map<String, Object> raw = new LinkedHashMap<>();
        for (String domain : List.of(
                "shelter",
                "employment",
                "income",
                "food",
                "adult-education",
                "health-care-coverage",
                "life-skills",
                "family-social-relations")) {
            raw.put(domain, "3");
        }
        raw.put("shelter", "1");
        raw.put("income", "2");
        raw.put("life-skills", "1");
        Map<String, Answer> answers = answers(SSM, raw);

        assertThat(Scoring.missingRequired(SSM, answers)).isEmpty();
        Result result = Scoring.score(SSM, answers);
        assertThat(scale(result, "shelter-level").score()).isEqualTo(1);
        assertThat(scale(result, "shelter-level").band()).isEqualTo("in-crisis");
        assertThat(scale(result, "income-level").bandDisplay()).isEqualTo("Vulnerable");
        assertThat(scale(result, "food-level").band()).isEqualTo("safe");
        // Life skills has no need domain of its own; child care was not applicable and is left unanswered.
        assertThat(result.needs())
                .extracting(Result.IdentifiedNeed::domain)
                .containsExactly(NeedDomain.HOUSING, NeedDomain.INCOME);
        assertThat(scale(result, "child-care-level").answered()).isZero();
        assertThat(scale(result, "child-care-level").score()).isNull();
        assertThat(scale(result, "child-care-level").band()).isNull();
    }
}
