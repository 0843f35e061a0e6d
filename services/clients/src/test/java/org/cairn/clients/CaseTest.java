package org.cairn.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cairn.clients.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.cairn.platform.problem.Problem;
import org.cairn.testing.DemoTokens;
import org.cairn.testing.DemoUsers;
import org.cairn.testing.TopicReader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Cases of one agency: opening, assignment, caseload transfer, status, crisis, and isolation. */
@QuarkusTest
class CaseTest {

    private static final String CM = DemoUsers.HOSPITAL_CASE_MANAGER;
    private static final String SUPERVISOR = DemoUsers.HOSPITAL_SUPERVISOR;
    private static final String INTAKE = DemoUsers.HOSPITAL_INTAKE_WORKER;
    private static final String OUTSIDER = DemoUsers.CMHC_CASE_MANAGER;

    private static boolean signedIn;

    @BeforeEach
    void staffSignIn() {
        // Staff become assignable once they have used the case API with their own token.
        if (!signedIn) {
            for (String user : List.of(CM, SUPERVISOR, INTAKE, OUTSIDER)) {
                as(user).get("/cases/mine").then().statusCode(200);
            }
            signedIn = true;
        }
    }

    private static String subject(String user) {
        return DemoTokens.subject(user);
    }

    private static String client(String family) {
        return Api.newClient(INTAKE, "Case", family, null);
    }

    private static String open(String user, String clientId, Map<String, Object> body) {
        return as(user).body(body)
                .post("/clients/" + clientId + "/cases")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    @Test
    void open_byCaseManager_assignsThemAndAnnouncesIt() {
        String clientId = client("Opened");

        String caseId =
                open(CM, clientId, Map.of("program", "medical", "riskLevel", "high", "reason", "discharge planning"));

        as(CM).get("/cases/" + caseId)
                .then()
                .statusCode(200)
                .body("clientId", equalTo(clientId))
                .body("program", equalTo("medical"))
                .body("status", equalTo("intake"))
                .body("primaryCaseManagerId", equalTo(subject(CM)))
                .body("riskLevel", equalTo("high"))
                .body("priority", equalTo("medium"));
        as(CM).get("/cases/mine?size=100").then().body("items.id", hasItem(caseId));
        as(CM).get("/clients/" + clientId + "/cases").then().statusCode(200).body("id", hasItem(caseId));
        List<TopicReader.Event> opened = Api.clientEvents(clientId, "cairn.case.opened.v1", 1);
        assertThat(opened).hasSize(1);
        assertThat(opened.get(0).value()).doesNotContain("discharge");
    }

    @Test
    void open_secondOpenCaseInTheSameProgram_is409() {
        String clientId = client("Twice");
        open(CM, clientId, Map.of("program", "mental-health"));

        as(CM).body(Map.of("program", "mental-health"))
                .post("/clients/" + clientId + "/cases")
                .then()
                .statusCode(409)
                .contentType(Problem.MEDIA_TYPE);
        open(CM, clientId, Map.of("program", "geriatric"));
    }

    @Test
    void anotherAgency_gets404_forEveryCaseEndpoint() {
        String clientId = client("Isolated");
        String caseId = open(CM, clientId, Map.of("program", "medical"));

        List<Function<String, ValidatableResponse>> calls = List.of(
                u -> as(u).get("/cases/" + caseId).then(),
                u -> as(u).get("/clients/" + clientId + "/cases").then(),
                u -> as(u).body(Map.of("program", "medical"))
                        .post("/clients/" + clientId + "/cases")
                        .then(),
                u -> as(u).body(Map.of("primaryCaseManagerId", subject(OUTSIDER)))
                        .put("/cases/" + caseId + "/primary-case-manager")
                        .then(),
                u -> as(u).body(Map.of("status", "active"))
                        .post("/cases/" + caseId + "/status")
                        .then(),
                u -> as(u).body(Map.of("reason", "x"))
                        .put("/cases/" + caseId + "/crisis")
                        .then(),
                u -> as(u).delete("/cases/" + caseId + "/crisis").then(),
                u -> as(u).get("/clients/" + clientId).then());
        for (String outsider :
                List.of(OUTSIDER, DemoUsers.of("family", "supervisor"), DemoUsers.of("housing", "case-manager"))) {
            for (Function<String, ValidatableResponse> call : calls) {
                call.apply(outsider).statusCode(404).contentType(Problem.MEDIA_TYPE);
            }
        }
        as(CM).get("/cases/" + caseId).then().statusCode(200).body("status", equalTo("intake"));
    }

    @Test
    void assign_onlyToCaseWorkersOfTheSameAgency() {
        String clientId = client("Assigned");
        String caseId = open(CM, clientId, Map.of("program", "medical"));

        as(CM).body(Map.of("primaryCaseManagerId", subject(OUTSIDER)))
                .put("/cases/" + caseId + "/primary-case-manager")
                .then()
                .statusCode(422)
                .body("type", equalTo("urn:cairn:problem:not-agency-case-manager"));
        as(CM).body(Map.of("primaryCaseManagerId", subject(INTAKE)))
                .put("/cases/" + caseId + "/primary-case-manager")
                .then()
                .statusCode(422);
        as(CM).body(Map.of("primaryCaseManagerId", "no-such-user"))
                .put("/cases/" + caseId + "/primary-case-manager")
                .then()
                .statusCode(422);
        as(CM).get("/cases/" + caseId).then().body("primaryCaseManagerId", equalTo(subject(CM)));

        as(CM).body(Map.of("primaryCaseManagerId", subject(SUPERVISOR)))
                .put("/cases/" + caseId + "/primary-case-manager")
                .then()
                .statusCode(200)
                .body("primaryCaseManagerId", equalTo(subject(SUPERVISOR)));
        assertThat(Api.clientEvents(clientId, "cairn.case.assigned.v1", 1)).hasSize(1);
    }

    @Test
    void caseloadTransfer_movesEveryOpenCaseAtOnce_supervisorsOnly() {
        String from = subject(CM);
        String to = subject(SUPERVISOR);
        List<String> clients = List.of(client("Moved"), client("Moved"), client("Moved"));
        List<String> caseIds = clients.stream()
                .map(c -> open(CM, c, Map.of("program", "vocational-rehab")))
                .toList();

        as(CM).body(Map.of("fromCaseManagerId", from, "toCaseManagerId", to))
                .post("/caseload-transfers")
                .then()
                .statusCode(403)
                .contentType(Problem.MEDIA_TYPE);
        int moved = as(SUPERVISOR)
                .body(Map.of("fromCaseManagerId", from, "toCaseManagerId", to))
                .post("/caseload-transfers")
                .then()
                .statusCode(200)
                .extract()
                .path("moved");

        assertThat(moved).isGreaterThanOrEqualTo(3);
        as(SUPERVISOR).get("/cases/mine?size=100").then().body("items.id", hasItems(caseIds.toArray(String[]::new)));
        as(CM).get("/cases/mine?size=100").then().body("items.id", not(hasItem(caseIds.get(0))));
        for (String clientId : clients) {
            assertThat(Api.clientEvents(clientId, "cairn.case.transferred.v1", 1))
                    .hasSize(1);
        }
        as(SUPERVISOR)
                .get("/caseloads")
                .then()
                .statusCode(200)
                .body("find { it.caseManagerId == '" + to + "' }.byStatus.intake", not(nullValue()));
        as(CM).get("/caseloads").then().statusCode(403);
    }

    @Test
    void status_followsTheLifecycle_andClosedIsFinal() {
        String clientId = client("Lifecycle");
        String caseId = open(
                CM,
                clientId,
                Map.of(
                        "program",
                        "legal-forensic",
                        "openedOn",
                        LocalDate.now().minusDays(10).toString()));

        for (String status : List.of("active", "on-hold", "active")) {
            as(CM).body(Map.of("status", status))
                    .post("/cases/" + caseId + "/status")
                    .then()
                    .statusCode(200)
                    .body("status", equalTo(status));
        }
        as(CM).body(Map.of(
                        "status",
                        "closed",
                        "closedOn",
                        LocalDate.now().minusDays(20).toString()))
                .post("/cases/" + caseId + "/status")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("closedOn"));
        as(CM).body(Map.of("status", "paused"))
                .post("/cases/" + caseId + "/status")
                .then()
                .statusCode(400);
        as(CM).body(Map.of("status", "closed", "reason", "goals met"))
                .post("/cases/" + caseId + "/status")
                .then()
                .statusCode(200)
                .body("status", equalTo("closed"))
                .body("closedOn", equalTo(LocalDate.now().toString()));
        as(CM).body(Map.of("status", "active"))
                .post("/cases/" + caseId + "/status")
                .then()
                .statusCode(422)
                .body("type", equalTo("urn:cairn:problem:invalid-transition"));

        assertThat(Api.clientEvents(clientId, "cairn.case.status-changed.v1", 4))
                .hasSize(4);
        assertThat(Api.clientEvents(clientId, "cairn.case.closed.v1", 1)).hasSize(1);
    }

    @Test
    void crisis_flagAndClear_announcedWithoutTheReason() {
        String clientId = client("Crisis");
        String caseId = open(CM, clientId, Map.of("program", "mental-health"));

        as(CM).body(Map.of("reason", "expressed intent to self-harm"))
                .put("/cases/" + caseId + "/crisis")
                .then()
                .statusCode(200)
                .body("crisis.reason", equalTo("expressed intent to self-harm"));
        TopicReader.Event flagged =
                Api.clientEvents(clientId, "cairn.case.crisis-flagged.v1", 1).get(0);
        assertThat(flagged.value()).doesNotContain("self-harm").contains("manual");
        as(CM).delete("/cases/" + caseId + "/crisis").then().statusCode(200).body("crisis", nullValue());
        assertThat(Api.clientEvents(clientId, "cairn.case.crisis-cleared.v1", 1))
                .hasSize(1);
    }

    @Test
    void writes_byStaffNotOnTheCase_areForbidden() {
        String clientId = client("Guarded");
        String caseId = open(CM, clientId, Map.of("program", "medical"));

        as(INTAKE)
                .body(Map.of("status", "active"))
                .post("/cases/" + caseId + "/status")
                .then()
                .statusCode(403)
                .contentType(Problem.MEDIA_TYPE);
        as(SUPERVISOR)
                .body(Map.of("status", "active"))
                .post("/cases/" + caseId + "/status")
                .then()
                .statusCode(200);
    }
}
