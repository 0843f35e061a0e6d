package org.cairn.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Copies of the chart to break on purpose, and values merged into them. */
final class Fixtures {

    static final Path DIR = Manifests.ROOT.resolve("deployment/src/test/resources/fixtures");

    private Fixtures() {}

    /** The chart copied under {@code dir}; returns the copy's directory. */
    static Path copyChart(Path dir) {
        Path copy = dir.resolve("cairn");
        try (Stream<Path> files = Files.walk(Manifests.CHART)) {
            for (Path source : files.toList()) {
                Path target = copy.resolve(Manifests.CHART.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return copy;
    }

    /** Merges a values file over a chart copy's values.yaml (maps merged, everything else replaced). */
    static void mergeValues(Path chart, Path values) {
        try {
            ObjectNode base = (ObjectNode)
                    Manifests.YAML.readTree(chart.resolve("values.yaml").toFile());
            JsonNode over = Manifests.YAML.readTree(values.toFile());
            merge(base, over);
            Manifests.YAML.writeValue(chart.resolve("values.yaml").toFile(), base);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void merge(ObjectNode base, JsonNode over) {
        over.fields().forEachRemaining(e -> {
            JsonNode existing = base.get(e.getKey());
            if (existing instanceof ObjectNode target && e.getValue().isObject()) {
                merge(target, e.getValue());
            } else {
                base.set(e.getKey(), e.getValue());
            }
        });
    }
}
