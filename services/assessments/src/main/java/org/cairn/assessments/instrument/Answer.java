package org.cairn.assessments.instrument;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * One item's answer, checked against the item: a choice of its options, a number in its range, text
 * within its length, a date, or yes/no. {@link #of} is the only way to make one, so an answer that
 * exists is one its item accepts.
 */
public sealed interface Answer {

    /** The answer as it is stored and returned: a code (or list of codes), number, text, date or boolean. */
    JsonNode toJson();

    /** Chosen options' codes, in the order given, without repeats. */
    record Choice(List<String> codes) implements Answer {
        public Choice {
            codes = List.copyOf(codes);
        }

        @Override
        public JsonNode toJson() {
            if (codes.size() == 1) {
                return JsonNodeFactory.instance.textNode(codes.get(0));
            }
            var array = JsonNodeFactory.instance.arrayNode();
            codes.forEach(array::add);
            return array;
        }
    }

    record Number(BigDecimal value) implements Answer {
        @Override
        public JsonNode toJson() {
            return JsonNodeFactory.instance.numberNode(value);
        }
    }

    record Text(String value) implements Answer {
        @Override
        public JsonNode toJson() {
            return JsonNodeFactory.instance.textNode(value);
        }
    }

    record Date(LocalDate value) implements Answer {
        @Override
        public JsonNode toJson() {
            return JsonNodeFactory.instance.textNode(value.toString());
        }
    }

    record YesNo(boolean value) implements Answer {
        @Override
        public JsonNode toJson() {
            return JsonNodeFactory.instance.booleanNode(value);
        }
    }

    /** Longest free-text answer an item without its own {@code maxLength} accepts. */
    int DEFAULT_MAX_LENGTH = 4000;

    /**
     * The answer {@code value} gives to {@code item}.
     *
     * @throws InvalidAnswerException when the item does not accept it; the message says why and
     *     never repeats the value (free text may say anything about the client)
     */
    static Answer of(Instrument.Item item, JsonNode value) {
        return switch (item.type()) {
            case choice -> choice(item, value);
            case integer, decimal -> number(item, value);
            case string, text -> text(item, value);
            case date -> date(item, value);
            case yesNo -> {
                if (!value.isBoolean()) {
                    throw new InvalidAnswerException(item.linkId(), "takes true or false");
                }
                yield new YesNo(value.booleanValue());
            }
        };
    }

    private static Answer choice(Instrument.Item item, JsonNode value) {
        List<JsonNode> given = new ArrayList<>();
        if (value.isArray()) {
            value.forEach(given::add);
        } else {
            given.add(value);
        }
        if (given.isEmpty()) {
            throw new InvalidAnswerException(item.linkId(), "needs at least one option");
        }
        if (given.size() > 1 && !item.repeats()) {
            throw new InvalidAnswerException(item.linkId(), "takes one option, not several");
        }
        LinkedHashSet<String> codes = new LinkedHashSet<>();
        for (JsonNode node : given) {
            if (!node.isTextual() || item.option(node.textValue()).isEmpty()) {
                throw new InvalidAnswerException(
                        item.linkId(),
                        "takes one of the codes "
                                + item.answerOption().stream()
                                        .map(Instrument.AnswerOption::code)
                                        .toList());
            }
            codes.add(node.textValue());
        }
        return new Choice(List.copyOf(codes));
    }

    private static Answer number(Instrument.Item item, JsonNode value) {
        if (!value.isNumber()
                || (value.isFloatingPointNumber() && !value.isBigDecimal() && !Double.isFinite(value.doubleValue()))) {
            throw new InvalidAnswerException(item.linkId(), "takes a finite number");
        }
        BigDecimal number = value.decimalValue();
        if (item.type() == Instrument.ItemType.integer
                && number.stripTrailingZeros().scale() > 0) {
            throw new InvalidAnswerException(item.linkId(), "takes a whole number");
        }
        if (item.minValue() != null && number.compareTo(item.minValue()) < 0
                || item.maxValue() != null && number.compareTo(item.maxValue()) > 0) {
            throw new InvalidAnswerException(
                    item.linkId(), "takes a number from " + item.minValue() + " to " + item.maxValue());
        }
        return new Number(number);
    }

    private static Answer text(Instrument.Item item, JsonNode value) {
        if (!value.isTextual() || value.textValue().isBlank()) {
            throw new InvalidAnswerException(item.linkId(), "takes non-blank text");
        }
        int max = item.maxLength() == null ? DEFAULT_MAX_LENGTH : item.maxLength();
        if (value.textValue().length() > max) {
            throw new InvalidAnswerException(item.linkId(), "takes at most " + max + " characters");
        }
        return new Text(value.textValue());
    }

    private static Answer date(Instrument.Item item, JsonNode value) {
        try {
            if (value.isTextual()) {
                return new Date(LocalDate.parse(value.textValue()));
            }
        } catch (DateTimeParseException e) {
            // answered below
        }
        throw new InvalidAnswerException(item.linkId(), "takes a date (YYYY-MM-DD)");
    }
}
