package org.cairn.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.cairn.gateway.Upstreams.Answer;

/**
 * One OpenAPI document for everything a front end can call through the gateway: the gateway's own
 * endpoints and every service's, each path under the prefix the gateway routes it by
 * ({@code /api/<service>}). The services' documents are read live, so the combined one is as current as
 * the services running; a service that does not answer is listed as such and its part left out.
 * Schema names are prefixed by their service ({@code clients.CaseView}), so that two services' schemas
 * of one name never overwrite each other, and every reference is rewritten to match.
 */
@ApplicationScoped
public class CombinedOpenApi {

    static final String SOURCES = "x-cairn-sources";

    private final Upstreams upstreams;
    private final ObjectMapper mapper;
    private final Duration timeout;

    CombinedOpenApi(Upstreams upstreams, ObjectMapper mapper, GatewayConfig config) {
        this.upstreams = upstreams;
        this.mapper = mapper;
        this.timeout = config.overview().sectionTimeout();
    }

    /** The combined document, from the gateway's own (given) and each service's, read now. */
    public Uni<ObjectNode> combine(JsonNode own) {
        List<String> names = new ArrayList<>(upstreams.names());
        List<Uni<Answer>> reads = names.stream()
                .map(name -> upstreams
                        .document(name, "/q/openapi?format=json", timeout)
                        .onFailure()
                        .recoverWithItem(new Answer(503, null)))
                .toList();
        if (reads.isEmpty()) {
            return Uni.createFrom().item(start(own));
        }
        return Uni.join().all(reads).andFailFast().map(answers -> {
            ObjectNode combined = start(own);
            ObjectNode sources = combined.putObject(SOURCES);
            for (int i = 0; i < names.size(); i++) {
                String name = names.get(i);
                Answer answer = answers.get(i);
                ObjectNode source = sources.putObject(name);
                source.put("document", "/api/" + name + "/q/openapi");
                boolean usable = answer.status() == 200
                        && answer.body() != null
                        && answer.body().has("paths");
                source.put("available", usable);
                if (usable) {
                    add(combined, name, answer.body());
                }
            }
            return combined;
        });
    }

    private ObjectNode start(JsonNode own) {
        ObjectNode combined = own.deepCopy();
        combined.with("info").put("title", "Cairn API, through the gateway");
        combined.with("info")
                .put(
                        "description",
                        "Every endpoint a front end can call: the gateway's own, and each service's under"
                                + " /api/<service>. Each service's own document is linked from " + SOURCES + ".");
        combined.remove("servers");
        combined.withArray("servers").addObject().put("url", "/");
        return combined;
    }

    private void add(ObjectNode combined, String service, JsonNode document) {
        JsonNode renamed = rename(document.deepCopy(), service);
        ObjectNode paths = combined.with("paths");
        for (Iterator<Map.Entry<String, JsonNode>> it = renamed.path("paths").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> path = it.next();
            JsonNode item = path.getValue();
            for (JsonNode operation : item) {
                if (operation instanceof ObjectNode op && op.has("tags")) {
                    ArrayNode tags = mapper.createArrayNode();
                    op.get("tags").forEach(tag -> tags.add(service + ": " + tag.asText()));
                    op.set("tags", tags);
                }
                if (operation instanceof ObjectNode op && op.has("operationId")) {
                    op.put("operationId", service + "." + op.get("operationId").asText());
                }
            }
            paths.set("/api/" + service + path.getKey(), item);
        }
        ArrayNode tags = combined.withArray("tags");
        renamed.path("tags").forEach(tag -> {
            ObjectNode copy = tag.deepCopy();
            copy.put("name", service + ": " + tag.path("name").asText());
            tags.add(copy);
        });
        for (Iterator<Map.Entry<String, JsonNode>> kinds =
                        renamed.path("components").fields();
                kinds.hasNext(); ) {
            Map.Entry<String, JsonNode> kind = kinds.next();
            ObjectNode target = combined.with("components").with(kind.getKey());
            boolean shared = kind.getKey().equals("securitySchemes");
            for (Iterator<Map.Entry<String, JsonNode>> it = kind.getValue().fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> component = it.next();
                // one token for all: the services' bearer scheme is one scheme, not seven
                String name = shared ? component.getKey() : service + "." + component.getKey();
                target.set(name, component.getValue());
            }
        }
    }

    /** Rewrites every local reference to a component ({@code #/components/<kind>/<name>}) to its prefixed name. */
    private static JsonNode rename(JsonNode node, String service) {
        if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (field.getKey().equals("$ref") && field.getValue().isTextual()) {
                    field.setValue(TextNode.valueOf(prefixed(field.getValue().asText(), service)));
                } else {
                    rename(field.getValue(), service);
                }
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(element -> rename(element, service));
        }
        return node;
    }

    static String prefixed(String ref, String service) {
        String local = "#/components/";
        if (!ref.startsWith(local) || ref.startsWith(local + "securitySchemes/")) {
            return ref;
        }
        int slash = ref.indexOf('/', local.length());
        return slash < 0 ? ref : ref.substring(0, slash + 1) + service + "." + ref.substring(slash + 1);
    }
}
