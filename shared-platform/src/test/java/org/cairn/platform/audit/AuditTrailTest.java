package org.cairn.platform.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.cairn.contracts.events.AuditRecordedV1;
import org.cairn.contracts.events.CloudEventHeaders;
import org.cairn.contracts.events.EventJson;
import org.cairn.contracts.events.EventSchemas;
import org.cairn.contracts.events.Topics;
import org.cairn.contracts.vocabulary.AuditAction;
import org.cairn.contracts.vocabulary.Role;
import org.cairn.platform.problem.Problem;
import org.cairn.testing.DemoTokens;
import org.cairn.testing.DemoUsers;
import org.cairn.testing.Sql;
import org.cairn.testing.TopicReader;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** Who did what to which client's data reaches the audit topic, and other agencies see nothing. */
@QuarkusTest
class AuditTrailTest {

    @Test
    void createAndRead_areAudited_withActorAgencyAndClient() throws Exception {
        String client = "audited-" + UUID.randomUUID();
        String token = DemoTokens.accessToken(DemoUsers.HOSPITAL_CASE_MANAGER);
        String noteId = given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .header("X-Request-Id", "req-" + client)
                .body("{\"clientId\": \"" + client + "\", \"text\": \"seen\"}")
                .when()
                .post("/notes")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        given().auth().oauth2(token).when().get("/notes/" + noteId).then().statusCode(200);

        List<TopicReader.Event> records =
                TopicReader.await(Topics.AUDIT, e -> client.equals(e.key()), 2, Duration.ofSeconds(60));

        assertThat(records).hasSize(2);
        for (TopicReader.Event record : records) {
            assertThat(record.header(CloudEventHeaders.TYPE)).isEqualTo("cairn.audit.recorded.v1");
            assertThat(record.header(CloudEventHeaders.AGENCY_ID)).isEqualTo(DemoUsers.HOSPITAL_AGENCY);
            assertThat(EventSchemas.errors(AuditRecordedV1.class, record.value()))
                    .isEmpty();
        }
        AuditRecordedV1 created = EventJson.mapper().readValue(records.get(0).value(), AuditRecordedV1.class);
        AuditRecordedV1 viewed = EventJson.mapper().readValue(records.get(1).value(), AuditRecordedV1.class);
        assertThat(created.action()).isEqualTo(AuditAction.CREATED);
        assertThat(created.requestId()).isEqualTo("req-" + client);
        assertThat(viewed.action()).isEqualTo(AuditAction.VIEWED);
        for (AuditRecordedV1 event : List.of(created, viewed)) {
            assertThat(event.service()).isEqualTo("platform");
            assertThat(event.agencyId()).isEqualTo(DemoUsers.HOSPITAL_AGENCY);
            assertThat(event.actor().username()).isEqualTo(DemoUsers.HOSPITAL_CASE_MANAGER);
            assertThat(event.actor().roles()).containsExactly(Role.CASE_MANAGER);
            assertThat(event.resourceType()).isEqualTo("test-note");
            assertThat(event.resourceId()).isEqualTo(noteId);
            assertThat(event.clientId()).isEqualTo(client);
            // the application the token was issued to (the demo tokens are the web app's)
            assertThat(event.clientApplication()).isEqualTo(DemoTokens.WEB_CLIENT);
        }
        JsonNode data = EventJson.mapper().readTree(records.get(0).value());
        assertThat(data.has("text"))
                .as("the audit record names the data, never its content")
                .isFalse();
        assertThat(records.get(0).value()).doesNotContain("seen");
    }

    /**
     * Reads' records are committed in shared transactions. Three times as many concurrent reads as
     * the pool has connections (each request's session holds one until it answers) must all be
     * answered, and each answer only once its own record is committed.
     */
    @Test
    void concurrentReads_beyondThePoolSize_areEachAuditedBeforeTheyAreAnswered() throws Exception {
        String client = "crowd-" + UUID.randomUUID();
        String token = DemoTokens.accessToken(DemoUsers.HOSPITAL_CASE_MANAGER);
        String noteId = given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body("{\"clientId\": \"" + client + "\", \"text\": \"popular\"}")
                .when()
                .post("/notes")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        int poolSize = ConfigProvider.getConfig().getValue("quarkus.datasource.reactive.max-size", Integer.class);
        int reads = 3 * poolSize;
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest read = HttpRequest.newBuilder(
                        URI.create(ConfigProvider.getConfig().getValue("test.url", String.class) + "/notes/" + noteId))
                .header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(20))
                .build();
        List<CompletableFuture<HttpResponse<Void>>> all = new ArrayList<>();
        for (int i = 0; i < reads; i++) {
            all.add(http.sendAsync(read, HttpResponse.BodyHandlers.discarding()));
        }
        for (CompletableFuture<HttpResponse<Void>> response : all) {
            assertThat(response.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }

        // No waiting: every answered read's record is already committed.
        assertThat(Sql.number(
                        "select count(*) from outbox_event where aggregateid = ? and payload->>'action' = 'viewed'",
                        client))
                .isEqualTo(reads);
    }

    @Test
    void anotherAgencysNote_is404_andNotAudited() {
        String client = "isolated-" + UUID.randomUUID();
        String noteId = given().auth()
                .oauth2(DemoTokens.accessToken(DemoUsers.HOSPITAL_CASE_MANAGER))
                .contentType(ContentType.JSON)
                .body("{\"clientId\": \"" + client + "\", \"text\": \"private\"}")
                .when()
                .post("/notes")
                .then()
                .statusCode(201)
                .extract()
                .path("id");

        for (String outsider :
                List.of(DemoUsers.CMHC_CASE_MANAGER, DemoUsers.FAMILY_CASE_MANAGER, DemoUsers.HOUSING_CASE_MANAGER)) {
            given().auth()
                    .oauth2(DemoTokens.accessToken(outsider))
                    .when()
                    .get("/notes/" + noteId)
                    .then()
                    .statusCode(404)
                    .contentType(Problem.MEDIA_TYPE);
        }
    }
}
