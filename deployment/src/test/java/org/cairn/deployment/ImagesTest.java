package org.cairn.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every service of the repository has a JVM image definition that runs unprivileged, and a chart entry. */
class ImagesTest {

    static List<Path> services() throws IOException {
        try (Stream<Path> dirs = Files.list(Manifests.ROOT.resolve("services"))) {
            return dirs.filter(d -> Files.exists(d.resolve("pom.xml"))).sorted().toList();
        }
    }

    @Test
    void everyService_hasANonRootJvmImage_andAChartEntry() throws IOException {
        JsonNode values =
                Manifests.YAML.readTree(Manifests.CHART.resolve("values.yaml").toFile());
        assertThat(services()).isNotEmpty();
        for (Path service : services()) {
            String name = service.getFileName().toString();
            Path dockerfile = service.resolve("src/main/docker/Dockerfile.jvm");
            assertThat(dockerfile).as(name).exists();
            String text = Files.readString(dockerfile);
            assertThat(text).as(name).contains("target/quarkus-app/").containsPattern("(?m)^USER 185$");
            assertThat(text).as(name).doesNotContainPattern("(?m)^USER (root|0)$");
            assertThat(values.path("services")
                            .path(name)
                            .path("image")
                            .path("repository")
                            .asText())
                    .as("chart entry of " + name)
                    .isEqualTo("cairn/" + name);
        }
    }
}
