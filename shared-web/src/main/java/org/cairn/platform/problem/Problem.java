package org.cairn.platform.problem;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * An RFC 9457 problem detail: the body of every 4xx and 5xx answer of Cairn. It says what went wrong
 * in words meant for the caller and never carries a stack trace, a class name or SQL.
 *
 * @param type a URI naming the kind of problem ({@code urn:cairn:problem:<slug>})
 * @param title a short summary of the kind, the same for every occurrence
 * @param status the HTTP status
 * @param detail what happened this time
 * @param instance the request's correlation id as a URN, to quote to operators
 * @param errors the fields that failed validation, if any
 * @param extensions further members of this kind of problem (RFC 9457 extension members)
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(
        String type,
        String title,
        int status,
        String detail,
        String instance,
        List<FieldError> errors,
        @JsonAnyGetter Map<String, Object> extensions) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_PREFIX = "urn:cairn:problem:";

    public Problem {
        errors = errors == null ? List.of() : List.copyOf(errors);
        extensions = extensions == null ? Map.of() : Map.copyOf(extensions);
    }

    public Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors) {
        this(type, title, status, detail, instance, errors, Map.of());
    }

    /** One field that failed validation: where it is in the request and what is wrong with it. */
    public record FieldError(String field, String message) {}
}
