package org.cairn.assessments.instrument;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cairn.assessments.instrument.Sheets.answers;
import static org.cairn.assessments.instrument.Sheets.scale;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class InstrumentValidatorTest {

    /** A small valid definition; the tests break one thing in it at a time. */
    static final String MOOD = """
            {"resourceType": "Questionnaire", "id": "mood-check", "version": "2", "title": "Mood check",
             "sensitivity": "behavioral-health",
             "item": [
               {"linkId": "happy", "text": "I felt cheerful", "type": "choice", "required": true,
                "answerOption": [{"code": "never", "display": "Never", "score": 0},
                                 {"code": "often", "display": "Often", "score": 1},
                                 {"code": "always", "display": "All the time", "score": 2}]},
               {"linkId": "sad", "text": "I felt low", "type": "choice", "required": true,
                "answerOption": [{"code": "never", "display": "Never", "score": 0},
                                 {"code": "often", "display": "Often", "score": 1},
                                 {"code": "always", "display": "Always", "score": 2}]},
               {"linkId": "why", "text": "What happened?", "type": "text", "maxLength": 200,
                "enableWhen": [{"question": "sad", "operator": ">=", "answer": 1}]},
               {"linkId": "days", "text": "Days off work", "type": "integer", "minValue": 0, "maxValue": 14}
             ],
             "scoring": [{"id": "low-mood", "title": "Low mood", "items": ["happy", "sad"], "reversed": ["happy"],
                          "bands": [{"min": 0, "max": 1, "code": "fine", "display": "Fine"},
                                    {"min": 2, "max": 4, "code": "low", "display": "Low"}]}],
             "risk": [{"id": "very-low", "title": "Very low mood", "severity": "moderate",
                       "when": [{"question": "low-mood", "operator": ">=", "answer": 4}]}],
             "needs": [{"id": "mood", "domain": "behavioral-health",
                        "when": [{"question": "low-mood", "operator": ">=", "answer": 2}]}]}
            """;

    @ParameterizedTest
    @MethodSource("org.cairn.assessments.instrument.ShippedInstruments#files")
    void everyShippedDefinition_isValid_andRoundTripsThroughItsStoredJson(String file) {
        Instrument instrument = ShippedInstruments.load(file);

        assertThat(InstrumentValidator.parse(InstrumentValidator.toJson(instrument)))
                .isEqualTo(instrument);
        assertThat(instrument.code().isEmpty()
                        || instrument.code().get(0).system().equals("http://loinc.org"))
                .isTrue();
    }

    @Test
    void reversedItems_countFromTheOtherEnd() {
        Instrument mood = InstrumentValidator.parse(MOOD);

        // cheerful "never" counts 2 when reversed, low "often" counts 1
        Result result = Scoring.score(mood, answers(mood, Map.of("happy", "never", "sad", "often")));
        assertThat(scale(result, "low-mood").score()).isEqualTo(3);
        assertThat(scale(result, "low-mood").band()).isEqualTo("low");
        assertThat(result.risks()).isEmpty();

        Result worst = Scoring.score(mood, answers(mood, Map.of("happy", "never", "sad", "always")));
        assertThat(worst.risks()).extracting(Result.RaisedRisk::ruleId).containsExactly("very-low");
    }

    @Test
    void answers_outsideTheItem_areRefused_eachNamed() throws Exception {
        Instrument mood = InstrumentValidator.parse(MOOD);

        assertThatThrownBy(() ->
                        answers(mood, Map.of("happy", "sometimes", "days", 15, "why", "x".repeat(201), "elsewhere", 1)))
                .isInstanceOfSatisfying(
                        InvalidAnswersException.class,
                        e -> assertThat(e.refused())
                                .containsOnlyKeys("happy", "days", "why", "elsewhere")
                                .allSatisfy((item, why) -> assertThat(why).doesNotContain("xxx")));
        assertThatThrownBy(() -> Answers.read(
                        mood, new com.fasterxml.jackson.databind.ObjectMapper().readTree("{\"days\": 1e400}")))
                .isInstanceOfSatisfying(
                        InvalidAnswersException.class,
                        e -> assertThat(e.refused().get("days")).contains("finite"));
        assertThatThrownBy(() -> answers(mood, Map.of("days", 2.5)))
                .isInstanceOfSatisfying(
                        InvalidAnswersException.class,
                        e -> assertThat(e.refused().get("days")).contains("whole number"));
    }

    static List<String> reasons(String json) {
        try {
            InstrumentValidator.parse(json);
        } catch (InvalidDefinitionException e) {
            return e.reasons();
        }
        throw new AssertionError("the definition was accepted");
    }

    @Test
    void brokenDefinitions_areRefused_withTheReasons() {
        assertThat(reasons(MOOD.replace("\"title\": \"Mood check\"", "\"titel\": \"Mood check\"")))
                .singleElement()
                .asString()
                .contains("titel");
        assertThat(reasons(MOOD.replace("{\"min\": 2, \"max\": 4", "{\"min\": 3, \"max\": 4")))
                .singleElement()
                .asString()
                .contains("scoring[low-mood].bands")
                .contains("start at 2");
        assertThat(reasons(MOOD.replace("\"max\": 4, \"code\": \"low\"", "\"max\": 3, \"code\": \"low\"")))
                .singleElement()
                .asString()
                .contains("end at the greatest possible score, 4");
        assertThat(reasons(MOOD.replace("\"question\": \"sad\"", "\"question\": \"days\"")))
                .singleElement()
                .asString()
                .contains("item[why].enableWhen[days]")
                .contains("earlier item");
        assertThat(reasons(
                        MOOD.replace("\"display\": \"All the time\", \"score\": 2", "\"display\": \"All the time\"")))
                .singleElement()
                .asString()
                .contains("happy is not a single choice with a score on every option");
        assertThat(reasons(MOOD.replace("\"linkId\": \"sad\"", "\"linkId\": \"happy\"")))
                .anySatisfy(r -> assertThat(r).contains("linkId is used twice"));
        assertThat(reasons(MOOD.replace("\"severity\": \"moderate\"", "\"severity\": \"urgent\"")))
                .singleElement()
                .asString()
                .contains("risk[0].severity");
        assertThat(reasons(MOOD.replace("\"domain\": \"behavioral-health\"", "\"domain\": \"happiness\"")))
                .singleElement()
                .asString()
                .contains("needs[0].domain");
        assertThat(reasons(MOOD.replace("\"id\": \"mood-check\"", "\"id\": \"Mood Check!\"")))
                .singleElement()
                .asString()
                .startsWith("id:");
        assertThat(reasons(MOOD.replace("\"answer\": 4}", "\"answer\": 1e400}")))
                .singleElement()
                .asString()
                .contains("risk[very-low].when[low-mood]");
        assertThat(reasons("null")).singleElement().asString().contains("JSON object");
        assertThat(reasons(MOOD.replace("\"linkId\": \"happy\"", "\"linkId\": null")))
                .isNotEmpty();
        assertThat(reasons("{\"resourceType\": \"Questionnaire\", \"id\": \"x\""))
                .singleElement()
                .asString()
                .contains("JSON");
    }

    @Test
    void aRuleOnAnOptionTheItemDoesNotHave_isRefused() {
        String json = MOOD.replace(
                "\"when\": [{\"question\": \"low-mood\", \"operator\": \">=\", \"answer\": 2}]",
                "\"when\": [{\"question\": \"sad\", \"operator\": \"=\", \"answer\": \"sometimes\"}]");

        assertThat(reasons(json))
                .singleElement()
                .asString()
                .contains("needs[mood].when[sad]")
                .contains("option codes");
    }
}
