package org.cairn.assessments.instrument;

import java.util.List;

/** A definition that cannot be published, with every reason found. */
public class InvalidDefinitionException extends RuntimeException {

    private final List<String> reasons;

    public InvalidDefinitionException(List<String> reasons) {
        super("the instrument definition is not valid: " + String.join("; ", reasons), null, false, false);
        this.reasons = List.copyOf(reasons);
    }

    public List<String> reasons() {
        return reasons;
    }
}
