package org.cairn.assessments.instrument;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cairn.assessments.instrument.Sheets.answers;
import static org.cairn.assessments.instrument.Sheets.frequencies;
import static org.cairn.assessments.instrument.Sheets.scale;

import java.util.Arrays;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.cairn.contracts.vocabulary.NeedDomain;
import org.cairn.contracts.vocabulary.RiskSeverity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * PHQ-9 and GAD-7 scored as Kroenke, Spitzer and Williams publish them: the sum of the item scores
 * (0 to 3 each), read against the published severity bands; PHQ-9 item 9 above 0 is a risk alert.
 */
class Phq9AndGad7ScoringTest {

    static final Instrument PHQ9 = ShippedInstruments.load("phq-9.json");
    static final Instrument GAD7 = ShippedInstruments.load("gad-7.json");

    /** The published bands, written out here rather than read from the definition under test. */
    static String phq9Band(int total) {
        if (total <= 4) return "minimal";
        if (total <= 9) return "mild";
        if (total <= 14) return "moderate";
        if (total <= 19) return "moderately-severe";
        return "severe";
    }

    static String gad7Band(int total) {
        if (total <= 4) return "minimal";
        if (total <= 9) return "mild";
        if (total <= 14) return "moderate";
        return "severe";
    }

    @Test
    void phq9_workedExample_scoresMildWithoutRisk() {
        // Several days (1) for interest, mood and energy; more than half the days (2) for sleep and
        // concentration; not at all (0) for the rest: 1+1+2+1+0+0+2+0+0 = 7, mild.
        Result result = Scoring.score(PHQ9, answers(PHQ9, frequencies("phq9-", 1, 1, 2, 1, 0, 0, 2, 0, 0)));

        assertThat(scale(result, "total").score()).isEqualTo(7);
        assertThat(scale(result, "total").band()).isEqualTo("mild");
        assertThat(result.risks()).isEmpty();
        assertThat(result.needs()).isEmpty();
    }

    @ParameterizedTest(name = "PHQ-9 total {0} is {1}")
    @CsvSource({
        "0,minimal",
        "4,minimal",
        "5,mild",
        "9,mild",
        "10,moderate",
        "14,moderate",
        "15,moderately-severe",
        "19,moderately-severe",
        "20,severe",
        "27,severe"
    })
    void phq9_everyBandBoundary(int total, String band) {
        Result result = Scoring.score(PHQ9, answers(PHQ9, frequencies("phq9-", spread(total, 9))));

        assertThat(scale(result, "total").score()).isEqualTo(total);
        assertThat(scale(result, "total").band()).isEqualTo(band);
    }

    @ParameterizedTest(name = "GAD-7 total {0} is {1}")
    @CsvSource({"0,minimal", "4,minimal", "5,mild", "9,mild", "10,moderate", "14,moderate", "15,severe", "21,severe"})
    void gad7_everyBandBoundary(int total, String band) {
        Result result = Scoring.score(GAD7, answers(GAD7, frequencies("gad7-", spread(total, 7))));

        assertThat(scale(result, "total").score()).isEqualTo(total);
        assertThat(scale(result, "total").band()).isEqualTo(band);
        assertThat(result.needs().stream().map(Result.IdentifiedNeed::domain))
                .containsExactlyElementsOf(
                        total >= 10 ? java.util.List.of(NeedDomain.BEHAVIORAL_HEALTH) : java.util.List.of());
    }

    @Test
    void phq9_item9_severalDays_raisesTheRiskAlert_evenWithAMinimalTotal() {
        Result result = Scoring.score(PHQ9, answers(PHQ9, frequencies("phq9-", 0, 0, 0, 0, 0, 0, 0, 0, 1)));

        assertThat(scale(result, "total").band()).isEqualTo("minimal");
        assertThat(result.risks()).extracting(Result.RaisedRisk::ruleId).containsExactly("self-harm-thoughts");
        assertThat(result.highestSeverity()).contains(RiskSeverity.HIGH);
    }

    @Test
    void phq9_item9_notAtAll_raisesNoAlert_evenWithASevereTotal() {
        Result result = Scoring.score(PHQ9, answers(PHQ9, frequencies("phq9-", 3, 3, 3, 3, 3, 3, 3, 3, 0)));

        assertThat(scale(result, "total").score()).isEqualTo(24);
        assertThat(result.risks()).isEmpty();
        assertThat(result.needs())
                .extracting(Result.IdentifiedNeed::domain)
                .containsExactly(NeedDomain.BEHAVIORAL_HEALTH);
    }

    @Test
    void phq9_difficultyItem_isAskedOnlyWhenAProblemWasChecked() {
        assertThat(Scoring.enabledItems(PHQ9, answers(PHQ9, frequencies("phq9-", 0, 0, 0, 0, 0, 0, 0, 0, 0))))
                .doesNotContain("phq9-10");
        assertThat(Scoring.enabledItems(PHQ9, answers(PHQ9, frequencies("phq9-", 0, 0, 0, 0, 2, 0, 0, 0, 0))))
                .contains("phq9-10");
    }

    @Property
    void phq9_anyAnswers_scoreTheirSum_inThePublishedBand_alertIffItem9AboveZero(
            @ForAll @Size(9) java.util.List<@IntRange(min = 0, max = 3) Integer> scores) {
        int[] s = scores.stream().mapToInt(Integer::intValue).toArray();
        Map<String, Answer> answers = answers(PHQ9, frequencies("phq9-", s));
        Result result = Scoring.score(PHQ9, answers);
        int total = Arrays.stream(s).sum();

        assertThat(scale(result, "total").score()).isEqualTo(total);
        assertThat(scale(result, "total").band()).isEqualTo(phq9Band(total));
        assertThat(result.risks().isEmpty()).isEqualTo(s[8] == 0);
        assertThat(Scoring.missingRequired(PHQ9, answers)).isEmpty();
    }

    @Property
    void gad7_anyAnswers_scoreTheirSum_inThePublishedBand(
            @ForAll @Size(7) java.util.List<@IntRange(min = 0, max = 3) Integer> scores) {
        int[] s = scores.stream().mapToInt(Integer::intValue).toArray();
        Result result = Scoring.score(GAD7, answers(GAD7, frequencies("gad7-", s)));
        int total = Arrays.stream(s).sum();

        assertThat(scale(result, "total").score()).isEqualTo(total);
        assertThat(scale(result, "total").band()).isEqualTo(gad7Band(total));
        assertThat(result.risks()).isEmpty();
    }

    @Test
    void phq9_unansweredItems_areMissing_inOrder() {
        Map<String, Answer> answers = answers(PHQ9, frequencies("phq9-", 1, 1, 1));

        assertThat(Scoring.missingRequired(PHQ9, answers))
                .containsExactly("phq9-4", "phq9-5", "phq9-6", "phq9-7", "phq9-8", "phq9-9");
    }

    /** Item scores (0 to 3) over {@code items} items that add up to {@code total}. */
    static int[] spread(int total, int items) {
        int[] scores = new int[items];
        for (int i = 0; i < items && total > 0; i++) {
            scores[i] = Math.min(3, total);
            total -= scores[i];
        }
        return scores;
    }
}
