package org.cairn.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every value of the chart is documented with an {@code ## @param} line and described by the schema. */
class ValuesTest {

    static final Pattern PARAM = Pattern.compile("^\\s*## @param (\\S+) \\S.*$", Pattern.MULTILINE);

    /** The leaves of the values: scalars, lists, and empty maps (a map with keys is walked into). */
    static Set<String> leaves(JsonNode node, String path, Set<String> into) {
        if (node.isObject() && !node.isEmpty()) {
            node.fields()
                    .forEachRemaining(
                            e -> leaves(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey(), into));
        } else {
            into.add(path);
        }
        return into;
    }

    @Test
    void everyValue_hasItsParamComment_andEveryParamAValue() throws Exception {
        String text = Files.readString(Manifests.CHART.resolve("values.yaml"));
        Set<String> values = leaves(Manifests.YAML.readTree(text), "", new TreeSet<>());
        Set<String> params = new TreeSet<>();
        Matcher m = PARAM.matcher(text);
        while (m.find()) {
            params.add(m.group(1));
        }
        assertThat(params).isEqualTo(values);
    }

    @Test
    void everyValue_isDescribedByTheSchema_withATypeOrAllowedValues() throws Exception {
        JsonNode schema = Manifests.JSON.readTree(
                Manifests.CHART.resolve("values.schema.json").toFile());
        Set<String> values = leaves(
                Manifests.YAML.readTree(Manifests.CHART.resolve("values.yaml").toFile()), "", new TreeSet<>());
        List<String> undescribed = new ArrayList<>();
        for (String value : values) {
            JsonNode node = schema;
            for (String key : value.split("\\.")) {
                node = node.path("properties").path(key);
            }
            if (!(node.has("type") || node.has("enum") || node.has("anyOf"))) {
                undescribed.add(value);
            }
        }
        assertThat(undescribed).isEmpty();
        // and no object in it takes keys it does not name
        List<String> open = new ArrayList<>();
        schema.findParents("properties").forEach(o -> {
            if (!o.path("additionalProperties").isBoolean()
                    || o.path("additionalProperties").asBoolean()) {
                open.add(o.path("properties").fieldNames().next());
            }
        });
        assertThat(open)
                .as("objects whose schema allows unnamed keys, by their first property")
                .isEmpty();
    }
}
