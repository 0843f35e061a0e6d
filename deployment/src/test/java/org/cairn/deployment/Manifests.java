package org.cairn.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What the deployment tests work with: the chart rendered by Helm (run in-process by helm-java), the
 * kustomize overlays rendered by {@code kubectl kustomize}, their documents as JSON trees and as
 * fabric8 model objects, and the Kubernetes schema check (Node.js, the kubernetes-models packages).
 */
final class Manifests {

    static final Path ROOT = findRoot();
    static final Path CHART = ROOT.resolve("helm/cairn");
    static final Path PRODUCTION_VALUES = ROOT.resolve("helm/examples/production-values.yaml");
    static final Path K8S = ROOT.resolve("k8s");
    static final String RELEASE = "cairn";
    static final String NAMESPACE = "cairn";
    /** The Kubernetes version rendered for (Helm's offline default, 1.20, is older than the chart allows). */
    static final String KUBE_VERSION = "v1.31.0";

    static final ObjectMapper JSON = new ObjectMapper();
    static final YAMLMapper YAML = new YAMLMapper();
    static final KubernetesSerialization KUBE = new KubernetesSerialization();

    private Manifests() {}

    private static Path findRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("helm/cairn"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException(
                    "helm/cairn not found above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    /** {@code helm template} of a chart with its own values and, if given, one more values file. */
    static String template(Path chart, Path valuesFile) {
        var command = new Helm(chart)
                .template()
                .withName(RELEASE)
                .withNamespace(NAMESPACE)
                .withKubeVersion(KUBE_VERSION);
        if (valuesFile != null) {
            command = command.withValuesFile(valuesFile);
        }
        return command.call();
    }

    static String template(Path valuesFile) {
        return template(CHART, valuesFile);
    }

    /** The YAML documents of a multi-document stream, empty ones dropped. */
    static List<ObjectNode> documents(String yaml) {
        List<ObjectNode> documents = new ArrayList<>();
        try (var parser = new YAMLFactory().createParser(yaml)) {
            for (var it = YAML.readValues(parser, JsonNode.class); it.hasNext(); ) {
                JsonNode node = it.next();
                if (node != null && node.isObject() && !node.isEmpty()) {
                    documents.add((ObjectNode) node);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return documents;
    }

    /** A document as its fabric8 model object (a generic resource for kinds fabric8 does not know). */
    static HasMetadata typed(ObjectNode document) {
        try {
            return (HasMetadata) KUBE.unmarshal(JSON.writeValueAsString(document), KubernetesResource.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Every field fabric8 did not recognise, as paths: the model keeps unknown fields in
     * {@code additionalProperties}, so a typo such as {@code protocl} lands there.
     */
    static List<String> unknownFields(Object model) {
        List<String> found = new ArrayList<>();
        walk(model, model.getClass().getSimpleName(), found, new IdentityHashMap<>());
        return found;
    }

    private static void walk(Object node, String path, List<String> found, Map<Object, Boolean> seen) {
        if (node == null || seen.put(node, true) != null) {
            return;
        }
        if (node instanceof Collection<?> list) {
            int i = 0;
            for (Object item : list) {
                walk(item, path + "[" + i++ + "]", found, seen);
            }
            return;
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> walk(v, path + "." + k, found, seen));
            return;
        }
        if (!node.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")
                || node instanceof io.fabric8.kubernetes.api.model.GenericKubernetesResource) {
            return;
        }
        for (Method m : node.getClass().getMethods()) {
            if (m.getParameterCount() != 0
                    || Modifier.isStatic(m.getModifiers())
                    || !m.getName().startsWith("get")) {
                continue;
            }
            if (m.getDeclaringClass() == Object.class) {
                continue;
            }
            Object value;
            try {
                value = m.invoke(node);
            } catch (ReflectiveOperationException e) {
                continue;
            }
            if (m.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    extra.keySet().forEach(k -> found.add(path + "." + k));
                }
                continue;
            }
            String field =
                    Character.toLowerCase(m.getName().charAt(3)) + m.getName().substring(4);
            walk(value, path + "." + field, found, seen);
        }
    }

    /** One object's result of the Kubernetes schema check. */
    record SchemaResult(int index, String kind, String name, boolean schema, List<String> errors) {}

    /** Checks objects against the Kubernetes OpenAPI schemas (installs the checker's packages once). */
    static List<SchemaResult> schemaCheck(List<ObjectNode> objects) {
        Path dir = ROOT.resolve("deployment/schema");
        try {
            if (!Files.isDirectory(dir.resolve("node_modules/kubernetes-models"))) {
                run(dir, List.of("npm", "ci", "--no-audit", "--no-fund"), null, 300);
            }
            String out = run(dir, List.of("node", "validate.mjs"), JSON.writeValueAsString(objects), 120);
            List<SchemaResult> results = new ArrayList<>();
            for (String line : out.split("\n")) {
                if (!line.isBlank()) {
                    results.add(JSON.readValue(line, SchemaResult.class));
                }
            }
            if (results.size() != objects.size()) {
                throw new IllegalStateException("the schema check answered for " + results.size() + " of "
                        + objects.size() + " objects:\n" + out);
            }
            return results;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code kubectl kustomize} of a directory under k8s/. */
    static String kustomize(String overlay) {
        return run(K8S.resolve(overlay), List.of("kubectl", "kustomize", "."), null, 60);
    }

    static String run(Path dir, List<String> command, String stdin, int timeoutSeconds) {
        try {
            Path err = Files.createTempFile("cairn-deploy", ".err");
            Process process = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectError(err.toFile())
                    .start();
            if (stdin != null) {
                process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            process.getOutputStream().close();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(command + " did not finish in " + timeoutSeconds + " s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(
                        command + " failed (" + process.exitValue() + "): " + Files.readString(err));
            }
            Files.deleteIfExists(err);
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
