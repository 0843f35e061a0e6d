package org.cairn.platform.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.quarkus.oidc.OIDCException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.inject.Instance;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.cairn.platform.agency.AgencyContext;
import org.cairn.platform.agency.Caller;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every exception that reaches a resource boundary into an RFC 9457 problem. Bad input, in
 * any form, is a 4xx with a body saying what to fix; only a fault of Cairn's own is a 500, and that
 * one reveals nothing.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    private final AgencyContext agency;
    private final Instance<DeniedAccessLog> deniedAccess;
    private final Instance<FaultClassifier> faults;

    ProblemMappers(AgencyContext agency, Instance<DeniedAccessLog> deniedAccess, Instance<FaultClassifier> faults) {
        this.agency = agency;
        this.deniedAccess = deniedAccess;
        this.faults = faults;
    }

    /**
     * A problem the service raised. A 404 for an id an authenticated caller asked for is also logged
     * as a denied access where the application keeps such a log (the services' audit trail), without
     * telling the caller anything more; if that record cannot be written, the answer goes out all the
     * same.
     */
    @ServerExceptionMapper
    public Uni<RestResponse<Problem>> problem(ProblemException e) {
        RestResponse<Problem> response = respond(ProblemResponses.of(e, requestId()));
        if (e.status() == 503) {
            // something the answer needs is out of reach for now: say when to try again
            retryLater(response);
        }
        if (!(e instanceof NotFoundProblem notFound)
                || agency.current().isEmpty()
                || agency.current().get().userId().startsWith("service:")
                || !deniedAccess.isResolvable()) {
            return Uni.createFrom().item(response);
        }
        return deniedAccess
                .get()
                .record(agency.current().get(), notFound)
                .onFailure()
                .invoke(f -> LOG.warnf(
                        "A denied access could not be audited: %s", f.getClass().getName()))
                .onFailure()
                .recoverWithNull()
                .replaceWith(response);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> invalid(ConstraintViolationException e) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(field(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        return respond(ProblemResponses.of(
                400, "validation", "The request has fields that are not valid.", requestId(), errors));
    }

    @ServerExceptionMapper({
        JsonProcessingException.class,
        StreamReadException.class,
        JsonMappingException.class,
        MismatchedInputException.class,
        UnrecognizedPropertyException.class,
        ValueInstantiationException.class
    })
    public RestResponse<Problem> json(JsonProcessingException e) {
        return respond(json(e, requestId()));
    }

    @ServerExceptionMapper
    public RestResponse<Problem> web(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return respond(json(json, requestId()));
        }
        // JAX-RS answers 404 when a query or path parameter cannot be converted; a converter of ours
        // says what is wrong, and an unreadable date is the caller's mistake, not a missing resource.
        if (e.getCause() instanceof ProblemException problem) {
            return respond(ProblemResponses.of(problem, requestId()));
        }
        if (e.getCause() instanceof java.time.format.DateTimeParseException) {
            return respond(ProblemResponses.of(
                    400,
                    "invalid-parameter",
                    "A date parameter is not an ISO-8601 date (yyyy-mm-dd).",
                    requestId(),
                    null));
        }
        int status = e.getResponse().getStatus();
        if (status == 503) {
            RestResponse<Problem> unavailable = respond(
                    ProblemResponses.ofStatus(503, "The service cannot answer right now; retry shortly.", requestId()));
            return retryLater(unavailable);
        }
        if (status >= 500) {
            return respond(ProblemResponses.internalError(e, requestId()));
        }
        RestResponse<Problem> response = respond(ProblemResponses.ofStatus(status, detail(status), requestId()));
        Object allow = e.getResponse().getHeaders().getFirst(HttpHeaders.ALLOW);
        if (allow != null) {
            response.getHeaders().putSingle(HttpHeaders.ALLOW, allow);
        }
        return response;
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public RestResponse<Problem> unauthorized(RuntimeException e) {
        RestResponse<Problem> response = respond(ProblemResponses.ofStatus(401, detail(401), requestId()));
        response.getHeaders().putSingle(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        return response;
    }

    /**
     * Quarkus OIDC raises this when it cannot use the identity provider at all (it could not reach it
     * at startup, or cannot fetch its keys now); a token that merely fails to verify is an
     * AuthenticationFailedException. A passing outage: 503, so clients retry.
     */
    @ServerExceptionMapper
    public RestResponse<Problem> identityProviderDown(OIDCException e) {
        LOG.warnf("Identity provider unusable: %s", e.getMessage());
        RestResponse<Problem> response = respond(ProblemResponses.of(
                503,
                "identity-provider-unavailable",
                "Tokens cannot be verified right now because the identity provider does not answer; retry shortly.",
                requestId(),
                null));
        return retryLater(response);
    }

    /** A 503 says when to try again. */
    private static <T> RestResponse<T> retryLater(RestResponse<T> response) {
        response.getHeaders().putSingle(HttpHeaders.RETRY_AFTER, ProblemResponses.RETRY_AFTER_UNAVAILABLE);
        return response;
    }

    @ServerExceptionMapper
    public RestResponse<Problem> forbidden(ForbiddenException e) {
        return respond(ProblemResponses.ofStatus(403, detail(403), requestId()));
    }

    @ServerExceptionMapper
    public RestResponse<Problem> fault(Throwable e) {
        Problem known = null;
        for (FaultClassifier classifier : faults) {
            known = known != null ? known : classifier.classify(e, requestId());
        }
        return respond(known != null ? known : ProblemResponses.internalError(e, requestId()));
    }

    static Problem json(JsonProcessingException e, String requestId) {
        if (e instanceof InvalidDefinitionException) {
            return ProblemResponses.internalError(e, requestId);
        }
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining("."))
                    .replace(".[", "[");
            String message = e instanceof UnrecognizedPropertyException
                    ? "is not a known field"
                    : "has a value of the wrong type or format";
            return ProblemResponses.of(
                    400,
                    "malformed-json",
                    "The request body does not match the expected shape.",
                    requestId,
                    List.of(new Problem.FieldError(field, message)));
        }
        return ProblemResponses.of(400, "malformed-json", "The request body is not valid JSON.", requestId, null);
    }

    /** The standard wording of a bare status's problem detail. */
    public static String detail(int status) {
        return switch (status) {
            case 401 -> "A valid bearer token of this network is required.";
            case 403 -> "You are not allowed to do this.";
            case 404 -> "There is nothing at this address.";
            case 405 -> "This address does not accept that method.";
            case 406 -> "This address cannot answer in the requested media type.";
            case 413 -> "The request body is larger than this service accepts.";
            case 415 -> "This address does not accept that content type; send application/json.";
            default -> ProblemResponses.title(status) + ".";
        };
    }

    /** The path of a violated field as the caller wrote it: without the method and parameter. */
    static String field(ConstraintViolation<?> violation) {
        List<String> nodes = new ArrayList<>();
        for (Path.Node node : violation.getPropertyPath()) {
            switch (node.getKind()) {
                case METHOD, CONSTRUCTOR, RETURN_VALUE, CROSS_PARAMETER -> {}
                case PARAMETER -> {
                    if (isRequestParameter(violation)) {
                        nodes.add(node.getName());
                    }
                }
                default -> {
                    String name = node.getName() == null ? "" : node.getName();
                    nodes.add(node.getIndex() != null ? name + "[" + node.getIndex() + "]" : name);
                }
            }
        }
        return nodes.stream().filter(n -> !n.isEmpty()).collect(Collectors.joining("."));
    }

    /** A violated parameter that is not a body (a query or path parameter) is named itself. */
    private static boolean isRequestParameter(ConstraintViolation<?> violation) {
        int depth = 0;
        for (Path.Node ignored : violation.getPropertyPath()) {
            depth++;
        }
        return depth <= 2;
    }

    private String requestId() {
        return agency.current().map(Caller::requestId).orElse(null);
    }

    private static RestResponse<Problem> respond(Problem problem) {
        return RestResponse.ResponseBuilder.<Problem>create(problem.status())
                .entity(problem)
                .type(Problem.MEDIA_TYPE)
                .build();
    }
}
