package org.cairn.platform.problem;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.UUID;
import org.cairn.testing.DemoTokens;
import org.cairn.testing.DemoUsers;
import org.junit.jupiter.api.Test;

/** Every kind of bad input gets its 4xx and a problem+json body saying what is wrong; never a 5xx. */
@QuarkusTest
class ProblemMappingTest {

    private static String token() {
        return DemoTokens.accessToken(DemoUsers.HOSPITAL_CASE_MANAGER);
    }

    private static ValidatableResponse post(String body) {
        return given().auth()
                .oauth2(token())
                .contentType(ContentType.JSON)
                .body(body)
                .when()
                .post("/notes")
                .then()
                .contentType(Problem.MEDIA_TYPE);
    }

    @Test
    void post_malformedJson_is400() {
        post("{\"clientId\": \"c-1\", \"text\": ")
                .statusCode(400)
                .body("type", equalTo("urn:cairn:problem:malformed-json"))
                .body("title", not(containsString("Exception")))
                .body("detail", not(containsString("com.fasterxml")));
    }

    @Test
    void post_wrongTypeOfField_is400WithTheField() {
        post("{\"clientId\": {\"nested\": true}, \"text\": \"hello\"}")
                .statusCode(400)
                .body("type", equalTo("urn:cairn:problem:malformed-json"))
                .body("errors[0].field", equalTo("clientId"));
    }

    @Test
    void post_notAnObject_is400() {
        post("[1, 2, 3]").statusCode(400).body("status", equalTo(400));
    }

    @Test
    void post_emptyBody_is400() {
        post("").statusCode(400);
    }

    @Test
    void post_invalidFields_is400ListingEachField() {
        post("{\"clientId\": \"\", \"reference\": \"no spaces allowed\", \"text\": \"" + "x".repeat(201) + "\"}")
                .statusCode(400)
                .body("type", equalTo("urn:cairn:problem:validation"))
                .body("errors.field", hasItems("clientId", "reference", "text"));
    }

    @Test
    void get_invalidQueryParameter_is400NamingIt() {
        given().auth()
                .oauth2(token())
                .queryParam("size", 1000)
                .when()
                .get("/notes/search")
                .then()
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("errors[0].field", equalTo("size"));
    }

    @Test
    void get_malformedPathParameter_is404() {
        given().auth()
                .oauth2(token())
                .when()
                .get("/notes/not-a-uuid")
                .then()
                .statusCode(404)
                .contentType(Problem.MEDIA_TYPE);
    }

    @Test
    void get_unknownId_is404WithBody() {
        given().auth()
                .oauth2(token())
                .when()
                .get("/notes/" + UUID.randomUUID())
                .then()
                .statusCode(404)
                .contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo("urn:cairn:problem:not-found"))
                .body("instance", startsWith("urn:cairn:request:"));
    }

    @Test
    void post_duplicateReference_is409() {
        String body = "{\"clientId\": \"c-dup\", \"reference\": \"ref-" + UUID.randomUUID() + "\", \"text\": \"one\"}";
        given().auth()
                .oauth2(token())
                .contentType(ContentType.JSON)
                .body(body)
                .post("/notes")
                .then()
                .statusCode(201);

        post(body).statusCode(409).body("type", equalTo("urn:cairn:problem:duplicate"));
    }

    @Test
    void unknownRoute_is404() {
        given().auth()
                .oauth2(token())
                .when()
                .get("/no/such/route")
                .then()
                .statusCode(404)
                .contentType(Problem.MEDIA_TYPE)
                .body("status", equalTo(404));
    }

    @Test
    void wrongMethod_is405() {
        given().auth()
                .oauth2(token())
                .when()
                .delete("/notes/whoami")
                .then()
                .statusCode(405)
                .contentType(Problem.MEDIA_TYPE);
    }

    @Test
    void wrongContentType_is415() {
        given().auth()
                .oauth2(token())
                .contentType(ContentType.XML)
                .body("<note/>")
                .when()
                .post("/notes")
                .then()
                .statusCode(415)
                .contentType(Problem.MEDIA_TYPE);
    }

    @Test
    void oversizeBody_is413() {
        String huge = "{\"clientId\": \"c-1\", \"text\": \"" + "x".repeat(2 * 1024 * 1024) + "\"}";
        given().auth()
                .oauth2(token())
                .contentType(ContentType.JSON)
                .body(huge)
                .when()
                .post("/notes")
                .then()
                .statusCode(413)
                .contentType(Problem.MEDIA_TYPE);
    }

    @Test
    void unexpectedFault_is500RevealingNothing() {
        given().auth()
                .oauth2(token())
                .when()
                .get("/notes/boom")
                .then()
                .statusCode(500)
                .contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo("urn:cairn:problem:internal-error"))
                .body(not(containsString("Jane")))
                .body(not(containsString("123-45")))
                .body(not(containsString("IllegalStateException")))
                .body(not(containsString("org.cairn")));
    }
}
