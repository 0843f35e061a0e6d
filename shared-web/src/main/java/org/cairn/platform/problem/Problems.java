package org.cairn.platform.problem;

import java.util.List;

/** The problems services raise, one factory per kind, so every service spells them alike. */
public final class Problems {

    private Problems() {}

    /**
     * Nothing of this kind with this id exists for the caller. Another agency's object gets this
     * same answer, so a caller cannot tell "not yours" from "not there".
     */
    public static ProblemException notFound(String resourceType, Object id) {
        return new NotFoundProblem(resourceType, id);
    }

    public static ProblemException conflict(String slug, String detail) {
        return new ProblemException(409, slug, "Conflict", detail, null);
    }

    public static ProblemException forbidden(String slug, String detail) {
        return new ProblemException(403, slug, "Forbidden", detail, null);
    }

    public static ProblemException unauthorized() {
        return new ProblemException(
                401, "unauthorized", "Unauthorized", "A valid bearer token of this network is required.", null);
    }

    public static ProblemException badRequest(String slug, String detail) {
        return new ProblemException(400, slug, "Bad request", detail, null);
    }

    public static ProblemException invalid(List<Problem.FieldError> errors) {
        return new ProblemException(
                400, "validation", "Invalid request", "The request has fields that are not valid.", errors);
    }

    /** One field of the request is not valid, with why (a rule no annotation on the body expresses). */
    public static ProblemException invalid(String field, String message) {
        return invalid(List.of(new Problem.FieldError(field, message)));
    }

    /** The request is well formed but cannot be carried out as it stands. */
    public static ProblemException unprocessable(String slug, String detail) {
        return new ProblemException(422, slug, "Unprocessable request", detail, null);
    }
}
