package org.cairn.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each kind of mistake is caught by the stage meant to catch it; none passes silently. */
class RejectionTest {

    @Test
    void aValueOfTheWrongType_isRefusedByTheValuesSchema(@TempDir Path dir) {
        Path values = Fixtures.DIR.resolve("wrong-type-values.yaml");
        assertThatThrownBy(() -> Manifests.template(values))
                .hasMessageContaining("values don't meet the specifications of the schema")
                .hasMessageContaining("replicas");

        Path copy = Fixtures.copyChart(dir);
        Fixtures.mergeValues(copy, values);
        LintResult lint = new Helm(copy).lint().strict().call();
        assertThat(lint.isFailed()).isTrue();
        assertThat(String.join("\n", lint.getMessages())).contains("replicas");
    }

    @Test
    void aMisspeltValue_isRefusedByTheValuesSchema() {
        assertThatThrownBy(() -> Manifests.template(Fixtures.DIR.resolve("typo-values.yaml")))
                .hasMessageContaining("replcas");
    }

    @Test
    void aBrokenTemplate_failsLint(@TempDir Path dir) throws Exception {
        Path copy = Fixtures.copyChart(dir);
        Files.copy(Fixtures.DIR.resolve("broken-template.yaml"), copy.resolve("templates/broken.yaml"));
        LintResult lint = new Helm(copy).lint().strict().call();
        assertThat(lint.isFailed()).isTrue();
        assertThat(String.join("\n", lint.getMessages())).contains("broken.yaml");
        assertThatThrownBy(() -> Manifests.template(copy, null)).hasMessageContaining("broken.yaml");
    }

    @Test
    void anUnknownField_isFoundInTheKubernetesModel() throws Exception {
        ObjectNode service = fixture("unknown-field.yaml");
        assertThat(Manifests.unknownFields(Manifests.typed(service)))
                .singleElement()
                .asString()
                .endsWith(".protocl");
    }

    @Test
    void anObjectOfTheWrongShape_failsTheSchemaCheck() throws Exception {
        List<Manifests.SchemaResult> results = Manifests.schemaCheck(List.of(fixture("schema-invalid.yaml")));
        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.schema()).isTrue();
            assertThat(String.join("\n", r.errors())).contains("containerPort").contains("name");
        });
    }

    @Test
    void anInsecureDeployment_breaksThePolicies() throws Exception {
        List<ObjectNode> objects = List.of(fixture("insecure-deployment.yaml"));
        assertThat(Policies.containers(objects))
                .anyMatch(v -> v.contains("no resources.requests.cpu"))
                .anyMatch(v -> v.contains("readinessProbe"))
                .anyMatch(v -> v.contains("may run as root"))
                .anyMatch(v -> v.contains("root file system is writable"));
        assertThat(Policies.disruptionBudgetsAndNetworkPolicies(objects)).hasSize(2);
        assertThat(Policies.labels(objects)).anyMatch(v -> v.contains("app.kubernetes.io/part-of"));
    }

    private static ObjectNode fixture(String name) throws Exception {
        return Manifests.documents(Files.readString(Fixtures.DIR.resolve(name))).get(0);
    }
}
