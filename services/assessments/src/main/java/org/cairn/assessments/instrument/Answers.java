package org.cairn.assessments.instrument;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reading and writing a set of answers keyed by item link id. */
public final class Answers {

    private Answers() {}

    /**
     * The answers in {@code object} (link id → value), each checked against its item. A JSON null
     * stands for "no answer" and is left out.
     *
     * @throws InvalidAnswersException naming every item whose answer is refused, and why
     */
    public static Map<String, Answer> read(Instrument instrument, JsonNode object) {
        Map<String, Answer> answers = new LinkedHashMap<>();
        Map<String, String> refused = new LinkedHashMap<>();
        if (object == null || !object.isObject()) {
            refused.put("answers", "must be an object of item link ids to answers");
            throw new InvalidAnswersException(refused);
        }
        Map<String, Instrument.Item> items = instrument.itemsById();
        object.fields().forEachRemaining(field -> {
            Instrument.Item item = items.get(field.getKey());
            if (item == null) {
                refused.put(
                        field.getKey(), "is not an item of " + instrument.id() + " version " + instrument.version());
            } else if (!field.getValue().isNull()) {
                try {
                    answers.put(item.linkId(), Answer.of(item, field.getValue()));
                } catch (InvalidAnswerException e) {
                    refused.put(e.linkId(), e.getMessage().substring(("item " + e.linkId() + " ").length()));
                }
            }
        });
        if (!refused.isEmpty()) {
            throw new InvalidAnswersException(refused);
        }
        return answers;
    }

    /** The answers as a JSON object, in the instrument's item order. */
    public static ObjectNode toJson(Instrument instrument, Map<String, Answer> answers) {
        ObjectNode object = JsonNodeFactory.instance.objectNode();
        for (Instrument.Item item : instrument.item()) {
            Answer answer = answers.get(item.linkId());
            if (answer != null) {
                object.set(item.linkId(), answer.toJson());
            }
        }
        return object;
    }
}
