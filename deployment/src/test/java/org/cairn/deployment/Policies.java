package org.cairn.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The rules every rendering of Cairn's manifests must keep (the chart's and kustomize's alike),
 * each returning the violations it finds as readable lines.
 */
final class Policies {

    static final Set<String> REQUIRED_LABELS = Set.of(
            "app.kubernetes.io/name",
            "app.kubernetes.io/instance",
            "app.kubernetes.io/component",
            "app.kubernetes.io/part-of",
            "app.kubernetes.io/version",
            "app.kubernetes.io/managed-by");

    static final Map<String, String> PROBES = Map.of(
            "startupProbe", "/q/health/started",
            "livenessProbe", "/q/health/live",
            "readinessProbe", "/q/health/ready");

    private Policies() {}

    static List<ObjectNode> ofKind(List<ObjectNode> objects, String kind) {
        return objects.stream()
                .filter(o -> kind.equals(o.path("kind").asText()))
                .toList();
    }

    static String name(JsonNode o) {
        return o.path("kind").asText() + "/" + o.path("metadata").path("name").asText();
    }

    /**
     * Every container of a Deployment or a Job: resources, non-root, read-only root, no capabilities,
     * and for a Deployment's the three health probes.
     */
    static List<String> containers(List<ObjectNode> objects) {
        List<String> violations = new ArrayList<>();
        List<ObjectNode> workloads = new ArrayList<>(ofKind(objects, "Deployment"));
        workloads.addAll(ofKind(objects, "Job"));
        workloads.addAll(ofKind(objects, "CronJob"));
        for (ObjectNode d : workloads) {
            boolean served = "Deployment".equals(d.path("kind").asText());
            JsonNode pod = podTemplate(d).path("spec");
            if (!"RuntimeDefault"
                    .equals(pod.path("securityContext")
                            .path("seccompProfile")
                            .path("type")
                            .asText())) {
                violations.add(name(d) + ": pod seccompProfile is not RuntimeDefault");
            }
            if (pod.path("automountServiceAccountToken").asBoolean(true)) {
                violations.add(name(d) + ": mounts a service account token");
            }
            boolean podNonRoot =
                    pod.path("securityContext").path("runAsNonRoot").asBoolean(false);
            for (JsonNode c : pod.path("containers")) {
                String where = name(d) + " container " + c.path("name").asText();
                JsonNode res = c.path("resources");
                for (String need : List.of("requests/cpu", "requests/memory", "limits/memory")) {
                    if (res.at("/" + need).isMissingNode()) {
                        violations.add(where + ": no resources." + need.replace('/', '.'));
                    }
                }
                PROBES.forEach((probe, path) -> {
                    if (served
                            && !path.equals(
                                    c.path(probe).path("httpGet").path("path").asText())) {
                        violations.add(where + ": " + probe + " is not an HTTP GET of " + path);
                    }
                });
                JsonNode sc = c.path("securityContext");
                if (!(podNonRoot || sc.path("runAsNonRoot").asBoolean(false))) {
                    violations.add(where + ": may run as root");
                }
                if (!sc.path("readOnlyRootFilesystem").asBoolean(false)) {
                    violations.add(where + ": root file system is writable");
                }
                if (sc.path("allowPrivilegeEscalation").asBoolean(true)) {
                    violations.add(where + ": allows privilege escalation");
                }
                List<String> dropped = new ArrayList<>();
                sc.path("capabilities").path("drop").forEach(x -> dropped.add(x.asText()));
                if (!dropped.contains("ALL")) {
                    violations.add(where + ": does not drop ALL capabilities");
                }
            }
        }
        return violations;
    }

    /** The pod template of a workload: a CronJob's is inside its job template. */
    static JsonNode podTemplate(JsonNode workload) {
        JsonNode spec = workload.path("spec");
        return "CronJob".equals(workload.path("kind").asText())
                ? spec.path("jobTemplate").path("spec").path("template")
                : spec.path("template");
    }

    /**
     * Every Deployment is selected by a PodDisruptionBudget and a NetworkPolicy; every Job and
     * CronJob by a NetworkPolicy.
     */
    static List<String> disruptionBudgetsAndNetworkPolicies(List<ObjectNode> objects) {
        List<String> violations = new ArrayList<>();
        List<ObjectNode> oneShots = new ArrayList<>(ofKind(objects, "Job"));
        oneShots.addAll(ofKind(objects, "CronJob"));
        for (ObjectNode j : oneShots) {
            JsonNode podLabels = podTemplate(j).path("metadata").path("labels");
            if (ofKind(objects, "NetworkPolicy").stream()
                    .noneMatch(p -> selects(p.path("spec").path("podSelector").path("matchLabels"), podLabels))) {
                violations.add(name(j) + ": no NetworkPolicy selects it");
            }
        }
        for (ObjectNode d : ofKind(objects, "Deployment")) {
            JsonNode podLabels =
                    d.path("spec").path("template").path("metadata").path("labels");
            boolean pdb = ofKind(objects, "PodDisruptionBudget").stream()
                    .anyMatch(p -> selects(p.path("spec").path("selector").path("matchLabels"), podLabels));
            boolean policy = ofKind(objects, "NetworkPolicy").stream()
                    .anyMatch(p -> selects(p.path("spec").path("podSelector").path("matchLabels"), podLabels));
            if (!pdb) {
                violations.add(name(d) + ": no PodDisruptionBudget selects it");
            }
            if (!policy) {
                violations.add(name(d) + ": no NetworkPolicy selects it");
            }
        }
        return violations;
    }

    /** No Secret is rendered, and no environment variable carries a secret as a plain value. */
    static List<String> noSecrets(List<ObjectNode> objects) {
        List<String> violations = new ArrayList<>();
        for (ObjectNode o : objects) {
            if ("Secret".equals(o.path("kind").asText())) {
                violations.add(name(o) + ": a Secret is rendered");
            }
            for (JsonNode c : podTemplate(o).path("spec").path("containers")) {
                for (JsonNode env : c.path("env")) {
                    String var = env.path("name").asText().toUpperCase();
                    boolean secretish = var.contains("PASSWORD") || var.contains("SECRET") || var.contains("TOKEN");
                    if (secretish && env.has("value")) {
                        violations.add(name(o) + ": " + var + " has a plain value");
                    }
                }
            }
            if ("ConfigMap".equals(o.path("kind").asText())) {
                o.path("data").fieldNames().forEachRemaining(key -> {
                    String k = key.toUpperCase();
                    if (k.contains("PASSWORD") || k.contains("SECRET")) {
                        violations.add(name(o) + ": ConfigMap key " + key + " looks like a secret");
                    }
                });
            }
        }
        return violations;
    }

    /** Every object carries the app.kubernetes.io labels; selectors match their pods' labels. */
    static List<String> labels(List<ObjectNode> objects) {
        List<String> violations = new ArrayList<>();
        for (ObjectNode o : objects) {
            JsonNode labels = o.path("metadata").path("labels");
            for (String label : REQUIRED_LABELS) {
                if (!labels.hasNonNull(label)) {
                    violations.add(name(o) + ": no label " + label);
                }
            }
            if (!"cairn".equals(labels.path("app.kubernetes.io/part-of").asText())) {
                violations.add(name(o) + ": not part-of cairn");
            }
        }
        for (ObjectNode d : ofKind(objects, "Deployment")) {
            JsonNode pod = d.path("spec").path("template").path("metadata").path("labels");
            if (!selects(d.path("spec").path("selector").path("matchLabels"), pod)) {
                violations.add(name(d) + ": its selector does not match its pod labels");
            }
            if (!d.path("metadata")
                    .path("labels")
                    .path("app.kubernetes.io/component")
                    .equals(pod.path("app.kubernetes.io/component"))) {
                violations.add(name(d) + ": pod component label differs from the Deployment's");
            }
        }
        for (ObjectNode s : ofKind(objects, "Service")) {
            JsonNode selector = s.path("spec").path("selector");
            boolean matched = ofKind(objects, "Deployment").stream()
                    .anyMatch(d -> selects(
                            selector,
                            d.path("spec").path("template").path("metadata").path("labels")));
            if (!matched) {
                violations.add(name(s) + ": selects no Deployment's pods");
            }
        }
        return violations;
    }

    /** Traffic from outside reaches the gateway only: every Ingress and HTTPRoute backend is it. */
    static List<String> onlyTheGatewayIsExposed(List<ObjectNode> objects, String gatewayService) {
        List<String> violations = new ArrayList<>();
        for (ObjectNode i : ofKind(objects, "Ingress")) {
            i.findValues("service").forEach(s -> {
                if (!gatewayService.equals(s.path("name").asText())) {
                    violations.add(name(i) + ": backend " + s.path("name").asText());
                }
            });
        }
        for (ObjectNode r : ofKind(objects, "HTTPRoute")) {
            for (JsonNode rule : r.path("spec").path("rules")) {
                for (JsonNode ref : rule.path("backendRefs")) {
                    if (!gatewayService.equals(ref.path("name").asText())) {
                        violations.add(name(r) + ": backend " + ref.path("name").asText());
                    }
                }
            }
        }
        for (ObjectNode s : ofKind(objects, "Service")) {
            String type = s.path("spec").path("type").asText("ClusterIP");
            if (!"ClusterIP".equals(type)) {
                violations.add(name(s) + ": type " + type);
            }
        }
        // every service but the gateway takes traffic only from the gateway's pods and Prometheus
        for (ObjectNode p : ofKind(objects, "NetworkPolicy")) {
            String component = p.path("spec")
                    .path("podSelector")
                    .path("matchLabels")
                    .path("app.kubernetes.io/component")
                    .asText();
            if ("gateway".equals(component)) {
                continue;
            }
            for (JsonNode rule : p.path("spec").path("ingress")) {
                if (!rule.has("from")) {
                    violations.add(name(p) + ": an ingress rule from anywhere");
                }
                for (JsonNode peer : rule.path("from")) {
                    boolean gateway = "gateway"
                            .equals(peer.path("podSelector")
                                    .path("matchLabels")
                                    .path("app.kubernetes.io/component")
                                    .asText());
                    boolean prometheus = peer.has("namespaceSelector") && !peer.has("podSelector");
                    if (!gateway && !prometheus) {
                        violations.add(name(p) + ": ingress from " + peer);
                    }
                }
            }
        }
        return violations;
    }

    /** Whether every label of {@code selector} is on {@code labels} (an empty selector selects nothing here). */
    static boolean selects(JsonNode selector, JsonNode labels) {
        if (selector == null || !selector.isObject() || selector.isEmpty()) {
            return false;
        }
        Map<String, String> want = new TreeMap<>();
        selector.fields()
                .forEachRemaining(e -> want.put(e.getKey(), e.getValue().asText()));
        return want.entrySet().stream()
                .allMatch(e -> e.getValue().equals(labels.path(e.getKey()).asText(null)));
    }

    /** All the rules at once, for a rendering as a whole. */
    static List<String> all(List<ObjectNode> objects, String gatewayService) {
        List<String> violations = new ArrayList<>();
        violations.addAll(containers(objects));
        violations.addAll(disruptionBudgetsAndNetworkPolicies(objects));
        violations.addAll(noSecrets(objects));
        violations.addAll(labels(objects));
        violations.addAll(onlyTheGatewayIsExposed(objects, gatewayService));
        return violations;
    }
}
