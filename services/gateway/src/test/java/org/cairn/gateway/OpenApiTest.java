package org.cairn.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The combined API document: the gateway's own endpoints and each service's under its prefix, read
 * from the services (here: the stand-ins, which all serve the same small document; echo serves none).
 */
@QuarkusTest
@QuarkusTestResource(UpstreamServer.class)
class OpenApiTest {

    @Test
    void combinedDocument_hasTheGatewaysOwnPaths_andEveryServicesUnderItsPrefix_withTheirSchemasNamedApart() {
        JsonPath doc = given().get("/api/openapi")
                .then()
                .statusCode(200)
                .contentType("application/json")
                .extract()
                .jsonPath();
        assertThat(doc.getString("openapi")).startsWith("3.");
        Map<String, Object> paths = doc.getMap("paths");
        assertThat(paths).containsKeys("/api/overview/cases/{caseId}", "/api/openapi");
        for (String service :
                List.of("clients", "assessments", "careplans", "referrals", "scheduling", "notifications")) {
            assertThat(paths).containsKey("/api/" + service + "/cases/{id}");
            String operation = "paths.'/api/" + service + "/cases/{id}'.get";
            assertThat(doc.getString(operation + ".operationId")).isEqualTo(service + ".get");
            assertThat(doc.getList(operation + ".tags")).containsExactly(service + ": Cases");
            // references follow the prefixed names, and each resolves within the combined document
            assertThat(doc.getString(operation + ".responses.'200'.content.'application/json'.schema.'$ref'"))
                    .isEqualTo("#/components/schemas/" + service + ".CaseView");
            assertThat(doc.getString("components.schemas.'" + service + ".CaseView'.properties.crisis.'$ref'"))
                    .isEqualTo("#/components/schemas/" + service + ".Crisis");
            assertThat(doc.getMap("components.schemas")).containsKey(service + ".Crisis");
            assertThat(doc.getBoolean("x-cairn-sources." + service + ".available"))
                    .isTrue();
            assertThat(doc.getString("x-cairn-sources." + service + ".document"))
                    .isEqualTo("/api/" + service + "/q/openapi");
        }
        // one bearer scheme for the whole API, not one per service
        assertThat(doc.getMap("components.securitySchemes")).containsKey("SecurityScheme");
        assertThat(doc.getMap("components.securitySchemes").keySet())
                .noneMatch(k -> String.valueOf(k).contains("."));
        // a service whose document cannot be read is said to be missing, and the rest is there
        assertThat(doc.getBoolean("x-cairn-sources.down.available")).isFalse();
        assertThat(doc.getBoolean("x-cairn-sources.silent.available")).isFalse();
        assertThat(doc.getList("servers.url")).containsExactly("/");
    }
}
