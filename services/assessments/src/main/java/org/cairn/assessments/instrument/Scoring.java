package org.cairn.assessments.instrument;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.cairn.contracts.vocabulary.NeedDomain;

/**
 * Applies an instrument's rules to a set of answers: which items are asked, which required ones are
 * still unanswered, the scales' scores and bands, the risks raised and the needs identified. Pure
 * functions of the definition and the answers, so the same answers to the same version always give
 * the same result.
 */
public final class Scoring {

    private Scoring() {}

    /**
     * The items that are asked given these answers, in order. An item whose conditions refer to an
     * item that is not asked is not asked either: the validator only lets conditions refer to earlier
     * items, so one pass decides them all.
     */
    public static Set<String> enabledItems(Instrument instrument, Map<String, Answer> answers) {
        Set<String> enabled = new LinkedHashSet<>();
        Map<String, Answer> effective = new LinkedHashMap<>();
        for (Instrument.Item item : instrument.item()) {
            if (holds(instrument, item.enableWhen(), item.enableBehavior(), effective, Map.of())) {
                enabled.add(item.linkId());
                Answer answer = answers.get(item.linkId());
                if (answer != null) {
                    effective.put(item.linkId(), answer);
                }
            }
        }
        return enabled;
    }

    /** The answers to asked items only; answers to items that are not asked count for nothing. */
    public static Map<String, Answer> effectiveAnswers(Instrument instrument, Map<String, Answer> answers) {
        Map<String, Answer> effective = new LinkedHashMap<>();
        for (String linkId : enabledItems(instrument, answers)) {
            Answer answer = answers.get(linkId);
            if (answer != null) {
                effective.put(linkId, answer);
            }
        }
        return effective;
    }

    /** Required items that are asked and not yet answered, in order. */
    public static List<String> missingRequired(Instrument instrument, Map<String, Answer> answers) {
        List<String> missing = new ArrayList<>();
        Set<String> enabled = enabledItems(instrument, answers);
        for (Instrument.Item item : instrument.item()) {
            if (item.required() && enabled.contains(item.linkId()) && !answers.containsKey(item.linkId())) {
                missing.add(item.linkId());
            }
        }
        return missing;
    }

    /** Scores, bands, risks and needs of these answers (answers to items not asked are ignored). */
    public static Result score(Instrument instrument, Map<String, Answer> answers) {
        Map<String, Answer> effective = effectiveAnswers(instrument, answers);
        Map<String, Integer> scores = new LinkedHashMap<>();
        List<Result.ScaleScore> scales = new ArrayList<>();
        for (Instrument.Scale scale : instrument.scoring()) {
            int score = 0;
            int answered = 0;
            for (String linkId : scale.items()) {
                Answer answer = effective.get(linkId);
                if (answer instanceof Answer.Choice choice) {
                    Instrument.Item item = instrument.item(linkId).orElseThrow();
                    score += optionScore(
                            item, choice.codes().get(0), scale.reversed().contains(linkId));
                    answered++;
                }
            }
            Integer total = answered == scale.items().size() ? score : null;
            if (total != null) {
                // Only a complete scale's score reaches the rules.
                scores.put(scale.id(), total);
            }
            Optional<Instrument.Band> band = total == null
                    ? Optional.empty()
                    : scale.bands().stream()
                            .filter(b -> b.min() <= total && total <= b.max())
                            .findFirst();
            scales.add(new Result.ScaleScore(
                    scale.id(),
                    scale.title(),
                    total,
                    minScore(instrument, scale),
                    maxScore(instrument, scale),
                    answered,
                    scale.items().size(),
                    band.map(Instrument.Band::code).orElse(null),
                    band.map(Instrument.Band::display).orElse(null)));
        }
        List<Result.RaisedRisk> risks = new ArrayList<>();
        for (Instrument.RiskRule rule : instrument.risk()) {
            if (holds(instrument, rule.when(), rule.behavior(), effective, scores)) {
                risks.add(new Result.RaisedRisk(rule.id(), rule.title(), rule.severity()));
            }
        }
        Map<NeedDomain, List<String>> needs = new LinkedHashMap<>();
        for (Instrument.NeedRule rule : instrument.needs()) {
            if (holds(instrument, rule.when(), rule.behavior(), effective, scores)) {
                needs.computeIfAbsent(rule.domain(), d -> new ArrayList<>()).add(rule.id());
            }
        }
        return new Result(
                scales,
                risks,
                needs.entrySet().stream()
                        .map(e -> new Result.IdentifiedNeed(e.getKey(), e.getValue()))
                        .toList());
    }

    static int optionScore(Instrument.Item item, String code, boolean reversed) {
        int score = item.option(code).orElseThrow().score();
        if (!reversed) {
            return score;
        }
        int min = item.answerOption().stream()
                .mapToInt(Instrument.AnswerOption::score)
                .min()
                .orElse(0);
        int max = item.answerOption().stream()
                .mapToInt(Instrument.AnswerOption::score)
                .max()
                .orElse(0);
        return min + max - score;
    }

    /** The least score a scale can have: every item answered with its lowest-scoring option. */
    public static int minScore(Instrument instrument, Instrument.Scale scale) {
        return bound(instrument, scale, false);
    }

    /** The greatest score a scale can have. */
    public static int maxScore(Instrument instrument, Instrument.Scale scale) {
        return bound(instrument, scale, true);
    }

    private static int bound(Instrument instrument, Instrument.Scale scale, boolean greatest) {
        return scale.items().stream()
                .map(id -> instrument.item(id).orElseThrow())
                .mapToInt(item -> {
                    var scores = item.answerOption().stream().mapToInt(Instrument.AnswerOption::score);
                    return (greatest ? scores.max() : scores.min()).orElse(0);
                })
                .sum();
    }

    private static boolean holds(
            Instrument instrument,
            List<Instrument.Condition> conditions,
            Instrument.Behavior behavior,
            Map<String, Answer> answers,
            Map<String, Integer> scores) {
        if (conditions.isEmpty()) {
            return true;
        }
        boolean any = behavior == Instrument.Behavior.any;
        for (Instrument.Condition condition : conditions) {
            boolean holds = holds(instrument, condition, answers, scores);
            if (any && holds) {
                return true;
            }
            if (!any && !holds) {
                return false;
            }
        }
        return !any;
    }

    private static boolean holds(
            Instrument instrument,
            Instrument.Condition condition,
            Map<String, Answer> answers,
            Map<String, Integer> scores) {
        Instrument.Operator op = condition.operator();
        Object operand = condition.answer();
        if (scores.containsKey(condition.question())) {
            return compare(BigDecimal.valueOf(scores.get(condition.question())), op, number(operand));
        }
        Answer answer = answers.get(condition.question());
        if (op == Instrument.Operator.EXISTS) {
            return (answer != null) == Boolean.TRUE.equals(operand);
        }
        if (answer == null) {
            return false;
        }
        if (answer instanceof Answer.Choice choice) {
            if (op.isOrdering()) {
                Instrument.Item item = instrument.item(condition.question()).orElseThrow();
                int score = optionScore(item, choice.codes().get(0), false);
                return compare(BigDecimal.valueOf(score), op, number(operand));
            }
            boolean chosen = choice.codes().contains(String.valueOf(operand));
            return op == Instrument.Operator.EQUALS ? chosen : !chosen;
        }
        if (answer instanceof Answer.YesNo yesNo) {
            return (yesNo.value() == Boolean.TRUE.equals(operand)) == (op == Instrument.Operator.EQUALS);
        }
        if (answer instanceof Answer.Number n) {
            return compare(n.value(), op, number(operand));
        }
        if (answer instanceof Answer.Date d) {
            return compare(d.value(), op, LocalDate.parse(String.valueOf(operand)));
        }
        Answer.Text text = (Answer.Text) answer;
        return text.value().equals(String.valueOf(operand)) == (op == Instrument.Operator.EQUALS);
    }

    static BigDecimal number(Object operand) {
        return operand instanceof java.lang.Number n
                ? new BigDecimal(n.toString())
                : new BigDecimal(operand.toString());
    }

    private static <T extends Comparable<T>> boolean compare(T value, Instrument.Operator op, T operand) {
        int c = value.compareTo(operand);
        return switch (op) {
            case EQUALS -> c == 0;
            case NOT_EQUALS -> c != 0;
            case GREATER -> c > 0;
            case GREATER_OR_EQUAL -> c >= 0;
            case LESS -> c < 0;
            case LESS_OR_EQUAL -> c <= 0;
            case EXISTS -> throw new IllegalStateException("exists is decided before comparing");
        };
    }
}
