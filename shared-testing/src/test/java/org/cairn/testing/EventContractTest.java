package org.cairn.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.cairn.contracts.events.EventCatalog;
import org.cairn.contracts.events.EventJson;
import org.cairn.contracts.events.EventSchemas;
import org.cairn.contracts.vocabulary.Coded;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Holds every event record and its JSON Schema together: an example of each record (every field
 * filled) must validate against the schema, the schema must describe exactly the record's fields,
 * its enums must spell exactly the shared vocabulary, and the JSON must read back into an equal
 * record. A field added to one side only fails here.
 */
class EventContractTest {

    static Stream<Class<? extends Record>> records() {
        return EventCatalog.RECORDS.stream();
    }

    @ParameterizedTest
    @MethodSource("records")
    void example_validatesAgainstItsSchema(Class<? extends Record> type) throws Exception {
        Record example = EventExamples.of(type);
        String json = EventJson.mapper().writeValueAsString(example);

        assertThat(EventSchemas.errors(type, json))
                .as("schema errors of %s", json)
                .isEmpty();
    }

    @ParameterizedTest
    @MethodSource("records")
    void example_roundTripsThroughJson(Class<? extends Record> type) throws Exception {
        Record example = EventExamples.of(type);
        String json = EventJson.mapper().writeValueAsString(example);

        assertThat(EventJson.mapper().readValue(json, type)).isEqualTo(example);
    }

    @ParameterizedTest
    @MethodSource("records")
    void schema_describesExactlyTheRecordsFields(Class<? extends Record> type) {
        List<String> drift = new ArrayList<>();
        compare(type, schemaTree(type), type.getSimpleName(), drift);

        assertThat(drift).isEmpty();
    }

    @Test
    void everySchemaFile_belongsToACatalogRecord() throws IOException, URISyntaxException {
        java.net.URI dir = EventContractTest.class.getResource("/schemas").toURI();
        Set<String> files = new TreeSet<>();
        if ("jar".equals(dir.getScheme())) {
            try (java.nio.file.FileSystem jar = java.nio.file.FileSystems.newFileSystem(dir, java.util.Map.of())) {
                files.addAll(names(jar.getPath("/schemas")));
            }
        } else {
            files.addAll(names(Path.of(dir)));
        }
        Set<String> expected = new TreeSet<>();
        EventCatalog.RECORDS.forEach(r -> expected.add(EventCatalog.typeName(r) + ".schema.json"));

        assertThat(files).isEqualTo(expected);
    }

    @Test
    void typeNames_arePastTenseAndVersioned() {
        for (Class<? extends Record> type : EventCatalog.RECORDS) {
            assertThat(EventCatalog.typeName(type)).matches("cairn\\.[a-z-]+\\.[a-z-]+ed\\.v[1-9][0-9]*");
            assertThat(EventCatalog.byTypeName(EventCatalog.typeName(type))).contains(type);
        }
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> paths = Files.list(dir)) {
            return paths.map(p -> p.getFileName().toString()).toList();
        }
    }

    /** Compares a record's components with an object schema's properties, recursively. */
    private static void compare(Class<?> type, JsonNode schema, String where, List<String> drift) {
        Set<String> components = new TreeSet<>();
        for (RecordComponent c : type.getRecordComponents()) {
            components.add(c.getName());
        }
        Set<String> properties = new TreeSet<>();
        schema.path("properties").fieldNames().forEachRemaining(properties::add);
        if (!components.equals(properties)) {
            drift.add(where + ": record has " + components + " but schema has " + properties);
        }
        if (!schema.path("additionalProperties").isBoolean()
                || schema.path("additionalProperties").asBoolean()) {
            drift.add(where + ": schema must say additionalProperties: false");
        }
        schema.path("required").forEach(r -> {
            if (!components.contains(r.asText())) {
                drift.add(where + ": schema requires " + r.asText() + ", which the record lacks");
            }
        });
        for (RecordComponent c : type.getRecordComponents()) {
            JsonNode property = schema.path("properties").path(c.getName());
            if (!property.isMissingNode()) {
                compareValue(c.getGenericType(), property, where + "." + c.getName(), drift);
            }
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void compareValue(Type type, JsonNode property, String where, List<String> drift) {
        Class<?> raw = EventExamples.raw(type);
        if (List.class.isAssignableFrom(raw) || Set.class.isAssignableFrom(raw)) {
            compareValue(
                    ((ParameterizedType) type).getActualTypeArguments()[0],
                    property.path("items"),
                    where + "[]",
                    drift);
        } else if (raw.isRecord()) {
            compare(raw, property, where, drift);
        } else if (raw.isEnum() && Coded.class.isAssignableFrom(raw)) {
            List<String> codes = Coded.codes((Class) raw);
            List<String> schemaEnum = new ArrayList<>();
            property.path("enum").forEach(v -> schemaEnum.add(v.asText()));
            if (!codes.equals(schemaEnum)) {
                drift.add(where + ": schema enum " + schemaEnum + " differs from " + raw.getSimpleName() + " " + codes);
            }
        }
    }

    private static JsonNode schemaTree(Class<?> type) {
        try {
            return EventJson.mapper().readTree(EventSchemas.text(type));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
