package org.cairn.assessments.instrument;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.cairn.contracts.vocabulary.NeedDomain;
import org.cairn.contracts.vocabulary.RiskSeverity;
import org.cairn.contracts.vocabulary.SensitivityCategory;

/**
 * One version of a standard instrument, as data: its items, how the answers are scored, which
 * answers raise a risk alert and which identify a need. The JSON shape follows FHIR's Questionnaire
 * where FHIR has a word for the thing ({@code linkId}, {@code answerOption}, {@code enableWhen});
 * scoring, risk and need rules are Cairn's own, since FHIR leaves scoring to each implementer.
 * A published version never changes; {@link InstrumentValidator} checks a definition before it is
 * accepted.
 *
 * @param resourceType always {@code Questionnaire}
 * @param id the instrument's id, e.g. {@code phq-9}; the same across versions
 * @param version the version; with the id it names exactly one definition
 * @param title its name as its authors give it
 * @param code the instrument's codes (LOINC panel code where it has one)
 * @param sensitivity what category of client information its answers are; another agency reads
 *     them only under a consent naming it
 * @param copyright the authors' terms of use, if any
 * @param item the questions, in the order they are asked
 * @param scoring the scales computed at completion
 * @param risk rules whose firing raises a risk alert
 * @param needs rules whose firing identifies a need domain
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Instrument(
        String resourceType,
        String id,
        String version,
        String title,
        List<Coding> code,
        SensitivityCategory sensitivity,
        String copyright,
        List<Item> item,
        List<Scale> scoring,
        List<RiskRule> risk,
        List<NeedRule> needs) {

    public Instrument {
        code = code == null ? List.of() : List.copyOf(code);
        item = item == null ? List.of() : List.copyOf(item);
        scoring = scoring == null ? List.of() : List.copyOf(scoring);
        risk = risk == null ? List.of() : List.copyOf(risk);
        needs = needs == null ? List.of() : List.copyOf(needs);
    }

    /** Items by link id, in order. */
    public Map<String, Item> itemsById() {
        return item.stream()
                .filter(i -> i.linkId() != null)
                .collect(
                        Collectors.toMap(Item::linkId, Function.identity(), (a, b) -> a, java.util.LinkedHashMap::new));
    }

    public Optional<Item> item(String linkId) {
        return item.stream()
                .filter(i -> java.util.Objects.equals(i.linkId(), linkId))
                .findFirst();
    }

    public Optional<Scale> scale(String id) {
        return scoring.stream()
                .filter(s -> java.util.Objects.equals(s.id(), id))
                .findFirst();
    }

    /** A code in a code system, as FHIR writes it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Coding(String system, String code, String display) {}

    /** The kinds of answer an item takes. */
    public enum ItemType {
        choice,
        integer,
        decimal,
        string,
        text,
        date,
        @com.fasterxml.jackson.annotation.JsonProperty("boolean")
        yesNo
    }

    /**
     * A question.
     *
     * @param linkId its id within the instrument
     * @param code its codes (LOINC question code where it has one)
     * @param text the question as asked
     * @param type the kind of answer
     * @param required whether completion needs an answer (when the item is enabled)
     * @param repeats for a choice, whether several options may be chosen
     * @param answerOption for a choice, the options
     * @param minValue for a number, the least allowed value
     * @param maxValue for a number, the greatest allowed value
     * @param maxLength for text, the longest allowed answer
     * @param enableWhen conditions on earlier answers under which the item is asked; none means always
     * @param enableBehavior whether all conditions ({@code all}) or one ({@code any}) must hold
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Item(
            String linkId,
            List<Coding> code,
            String text,
            ItemType type,
            boolean required,
            boolean repeats,
            List<AnswerOption> answerOption,
            java.math.BigDecimal minValue,
            java.math.BigDecimal maxValue,
            Integer maxLength,
            List<Condition> enableWhen,
            Behavior enableBehavior) {

        public Item {
            code = code == null ? List.of() : List.copyOf(code);
            answerOption = answerOption == null ? List.of() : List.copyOf(answerOption);
            enableWhen = enableWhen == null ? List.of() : List.copyOf(enableWhen);
            // 100 and 1E+2 are one bound: the stored JSON (jsonb) writes numbers its own way.
            minValue = minValue == null ? null : minValue.stripTrailingZeros();
            maxValue = maxValue == null ? null : maxValue.stripTrailingZeros();
        }

        public Optional<AnswerOption> option(String code) {
            return answerOption.stream()
                    .filter(o -> java.util.Objects.equals(o.code(), code))
                    .findFirst();
        }

        @com.fasterxml.jackson.annotation.JsonIgnore
        public boolean isNumber() {
            return type == ItemType.integer || type == ItemType.decimal;
        }
    }

    /**
     * One option of a choice item.
     *
     * @param code its code (a LOINC answer code where there is one), unique within the item
     * @param display its text
     * @param score what it counts in the instrument's scales; absent for options no scale counts
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AnswerOption(String code, String display, Integer score) {}

    /** Whether all of a list of conditions must hold, or any one of them. */
    public enum Behavior {
        all,
        any
    }

    /** How a condition compares an answer with its operand. */
    public enum Operator {
        @com.fasterxml.jackson.annotation.JsonProperty("exists")
        EXISTS,
        @com.fasterxml.jackson.annotation.JsonProperty("=")
        EQUALS,
        @com.fasterxml.jackson.annotation.JsonProperty("!=")
        NOT_EQUALS,
        @com.fasterxml.jackson.annotation.JsonProperty(">")
        GREATER,
        @com.fasterxml.jackson.annotation.JsonProperty(">=")
        GREATER_OR_EQUAL,
        @com.fasterxml.jackson.annotation.JsonProperty("<")
        LESS,
        @com.fasterxml.jackson.annotation.JsonProperty("<=")
        LESS_OR_EQUAL;

        public boolean isOrdering() {
            return this == GREATER || this == GREATER_OR_EQUAL || this == LESS || this == LESS_OR_EQUAL;
        }
    }

    /**
     * A test of one answer, or of one scale's score. On a choice item, {@code =} and {@code !=} test
     * whether the option with the code {@code answer} was chosen, and the ordering operators compare
     * the chosen option's score; on a yes/no item {@code answer} is {@code true} or {@code false}; on a
     * number item or a scale, the operators compare numbers. {@code exists} with {@code true} holds
     * when the item has an answer.
     *
     * @param question an item's link id, or a scale's id (for risk and need rules only)
     * @param operator how to compare
     * @param answer the operand: a code, a number, {@code true} or {@code false}
     */
    public record Condition(String question, Operator operator, Object answer) {}

    /**
     * A score computed from the scores of chosen options.
     *
     * @param id its id within the instrument, e.g. {@code total}
     * @param title its name
     * @param code its codes (LOINC score code where there is one)
     * @param items the choice items it sums
     * @param reversed those of {@code items} scored in reverse (the highest option's score counts as
     *     the lowest)
     * @param bands severity bands: contiguous, without gaps or overlaps, from the least to the greatest
     *     possible score; none when the instrument defines none
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Scale(
            String id, String title, List<Coding> code, List<String> items, List<String> reversed, List<Band> bands) {

        public Scale {
            code = code == null ? List.of() : List.copyOf(code);
            items = items == null ? List.of() : List.copyOf(items);
            reversed = reversed == null ? List.of() : List.copyOf(reversed);
            bands = bands == null ? List.of() : List.copyOf(bands);
        }
    }

    /** A severity band of a scale: the scores from {@code min} to {@code max}, both included. */
    public record Band(int min, int max, String code, String display) {}

    /**
     * A rule that raises a risk alert when its conditions hold.
     *
     * @param id its id within the instrument
     * @param title what it means, for the person alerted
     * @param severity how urgent
     * @param when the conditions
     * @param behavior all or any of them
     */
    public record RiskRule(String id, String title, RiskSeverity severity, List<Condition> when, Behavior behavior) {

        public RiskRule {
            when = when == null ? List.of() : List.copyOf(when);
        }
    }

    /**
     * A rule that identifies a need when its conditions hold.
     *
     * @param id its id within the instrument
     * @param domain the need domain
     * @param when the conditions
     * @param behavior all or any of them
     */
    public record NeedRule(String id, NeedDomain domain, List<Condition> when, Behavior behavior) {

        public NeedRule {
            when = when == null ? List.of() : List.copyOf(when);
        }
    }
}
