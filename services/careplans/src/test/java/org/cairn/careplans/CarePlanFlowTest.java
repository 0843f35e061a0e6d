package org.cairn.careplans;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.cairn.contracts.events.AssessmentCompletedV1;
import org.cairn.contracts.events.EventSchemas;
import org.cairn.contracts.events.Topics;
import org.cairn.contracts.vocabulary.NeedDomain;
import org.cairn.contracts.vocabulary.Program;
import org.cairn.testing.CaseEvents;
import org.cairn.testing.DemoTokens;
import org.cairn.testing.DemoUsers;
import org.cairn.testing.EventPublisher;
import org.cairn.testing.Sql;
import org.cairn.testing.TopicReader;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CarePlanFlowTest {

    static final String CM = DemoUsers.HOSPITAL_CASE_MANAGER;
    static final String SUPERVISOR = DemoUsers.HOSPITAL_SUPERVISOR;

    static RequestSpecification as(String user) {
        return given().auth().oauth2(DemoTokens.accessToken(user)).contentType(ContentType.JSON);
    }

    static CaseEvents.OpenCase openCase() {
        return CaseEvents.open(
                DemoUsers.HOSPITAL_AGENCY,
                CM,
                Program.MENTAL_HEALTH,
                LocalDate.now().minusDays(5));
    }

    static String draft(CaseEvents.OpenCase c) {
        return as(CM).body(Map.of("clientWords", "I want to sleep through the night and keep my flat"))
                .post("/cases/" + c.caseId() + "/care-plans")
                .then()
                .statusCode(201)
                .body("status", equalTo("draft"))
                .body("version", equalTo(1))
                .extract()
                .path("id");
    }

    static Map<String, Object> goal(String domain) {
        return Map.of(
                "needDomain", domain,
                "statement", "Reduce depressive symptoms within three months",
                "target", "PHQ-9 under 10",
                "targetDate", LocalDate.now().plusDays(90).toString(),
                "priority", "high");
    }

    @Test
    void draftSubmitReturnResubmitApprove_withACaseManagerAndASupervisor() {
        CaseEvents.OpenCase c = openCase();
        String plan = draft(c);
        as(CM).body(goal("behavioral-health"))
                .post("/care-plans/" + plan + "/goals")
                .then()
                .statusCode(201);

        // approving a draft that was never submitted is refused
        as(SUPERVISOR)
                .post("/care-plans/" + plan + "/approval")
                .then()
                .statusCode(409)
                .body("type", equalTo("urn:cairn:problem:plan-transition"));
        as(CM).post("/care-plans/" + plan + "/submission")
                .then()
                .statusCode(200)
                .body("status", equalTo("submitted"));
        as(SUPERVISOR).get("/approvals/pending").then().statusCode(200).body("id", org.hamcrest.Matchers.hasItem(plan));
        // a case manager cannot approve
        as(CM).post("/care-plans/" + plan + "/approval").then().statusCode(403);

        as(SUPERVISOR)
                .body(Map.of("comment", "Add a housing goal: the tenancy is at risk"))
                .post("/care-plans/" + plan + "/return")
                .then()
                .statusCode(200)
                .body("status", equalTo("draft"))
                .body("returnComment", equalTo("Add a housing goal: the tenancy is at risk"));
        as(CM).body(goal("housing"))
                .post("/care-plans/" + plan + "/goals")
                .then()
                .statusCode(201);
        as(CM).post("/care-plans/" + plan + "/submission").then().statusCode(200);
        as(SUPERVISOR)
                .post("/care-plans/" + plan + "/approval")
                .then()
                .statusCode(200)
                .body("status", equalTo("active"))
                .body(
                        "nextReviewOn",
                        equalTo(LocalDate.now(java.time.ZoneOffset.UTC)
                                .plusDays(90)
                                .toString()))
                .body("goals.status", contains("active", "active"));

        // every version stays readable
        as(CM).get("/care-plans/" + plan + "/versions")
                .then()
                .statusCode(200)
                .body("version", contains(1, 2, 3, 4))
                .body(
                        "change",
                        contains("plan drafted", "goal added: behavioral-health", "goal added: housing", "approved"));
        // an active plan's content changes only in a review
        as(CM).body(goal("food")).post("/care-plans/" + plan + "/goals").then().statusCode(409);

        for (String type : List.of(
                "cairn.care-plan.created.v1",
                "cairn.care-plan.submitted.v1",
                "cairn.care-plan.returned.v1",
                "cairn.care-plan.approved.v1",
                "cairn.goal.added.v1")) {
            List<TopicReader.Event> events =
                    TopicReader.ofClient(Topics.CAREPLANS, c.clientId(), type, 1, Duration.ofSeconds(20));
            assertThat(events).as(type).isNotEmpty();
            assertThat(EventSchemas.errors(type, events.get(0).value()))
                    .as(type)
                    .isEmpty();
            assertThat(events.get(0).value()).doesNotContain("tenancy").doesNotContain("sleep");
        }
        // approval made both proposed goals active, and said so
        assertThat(TopicReader.ofClient(
                        Topics.CAREPLANS, c.clientId(), "cairn.goal.status-changed.v1", 2, Duration.ofSeconds(20)))
                .hasSize(2)
                .allSatisfy(e -> {
                    var data = org.cairn.contracts.events.EventJson.mapper().readTree(e.value());
                    assertThat(data.get("from").asText()).isEqualTo("proposed");
                    assertThat(data.get("to").asText()).isEqualTo("active");
                });
        assertThat(TopicReader.ofClient(
                        Topics.CAREPLANS, c.clientId(), "cairn.care-plan.submitted.v1", 3, Duration.ofSeconds(2)))
                .hasSize(2);
    }

    @Test
    void aSupervisor_doesNotApproveAPlanTheySubmitted() {
        CaseEvents.OpenCase c = openCase();
        String plan = draft(c);
        as(SUPERVISOR).post("/care-plans/" + plan + "/submission").then().statusCode(200);

        as(SUPERVISOR)
                .post("/care-plans/" + plan + "/approval")
                .then()
                .statusCode(409)
                .body("type", equalTo("urn:cairn:problem:own-plan"));
        as(CM).get("/care-plans/" + plan).then().body("status", equalTo("submitted"));
    }

    @Test
    void badInput_isRefused_andNothingWritten() {
        CaseEvents.OpenCase c = openCase();
        String plan = draft(c);
        Map<String, Object> early = new java.util.HashMap<>(goal("housing"));
        early.put("targetDate", LocalDate.now().minusDays(30).toString());
        as(CM).body(early)
                .post("/care-plans/" + plan + "/goals")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("targetDate"));
        as(CM).body(goal("happiness"))
                .post("/care-plans/" + plan + "/goals")
                .then()
                .statusCode(400);
        as(CM).body(Map.of())
                .post("/cases/" + c.caseId() + "/care-plans")
                .then()
                .statusCode(409);
        as(CM).body(Map.of("periodStart", "2026-05-01", "periodEnd", "2026-04-01"))
                .post("/cases/" + openCase().caseId() + "/care-plans")
                .then()
                .statusCode(400);
        assertThat(Sql.number("select count(*) from goal where plan_id = cast(? as uuid)", plan))
                .isZero();

        String goalPlan = as(CM).body(goal("housing"))
                .post("/care-plans/" + plan + "/goals")
                .then()
                .statusCode(201)
                .extract()
                .path("goals[0].id");
        as(CM).body(Map.of("status", "achieved", "reason", "moved in"))
                .post("/goals/" + goalPlan + "/status")
                .then()
                .statusCode(409)
                .body("type", equalTo("urn:cairn:problem:goal-transition"));
        as(CM).body(Map.of("status", "active"))
                .post("/goals/" + goalPlan + "/status")
                .then()
                .statusCode(400);
        as(CM).body(Map.of("status", "active", "reason", "agreed with the client"))
                .post("/goals/" + goalPlan + "/status")
                .then()
                .statusCode(409)
                .body("detail", org.hamcrest.Matchers.containsString("approves"));
        as(CM).post("/care-plans/" + plan + "/submission").then().statusCode(200);
        as(CM).body(Map.of("status", "cancelled", "reason", "not wanted"))
                .post("/goals/" + goalPlan + "/status")
                .then()
                .statusCode(409)
                .body("type", equalTo("urn:cairn:problem:plan-not-editable"));
        assertThat(Sql.number(
                        "select count(*) from goal where plan_id = cast(? as uuid) and status = 'proposed'", plan))
                .isEqualTo(1);
    }

    @Test
    void anAssessmentsNeeds_becomeOneSuggestionEach_evenDeliveredTwice_andAcceptedBecomeAGoal() {
        CaseEvents.OpenCase c = openCase();
        String plan = draft(c);
        as(CM).body(goal("behavioral-health"))
                .post("/care-plans/" + plan + "/goals")
                .then()
                .statusCode(201);
        AssessmentCompletedV1 completed = new AssessmentCompletedV1(
                UUID.randomUUID().toString(),
                c.clientId(),
                c.caseId(),
                DemoUsers.HOSPITAL_AGENCY,
                "ahc-hrsn",
                "1",
                DemoTokens.subject(CM),
                Instant.now(),
                List.of(),
                List.of(NeedDomain.HOUSING, NeedDomain.FOOD, NeedDomain.BEHAVIORAL_HEALTH),
                List.of());
        String eventId = UUID.randomUUID().toString();
        EventPublisher.publish(eventId, c.clientId(), DemoUsers.HOSPITAL_AGENCY, completed);
        EventPublisher.publish(eventId, c.clientId(), DemoUsers.HOSPITAL_AGENCY, completed);
        CaseEvents.awaitRow("select count(*) from inbox_event where event_id = ?", eventId);

        // behavioral health is covered by the plan already; housing and food are suggested, once each
        List<Map<String, Object>> open = as(CM).get("/care-plans/" + plan + "/suggestions")
                .then()
                .statusCode(200)
                .body("needDomain", org.hamcrest.Matchers.containsInAnyOrder("housing", "food"))
                .extract()
                .path("$");
        String housing = open.stream()
                .filter(s -> "housing".equals(s.get("needDomain")))
                .findFirst()
                .orElseThrow()
                .get("id")
                .toString();
        String food = open.stream()
                .filter(s -> "food".equals(s.get("needDomain")))
                .findFirst()
                .orElseThrow()
                .get("id")
                .toString();

        // another agency cannot see or decide them
        as(DemoUsers.CMHC_CASE_MANAGER)
                .body(Map.of("statement", "x", "target", "y"))
                .post("/suggestions/" + housing + "/acceptance")
                .then()
                .statusCode(404);
        as(DemoUsers.CMHC_CASE_MANAGER)
                .post("/suggestions/" + food + "/dismissal")
                .then()
                .statusCode(404);
        as(DemoUsers.CMHC_CASE_MANAGER)
                .get("/care-plans/" + plan + "/suggestions")
                .then()
                .statusCode(404);

        as(CM).body(Map.of("statement", "Keep the tenancy", "target", "no arrears for 90 days", "priority", "high"))
                .post("/suggestions/" + housing + "/acceptance")
                .then()
                .statusCode(200)
                .body("goals", hasSize(2))
                .body("goals[1].suggestionId", equalTo(housing))
                .body("goals[1].status", equalTo("proposed"));
        as(CM).post("/suggestions/" + food + "/dismissal")
                .then()
                .statusCode(200)
                .body("status", equalTo("dismissed"));
        as(CM).post("/suggestions/" + food + "/dismissal").then().statusCode(409);
        as(CM).get("/care-plans/" + plan + "/suggestions").then().body("size()", equalTo(0));
    }

    @Test
    void anotherAgency_gets404_onEveryEndpoint() {
        CaseEvents.OpenCase c = openCase();
        String plan = draft(c);
        String goalId = as(CM).body(goal("housing"))
                .post("/care-plans/" + plan + "/goals")
                .then()
                .statusCode(201)
                .extract()
                .path("goals[0].id");
        String other = DemoUsers.CMHC_CASE_MANAGER;
        String otherSupervisor = DemoUsers.of("cmhc", "supervisor");

        Map<String, Function<RequestSpecification, Response>> endpoints = Map.ofEntries(
                Map.entry("get", r -> r.get("/care-plans/" + plan)),
                Map.entry("versions", r -> r.get("/care-plans/" + plan + "/versions")),
                Map.entry("fhir export", r -> r.get("/care-plans/" + plan + "/fhir")),
                Map.entry("progress", r -> r.get("/care-plans/" + plan + "/progress")),
                Map.entry("of case", r -> r.get("/cases/" + c.caseId() + "/care-plans")),
                Map.entry("draft", r -> r.body(Map.of()).post("/cases/" + c.caseId() + "/care-plans")),
                Map.entry("add goal", r -> r.body(goal("food")).post("/care-plans/" + plan + "/goals")),
                Map.entry(
                        "goal status",
                        r -> r.body(Map.of("status", "active", "reason", "x")).post("/goals/" + goalId + "/status")),
                Map.entry("submit", r -> r.post("/care-plans/" + plan + "/submission")),
                Map.entry("cancel", r -> r.body(Map.of("reason", "x")).post("/care-plans/" + plan + "/cancellation")),
                Map.entry("complete", r -> r.body(Map.of("reason", "x")).post("/care-plans/" + plan + "/completion")),
                Map.entry("add progress", r -> r.body(Map.of("text", "x")).post("/care-plans/" + plan + "/progress")),
                Map.entry("suggestions", r -> r.get("/care-plans/" + plan + "/suggestions")));
        endpoints.forEach((name, call) -> {
            Response response = call.apply(as(other));
            assertThat(response.statusCode()).as(name).isEqualTo(404);
            assertThat(response.contentType()).as(name).startsWith("application/problem+json");
        });
        for (String action : List.of("approval", "review")) {
            Response response = as(otherSupervisor).post("/care-plans/" + plan + "/" + action);
            assertThat(response.statusCode()).as(action).isEqualTo(404);
            assertThat(response.contentType()).as(action).startsWith("application/problem+json");
        }
        assertThat(as(otherSupervisor)
                        .body(Map.of("comment", "x"))
                        .post("/care-plans/" + plan + "/return")
                        .statusCode())
                .isEqualTo(404);
        // the other agency's queues do not show it
        as(otherSupervisor)
                .get("/approvals/pending")
                .then()
                .statusCode(200)
                .body("id", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(plan)));
        as(otherSupervisor)
                .get("/reviews/overdue")
                .then()
                .statusCode(200)
                .body("id", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(plan)));
        assertThat(Sql.number("select count(*) from care_plan where case_id = cast(? as uuid)", c.caseId()))
                .isEqualTo(1);
        assertThat(Sql.number("select count(*) from goal where plan_id = cast(? as uuid)", plan))
                .isEqualTo(1);
        // an intake worker of the same agency is not among its plans' readers (only of another agency's
        // plan that assigns their agency work), so the plan does not exist for them
        as(DemoUsers.of("hospital", "intake-worker"))
                .get("/care-plans/" + plan)
                .then()
                .statusCode(404);
        assertThat(as(DemoUsers.of("hospital", "intake-worker"))
                        .get("/care-plans/" + plan + "/versions")
                        .statusCode())
                .isEqualTo(403);
        as(CM).get("/care-plans/" + plan)
                .then()
                .statusCode(200)
                .body("status", equalTo("draft"))
                .body("goals", hasSize(1))
                .body("id", notNullValue());
    }

    @Test
    void interventionsAndProgress_onAnActivePlan() throws Exception {
        CaseEvents.OpenCase c = openCase();
        String plan = draft(c);
        String goalId = as(CM).body(goal("housing"))
                .post("/care-plans/" + plan + "/goals")
                .then()
                .statusCode(201)
                .extract()
                .path("goals[0].id");

        Map<String, Object> task = new java.util.HashMap<>(Map.of(
                "what", "Apply for the rental assistance programme",
                "responsible", "case-manager",
                "dueDate", LocalDate.now().plusDays(14).toString()));
        String interventionId = as(CM).body(task)
                .post("/goals/" + goalId + "/interventions")
                .then()
                .statusCode(201)
                .body("goals[0].interventions[0].responsibleId", equalTo(DemoTokens.subject(CM)))
                .body("goals[0].interventions[0].status", equalTo("planned"))
                .extract()
                .path("goals[0].interventions[0].id");
        // bad input: an agency without its id, a client with an id, a due date before the plan
        as(CM).body(Map.of("what", "Intake at the housing agency", "responsible", "agency"))
                .post("/goals/" + goalId + "/interventions")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("responsibleId"));
        as(CM).body(Map.of("what", "Bring the lease", "responsible", "client", "responsibleId", "someone"))
                .post("/goals/" + goalId + "/interventions")
                .then()
                .statusCode(400);
        Map<String, Object> early = new java.util.HashMap<>(task);
        early.put("dueDate", LocalDate.now().minusDays(30).toString());
        as(CM).body(early)
                .post("/goals/" + goalId + "/interventions")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("dueDate"));

        as(CM).post("/care-plans/" + plan + "/submission").then().statusCode(200);
        // nothing is added while the supervisor looks at it
        as(CM).body(task).post("/goals/" + goalId + "/interventions").then().statusCode(409);
        as(SUPERVISOR).post("/care-plans/" + plan + "/approval").then().statusCode(200);

        as(CM).body(Map.of("status", "in-progress", "reason", "application started"))
                .post("/interventions/" + interventionId + "/status")
                .then()
                .statusCode(200)
                .body("goals[0].interventions[0].status", equalTo("in-progress"));
        as(CM).body(Map.of("status", "planned", "reason", "back"))
                .post("/interventions/" + interventionId + "/status")
                .then()
                .statusCode(409)
                .body("type", equalTo("urn:cairn:problem:intervention-transition"));

        as(CM).body(Map.of(
                        "goalId",
                        goalId,
                        "interventionId",
                        interventionId,
                        "text",
                        "Application handed in; decision expected in two weeks",
                        "measurementValue",
                        1,
                        "measurementLabel",
                        "applications submitted"))
                .post("/care-plans/" + plan + "/progress")
                .then()
                .statusCode(201)
                .body("authorId", equalTo(DemoTokens.subject(CM)))
                .body(
                        "entryDate",
                        equalTo(LocalDate.now(java.time.ZoneOffset.UTC).toString()));
        as(CM).body(Map.of("text", "x", "measurementValue", 3))
                .post("/care-plans/" + plan + "/progress")
                .then()
                .statusCode(400);
        as(CM).body(Map.of("text", "x", "entryDate", LocalDate.now().plusDays(2).toString()))
                .post("/care-plans/" + plan + "/progress")
                .then()
                .statusCode(400);
        as(CM).body(Map.of("text", "x", "goalId", UUID.randomUUID().toString()))
                .post("/care-plans/" + plan + "/progress")
                .then()
                .statusCode(422);
        as(CM).get("/care-plans/" + plan + "/progress")
                .then()
                .statusCode(200)
                .body("size()", equalTo(1))
                .body("[0].measurementLabel", equalTo("applications submitted"));
        as(DemoUsers.CMHC_CASE_MANAGER)
                .get("/care-plans/" + plan + "/progress")
                .then()
                .statusCode(404);
        as(DemoUsers.CMHC_CASE_MANAGER)
                .body(Map.of("status", "done", "reason", "x"))
                .post("/interventions/" + interventionId + "/status")
                .then()
                .statusCode(404);
        as(DemoUsers.CMHC_CASE_MANAGER)
                .body(task)
                .post("/goals/" + goalId + "/interventions")
                .then()
                .statusCode(404);

        for (String type : List.of("cairn.intervention.added.v1", "cairn.intervention.status-changed.v1")) {
            List<TopicReader.Event> events =
                    TopicReader.ofClient(Topics.CAREPLANS, c.clientId(), type, 1, Duration.ofSeconds(20));
            assertThat(events).as(type).hasSize(1);
            assertThat(EventSchemas.errors(type, events.get(0).value()))
                    .as(type)
                    .isEmpty();
            assertThat(events.get(0).value()).doesNotContain("rental").doesNotContain("application");
        }
    }

    @Test
    void aClosedCase_completesItsActivePlan_andCancelsADraft_once() throws Exception {
        CaseEvents.OpenCase active = openCase();
        String activePlan = draft(active);
        as(CM).post("/care-plans/" + activePlan + "/submission").then().statusCode(200);
        as(SUPERVISOR).post("/care-plans/" + activePlan + "/approval").then().statusCode(200);
        CaseEvents.OpenCase drafted = openCase();
        String draftPlan = draft(drafted);

        String closeActive = UUID.randomUUID().toString();
        org.cairn.contracts.events.CaseClosedV1 closed = new org.cairn.contracts.events.CaseClosedV1(
                active.caseId(), active.clientId(), DemoUsers.HOSPITAL_AGENCY, LocalDate.now(), Instant.now());
        EventPublisher.publish(closeActive, active.clientId(), DemoUsers.HOSPITAL_AGENCY, closed);
        EventPublisher.publish(closeActive, active.clientId(), DemoUsers.HOSPITAL_AGENCY, closed);
        EventPublisher.publish(
                UUID.randomUUID().toString(),
                drafted.clientId(),
                DemoUsers.HOSPITAL_AGENCY,
                new org.cairn.contracts.events.CaseClosedV1(
                        drafted.caseId(),
                        drafted.clientId(),
                        DemoUsers.HOSPITAL_AGENCY,
                        LocalDate.now(),
                        Instant.now()));

        CaseEvents.awaitRow(
                "select count(*) from care_plan where id = cast(? as uuid) and status = 'completed'", activePlan);
        CaseEvents.awaitRow(
                "select count(*) from care_plan where id = cast(? as uuid) and status = 'cancelled'", draftPlan);
        TopicReader.Event ended = TopicReader.ofClient(
                        Topics.CAREPLANS, active.clientId(), "cairn.care-plan.closed.v1", 1, Duration.ofSeconds(20))
                .get(0);
        assertThat(EventSchemas.errors("cairn.care-plan.closed.v1", ended.value()))
                .isEmpty();
        assertThat(TopicReader.ofClient(
                        Topics.CAREPLANS, active.clientId(), "cairn.care-plan.closed.v1", 2, Duration.ofSeconds(2)))
                .hasSize(1);
        as(CM).get("/care-plans/" + activePlan + "/versions")
                .then()
                .statusCode(200)
                .body("change", org.hamcrest.Matchers.hasItem("case closed: plan completed"));
    }

    @Test
    void aCaseManager_completesAPlanInForce_andCancelsADraft_withAReason() throws Exception {
        CaseEvents.OpenCase c = openCase();
        String plan = draft(c);
        as(CM).body(Map.of("reason", "goals met"))
                .post("/care-plans/" + plan + "/completion")
                .then()
                .statusCode(409)
                .body("type", equalTo("urn:cairn:problem:plan-transition"));
        as(CM).body(Map.of())
                .post("/care-plans/" + plan + "/cancellation")
                .then()
                .statusCode(400);
        assertThat(Sql.number("select count(*) from care_plan where id = cast(? as uuid) and status = 'draft'", plan))
                .isEqualTo(1);
        as(CM).body(Map.of("reason", "drafted for the wrong case"))
                .post("/care-plans/" + plan + "/cancellation")
                .then()
                .statusCode(200)
                .body("status", equalTo("cancelled"));

        String next = draft(c);
        as(CM).post("/care-plans/" + next + "/submission").then().statusCode(200);
        as(SUPERVISOR).post("/care-plans/" + next + "/approval").then().statusCode(200);
        as(CM).body(Map.of("reason", "all goals achieved"))
                .post("/care-plans/" + next + "/completion")
                .then()
                .statusCode(200)
                .body("status", equalTo("completed"));
        as(CM).body(Map.of("reason", "again"))
                .post("/care-plans/" + next + "/cancellation")
                .then()
                .statusCode(409);
        as(CM).get("/care-plans/" + next + "/versions")
                .then()
                .body("change", org.hamcrest.Matchers.hasItem("plan completed: all goals achieved"));

        List<TopicReader.Event> ended = TopicReader.ofClient(
                Topics.CAREPLANS, c.clientId(), "cairn.care-plan.closed.v1", 2, Duration.ofSeconds(20));
        assertThat(ended).hasSize(2);
        assertThat(ended).extracting(TopicReader.Event::value).anyMatch(v -> v.contains("\"cancelled\""));
        assertThat(ended).extracting(TopicReader.Event::value).anyMatch(v -> v.contains("\"completed\""));
        for (TopicReader.Event e : ended) {
            assertThat(EventSchemas.errors("cairn.care-plan.closed.v1", e.value()))
                    .isEmpty();
            assertThat(e.value()).doesNotContain("goals achieved").doesNotContain("wrong case");
        }
    }

    @Test
    void aRetriedProgressEntry_withTheSameIdempotencyKey_isWrittenOnce() {
        CaseEvents.OpenCase c = openCase();
        String plan = draft(c);
        String key = UUID.randomUUID().toString();
        Map<String, Object> entry = Map.of("text", "Called the landlord");
        String first = as(CM).header("Idempotency-Key", key)
                .body(entry)
                .post("/care-plans/" + plan + "/progress")
                .then()
                .statusCode(201)
                .header("Idempotent-Replayed", org.hamcrest.Matchers.nullValue())
                .extract()
                .path("id");
        as(CM).header("Idempotency-Key", key)
                .body(entry)
                .post("/care-plans/" + plan + "/progress")
                .then()
                .statusCode(201)
                .header("Idempotent-Replayed", "true")
                .body("id", equalTo(first));
        as(CM).header("Idempotency-Key", key)
                .body(Map.of("text", "Something else"))
                .post("/care-plans/" + plan + "/progress")
                .then()
                .statusCode(422)
                .body("type", equalTo("urn:cairn:problem:idempotency-key-reused"));
        assertThat(Sql.number("select count(*) from progress_entry where plan_id = cast(? as uuid)", plan))
                .isEqualTo(1);
        // a refused write leaves its key unclaimed: the same key works once the input is right
        String refused = UUID.randomUUID().toString();
        as(CM).header("Idempotency-Key", refused)
                .body(Map.of("text", "x", "goalId", UUID.randomUUID().toString()))
                .post("/care-plans/" + plan + "/progress")
                .then()
                .statusCode(422);
        as(CM).header("Idempotency-Key", refused)
                .body(entry)
                .post("/care-plans/" + plan + "/progress")
                .then()
                .statusCode(201);
    }
}
