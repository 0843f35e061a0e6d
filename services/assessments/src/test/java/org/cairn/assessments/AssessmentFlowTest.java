package org.cairn.assessments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cairn.assessments.Fixtures.as;
import static org.cairn.assessments.Fixtures.completedPhq9;
import static org.cairn.assessments.Fixtures.openCase;
import static org.cairn.assessments.Fixtures.phq9;
import static org.cairn.assessments.Fixtures.start;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.cairn.contracts.events.CloudEventHeaders;
import org.cairn.contracts.events.EventJson;
import org.cairn.contracts.events.EventSchemas;
import org.cairn.contracts.events.Topics;
import org.cairn.contracts.vocabulary.Program;
import org.cairn.testing.DemoTokens;
import org.cairn.testing.DemoUsers;
import org.cairn.testing.Sql;
import org.cairn.testing.TopicReader;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AssessmentFlowTest {

    static final String CM = DemoUsers.HOSPITAL_CASE_MANAGER;
    static final String HOSPITAL = DemoUsers.HOSPITAL_AGENCY;

    static Fixtures.OpenCase mentalHealthCase() {
        return openCase(HOSPITAL, CM, Program.MENTAL_HEALTH, LocalDate.now().minusDays(10));
    }

    @Test
    void phq9_startSaveComplete_scoresIt_andAnnouncesEachStepOnce() throws Exception {
        Fixtures.OpenCase c = mentalHealthCase();

        String id = as(CM).body(start(c.caseId(), "phq-9", phq9(1, 1, 2)))
                .post("/assessments")
                .then()
                .statusCode(201)
                .body("status", equalTo("in-progress"))
                .body("instrument.version", equalTo("1"))
                .body("missingRequired", hasSize(6))
                .extract()
                .path("id");

        // the home visit is interrupted; the rest is answered later, item 3 corrected on the way
        Map<String, Object> rest = phq9(0, 0, 1, 1, 0, 0, 2, 0, 0);
        rest.remove("phq9-1");
        rest.remove("phq9-2");
        as(CM).body(Map.of("answers", rest))
                .patch("/assessments/" + id + "/answers")
                .then()
                .statusCode(200)
                .body("missingRequired", hasSize(0))
                .body("answers.phq9-3", equalTo("LA6569-3"))
                .body("askedItems", hasItem("phq9-10"));

        as(CM).body(Map.of("answers", Map.of("phq9-10", "LA6573-5")))
                .post("/assessments/" + id + "/completion")
                .then()
                .statusCode(200)
                .body("status", equalTo("completed"))
                .body("result.scales[0].score", equalTo(1 + 1 + 1 + 1 + 2))
                .body("result.scales[0].band", equalTo("mild"))
                .body("result.risks", hasSize(0))
                .body("answers.phq9-10", equalTo("LA6573-5"));

        for (String type : List.of("cairn.assessment.started.v1", "cairn.assessment.completed.v1")) {
            TopicReader.Event event = Fixtures.exactlyOne(Topics.ASSESSMENTS, c.clientId(), type);
            assertThat(EventSchemas.errors(type, event.value())).isEmpty();
        }
        TopicReader.Event completed =
                Fixtures.exactlyOne(Topics.ASSESSMENTS, c.clientId(), "cairn.assessment.completed.v1");
        JsonNode data = EventJson.mapper().readTree(completed.value());
        assertThat(data.at("/scores/0/score").asInt()).isEqualTo(6);
        assertThat(data.at("/scores/0/band").asText()).isEqualTo("mild");
        assertThat(completed.value()).doesNotContain("LA65");
        assertThat(completed.header(CloudEventHeaders.AGENCY_ID)).isEqualTo(HOSPITAL);
        assertThat(TopicReader.ofClient(
                        Topics.ASSESSMENTS,
                        c.clientId(),
                        "cairn.assessment.crisis-identified.v1",
                        1,
                        Duration.ofMillis(500)))
                .isEmpty();
    }

    @Test
    void phq9_item9Positive_raisesExactlyOneCrisisEvent() throws Exception {
        Fixtures.OpenCase c = mentalHealthCase();

        String id = completedPhq9(CM, c.caseId(), 0, 0, 0, 0, 0, 0, 0, 0, 2);

        List<TopicReader.Event> crises =
                List.of(Fixtures.exactlyOne(Topics.ASSESSMENTS, c.clientId(), "cairn.assessment.crisis-identified.v1"));
        assertThat(EventSchemas.errors(
                        "cairn.assessment.crisis-identified.v1", crises.get(0).value()))
                .isEmpty();
        JsonNode crisis = EventJson.mapper().readTree(crises.get(0).value());
        assertThat(crisis.get("assessmentId").asText()).isEqualTo(id);
        assertThat(crisis.get("severity").asText()).isEqualTo("high");
        assertThat(crisis.at("/rules/0/rule").asText()).isEqualTo("self-harm-thoughts");
        // completing again is refused and announces nothing more
        as(CM).body(Map.of()).post("/assessments/" + id + "/completion").then().statusCode(409);
        assertThat(TopicReader.ofClient(
                        Topics.ASSESSMENTS,
                        c.clientId(),
                        "cairn.assessment.crisis-identified.v1",
                        2,
                        Duration.ofSeconds(1)))
                .hasSize(1);
    }

    @Test
    void badInput_isRefusedNamingTheItem_andWritesNothing() {
        Fixtures.OpenCase c = mentalHealthCase();
        String id = as(CM).body(start(c.caseId(), "phq-9", phq9(1)))
                .post("/assessments")
                .then()
                .statusCode(201)
                .extract()
                .path("id");

        Map<String, Object> bad = new HashMap<>();
        bad.put("phq9-2", "LA6569-3");
        bad.put("phq9-99", "LA6569-3");
        bad.put("phq9-3", "sometimes");
        as(CM).body(Map.of("answers", bad))
                .patch("/assessments/" + id + "/answers")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", containsInAnyOrder("answers.phq9-99", "answers.phq9-3"));
        as(CM).body(Map.of())
                .post("/assessments/" + id + "/completion")
                .then()
                .statusCode(422)
                .body("type", equalTo("urn:cairn:problem:required-items-missing"))
                .body("errors", hasSize(8))
                .body("errors[0].field", equalTo("answers.phq9-2"));
        as(CM).get("/assessments/" + id)
                .then()
                .statusCode(200)
                .body("status", equalTo("in-progress"))
                .body("answers.size()", equalTo(1));

        Map<String, Object> unknownVersion = start(c.caseId(), "phq-9", null);
        unknownVersion.put("instrumentVersion", "9");
        as(CM).body(unknownVersion)
                .post("/assessments")
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("instrumentVersion"));
        as(CM).body(start(c.caseId(), "no-such-instrument", null))
                .post("/assessments")
                .then()
                .statusCode(422);
        as(CM).body(start(UUID.randomUUID().toString(), "phq-9", null))
                .post("/assessments")
                .then()
                .statusCode(404);
        as(CM).body(Map.of("caseId", "not-a-uuid", "instrumentId", "phq-9"))
                .post("/assessments")
                .then()
                .statusCode(400);
        assertThat(Sql.number("select count(*) from assessment where case_id = cast(? as uuid)", c.caseId()))
                .isEqualTo(1);

        String done = completedPhq9(CM, c.caseId(), 0, 0, 0, 0, 0, 0, 0, 0, 0);
        as(CM).body(Map.of("answers", phq9(3)))
                .patch("/assessments/" + done + "/answers")
                .then()
                .statusCode(409)
                .body("type", equalTo("urn:cairn:problem:assessment-completed"));
        as(CM).body(Map.of("answers", phq9(3)))
                .post("/assessments/" + done + "/amendments")
                .then()
                .statusCode(400);
    }

    @Test
    void amendment_isANewVersion_theOriginalStaysReadable() {
        Fixtures.OpenCase c = mentalHealthCase();
        String original = completedPhq9(CM, c.caseId(), 1, 1, 1, 1, 1, 1, 1, 1, 0);

        String amended = as(CM).body(Map.of(
                        "reason",
                        "client corrected item 9 at the end of the visit",
                        "answers",
                        Map.of("phq9-9", "LA6569-3")))
                .post("/assessments/" + original + "/amendments")
                .then()
                .statusCode(201)
                .body("amendsId", equalTo(original))
                .body("amendment", equalTo(1))
                .body("result.scales[0].score", equalTo(9))
                .body("result.risks[0].ruleId", equalTo("self-harm-thoughts"))
                .extract()
                .path("id");

        as(CM).get("/assessments/" + original)
                .then()
                .statusCode(200)
                .body("status", equalTo("amended"))
                .body("result.scales[0].score", equalTo(8))
                .body("answers.phq9-9", equalTo("LA6568-5"));
        as(CM).get("/assessments/" + amended + "/versions")
                .then()
                .statusCode(200)
                .body("id", contains(original, amended))
                .body(
                        "amendmentReason",
                        contains(nullValue(), equalTo("client corrected item 9 at the end of the visit")));
        as(CM).body(Map.of("reason", "again", "answers", Map.of()))
                .post("/assessments/" + original + "/amendments")
                .then()
                .statusCode(409)
                .body("type", equalTo("urn:cairn:problem:assessment-amended"));

        Fixtures.exactlyOne(Topics.ASSESSMENTS, c.clientId(), "cairn.assessment.amended.v1");
        // the risk appeared with the amendment: announced once, for the new version
        List<TopicReader.Event> crises =
                List.of(Fixtures.exactlyOne(Topics.ASSESSMENTS, c.clientId(), "cairn.assessment.crisis-identified.v1"));
        assertThat(crises.get(0).value()).contains(amended);
    }

    @Test
    void scoreHistory_showsEachCurrentVersion_withTheChangeSinceTheTimeBefore() {
        Fixtures.OpenCase c = mentalHealthCase();
        completedPhq9(CM, c.caseId(), 3, 3, 3, 3, 2, 2, 1, 1, 0); // 18
        String second = completedPhq9(CM, c.caseId(), 2, 2, 2, 2, 1, 1, 1, 0, 0); // 11
        completedPhq9(CM, c.caseId(), 1, 1, 1, 1, 0, 0, 1, 0, 0); // 5
        as(CM).body(Map.of("reason", "item 1 misread", "answers", Map.of("phq9-1", "LA6571-9")))
                .post("/assessments/" + second + "/amendments")
                .then()
                .statusCode(201); // second becomes 12

        as(CM).queryParam("instrument", "phq-9")
                .get("/clients/" + c.clientId() + "/score-history")
                .then()
                .statusCode(200)
                .body("scores.flatten().score", contains(18, 12, 5))
                .body("scores.flatten().change", contains(nullValue(), equalTo(-6), equalTo(-7)))
                .body("scores.flatten().band", contains("moderately-severe", "moderate", "mild"));
        as(CM).queryParam("instrument", "gad-7")
                .get("/clients/" + c.clientId() + "/score-history")
                .then()
                .statusCode(200)
                .body("size()", equalTo(0));
        as(CM).get("/clients/" + c.clientId() + "/assessments")
                .then()
                .statusCode(200)
                .body("items", hasSize(4))
                .body("items.status", hasItem("amended"));
    }

    @Test
    void reassessments_dueFromOpening_thenIntervalAfterTheLastCompletion() {
        Fixtures.OpenCase c =
                openCase(HOSPITAL, CM, Program.MENTAL_HEALTH, LocalDate.now().minusDays(3));

        List<Map<String, Object>> due = as(CM).get("/reassessments/due")
                .then()
                .statusCode(200)
                .extract()
                .path("$");
        assertThat(due)
                .filteredOn(d -> c.caseId().equals(d.get("caseId")))
                .extracting(d -> d.get("instrumentId"))
                .containsExactlyInAnyOrder("phq-9", "gad-7", "cssrs-screener");
        assertThat(due)
                .filteredOn(d -> c.caseId().equals(d.get("caseId")))
                .allSatisfy(d -> assertThat(d.get("daysOverdue")).isEqualTo(3));

        completedPhq9(CM, c.caseId(), 0, 0, 0, 0, 0, 0, 0, 0, 0);

        List<Map<String, Object>> after =
                as(CM).get("/reassessments/due").then().extract().path("$");
        assertThat(after)
                .filteredOn(d -> c.caseId().equals(d.get("caseId")))
                .extracting(d -> d.get("instrumentId"))
                .containsExactlyInAnyOrder("gad-7", "cssrs-screener");
        List<Map<String, Object>> within90 = as(CM).queryParam("withinDays", 90)
                .get("/reassessments/due")
                .then()
                .extract()
                .path("$");
        assertThat(within90)
                .filteredOn(d -> c.caseId().equals(d.get("caseId")) && "phq-9".equals(d.get("instrumentId")))
                .singleElement()
                .satisfies(d -> assertThat(d.get("dueOn"))
                        .isEqualTo(LocalDate.now(java.time.ZoneOffset.UTC)
                                .plusDays(90)
                                .toString()));

        // another case manager's list is a supervisor's to see
        String subject = DemoTokens.subject(CM);
        as(DemoUsers.HOSPITAL_INTAKE_WORKER)
                .queryParam("caseManagerId", subject)
                .get("/reassessments/due")
                .then()
                .statusCode(403);
        as(DemoUsers.HOSPITAL_SUPERVISOR)
                .queryParam("caseManagerId", subject)
                .get("/reassessments/due")
                .then()
                .statusCode(200)
                .body("caseId", hasItem(c.caseId()));
    }

    @Test
    void start_withAnIdempotencyKey_createsOneAssessment() {
        Fixtures.OpenCase c = mentalHealthCase();
        String key = UUID.randomUUID().toString();

        String first = as(CM).header("Idempotency-Key", key)
                .body(start(c.caseId(), "gad-7", null))
                .post("/assessments")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String second = as(CM).header("Idempotency-Key", key)
                .body(start(c.caseId(), "gad-7", null))
                .post("/assessments")
                .then()
                .statusCode(201)
                .extract()
                .path("id");

        assertThat(second).isEqualTo(first);
        assertThat(Sql.number("select count(*) from assessment where case_id = cast(? as uuid)", c.caseId()))
                .isEqualTo(1);
    }

    @Test
    void aClosedCase_takesNoNewAssessment() {
        Fixtures.OpenCase c = mentalHealthCase();
        org.cairn.testing.EventPublisher.publish(
                UUID.randomUUID().toString(),
                c.clientId(),
                HOSPITAL,
                new org.cairn.contracts.events.CaseClosedV1(
                        c.caseId(), c.clientId(), HOSPITAL, LocalDate.now(), java.time.Instant.now()));
        Fixtures.awaitRow(
                "select count(*) from case_projection where case_id = cast(? as uuid) and status = 'closed'",
                c.caseId());

        as(CM).body(start(c.caseId(), "phq-9", null))
                .post("/assessments")
                .then()
                .statusCode(409)
                .body("type", equalTo("urn:cairn:problem:case-closed"));
    }

    @Test
    void completion_administeredEarlier_isPlacedThereInTheHistory_butNotBeforeTheCaseOrInTheFuture() {
        Fixtures.OpenCase c =
                openCase(HOSPITAL, CM, Program.MENTAL_HEALTH, LocalDate.now().minusDays(30));
        completedPhq9(CM, c.caseId(), 1, 1, 0, 0, 0, 0, 0, 0, 0);
        String paper = as(CM).body(start(c.caseId(), "phq-9", phq9(3, 3, 3, 0, 0, 0, 0, 0, 0)))
                .post("/assessments")
                .then()
                .statusCode(201)
                .extract()
                .path("id");

        for (java.time.Instant refused : List.of(
                java.time.Instant.now().plus(Duration.ofDays(1)),
                java.time.Instant.now().minus(Duration.ofDays(40)))) {
            as(CM).body(Map.of("administeredAt", refused.toString()))
                    .post("/assessments/" + paper + "/completion")
                    .then()
                    .statusCode(400)
                    .body("errors[0].field", equalTo("administeredAt"));
        }
        java.time.Instant homeVisit = java.time.Instant.now().minus(Duration.ofDays(7));
        as(CM).body(Map.of("administeredAt", homeVisit.toString()))
                .post("/assessments/" + paper + "/completion")
                .then()
                .statusCode(200);

        as(CM).queryParam("instrument", "phq-9")
                .get("/clients/" + c.clientId() + "/score-history")
                .then()
                .statusCode(200)
                .body("scores.flatten().score", contains(9, 2))
                .body("[0].assessmentId", equalTo(paper));
    }

    @Test
    void reassessment_isDueFromWhenTheLastWasAdministered_anAmendmentDoesNotMoveIt() {
        Fixtures.OpenCase c =
                openCase(HOSPITAL, CM, Program.MENTAL_HEALTH, LocalDate.now().minusDays(100));
        String id = as(CM).body(start(c.caseId(), "phq-9", phq9(0, 0, 0, 0, 0, 0, 0, 0, 0)))
                .post("/assessments")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        java.time.Instant eightyDaysAgo = java.time.Instant.now().minus(Duration.ofDays(80));
        as(CM).body(Map.of("administeredAt", eightyDaysAgo.toString()))
                .post("/assessments/" + id + "/completion")
                .then()
                .statusCode(200);
        as(CM).body(Map.of("reason", "item 1 misheard", "answers", Map.of("phq9-1", "LA6569-3")))
                .post("/assessments/" + id + "/amendments")
                .then()
                .statusCode(201)
                .body(
                        "administeredAt",
                        org.hamcrest.Matchers.startsWith(
                                eightyDaysAgo.toString().substring(0, 16)));

        List<Map<String, Object>> within10 = as(CM).queryParam("withinDays", 10)
                .get("/reassessments/due")
                .then()
                .extract()
                .path("$");
        assertThat(within10)
                .filteredOn(d -> c.caseId().equals(d.get("caseId")) && "phq-9".equals(d.get("instrumentId")))
                .singleElement()
                .satisfies(d ->
                        assertThat(((Number) d.get("daysOverdue")).intValue()).isBetween(-10, -9));
    }
}
