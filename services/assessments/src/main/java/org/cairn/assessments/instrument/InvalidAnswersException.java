package org.cairn.assessments.instrument;

import java.util.Map;

/** Answers that were refused: link id → why. Values are never repeated (free text is client data). */
public class InvalidAnswersException extends RuntimeException {

    private final Map<String, String> refused;

    public InvalidAnswersException(Map<String, String> refused) {
        super("answers refused for items " + refused.keySet(), null, false, false);
        this.refused = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(refused));
    }

    /** Why each refused item's answer was refused, by link id. */
    public Map<String, String> refused() {
        return refused;
    }
}
