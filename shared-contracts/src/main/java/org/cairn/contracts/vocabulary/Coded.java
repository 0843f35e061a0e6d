package org.cairn.contracts.vocabulary;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * A value of a shared vocabulary. Its code is the one spelling used in APIs, events, JSON Schemas and
 * databases: the constant's name in lower case with dashes ({@code SUBSTANCE_USE_PART2} is
 * {@code substance-use-part2}). Deriving the code from the name keeps the Java enum and the schema enum
 * from drifting apart letter by letter; the contract test checks the schema side.
 */
public interface Coded {

    /** The constant's name, as every enum has. */
    String name();

    @JsonValue
    default String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The constant of {@code type} spelled {@code code}; an unknown code is an {@link IllegalArgumentException}. */
    static <E extends Enum<E> & Coded> E fromCode(Class<E> type, String code) {
        for (E value : type.getEnumConstants()) {
            if (value.code().equals(code)) {
                return value;
            }
        }
        throw new IllegalArgumentException("unknown " + type.getSimpleName() + " code: " + code);
    }

    /** Every code of {@code type}, in declaration order. */
    static <E extends Enum<E> & Coded> java.util.List<String> codes(Class<E> type) {
        return java.util.Arrays.stream(type.getEnumConstants()).map(Coded::code).toList();
    }
}
