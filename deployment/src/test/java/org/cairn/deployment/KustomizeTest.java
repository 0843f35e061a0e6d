package org.cairn.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The plain manifests in k8s/ for teams without Helm: the base is the chart rendered with its
 * defaults (same names, labels, probes and security context, managed by kustomize instead of Helm),
 * kept in step by {@link #base_isTheChartRenderedWithItsDefaults}; the dev and prod overlays render
 * with {@code kubectl kustomize} and keep every policy the chart keeps.
 */
class KustomizeTest {

    /** Set to write k8s/base from the chart instead of comparing (after a chart change). */
    static final boolean REGENERATE = Boolean.getBoolean("cairn.k8s.regenerate");

    /** The chart's default rendering as the kustomize base: one file per component. */
    static Map<String, List<ObjectNode>> baseFromChart() {
        Map<String, List<ObjectNode>> files = new TreeMap<>();
        for (ObjectNode o : Manifests.documents(Manifests.template(null))) {
            ObjectNode labels = (ObjectNode) o.path("metadata").path("labels");
            relabel(labels);
            JsonNode podLabels = o.at("/spec/template/metadata/labels");
            if (podLabels instanceof ObjectNode pod) {
                relabel(pod);
            }
            files.computeIfAbsent(labels.path("app.kubernetes.io/component").asText(), k -> new ArrayList<>())
                    .add(o);
        }
        return files;
    }

    private static void relabel(ObjectNode labels) {
        labels.remove("helm.sh/chart");
        labels.put("app.kubernetes.io/managed-by", "kustomize");
    }

    @Test
    void base_isTheChartRenderedWithItsDefaults() throws IOException {
        Map<String, List<ObjectNode>> expected = baseFromChart();
        Path base = Manifests.K8S.resolve("base");
        if (REGENERATE) {
            write(base, expected);
        }
        for (var file : expected.entrySet()) {
            Path path = base.resolve(file.getKey() + ".yaml");
            assertThat(path)
                    .as("run: ./mvnw -pl deployment test -Dcairn.k8s.regenerate=true")
                    .exists();
            assertThat(Manifests.documents(Files.readString(path)))
                    .as("%s differs from the chart; run: ./mvnw -pl deployment test -Dcairn.k8s.regenerate=true", path)
                    .isEqualTo(file.getValue());
        }
        JsonNode kustomization =
                Manifests.YAML.readTree(base.resolve("kustomization.yaml").toFile());
        List<String> resources = new ArrayList<>();
        kustomization.path("resources").forEach(r -> resources.add(r.asText()));
        assertThat(resources)
                .containsExactlyElementsOf(
                        expected.keySet().stream().map(k -> k + ".yaml").toList());
    }

    private static void write(Path base, Map<String, List<ObjectNode>> files) throws IOException {
        Files.createDirectories(base);
        StringBuilder kustomization =
                new StringBuilder("# Generated from helm/cairn with its default values by KustomizeTest"
                        + " (-Dcairn.k8s.regenerate=true); do not edit by hand.\n"
                        + "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n");
        for (var file : files.entrySet()) {
            StringBuilder yaml = new StringBuilder("# Generated from helm/cairn (defaults); do not edit by hand.\n");
            for (ObjectNode o : file.getValue()) {
                yaml.append(Manifests.YAML.writeValueAsString(o));
            }
            Files.writeString(base.resolve(file.getKey() + ".yaml"), yaml.toString());
            kustomization.append("  - ").append(file.getKey()).append(".yaml\n");
        }
        Files.writeString(base.resolve("kustomization.yaml"), kustomization.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
    void eachKustomization_rendersValidObjects_thatKeepThePolicies(String dir) {
        List<ObjectNode> objects = Manifests.documents(Manifests.kustomize(dir));
        assertThat(Policies.ofKind(objects, "Deployment")).hasSize(ChartTest.SERVICES.size());

        List<String> unknown = new ArrayList<>();
        for (ObjectNode o : objects) {
            HasMetadata typed = Manifests.typed(o);
            assertThat(typed).as(Policies.name(o)).isNotInstanceOf(GenericKubernetesResource.class);
            unknown.addAll(Manifests.unknownFields(typed));
        }
        assertThat(unknown).isEmpty();
        assertThat(Manifests.schemaCheck(objects).stream()
                        .filter(r -> !r.errors().isEmpty()))
                .isEmpty();
        assertThat(Policies.all(objects, ChartTest.GATEWAY)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlays/dev", "overlays/prod"})
    void eachOverlay_keepsTheChartsNamesLabelsProbesAndSecurityContext(String dir) {
        Map<String, ObjectNode> chart = deployments(Manifests.documents(Manifests.template(null)));
        Map<String, ObjectNode> overlay = deployments(Manifests.documents(Manifests.kustomize(dir)));
        assertThat(overlay.keySet()).isEqualTo(chart.keySet());
        for (String name : chart.keySet()) {
            ObjectNode c = chart.get(name);
            ObjectNode k = overlay.get(name);
            for (String pointer : List.of(
                    "/spec/selector",
                    "/spec/template/spec/securityContext",
                    "/spec/template/spec/automountServiceAccountToken",
                    "/spec/template/spec/containers/0/securityContext",
                    "/spec/template/spec/containers/0/startupProbe/httpGet",
                    "/spec/template/spec/containers/0/livenessProbe/httpGet",
                    "/spec/template/spec/containers/0/readinessProbe/httpGet",
                    "/spec/template/spec/containers/0/ports")) {
                assertThat(k.at(pointer)).as("%s %s in %s", name, pointer, dir).isEqualTo(c.at(pointer));
            }
            assertThat(labelsBut(k)).as(name).isEqualTo(labelsBut(c));
        }
    }

    private static Map<String, ObjectNode> deployments(List<ObjectNode> objects) {
        return Policies.ofKind(objects, "Deployment").stream()
                .collect(Collectors.toMap(
                        d -> d.path("metadata").path("name").asText(), d -> d, (a, b) -> a, TreeMap::new));
    }

    /** A Deployment's labels without the two that say which tool manages it. */
    private static Map<String, String> labelsBut(ObjectNode d) {
        Map<String, String> labels = new TreeMap<>();
        d.path("metadata")
                .path("labels")
                .fields()
                .forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        labels.remove("helm.sh/chart");
        labels.remove("app.kubernetes.io/managed-by");
        return labels;
    }
}
