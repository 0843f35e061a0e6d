package org.cairn.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.marcnuri.helm.DryRun;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.Release;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chart, with its defaults and with a production-like values file, checked without a cluster. */
class ChartTest {

    static final Set<String> SERVICES = Set.of(
            "gateway", "clients", "assessments", "careplans", "referrals", "scheduling", "notifications", "audit");
    static final String GATEWAY = Manifests.RELEASE + "-gateway";

    static List<ObjectNode> defaults;
    static List<ObjectNode> production;

    @BeforeAll
    static void render() {
        defaults = Manifests.documents(Manifests.template(null));
        production = Manifests.documents(Manifests.template(Manifests.PRODUCTION_VALUES));
    }

    @Test
    void lintStrict_passes_withTheDefaults_andWithTheProductionValues(@TempDir Path dir) throws Exception {
        LintResult lint = new Helm(Manifests.CHART).lint().strict().call();
        assertThat(lint.isFailed()).as("%s", lint.getMessages()).isFalse();

        // helm-java's lint takes no values file: lint a copy whose values are the production ones merged in
        Path copy = Fixtures.copyChart(dir);
        Fixtures.mergeValues(copy, Manifests.PRODUCTION_VALUES);
        LintResult prod = new Helm(copy).lint().strict().call();
        assertThat(prod.isFailed()).as("%s", prod.getMessages()).isFalse();
    }

    @Test
    void everyService_isInstalled_withItsOwnObjects() {
        for (List<ObjectNode> rendering : List.of(defaults, production)) {
            Set<String> deployments = Policies.ofKind(rendering, "Deployment").stream()
                    .map(d -> d.path("metadata")
                            .path("labels")
                            .path("app.kubernetes.io/component")
                            .asText())
                    .collect(Collectors.toCollection(TreeSet::new));
            assertThat(deployments).isEqualTo(new TreeSet<>(SERVICES));
            for (String kind : List.of("Service", "ConfigMap", "PodDisruptionBudget", "HorizontalPodAutoscaler")) {
                assertThat(Policies.ofKind(rendering, kind)).as(kind).hasSize(SERVICES.size());
            }
            // and one for the audit retention job's pods
            assertThat(Policies.ofKind(rendering, "NetworkPolicy")).hasSize(SERVICES.size() + 1);
        }
        assertThat(Policies.ofKind(defaults, "Ingress")).isEmpty();
        assertThat(Policies.ofKind(production, "Ingress")).hasSize(1);
        assertThat(Policies.ofKind(production, "HTTPRoute")).hasSize(1);
        assertThat(Policies.ofKind(production, "ServiceMonitor")).hasSize(SERVICES.size());
        // one event topic per producing service and the audit alerts, three per consumed channel (two retries, a dead
        // letter)
        assertThat(Policies.ofKind(production, "KafkaTopic")).hasSize(8 + 3 * 14);
    }

    @Test
    void everyObject_parsesIntoTheKubernetesModel_withNoUnknownField() {
        for (List<ObjectNode> rendering : List.of(defaults, production)) {
            List<String> unknown = new ArrayList<>();
            for (ObjectNode document : rendering) {
                HasMetadata object = Manifests.typed(document);
                String kind = document.path("kind").asText();
                if (object instanceof GenericKubernetesResource) {
                    // only the Prometheus Operator's and Strimzi's resources lack a model class here;
                    // the schema check below covers the first, a test of its own the second
                    assertThat(kind).isIn("ServiceMonitor", "KafkaTopic");
                    continue;
                }
                unknown.addAll(Manifests.unknownFields(object));
            }
            assertThat(unknown).isEmpty();
        }
        Deployment careplans = (Deployment) Manifests.typed(defaults.stream()
                .filter(d -> Policies.name(d).equals("Deployment/cairn-careplans"))
                .findFirst()
                .orElseThrow());
        assertThat(careplans
                        .getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .get(0)
                        .getImage())
                .isEqualTo("cairn/careplans:0.1.0");
    }

    @Test
    void everyObject_validatesAgainstTheKubernetesSchemas() {
        for (List<ObjectNode> rendering : List.of(defaults, production)) {
            List<Manifests.SchemaResult> results = Manifests.schemaCheck(rendering);
            assertThat(results.stream().filter(r -> !r.errors().isEmpty()).toList())
                    .isEmpty();
            // every kind but Strimzi's KafkaTopic has a schema to check against
            assertThat(results.stream()
                            .filter(r -> !r.schema())
                            .map(Manifests.SchemaResult::kind)
                            .distinct())
                    .isSubsetOf("KafkaTopic");
        }
        for (ObjectNode topic : Policies.ofKind(production, "KafkaTopic")) {
            JsonNode spec = topic.path("spec");
            assertThat(spec.path("partitions").isInt()).as(Policies.name(topic)).isTrue();
            assertThat(spec.path("replicas").isInt()).as(Policies.name(topic)).isTrue();
            assertThat(spec.path("topicName").asText()).startsWith("cairn.");
            assertThat(topic.path("metadata")
                            .path("labels")
                            .path("strimzi.io/cluster")
                            .asText())
                    .isEqualTo("cairn-kafka");
        }
    }

    @Test
    void thePolicies_hold_withTheDefaults_andWithTheProductionValues() {
        assertThat(Policies.all(defaults, GATEWAY)).isEmpty();
        assertThat(Policies.all(production, GATEWAY)).isEmpty();
    }

    @Test
    void secrets_areOnlyReferenced() {
        for (List<ObjectNode> rendering : List.of(defaults, production)) {
            for (ObjectNode d : Policies.ofKind(rendering, "Deployment")) {
                for (JsonNode env : d.at("/spec/template/spec/containers/0/env")) {
                    assertThat(env.has("valueFrom")).as(env.toString()).isTrue();
                    assertThat(env.at("/valueFrom/secretKeyRef/name").asText()).isNotBlank();
                }
            }
        }
        String gatewayEnv = Policies.ofKind(defaults, "Deployment").stream()
                .filter(d -> Policies.name(d).equals("Deployment/" + GATEWAY))
                .findFirst()
                .orElseThrow()
                .at("/spec/template/spec/containers/0/env")
                .toString();
        assertThat(gatewayEnv).as("the gateway has no database").doesNotContain("secretKeyRef");
    }

    @Test
    void theHelmTest_callsTheGatewaysReadiness(@TempDir Path dir) throws Exception {
        // helm-java's template leaves hooks out: render a copy whose test pod is not marked as a hook
        Path copy = Fixtures.copyChart(dir);
        Path test = copy.resolve("templates/tests/test-gateway-ready.yaml");
        String template = Files.readString(test);
        assertThat(template).contains("helm.sh/hook: test");
        Files.writeString(test, template.replace("helm.sh/hook: test", "cairn.test/hook: test"));
        List<ObjectNode> rendered = Manifests.documents(Manifests.template(copy, null));
        ObjectNode pod = Policies.ofKind(rendered, "Pod").stream()
                .filter(p -> "test"
                        .equals(p.at("/metadata/annotations/cairn.test~1hook").asText()))
                .findFirst()
                .orElseThrow();
        assertThat(pod.at("/spec/containers/0/command").toString())
                .contains("http://" + GATEWAY + ":8080/q/health/ready");
        assertThat(Manifests.schemaCheck(List.of(pod)))
                .allSatisfy(r -> assertThat(r.errors()).isEmpty());
        assertThat(Policies.labels(List.of(pod))).isEmpty();
    }

    @Test
    void theNotes_tellHowToReachTheGateway_andCheckHealth() {
        Release release = new Helm(Manifests.CHART)
                .install()
                .withName(Manifests.RELEASE)
                .withNamespace(Manifests.NAMESPACE)
                .withKubeVersion(Manifests.KUBE_VERSION)
                .withDryRunOption(DryRun.CLIENT)
                .clientOnly()
                .call();
        assertThat(release.getOutput())
                .contains("port-forward svc/" + GATEWAY + " 8080:8080")
                .contains("helm test " + Manifests.RELEASE)
                .contains("cairn-database");
    }

    @Test
    void migrations_canRunAsAJobPerService_beforeThePodsRoll(@TempDir Path dir) throws Exception {
        // the Job and its NetworkPolicy are hooks, which helm-java's template leaves out: render a copy
        // with the hook annotations renamed, and migrations.job on
        Path copy = Fixtures.copyChart(dir);
        Path template = copy.resolve("templates/migrations.yaml");
        String text = Files.readString(template);
        assertThat(text).contains("helm.sh/hook: pre-install,pre-upgrade");
        Files.writeString(template, text.replace("helm.sh/hook:", "cairn.test/hook:"));
        Path values = dir.resolve("migrations-job.yaml");
        Files.writeString(values, "migrations:\n  job: true\n");
        List<ObjectNode> rendered = Manifests.documents(Manifests.template(copy, values));

        List<ObjectNode> jobs = Policies.ofKind(rendered, "Job");
        // every service with a database: all but the gateway
        assertThat(jobs).hasSize(SERVICES.size() - 1);
        for (ObjectNode job : jobs) {
            assertThat(job.at("/metadata/annotations/cairn.test~1hook").asText())
                    .isEqualTo("pre-install,pre-upgrade");
            String env = job.at("/spec/template/spec/containers/0/env").toString();
            assertThat(env).contains("CAIRN_MIGRATE_ONLY").contains("CAIRN_CONSUMERS_ENABLED");
        }
        for (ObjectNode config : Policies.ofKind(rendered, "ConfigMap")) {
            String component =
                    config.at("/metadata/labels/app.kubernetes.io~1component").asText();
            assertThat(config.at("/data/QUARKUS_FLYWAY_MIGRATE_AT_START").asText(null))
                    .as(component)
                    .isEqualTo("gateway".equals(component) ? null : "false");
        }
        assertThat(Policies.all(rendered, GATEWAY)).isEmpty();
        assertThat(Manifests.schemaCheck(rendered).stream()
                        .filter(r -> !r.errors().isEmpty()))
                .isEmpty();
        List<String> unknown = new ArrayList<>();
        rendered.forEach(o -> unknown.addAll(Manifests.unknownFields(Manifests.typed(o))));
        assertThat(unknown).isEmpty();
        // by default each service migrates as it starts: no Job, no switch in the config
        assertThat(Policies.ofKind(defaults, "Job")).isEmpty();
        assertThat(Policies.ofKind(defaults, "ConfigMap"))
                .allSatisfy(c -> assertThat(
                                c.at("/data/QUARKUS_FLYWAY_MIGRATE_AT_START").isMissingNode())
                        .isTrue());
    }

    @Test
    void theAuditTrailsRetention_runsAsACronJob_asTheDatabasesOwner(@TempDir Path dir) throws Exception {
        List<ObjectNode> cronJobs = Policies.ofKind(defaults, "CronJob");
        assertThat(cronJobs).hasSize(1);
        ObjectNode retention = cronJobs.get(0);
        assertThat(retention.at("/spec/schedule").asText()).isEqualTo("23 3 * * *");
        assertThat(retention.at("/spec/concurrencyPolicy").asText()).isEqualTo("Forbid");
        JsonNode container = Policies.podTemplate(retention).at("/spec/containers/0");
        assertThat(container.at("/image").asText()).startsWith("cairn/audit:");
        Map<String, JsonNode> env = new HashMap<>();
        container.path("env").forEach(e -> env.put(e.path("name").asText(), e));
        assertThat(env.get("AUDIT_PURGE_EXPIRED").path("value").asText()).isEqualTo("true");
        assertThat(env.get("AUDIT_RETENTION").path("value").asText()).isEqualTo("P6Y");
        assertThat(env.get("CAIRN_CONSUMERS_ENABLED").path("value").asText()).isEqualTo("false");
        assertThat(env.get("CAIRN_DB_OWNER").at("/valueFrom/secretKeyRef/key").asText())
                .isEqualTo("audit-owner-username");
        assertThat(env.get("CAIRN_DB_OWNER_PASSWORD")
                        .at("/valueFrom/secretKeyRef/key")
                        .asText())
                .isEqualTo("audit-owner-password");

        // an empty schedule keeps every record: no job at all
        Path values = dir.resolve("no-retention.yaml");
        Files.writeString(values, "auditRetention:\n  schedule: \"\"\n");
        List<ObjectNode> without = Manifests.documents(Manifests.template(Manifests.CHART, values));
        assertThat(Policies.ofKind(without, "CronJob")).isEmpty();
        // and a period that is not one is refused by the schema
        Files.writeString(values, "auditRetention:\n  period: six years\n");
        assertThatThrownBy(() -> Manifests.template(Manifests.CHART, values)).hasMessageContaining("period");
    }

    @Test
    void notifications_getTheirProvidersCredentials_fromASecret_neverFromTheValues() {
        ObjectNode deployment = Policies.ofKind(production, "Deployment").stream()
                .filter(d -> d.at("/metadata/labels/app.kubernetes.io~1component")
                        .asText()
                        .equals("notifications"))
                .findFirst()
                .orElseThrow();
        java.util.Map<String, com.fasterxml.jackson.databind.JsonNode> env = new java.util.HashMap<>();
        deployment
                .at("/spec/template/spec/containers/0/env")
                .forEach(e -> env.put(e.path("name").asText(), e));
        assertThat(env.get("CAIRN_SMTP_PASSWORD")
                        .at("/valueFrom/secretKeyRef/name")
                        .asText())
                .isEqualTo("cairn-notifications");
        assertThat(env.get("CAIRN_SMS_CALLBACK_SECRET")
                        .at("/valueFrom/secretKeyRef/key")
                        .asText())
                .isEqualTo("sms-callback-secret");
        assertThat(env.get("CAIRN_SMTP_PASSWORD").has("value")).isFalse();
        // the database credentials stay beside them
        assertThat(env).containsKey("CAIRN_DB_PASSWORD");
        ObjectNode config = Policies.ofKind(production, "ConfigMap").stream()
                .filter(d -> d.at("/metadata/labels/app.kubernetes.io~1component")
                        .asText()
                        .equals("notifications"))
                .findFirst()
                .orElseThrow();
        assertThat(config.at("/data/CAIRN_SMTP_HOST").asText()).isEqualTo("smtp.example.org");
        assertThat(config.toString()).doesNotContain("smtp-password");
    }

    @Test
    void theGateway_isToldWhereEveryInstalledServiceIs_byItsServiceName() {
        ObjectNode config = Policies.ofKind(production, "ConfigMap").stream()
                .filter(d -> d.at("/metadata/labels/app.kubernetes.io~1component")
                        .asText()
                        .equals("gateway"))
                .findFirst()
                .orElseThrow();
        java.util.Set<String> services = new java.util.HashSet<>();
        Policies.ofKind(production, "Service")
                .forEach(svc -> services.add(svc.at("/metadata/name").asText()));
        for (String name : java.util.List.of(
                "clients", "assessments", "careplans", "referrals", "scheduling", "notifications", "audit")) {
            String url = config.at("/data/CAIRN_" + name.toUpperCase(java.util.Locale.ROOT) + "_URL")
                    .asText();
            assertThat(url).as(name).startsWith("http://").endsWith(":8080");
            String host = url.substring("http://".length(), url.length() - ":8080".length());
            assertThat(services).as(name + "'s Service").contains(host);
        }
        assertThat(config.has("/data/CAIRN_GATEWAY_URL")).isFalse();
    }
}
