package org.cairn.platform.rest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.cairn.platform.problem.Problem;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Makes a service's OpenAPI document say what the platform does: every operation declares the RFC
 * 9457 problem answers (400, 401, 403, 404, 500, and 409/422 on writes) with the {@code Problem}
 * schema, and enums show their codes ({@code mental-health}), as the API reads and writes them,
 * rather than the Java constant names. Resources then declare only what is particular to them.
 */
public class CairnOpenApiFilter implements OASFilter {

    static final String SCHEMA_NAME = "Problem";

    /** Every Cairn enum is a coded vocabulary: constant {@code ON_HOLD} is written {@code on-hold}. */
    @Override
    public Schema filterSchema(Schema schema) {
        List<Object> values = schema.getEnumeration();
        if (values != null
                && !values.isEmpty()
                && values.stream().allMatch(v -> v instanceof String s && s.matches("[A-Z][A-Z0-9_]*"))) {
            List<Object> codes = new ArrayList<>();
            values.forEach(v -> codes.add(((String) v).toLowerCase(Locale.ROOT).replace('_', '-')));
            schema.setEnumeration(codes);
        }
        return schema;
    }

    @Override
    public void filterOpenAPI(OpenAPI api) {
        if (api.getComponents() == null) {
            api.setComponents(OASFactory.createComponents());
        }
        api.getComponents().addSchema(SCHEMA_NAME, problemSchema());
        if (api.getPaths() == null || api.getPaths().getPathItems() == null) {
            return;
        }
        for (PathItem item : api.getPaths().getPathItems().values()) {
            for (Map.Entry<PathItem.HttpMethod, Operation> entry :
                    item.getOperations().entrySet()) {
                boolean write = entry.getKey() != PathItem.HttpMethod.GET && entry.getKey() != PathItem.HttpMethod.HEAD;
                declare(entry.getValue(), write);
            }
        }
    }

    private static void declare(Operation operation, boolean write) {
        APIResponses responses = operation.getResponses();
        if (responses == null) {
            responses = OASFactory.createAPIResponses();
            operation.setResponses(responses);
        }
        add(responses, "400", "The request is malformed or has invalid fields");
        add(responses, "401", "No valid bearer token of this network");
        add(responses, "403", "The caller's agency or roles do not allow this");
        add(responses, "404", "Not found, or not visible to the caller's agency");
        if (write) {
            add(responses, "409", "Conflicts with the current state");
            add(responses, "422", "Well formed, but cannot be carried out (e.g. a reused Idempotency-Key)");
        }
        add(responses, "500", "A fault on Cairn's side; the body quotes an error id");
    }

    private static void add(APIResponses responses, String status, String description) {
        if (responses.hasAPIResponse(status)) {
            return;
        }
        responses.addAPIResponse(
                status,
                OASFactory.createAPIResponse()
                        .description(description)
                        .content(OASFactory.createContent()
                                .addMediaType(
                                        Problem.MEDIA_TYPE,
                                        OASFactory.createMediaType()
                                                .schema(OASFactory.createSchema()
                                                        .ref("#/components/schemas/" + SCHEMA_NAME)))));
    }

    private static Schema problemSchema() {
        Schema text = OASFactory.createSchema().addType(Schema.SchemaType.STRING);
        Schema fieldError = OASFactory.createSchema()
                .addType(Schema.SchemaType.OBJECT)
                .addProperty("field", text)
                .addProperty("message", text);
        return OASFactory.createSchema()
                .addType(Schema.SchemaType.OBJECT)
                .description("RFC 9457 problem details")
                .required(List.of("type", "title", "status"))
                .addProperty(
                        "type",
                        OASFactory.createSchema()
                                .addType(Schema.SchemaType.STRING)
                                .format("uri"))
                .addProperty("title", text)
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER))
                .addProperty("detail", text)
                .addProperty("instance", text)
                .addProperty(
                        "errors",
                        OASFactory.createSchema()
                                .addType(Schema.SchemaType.ARRAY)
                                .items(fieldError));
    }
}
