package org.cairn.contracts.events;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Validates event JSON against the schema shared-contracts holds for its type, formats included
 * (date-time, uuid, ...): consumers that must refuse a malformed record use it, and tests use it on
 * what a service really published. The violations name the place and the rule, not the value.
 */
public final class EventSchemas {

    private static final SchemaRegistry REGISTRY =
            SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static final Map<Class<?>, Schema> SCHEMAS = new ConcurrentHashMap<>();

    private EventSchemas() {}

    /** The schema violations of {@code json} as an event of {@code type}; empty when it is valid. */
    public static List<String> errors(Class<? extends Record> type, String json) {
        Schema schema = SCHEMAS.computeIfAbsent(type, t -> REGISTRY.getSchema(text(t), InputFormat.JSON));
        return schema
                .validate(
                        json,
                        InputFormat.JSON,
                        ctx -> ctx.executionConfig(config -> config.formatAssertionsEnabled(true)))
                .stream()
                .map(Object::toString)
                .toList();
    }

    /** The schema violations of {@code json} as an event of the named CloudEvents type. */
    public static List<String> errors(String typeName, String json) {
        return errors(
                EventCatalog.byTypeName(typeName)
                        .orElseThrow(() -> new IllegalArgumentException("unknown event type " + typeName)),
                json);
    }

    /** The schema's text. */
    public static String text(Class<?> type) {
        String resource = EventCatalog.schemaResource(type);
        try (InputStream in = EventSchemas.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no schema at " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
