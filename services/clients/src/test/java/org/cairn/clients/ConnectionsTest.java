package org.cairn.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cairn.clients.Api.as;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.cairn.platform.problem.Problem;
import org.cairn.testing.DemoUsers;
import org.junit.jupiter.api.Test;

/** Households, relationships and reversible identity links, all within what each agency may see. */
@QuarkusTest
class ConnectionsTest {

    private static final String CM = DemoUsers.HOSPITAL_CASE_MANAGER;
    private static final String CMHC = DemoUsers.CMHC_CASE_MANAGER;

    private static String client(String user, String given) {
        return Api.newClient(user, given, "Conn", "2010-06-01");
    }

    @Test
    void household_membersComeAndGo_seenOnlyByTheirAgencies() {
        String head = client(CM, "Hana");
        String child = client(CM, "Hugo");
        String outsiders = client(CMHC, "Olga");

        String household = as(CM).body(Map.of(
                        "name",
                        "Hana's household",
                        "members",
                        List.of(Map.of("clientId", head, "role", "head"), Map.of("clientId", child, "role", "child"))))
                .post("/households")
                .then()
                .statusCode(201)
                .body("members", hasSize(2))
                .extract()
                .path("id");

        as(CMHC).get("/households/" + household).then().statusCode(404).contentType(Problem.MEDIA_TYPE);
        as(CM).body(Map.of("clientId", outsiders, "role", "partner"))
                .post("/households/" + household + "/members")
                .then()
                .statusCode(404);
        as(CM).body(Map.of("clientId", child, "role", "child"))
                .post("/households/" + household + "/members")
                .then()
                .statusCode(409);
        as(CM).delete("/households/" + household + "/members/" + child)
                .then()
                .statusCode(200)
                .body("members.clientId", contains(head));
        as(CM).body(Map.of("name", "x", "members", List.of(Map.of("clientId", head, "role", "landlord"))))
                .post("/households")
                .then()
                .statusCode(400);

        assertThat(Api.clientEvents(head, "cairn.household.changed.v1", 1)).hasSize(1);
        assertThat(Api.clientEvents(child, "cairn.household.changed.v1", 2)).hasSize(2);
    }

    @Test
    void legalGuardian_mayGrantConsent_onlyOnceTheRelationshipSaysSo() {
        String child = client(CM, "Mila");
        String mother = client(CM, "Rosa");
        Map<String, Object> consent =
                Api.with(Api.with(Api.consent(), "grantorType", "legal-guardian"), "guardianClientId", mother);

        as(CM).body(consent)
                .post("/clients/" + child + "/consents")
                .then()
                .statusCode(422)
                .body("type", equalTo("urn:cairn:problem:not-legal-guardian"));
        as(CM).body(Map.of("toClientId", child, "type", "sibling-of", "legalGuardian", true))
                .post("/clients/" + mother + "/relationships")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("legalGuardian"));
        as(CM).body(Map.of("toClientId", child, "type", "parent-of", "legalGuardian", true))
                .post("/clients/" + mother + "/relationships")
                .then()
                .statusCode(201);

        as(CM).body(consent)
                .post("/clients/" + child + "/consents")
                .then()
                .statusCode(201)
                .body("grantorType", equalTo("legal-guardian"));
        as(CM).get("/clients/" + child + "/relationships")
                .then()
                .statusCode(200)
                .body("type", contains("parent-of"))
                .body("[0].legalGuardian", equalTo(true));
        as(CMHC).get("/clients/" + child + "/relationships").then().statusCode(404);
    }

    @Test
    void identityLink_showsBothAsOnePerson_andUnlinkingRestoresBoth() {
        String a = client(CM, "Jonas");
        String b = client(CM, "Jon");
        String theirs = client(CMHC, "Jonah");

        as(CMHC).body(Map.of("otherClientId", b))
                .post("/clients/" + a + "/links")
                .then()
                .statusCode(404);
        as(CM).body(Map.of("otherClientId", theirs))
                .post("/clients/" + a + "/links")
                .then()
                .statusCode(404);
        String link = as(CM).body(Map.of("otherClientId", b))
                .post("/clients/" + a + "/links")
                .then()
                .statusCode(201)
                .extract()
                .path("linkId");
        as(CM).body(Map.of("otherClientId", a))
                .post("/clients/" + b + "/links")
                .then()
                .statusCode(409);

        as(CM).get("/clients/" + a).then().statusCode(200).body("linkedRecords.id", contains(b));
        as(CM).get("/clients/" + b)
                .then()
                .statusCode(200)
                .body("linkedRecords.id", contains(a))
                .body("name.given", equalTo("Jon"));
        assertThat(Api.clientEvents(a, "cairn.client.linked.v1", 1)).hasSize(1);
        assertThat(Api.clientEvents(b, "cairn.client.linked.v1", 1)).hasSize(1);

        // An agency that sees only one of the two records cannot undo the link, nor learn the other.
        String cmhcCase =
                as(CMHC).get("/cases/mine").then().statusCode(200).extract().asString();
        assertThat(cmhcCase).doesNotContain(b);
        as(CMHC).delete("/clients/" + b + "/links/" + link).then().statusCode(404);
        as(CM).delete("/clients/" + b + "/links/" + link).then().statusCode(200);

        as(CM).get("/clients/" + a)
                .then()
                .statusCode(200)
                .body("linkedRecords", hasSize(0))
                .body("name.given", equalTo("Jonas"));
        as(CM).get("/clients/" + b)
                .then()
                .statusCode(200)
                .body("linkedRecords", hasSize(0))
                .body("name.given", equalTo("Jon"));
        as(CM).delete("/clients/" + b + "/links/" + link).then().statusCode(404);
        assertThat(Api.clientEvents(a, "cairn.client.unlinked.v1", 1)).hasSize(1);
        assertThat(Api.clientEvents(b, "cairn.client.unlinked.v1", 1)).hasSize(1);
        as(CM).body(Map.of("otherClientId", b))
                .post("/clients/" + a + "/links")
                .then()
                .statusCode(201);
        as(CM).get("/clients/" + a).then().body("linkedRecords.id", containsInAnyOrder(b));
    }
}
