package org.cairn.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.cairn.testing.DemoTokens;
import org.cairn.testing.DemoUsers;
import org.cairn.testing.InfraEnv;
import org.junit.jupiter.api.Test;

/** What the gateway does to a request on its way to a service, with real Keycloak tokens. */
@QuarkusTest
@QuarkusTestResource(UpstreamServer.class)
class GatewayProxyTest {

    private static final String PROBLEM = "application/problem+json";

    @Test
    void verifiedRequest_reachesTheService_withoutItsPrefix_withTokenRequestIdAndTraceContext() {
        String token = DemoTokens.accessToken("hospital.case-manager");
        given().auth()
                .oauth2(token)
                .header("X-Request-Id", "journey-42")
                .get("/api/echo/clients/abc?q=smith")
                .then()
                .statusCode(200)
                .header("X-Request-Id", "journey-42")
                .body("method", equalTo("GET"))
                .body("uri", equalTo("/clients/abc?q=smith"))
                .body("authorization", equalTo("Bearer " + token))
                .body("requestId", equalTo("journey-42"))
                .body("traceparent", org.hamcrest.Matchers.matchesPattern("00-[0-9a-f]{32}-[0-9a-f]{16}-01"));
    }

    @Test
    void traceContextOfTheCaller_isKept_andAMissingRequestId_isMadeUp() {
        String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        Response response = given().auth()
                .oauth2(DemoTokens.accessToken("hospital.intake-worker"))
                .header("traceparent", traceparent)
                .get("/api/echo");
        response.then()
                .statusCode(200)
                .body("uri", equalTo("/"))
                .body("traceparent", equalTo(traceparent))
                .body("requestId", notNullValue());
        assertThat(response.header("X-Request-Id"))
                .isEqualTo(response.jsonPath().getString("requestId"));
    }

    @Test
    void body_isPassedOnWhole() {
        String body = "{\"note\":\"" + "x".repeat(200_000) + "\"}";
        given().auth()
                .oauth2(DemoTokens.accessToken("hospital.supervisor"))
                .contentType("application/json")
                .body(body)
                .post("/api/echo/notes")
                .then()
                .statusCode(200)
                .body("method", equalTo("POST"))
                .body("bodyLength", equalTo(body.length()));
    }

    @Test
    void noToken_badToken_foreignRealmToken_areRefusedAtTheGateway() {
        given().get("/api/echo/clients")
                .then()
                .statusCode(401)
                .contentType(PROBLEM)
                .header("WWW-Authenticate", "Bearer");
        String token = DemoTokens.accessToken("hospital.case-manager");
        String altered = token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
        given().auth()
                .oauth2(altered)
                .get("/api/echo/clients")
                .then()
                .statusCode(401)
                .contentType(PROBLEM);
        String foreign = DemoTokens.fetchAccessToken(
                InfraEnv.otherRealmOidcUrl(), DemoTokens.WEB_CLIENT, DemoUsers.ELSEWHERE_CASE_MANAGER);
        given().auth()
                .oauth2(foreign)
                .get("/api/echo/clients")
                .then()
                .statusCode(401)
                .contentType(PROBLEM);
    }

    @Test
    void theSmsProvidersSignedCallback_passesWithoutAToken_butNothingElseOfTheServiceDoes() {
        given().header("X-Cairn-Signature", "sha256=abc")
                .contentType("application/json")
                .body("{\"MessageSid\":\"SM1\",\"MessageStatus\":\"delivered\"}")
                .post("/api/notifications/providers/sms/status")
                .then()
                .statusCode(200)
                .body("method", equalTo("POST"))
                .body("signature", equalTo("sha256=abc"))
                .body("authorization", org.hamcrest.Matchers.nullValue());
        // unsigned, it is an anonymous call like any other
        given().contentType("application/json")
                .body("{}")
                .post("/api/notifications/providers/sms/status")
                .then()
                .statusCode(401)
                .contentType(PROBLEM);
        // only that one call of that one service, and only as a POST
        given().get("/api/notifications/providers/sms/status")
                .then()
                .statusCode(401)
                .contentType(PROBLEM);
        given().post("/api/notifications/inbox").then().statusCode(401).contentType(PROBLEM);
        given().post("/api/clients/providers/sms/status").then().statusCode(401).contentType(PROBLEM);
    }

    @Test
    void expiredToken_isRefusedAtTheGateway() throws InterruptedException {
        String shortLived =
                DemoTokens.fetchAccessToken(InfraEnv.oidcUrl(), DemoTokens.SHORT_LIVED_CLIENT, "cmhc.intake-worker");
        given().auth().oauth2(shortLived).get("/api/echo/x").then().statusCode(200);
        // the demo realm's test client issues tokens that live two seconds; the verifier allows no skew
        Thread.sleep(3_500);
        given().auth()
                .oauth2(shortLived)
                .get("/api/echo/x")
                .then()
                .statusCode(401)
                .contentType(PROBLEM);
    }

    @Test
    void oversizeBody_is413() {
        given().auth()
                .oauth2(DemoTokens.accessToken("hospital.program-director"))
                .contentType("application/json")
                .body("{\"x\":\"" + "y".repeat(1_100_000) + "\"}")
                .post("/api/echo/notes")
                .then()
                .statusCode(413)
                .contentType(PROBLEM);
    }

    @Test
    void aUserOverTheirRate_gets429WithRetryAfter_andOtherUsersDoNot() {
        String token = DemoTokens.accessToken("family.case-manager");
        int ok = 0;
        Response refused = null;
        for (int i = 0; i < 60 && refused == null; i++) {
            Response r = given().auth().oauth2(token).get("/api/echo/ping");
            if (r.statusCode() == 429) {
                refused = r;
            } else {
                assertThat(r.statusCode()).isEqualTo(200);
                ok++;
            }
        }
        assertThat(refused).as("429 within 60 requests at a burst of 30").isNotNull();
        assertThat(ok).isBetween(30, 40);
        refused.then().contentType(PROBLEM).body("type", containsString("rate-limited"));
        assertThat(Long.parseLong(refused.header("Retry-After"))).isPositive();
        given().auth()
                .oauth2(DemoTokens.accessToken("family.supervisor"))
                .get("/api/echo/ping")
                .then()
                .statusCode(200);
    }

    @Test
    void serviceDown_is503_serviceSilent_is504_unknownService_is404_allProblemsWithoutInternals() {
        String token = DemoTokens.accessToken("housing.case-manager");
        given().auth()
                .oauth2(token)
                .get("/api/down/clients")
                .then()
                .statusCode(503)
                .contentType(PROBLEM)
                .header("Retry-After", notNullValue())
                .body("detail", containsString("down service"))
                .body(org.hamcrest.Matchers.not(containsString("Exception")))
                .body(org.hamcrest.Matchers.not(containsString("127.0.0.1")));
        given().auth()
                .oauth2(token)
                .get("/api/silent/clients")
                .then()
                .statusCode(504)
                .contentType(PROBLEM)
                .body(org.hamcrest.Matchers.not(containsString("127.0.0.1")));
        given().auth()
                .oauth2(token)
                .get("/api/nowhere/clients")
                .then()
                .statusCode(404)
                .contentType(PROBLEM);
    }

    @Test
    void liveStream_isNotCutByTheUpstreamTimeout() {
        // the upstream sends one event at once and the second after 1.5 s, longer than the 1 s timeout
        String body = given().auth()
                .oauth2(DemoTokens.accessToken("housing.supervisor"))
                .accept("text/event-stream")
                .get("/api/echo/stream")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(body).contains("data: one").contains("data: two");
    }

    @Test
    void cors_preflightFromAConfiguredOrigin_isAnswered_andAnOtherOriginIsNot() {
        given().header("Origin", "https://app.riverbend.example")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .options("/api/echo/clients")
                .then()
                .statusCode(200)
                .header("Access-Control-Allow-Origin", "https://app.riverbend.example");
        Response other = given().header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST")
                .options("/api/echo/clients");
        assertThat(other.header("Access-Control-Allow-Origin")).isNull();
    }
}
