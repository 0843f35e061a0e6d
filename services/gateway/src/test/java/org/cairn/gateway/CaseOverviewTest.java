package org.cairn.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.List;
import org.cairn.testing.DemoTokens;
import org.junit.jupiter.api.Test;

/**
 * The case overview's composition, against stand-ins of the six services (UpstreamServer): what is
 * asked of each, with which token, what is kept, and what the caller gets when a part fails. The
 * journey test composes real services, and stops one of them.
 */
@QuarkusTest
@QuarkusTestResource(UpstreamServer.class)
class CaseOverviewTest {

    @Test
    void everyServiceAnswers_overviewHasEverySection_askedWithTheCallersTokenAndOneTrace() {
        String token = DemoTokens.accessToken("hospital.case-manager");
        String trace = "4bf92f3577b34da6a3ce929d0e0e4736";
        JsonPath overview = given().auth()
                .oauth2(token)
                .header("X-Request-Id", "overview-1")
                .header("traceparent", "00-" + trace + "-00f067aa0ba902b7-01")
                .get("/api/overview/cases/" + UpstreamServer.CASE)
                .then()
                .statusCode(200)
                .contentType("application/json")
                .header("X-Request-Id", "overview-1")
                .body("caseId", equalTo(UpstreamServer.CASE))
                .body("case.crisis.reason", equalTo("assessment"))
                .body("unavailable", empty())
                .extract()
                .jsonPath();
        assertThat(overview.getString("sections.client.data.preferredName")).isEqualTo("Ada");
        // the newest completed assessment of each instrument, not the one in progress nor the older one
        assertThat(overview.getList("sections.assessments.data.id")).containsExactly("a3", "a2");
        assertThat(overview.getString("sections.carePlan.data.id")).isEqualTo("p2");
        assertThat(overview.getList("sections.referrals.data.items.id")).containsExactly("r1");
        assertThat(overview.getList("sections.appointments.data.id")).containsExactly("m1");
        assertThat(overview.getList("sections.notifications.data.items.occasion"))
                .containsExactly("crisis");
        for (String seen : List.of(
                "case.seen",
                "sections.client.data.seen",
                "sections.referrals.data.items[0].seen",
                "sections.appointments.data[0].seen",
                "sections.notifications.data.items[0].seen")) {
            assertThat(overview.getString(seen + ".authorization")).as(seen).isEqualTo("Bearer " + token);
            assertThat(overview.getString(seen + ".requestId")).as(seen).isEqualTo("overview-1");
            assertThat(overview.getString(seen + ".traceparent"))
                    .as(seen)
                    .matches("00-" + trace + "-[0-9a-f]{16}-01")
                    .doesNotContain("00f067aa0ba902b7");
        }
        assertThat(overview.getString("sections.referrals.data.items[0].seen.query"))
                .contains("caseId=" + UpstreamServer.CASE)
                .contains("open=true")
                .contains("box=sent");
        assertThat(overview.getString("sections.notifications.data.items[0].seen.query"))
                .contains("state=unread")
                .contains("caseId=" + UpstreamServer.CASE);
        assertThat(overview.getString("sections.appointments.data[0].seen.query"))
                .contains("caseId=" + UpstreamServer.CASE)
                .contains("from=");
    }

    @Test
    void oneServiceFailing_andOneTooSlow_areMarkedUnavailable_andTheRestIsReturned_withinTheSectionTimeout() {
        String token = DemoTokens.accessToken("hospital.supervisor");
        long start = System.nanoTime();
        Response response = given().auth().oauth2(token).get("/api/overview/cases/" + UpstreamServer.DEGRADED_CASE);
        long millis = (System.nanoTime() - start) / 1_000_000;
        response.then()
                .statusCode(200)
                .body("unavailable", containsInAnyOrder("appointments", "notifications"))
                .body("sections.appointments.available", equalTo(false))
                .body("sections.appointments.service", equalTo("scheduling"))
                .body("sections.appointments.reason", equalTo("unavailable"))
                .body("sections.notifications.available", equalTo(false))
                .body("sections.notifications.service", equalTo("notifications"))
                .body("sections.notifications.reason", equalTo("timeout"))
                .body("sections.client.available", equalTo(true))
                .body("sections.carePlan.data.id", equalTo("p2"))
                .body("sections.assessments.data.id", contains("a3", "a2"))
                .body("sections.appointments", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("data")));
        // the slow part is given up after the section timeout (1 s here), not waited for (2.5 s)
        assertThat(millis).isLessThan(2_400);
    }

    @Test
    void aCaseTheCallerMayNotSee_is404_likeAtTheClientsService() {
        given().auth()
                .oauth2(DemoTokens.accessToken("family.case-manager"))
                .get("/api/overview/cases/" + UpstreamServer.HIDDEN_CASE)
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404));
    }

    @Test
    void theCaseUnreadableAtClients_is503WithRetryAfter_andNoUpstreamDetail() {
        given().auth()
                .oauth2(DemoTokens.accessToken("hospital.case-manager"))
                .get("/api/overview/cases/" + UpstreamServer.UNREADABLE_CASE)
                .then()
                .statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", "5")
                .body("detail", org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("internal")));
    }

    @Test
    void noToken_is401_andANonUuidCaseId_is404() {
        given().get("/api/overview/cases/" + UpstreamServer.CASE)
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(DemoTokens.accessToken("hospital.case-manager"))
                .get("/api/overview/cases/not-a-uuid")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
    }
}
