package org.cairn.platform.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Builds problems for the failures no service raises on purpose, and logs the faults among them
 * without client data: a 5xx is logged with an error id, the exception's class and its stack frames,
 * never its message (database and parser messages quote the values they choked on).
 */
public final class ProblemResponses {

    private static final Logger LOG = Logger.getLogger(ProblemResponses.class);

    /**
     * Seconds a 503's Retry-After asks for, wherever Cairn answers one: something the answer needs
     * (a service, the database, the identity provider) is out of reach for a moment.
     */
    public static final String RETRY_AFTER_UNAVAILABLE = "5";

    private static final Map<Integer, String> TITLES = Map.ofEntries(
            Map.entry(400, "Bad request"),
            Map.entry(401, "Unauthorized"),
            Map.entry(403, "Forbidden"),
            Map.entry(404, "Not found"),
            Map.entry(405, "Method not allowed"),
            Map.entry(406, "Not acceptable"),
            Map.entry(409, "Conflict"),
            Map.entry(412, "Precondition failed"),
            Map.entry(413, "Request body too large"),
            Map.entry(415, "Unsupported media type"),
            Map.entry(422, "Unprocessable request"),
            Map.entry(428, "Precondition required"),
            Map.entry(429, "Too many requests"),
            Map.entry(500, "Internal error"),
            Map.entry(503, "Service unavailable"));

    private static final Map<Integer, String> SLUGS = Map.ofEntries(
            Map.entry(400, "bad-request"),
            Map.entry(401, "unauthorized"),
            Map.entry(403, "forbidden"),
            Map.entry(404, "not-found"),
            Map.entry(405, "method-not-allowed"),
            Map.entry(406, "not-acceptable"),
            Map.entry(409, "conflict"),
            Map.entry(413, "body-too-large"),
            Map.entry(415, "unsupported-media-type"),
            Map.entry(422, "unprocessable"),
            Map.entry(429, "too-many-requests"),
            Map.entry(500, "internal-error"),
            Map.entry(503, "unavailable"));

    private ProblemResponses() {}

    public static Problem of(ProblemException e, String requestId) {
        return new Problem(
                Problem.TYPE_PREFIX + e.slug(),
                e.title(),
                e.status(),
                e.getMessage(),
                instance(requestId),
                e.errors(),
                e.extensions());
    }

    public static Problem of(
            int status, String slug, String detail, String requestId, List<Problem.FieldError> errors) {
        return new Problem(Problem.TYPE_PREFIX + slug, title(status), status, detail, instance(requestId), errors);
    }

    /** A problem of a bare status, with the standard wording. */
    public static Problem ofStatus(int status, String detail, String requestId) {
        return of(
                status,
                SLUGS.getOrDefault(status, status >= 500 ? "internal-error" : "bad-request"),
                detail,
                requestId,
                null);
    }

    /** A 500 that reveals nothing; the fault is logged under an error id the body quotes. */
    public static Problem internalError(Throwable fault, String requestId) {
        String errorId = UUID.randomUUID().toString();
        LOG.errorf(
                "Unhandled %s [error %s, request %s]%s", fault.getClass().getName(), errorId, requestId, frames(fault));
        return new Problem(
                Problem.TYPE_PREFIX + "internal-error",
                title(500),
                500,
                "Something went wrong on our side. Quote error " + errorId + " to the operators.",
                instance(requestId),
                null);
    }

    public static String title(int status) {
        return TITLES.getOrDefault(status, status >= 500 ? "Server error" : "Client error");
    }

    public static String json(ObjectMapper mapper, Problem problem) {
        try {
            return mapper.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            return "{\"status\":" + problem.status() + "}";
        }
    }

    private static String instance(String requestId) {
        return requestId == null ? null : "urn:cairn:request:" + requestId;
    }

    /** The cause chain as class names and frames, without any exception message. */
    private static String frames(Throwable fault) {
        StringBuilder out = new StringBuilder();
        int depth = 0;
        for (Throwable t = fault; t != null && depth < 5; t = t.getCause(), depth++) {
            out.append(depth == 0 ? "\n" : "\nCaused by ").append(t.getClass().getName());
            StackTraceElement[] trace = t.getStackTrace();
            for (int i = 0; i < Math.min(trace.length, 12); i++) {
                out.append("\n\tat ").append(trace[i]);
            }
        }
        return out.toString();
    }
}
