package org.cairn.assessments.instrument;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads an instrument definition and checks everything its rules rely on, so scoring a published
 * version can never meet a reference to nothing, an unscored option or a score outside every band.
 * All problems are reported at once, each naming where it is.
 */
public final class InstrumentValidator {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]{0,31}");
    private static final Pattern LINK_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    /** Strict: a misspelt field or an unknown enum value is a reason, not something ignored. */
    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final List<String> reasons = new ArrayList<>();

    private InstrumentValidator() {}

    /** The definition in {@code json}, valid. */
    public static Instrument parse(String json) {
        Instrument instrument;
        try {
            instrument = STRICT.readValue(json, Instrument.class);
        } catch (JsonMappingException e) {
            String path = e.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining("."))
                    .replace(".[", "[");
            throw new InvalidDefinitionException(List.of((path.isEmpty() ? "" : path + ": ") + e.getOriginalMessage()));
        } catch (JsonProcessingException e) {
            throw new InvalidDefinitionException(List.of("not valid JSON: " + e.getOriginalMessage()));
        }
        if (instrument == null) {
            throw new InvalidDefinitionException(List.of("definition: a JSON object is required"));
        }
        validate(instrument);
        return instrument;
    }

    /** Throws {@link InvalidDefinitionException} with every problem of {@code instrument}. */
    public static void validate(Instrument instrument) {
        InstrumentValidator v = new InstrumentValidator();
        v.check(instrument);
        if (!v.reasons.isEmpty()) {
            throw new InvalidDefinitionException(v.reasons);
        }
    }

    /** The JSON of a definition as it is stored. */
    public static String toJson(Instrument instrument) {
        try {
            return STRICT.writeValueAsString(instrument);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an instrument definition could not be written as JSON", e);
        }
    }

    private void check(Instrument in) {
        if (!"Questionnaire".equals(in.resourceType())) {
            reason("resourceType: must be Questionnaire");
        }
        if (in.id() == null || !ID.matcher(in.id()).matches()) {
            reason("id: lower-case letters, digits and dashes, at most 63");
        }
        if (in.version() == null || !VERSION.matcher(in.version()).matches()) {
            reason("version: letters, digits, dots and dashes, at most 32");
        }
        text("title", in.title(), 200);
        if (in.sensitivity() == null) {
            reason("sensitivity: required (general, behavioral-health, ...)");
        }
        if (in.item().isEmpty()) {
            reason("item: at least one item is required");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < in.item().size(); i++) {
            Instrument.Item item = in.item().get(i);
            String at = "item[" + i + "]";
            if (item.linkId() == null || !LINK_ID.matcher(item.linkId()).matches()) {
                reason(at + ".linkId: letters, digits, dots, dashes and underscores, at most 64");
                continue;
            }
            at = "item[" + item.linkId() + "]";
            if (!seen.add(item.linkId())) {
                reason(at + ": linkId is used twice");
            }
            checkItem(in, item, at, Set.copyOf(seen));
        }
        Set<String> scales = new HashSet<>();
        for (Instrument.Scale scale : in.scoring()) {
            String at = "scoring[" + scale.id() + "]";
            if (scale.id() == null || !LINK_ID.matcher(scale.id()).matches()) {
                reason(at + ".id: letters, digits, dots, dashes and underscores");
                continue;
            }
            if (seen.contains(scale.id()) || !scales.add(scale.id())) {
                reason(at + ": id is already used by an item or another scale");
            }
            checkScale(in, scale, at);
        }
        Set<String> ruleIds = new HashSet<>();
        for (Instrument.RiskRule rule : in.risk()) {
            String at = "risk[" + rule.id() + "]";
            if (rule.id() == null || !LINK_ID.matcher(rule.id()).matches() || !ruleIds.add(rule.id())) {
                reason(at + ".id: required, unique among rules");
            }
            text(at + ".title", rule.title(), 500);
            if (rule.severity() == null) {
                reason(at + ".severity: required (low, moderate, high, imminent)");
            }
            checkConditions(in, rule.when(), at + ".when", seen, scales, true);
        }
        for (Instrument.NeedRule rule : in.needs()) {
            String at = "needs[" + rule.id() + "]";
            if (rule.id() == null || !LINK_ID.matcher(rule.id()).matches() || !ruleIds.add(rule.id())) {
                reason(at + ".id: required, unique among rules");
            }
            if (rule.domain() == null) {
                reason(at + ".domain: required");
            }
            checkConditions(in, rule.when(), at + ".when", seen, scales, true);
        }
    }

    private void checkItem(Instrument in, Instrument.Item item, String at, Set<String> earlier) {
        text(at + ".text", item.text(), 1000);
        if (item.type() == null) {
            reason(at + ".type: required (choice, integer, decimal, string, text, date, boolean)");
            return;
        }
        if (item.type() == Instrument.ItemType.choice) {
            if (item.answerOption().isEmpty()) {
                reason(at + ".answerOption: a choice needs options");
            }
            Set<String> codes = new HashSet<>();
            for (Instrument.AnswerOption option : item.answerOption()) {
                if (option.code() == null
                        || option.code().isBlank()
                        || option.code().length() > 64) {
                    reason(at + ".answerOption: every option needs a code of at most 64 characters");
                } else if (!codes.add(option.code())) {
                    reason(at + ".answerOption[" + option.code() + "]: code is used twice");
                }
                text(at + ".answerOption[" + option.code() + "].display", option.display(), 500);
            }
        } else {
            if (!item.answerOption().isEmpty() || item.repeats()) {
                reason(at + ": only a choice has answerOption or repeats");
            }
        }
        if (item.isNumber()) {
            if (item.minValue() != null
                    && item.maxValue() != null
                    && item.minValue().compareTo(item.maxValue()) > 0) {
                reason(at + ": minValue is above maxValue");
            }
        } else if (item.minValue() != null || item.maxValue() != null) {
            reason(at + ": only a number has minValue or maxValue");
        }
        if (item.maxLength() != null) {
            boolean text = item.type() == Instrument.ItemType.string || item.type() == Instrument.ItemType.text;
            if (!text || item.maxLength() < 1 || item.maxLength() > Answer.DEFAULT_MAX_LENGTH) {
                reason(at + ".maxLength: only text has one, from 1 to " + Answer.DEFAULT_MAX_LENGTH);
            }
        }
        Set<String> before = new HashSet<>(earlier);
        before.remove(item.linkId());
        checkConditions(in, item.enableWhen(), at + ".enableWhen", before, Set.of(), false);
    }

    private void checkScale(Instrument in, Instrument.Scale scale, String at) {
        text(at + ".title", scale.title(), 200);
        if (scale.items().isEmpty()) {
            reason(at + ".items: a scale sums at least one item");
            return;
        }
        boolean itemsOk = true;
        Set<String> unique = new HashSet<>();
        for (String linkId : scale.items()) {
            Instrument.Item item = in.item(linkId).orElse(null);
            if (!unique.add(linkId)) {
                reason(at + ".items: " + linkId + " is listed twice");
            }
            if (item == null) {
                reason(at + ".items: no item " + linkId);
                itemsOk = false;
            } else if (item.type() != Instrument.ItemType.choice
                    || item.repeats()
                    || item.answerOption().isEmpty()
                    || item.answerOption().stream().anyMatch(o -> o.score() == null)) {
                reason(at + ".items: " + linkId + " is not a single choice with a score on every option");
                itemsOk = false;
            }
        }
        for (String linkId : scale.reversed()) {
            if (!scale.items().contains(linkId)) {
                reason(at + ".reversed: " + linkId + " is not one of the scale's items");
            }
        }
        if (!itemsOk || scale.bands().isEmpty()) {
            return;
        }
        int min = Scoring.minScore(in, scale);
        int max = Scoring.maxScore(in, scale);
        int next = min;
        Set<String> codes = new HashSet<>();
        for (Instrument.Band band : scale.bands()) {
            if (band.min() != next || band.max() < band.min()) {
                reason(at + ".bands: band " + band.code() + " must start at " + next + " and not end before it");
                return;
            }
            if (band.code() == null || band.code().isBlank() || !codes.add(band.code())) {
                reason(at + ".bands: every band needs a code of its own");
            }
            text(at + ".bands[" + band.code() + "].display", band.display(), 200);
            next = band.max() + 1;
        }
        if (next != max + 1) {
            reason(at + ".bands: the last band must end at the greatest possible score, " + max);
        }
    }

    private void checkConditions(
            Instrument in,
            List<Instrument.Condition> conditions,
            String at,
            Set<String> items,
            Set<String> scales,
            boolean required) {
        if (required && conditions.isEmpty()) {
            reason(at + ": a rule needs at least one condition");
        }
        Map<String, Instrument.Item> byId = in.itemsById();
        for (Instrument.Condition c : conditions) {
            String where = at + "[" + c.question() + "]";
            if (c.operator() == null) {
                reason(where + ".operator: required (exists, =, !=, >, >=, <, <=)");
                continue;
            }
            if (c.question() != null && scales.contains(c.question())) {
                if (c.operator() == Instrument.Operator.EXISTS || !finite(c.answer())) {
                    reason(where + ": a scale is compared with a number");
                }
                continue;
            }
            if (c.question() == null || !items.contains(c.question())) {
                reason(where + ".question: "
                        + (scales.isEmpty() ? "must be an earlier item" : "must be an item or a scale"));
                continue;
            }
            Instrument.Item item = byId.get(c.question());
            if (c.operator() == Instrument.Operator.EXISTS) {
                if (!(c.answer() instanceof Boolean)) {
                    reason(where + ": exists takes true or false");
                }
                continue;
            }
            if (item.type() == null) {
                continue;
            }
            switch (item.type()) {
                case choice -> {
                    if (c.operator().isOrdering()) {
                        boolean scored =
                                !item.repeats() && item.answerOption().stream().allMatch(o -> o.score() != null);
                        if (!scored || !finite(c.answer())) {
                            reason(where + ": ordering compares the score of a single, scored choice with a number");
                        }
                    } else if (!(c.answer() instanceof String code)
                            || item.option(code).isEmpty()) {
                        reason(where + ": answer must be one of the item's option codes");
                    }
                }
                case yesNo -> {
                    if (c.operator().isOrdering() || !(c.answer() instanceof Boolean)) {
                        reason(where + ": a yes/no item is tested with = or != and true or false");
                    }
                }
                case integer, decimal -> {
                    if (!finite(c.answer())) {
                        reason(where + ": a number item is compared with a number");
                    }
                }
                case date -> {
                    if (!(c.answer() instanceof String s) || !isDate(s)) {
                        reason(where + ": a date item is compared with a date (YYYY-MM-DD)");
                    }
                }
                case string, text -> {
                    if (c.operator().isOrdering() || !(c.answer() instanceof String)) {
                        reason(where + ": a text item is tested with = or != and a text");
                    }
                }
            }
        }
    }

    /** A number that compares: {@code 1e400} reads as infinity, which no score or answer equals. */
    private static boolean finite(Object operand) {
        if (operand instanceof Double d) {
            return Double.isFinite(d);
        }
        if (operand instanceof Float f) {
            return Float.isFinite(f);
        }
        return operand instanceof Number;
    }

    private static boolean isDate(String s) {
        try {
            LocalDate.parse(s);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private void text(String at, String value, int max) {
        if (value == null || value.isBlank()) {
            reason(at + ": required");
        } else if (value.length() > max) {
            reason(at + ": at most " + max + " characters");
        }
    }

    private void reason(String reason) {
        reasons.add(reason);
    }
}
