package org.cairn.platform.idempotency;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.cairn.platform.problem.Problem;
import org.cairn.testing.DemoTokens;
import org.cairn.testing.DemoUsers;
import org.cairn.testing.Sql;
import org.junit.jupiter.api.Test;

/** A retried POST with the same Idempotency-Key creates once and answers as the first time. */
@QuarkusTest
class IdempotencyTest {

    private static Response post(String user, String key, String body) {
        var request = given().auth().oauth2(DemoTokens.accessToken(user)).contentType(ContentType.JSON);
        if (key != null) {
            request = request.header(IdempotencyInterceptor.HEADER, key);
        }
        return request.body(body).when().post("/notes");
    }

    private static String body(String clientId, String text) {
        return "{\"clientId\": \"" + clientId + "\", \"text\": \"" + text + "\"}";
    }

    private static long notesOf(String clientId) {
        return Sql.number("select count(*) from test_note where client_id = ?", clientId);
    }

    @Test
    void retry_sameKeyAndBody_replaysFirstResponseWithoutSecondEffect() {
        String client = "idem-" + UUID.randomUUID();
        String key = UUID.randomUUID().toString();

        Response first = post(DemoUsers.HOSPITAL_CASE_MANAGER, key, body(client, "first"));
        Response second = post(DemoUsers.HOSPITAL_CASE_MANAGER, key, body(client, "first"));

        first.then().statusCode(201);
        second.then()
                .statusCode(201)
                .header(IdempotencyInterceptor.REPLAYED_HEADER, "true")
                .body("id", equalTo(first.path("id")));
        assertThat(second.header("Location")).isEqualTo(first.header("Location"));
        assertThat(notesOf(client)).isEqualTo(1);
        assertThat(Sql.number(
                        "select count(*) from outbox_event where aggregateid = ? and type = ?",
                        client,
                        "cairn.test-note.written.v1"))
                .isEqualTo(1);
    }

    @Test
    void retry_sameKeyOtherBody_is422() {
        String client = "idem-" + UUID.randomUUID();
        String key = UUID.randomUUID().toString();
        post(DemoUsers.HOSPITAL_CASE_MANAGER, key, body(client, "first")).then().statusCode(201);

        post(DemoUsers.HOSPITAL_CASE_MANAGER, key, body(client, "changed"))
                .then()
                .statusCode(422)
                .contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo("urn:cairn:problem:idempotency-key-reused"));
        assertThat(notesOf(client)).isEqualTo(1);
    }

    @Test
    void sameKey_inAnotherAgency_isIndependent() {
        String client = "idem-" + UUID.randomUUID();
        String key = UUID.randomUUID().toString();

        Response hospital = post(DemoUsers.HOSPITAL_CASE_MANAGER, key, body(client, "same"));
        Response cmhc = post(DemoUsers.CMHC_CASE_MANAGER, key, body(client, "same"));

        hospital.then().statusCode(201);
        cmhc.then().statusCode(201);
        assertThat(cmhc.header(IdempotencyInterceptor.REPLAYED_HEADER)).isNull();
        assertThat(cmhc.<String>path("id")).isNotEqualTo(hospital.path("id"));
    }

    @Test
    void sameKey_ofAnotherUserOfTheSameAgency_isIndependent() {
        String client = "idem-" + UUID.randomUUID();
        String key = UUID.randomUUID().toString();

        Response mine = post(DemoUsers.HOSPITAL_CASE_MANAGER, key, body(client, "same"));
        Response theirs = post(DemoUsers.HOSPITAL_SUPERVISOR, key, body(client, "same"));

        mine.then().statusCode(201);
        theirs.then().statusCode(201);
        assertThat(theirs.header(IdempotencyInterceptor.REPLAYED_HEADER)).isNull();
        assertThat(notesOf(client)).isEqualTo(2);
    }

    @Test
    void withoutKey_eachPostCreates() {
        String client = "idem-" + UUID.randomUUID();
        post(DemoUsers.HOSPITAL_CASE_MANAGER, null, body(client, "one")).then().statusCode(201);
        post(DemoUsers.HOSPITAL_CASE_MANAGER, null, body(client, "one")).then().statusCode(201);

        assertThat(notesOf(client)).isEqualTo(2);
    }

    @Test
    void concurrentRetries_createOnce() throws Exception {
        String client = "idem-" + UUID.randomUUID();
        String key = UUID.randomUUID().toString();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<CompletableFuture<Response>> calls = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                calls.add(CompletableFuture.supplyAsync(
                        () -> post(DemoUsers.HOSPITAL_CASE_MANAGER, key, body(client, "race")), pool));
            }
            List<String> ids = new ArrayList<>();
            for (CompletableFuture<Response> call : calls) {
                Response response = call.get();
                response.then().statusCode(201);
                ids.add(response.path("id"));
            }
            assertThat(ids).hasSize(6).containsOnly(ids.get(0));
            assertThat(notesOf(client)).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void invalidKey_is400() {
        post(DemoUsers.HOSPITAL_CASE_MANAGER, "x".repeat(300), body("c", "t"))
                .then()
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo("urn:cairn:problem:invalid-idempotency-key"));
    }
}
