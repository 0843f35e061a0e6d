package org.cairn.platform.problem;

import java.util.List;
import java.util.Map;

/**
 * Thrown by services for an answer that is the caller's to fix (or to know about): it becomes a
 * problem+json response with its status. It has no stack trace: it is an answer, not a fault.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String slug;
    private final String title;
    private final transient List<Problem.FieldError> errors;
    private final transient Map<String, Object> extensions;

    public ProblemException(int status, String slug, String title, String detail, List<Problem.FieldError> errors) {
        this(status, slug, title, detail, errors, Map.of());
    }

    public ProblemException(
            int status,
            String slug,
            String title,
            String detail,
            List<Problem.FieldError> errors,
            Map<String, Object> extensions) {
        super(detail, null, false, false);
        this.status = status;
        this.slug = slug;
        this.title = title;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
        this.extensions = extensions == null ? Map.of() : Map.copyOf(extensions);
    }

    /** Members this kind of problem adds to the standard ones. */
    public Map<String, Object> extensions() {
        return extensions;
    }

    public int status() {
        return status;
    }

    public String slug() {
        return slug;
    }

    public String title() {
        return title;
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }
}
