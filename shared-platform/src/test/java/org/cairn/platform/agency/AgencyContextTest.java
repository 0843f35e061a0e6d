package org.cairn.platform.agency;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.Jwt;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.cairn.platform.problem.Problem;
import org.cairn.testing.DemoTokens;
import org.cairn.testing.DemoUsers;
import org.cairn.testing.InfraEnv;
import org.junit.jupiter.api.Test;

/** The agency comes from a verified token of the network's realm, and from nothing else. */
@QuarkusTest
class AgencyContextTest {

    @Test
    void whoami_hospitalCaseManager_resolvesAgencyAndRoles() {
        given().auth()
                .oauth2(DemoTokens.accessToken(DemoUsers.HOSPITAL_CASE_MANAGER))
                .when()
                .get("/notes/whoami")
                .then()
                .statusCode(200)
                .body("agencyId", equalTo(DemoUsers.HOSPITAL_AGENCY))
                .body("username", equalTo(DemoUsers.HOSPITAL_CASE_MANAGER))
                .body("roles", equalTo(List.of("case-manager")))
                .body("userId", not(equalTo(null)));
    }

    @Test
    void whoami_otherAgencySupervisor_resolvesThatAgency() {
        given().auth()
                .oauth2(DemoTokens.accessToken(DemoUsers.of("cmhc", "supervisor")))
                .when()
                .get("/notes/whoami")
                .then()
                .statusCode(200)
                .body("agencyId", equalTo(DemoUsers.CMHC_AGENCY))
                .body("roles", hasItem("supervisor"));
    }

    @Test
    void whoami_agencyInHeaderOrQuery_isIgnored() {
        given().auth()
                .oauth2(DemoTokens.accessToken(DemoUsers.HOSPITAL_CASE_MANAGER))
                .header("X-Agency-Id", DemoUsers.CMHC_AGENCY)
                .queryParam("agencyId", DemoUsers.CMHC_AGENCY)
                .when()
                .get("/notes/whoami")
                .then()
                .statusCode(200)
                .body("agencyId", equalTo(DemoUsers.HOSPITAL_AGENCY));
    }

    @Test
    void whoami_userWithoutAgency_isForbidden() {
        given().auth()
                .oauth2(DemoTokens.accessToken(DemoUsers.UNAFFILIATED))
                .when()
                .get("/notes/whoami")
                .then()
                .statusCode(403)
                .contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo("urn:cairn:problem:no-agency"))
                .body("status", equalTo(403));
    }

    @Test
    void whoami_userOfTwoAgencies_isForbidden() {
        given().auth()
                .oauth2(DemoTokens.accessToken(DemoUsers.DUAL_MEMBER))
                .when()
                .get("/notes/whoami")
                .then()
                .statusCode(403)
                .contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo("urn:cairn:problem:several-agencies"));
    }

    @Test
    void whoami_noToken_isUnauthorized() {
        given().when()
                .get("/notes/whoami")
                .then()
                .statusCode(401)
                .contentType(Problem.MEDIA_TYPE)
                .header("WWW-Authenticate", containsString("Bearer"));
    }

    @Test
    void whoami_garbageToken_isUnauthorized() {
        given().auth()
                .oauth2("not-a-jwt")
                .when()
                .get("/notes/whoami")
                .then()
                .statusCode(401)
                .contentType(Problem.MEDIA_TYPE);
    }

    @Test
    void whoami_expiredToken_isUnauthorized() throws InterruptedException {
        String token = DemoTokens.fetchAccessToken(
                InfraEnv.oidcUrl(), DemoTokens.SHORT_LIVED_CLIENT, DemoUsers.HOSPITAL_CASE_MANAGER);
        given().auth().oauth2(token).when().get("/notes/whoami").then().statusCode(200);

        Thread.sleep(3_500);

        given().auth()
                .oauth2(token)
                .when()
                .get("/notes/whoami")
                .then()
                .statusCode(401)
                .contentType(Problem.MEDIA_TYPE);
    }

    /**
     * Verified tokens are remembered (VerifiedTokens): a copy of one whose claims were changed, the
     * signature kept, must still be refused, because it is not the same token.
     */
    @Test
    void whoami_alteredCopyOfAVerifiedToken_isUnauthorized() {
        String token = DemoTokens.accessToken(DemoUsers.HOSPITAL_CASE_MANAGER);
        given().auth()
                .oauth2(token)
                .when()
                .get("/notes/whoami")
                .then()
                .statusCode(200)
                .body("agencyId", equalTo(DemoUsers.HOSPITAL_AGENCY));

        String[] parts = token.split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        assertThat(claims).contains(DemoUsers.HOSPITAL_AGENCY);
        String altered = claims.replace(DemoUsers.HOSPITAL_AGENCY, DemoUsers.CMHC_AGENCY);
        String forged = parts[0] + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(altered.getBytes(StandardCharsets.UTF_8))
                + "." + parts[2];

        given().auth()
                .oauth2(forged)
                .when()
                .get("/notes/whoami")
                .then()
                .statusCode(401)
                .contentType(Problem.MEDIA_TYPE);
    }

    @Test
    void whoami_tokenSignedByAnotherKey_isUnauthorized() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair foreign = generator.generateKeyPair();
        String forged = Jwt.issuer(InfraEnv.oidcUrl())
                .audience("cairn-api")
                .subject("forged-user")
                .claim("preferred_username", DemoUsers.HOSPITAL_CASE_MANAGER)
                .claim("organization", List.of(DemoUsers.HOSPITAL_AGENCY))
                .claim("realm_access", Map.of("roles", List.of("network-admin")))
                .issuedAt(Instant.now())
                .expiresAt(Instant.now().plusSeconds(300))
                .jws()
                .keyId("forged-key")
                .sign(foreign.getPrivate());

        given().auth().oauth2(forged).when().get("/notes/whoami").then().statusCode(401);
    }

    @Test
    void whoami_tokenOfAnotherRealm_isUnauthorized() {
        String token = DemoTokens.fetchAccessToken(
                InfraEnv.otherRealmOidcUrl(), DemoTokens.WEB_CLIENT, DemoUsers.ELSEWHERE_CASE_MANAGER);

        given().auth()
                .oauth2(token)
                .when()
                .get("/notes/whoami")
                .then()
                .statusCode(401)
                .contentType(Problem.MEDIA_TYPE);
    }
}
