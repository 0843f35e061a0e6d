package org.cairn.platform.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.cairn.platform.problem.Problems;
import org.jboss.resteasy.reactive.RestResponse;

/** A response as an idempotency key keeps it: status, JSON body and location; and its replay. */
record Stored(int status, String body, String location) {

    static Stored of(Object result, ObjectMapper mapper) throws JsonProcessingException {
        int status;
        Object entity;
        URI location;
        if (result instanceof RestResponse<?> response) {
            status = response.getStatus();
            entity = response.getEntity();
            location = response.getLocation();
        } else if (result instanceof Response response) {
            status = response.getStatus();
            entity = response.getEntity();
            location = response.getLocation();
        } else {
            status = result == null ? 204 : 200;
            entity = result;
            location = null;
        }
        return new Stored(
                status,
                entity == null ? null : mapper.writeValueAsString(entity),
                location == null ? null : location.toString());
    }

    /**
     * The stored answer again, marked as replayed; a key used before for another request (another
     * hash) is refused.
     */
    static RestResponse<Object> replay(
            String hash, String storedHash, int status, String body, String location, ObjectMapper mapper) {
        if (!hash.equals(storedHash)) {
            throw Problems.unprocessable(
                    "idempotency-key-reused", "This Idempotency-Key was already used for a different request.");
        }
        RestResponse.ResponseBuilder<Object> response =
                RestResponse.ResponseBuilder.create(status).header(IdempotencyInterceptor.REPLAYED_HEADER, "true");
        if (body != null) {
            try {
                response.entity(mapper.readTree(body)).type(MediaType.APPLICATION_JSON);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("stored idempotent response is not JSON", e);
            }
        }
        if (location != null) {
            response.location(URI.create(location));
        }
        return response.build();
    }
}
