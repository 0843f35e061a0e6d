package org.cairn.assessments.instrument;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/** Answers written the way a client of the API writes them, for the scoring tests. */
final class Sheets {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Sheets() {}

    static Map<String, Answer> answers(Instrument instrument, Map<String, ?> raw) {
        JsonNode node = JSON.valueToTree(raw);
        return Answers.read(instrument, node);
    }

    /** Frequency answers (0 to 3) to items {@code prefix}1, {@code prefix}2, ... */
    static Map<String, Object> frequencies(String prefix, int... scores) {
        String[] codes = {"LA6568-5", "LA6569-3", "LA6570-1", "LA6571-9"};
        Map<String, Object> raw = new LinkedHashMap<>();
        for (int i = 0; i < scores.length; i++) {
            raw.put(prefix + (i + 1), codes[scores[i]]);
        }
        return raw;
    }

    static Result.ScaleScore scale(Result result, String id) {
        return result.scales().stream()
                .filter(s -> s.id().equals(id))
                .findFirst()
                .orElseThrow();
    }
}
