package org.cairn.assessments.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.cairn.assessments.instrument.Result;
import org.cairn.contracts.events.EventJson;

/**
 * Reading back what this service stored: JSON columns it wrote itself (so a failure is a fault of
 * ours, reported without the content) and timestamps as native queries return them.
 */
public final class StoredJson {

    private StoredJson() {}

    public static JsonNode tree(String json) {
        try {
            return EventJson.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is not readable");
        }
    }

    public static Result result(String json) {
        try {
            return EventJson.mapper().readValue(json, Result.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored result is not readable");
        }
    }

    /** A {@code timestamptz} column of a native query's row. */
    public static Instant instant(Object value) {
        if (value instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (value instanceof Instant i) {
            return i;
        }
        return value == null ? null : ((LocalDateTime) value).toInstant(ZoneOffset.UTC);
    }
}
