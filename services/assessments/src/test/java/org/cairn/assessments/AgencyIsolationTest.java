package org.cairn.assessments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cairn.assessments.Fixtures.as;
import static org.cairn.assessments.Fixtures.completedPhq9;
import static org.cairn.assessments.Fixtures.consent;
import static org.cairn.assessments.Fixtures.openCase;
import static org.cairn.assessments.Fixtures.phq9;
import static org.cairn.assessments.Fixtures.start;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.cairn.contracts.events.ConsentRevokedV1;
import org.cairn.contracts.vocabulary.Program;
import org.cairn.contracts.vocabulary.SensitivityCategory;
import org.cairn.testing.DemoUsers;
import org.cairn.testing.EventPublisher;
import org.cairn.testing.Sql;
import org.junit.jupiter.api.Test;

/** Another agency's token gets 404 for every id; a consent opens exactly what it names. */
@QuarkusTest
class AgencyIsolationTest {

    static final String CM = DemoUsers.HOSPITAL_CASE_MANAGER;
    static final String OTHER = DemoUsers.CMHC_CASE_MANAGER;

    @Test
    void anotherAgency_gets404_onEveryEndpoint_andChangesNothing() {
        Fixtures.OpenCase c = openCase(DemoUsers.HOSPITAL_AGENCY, CM, Program.MENTAL_HEALTH, LocalDate.now());
        String done = completedPhq9(CM, c.caseId(), 1, 1, 1, 1, 1, 1, 1, 1, 0);
        String open = as(CM).body(start(c.caseId(), "phq-9", phq9(1)))
                .post("/assessments")
                .then()
                .statusCode(201)
                .extract()
                .path("id");

        Map<String, Function<io.restassured.specification.RequestSpecification, Response>> endpoints = Map.of(
                "get done", r -> r.get("/assessments/" + done),
                "get open", r -> r.get("/assessments/" + open),
                "versions", r -> r.get("/assessments/" + done + "/versions"),
                "save answers", r -> r.body(Map.of("answers", phq9(3))).patch("/assessments/" + open + "/answers"),
                "complete", r -> r.body(Map.of()).post("/assessments/" + open + "/completion"),
                "amend",
                        r -> r.body(Map.of("reason", "mine now", "answers", Map.of()))
                                .post("/assessments/" + done + "/amendments"),
                "start in the case",
                        r -> r.body(start(c.caseId(), "phq-9", null)).post("/assessments"),
                "client's assessments", r -> r.get("/clients/" + c.clientId() + "/assessments"),
                "score history",
                        r -> r.queryParam("instrument", "phq-9").get("/clients/" + c.clientId() + "/score-history"));

        endpoints.forEach((name, call) -> {
            Response response = call.apply(as(OTHER));
            assertThat(response.statusCode()).as(name).isEqualTo(404);
            assertThat(response.contentType()).as(name).startsWith("application/problem+json");
        });
        // the owner sees nothing changed
        as(CM).get("/assessments/" + open)
                .then()
                .body("status", equalTo("in-progress"))
                .body("answers.size()", equalTo(1));
        assertThat(Sql.number("select count(*) from assessment where case_id = cast(? as uuid)", c.caseId()))
                .isEqualTo(2);
    }

    @Test
    void consent_forBehavioralHealth_letsAServingAgencyReadCompletedPhq9_untilRevoked() throws Exception {
        Fixtures.OpenCase c = openCase(DemoUsers.HOSPITAL_AGENCY, CM, Program.MENTAL_HEALTH, LocalDate.now());
        String done = completedPhq9(CM, c.caseId(), 2, 2, 2, 2, 0, 0, 0, 0, 0);
        String inProgress = as(CM).body(start(c.caseId(), "phq-9", phq9(1)))
                .post("/assessments")
                .then()
                .statusCode(201)
                .extract()
                .path("id");

        // a general-information consent for a CMHC that serves the client does not cover a PHQ-9
        openCase(c.clientId(), DemoUsers.CMHC_AGENCY, OTHER, Program.MENTAL_HEALTH, LocalDate.now());
        consent(c.clientId(), DemoUsers.HOSPITAL_AGENCY, DemoUsers.CMHC_AGENCY, SensitivityCategory.GENERAL);
        as(OTHER).get("/assessments/" + done).then().statusCode(404);

        String consentId = consent(
                c.clientId(), DemoUsers.HOSPITAL_AGENCY, DemoUsers.CMHC_AGENCY, SensitivityCategory.BEHAVIORAL_HEALTH);
        as(OTHER).get("/assessments/" + done).then().statusCode(200).body("result.scales[0].score", equalTo(8));
        // the read is a disclosure under the behavioral-health consent, not the general one
        java.util.List<org.cairn.testing.TopicReader.Event> disclosed = org.cairn.testing.TopicReader.await(
                org.cairn.contracts.events.Topics.AUDIT,
                e -> c.clientId().equals(e.key())
                        && e.value().contains(done)
                        && e.value().contains("consentIds"),
                1,
                java.time.Duration.ofSeconds(15));
        org.cairn.contracts.events.AuditRecordedV1 record = org.cairn.contracts.events.EventJson.mapper()
                .readValue(disclosed.get(0).value(), org.cairn.contracts.events.AuditRecordedV1.class);
        org.assertj.core.api.Assertions.assertThat(record.consentIds()).containsExactly(consentId);
        as(OTHER).get("/assessments/" + inProgress).then().statusCode(404);
        as(OTHER)
                .queryParam("instrument", "phq-9")
                .get("/clients/" + c.clientId() + "/score-history")
                .then()
                .statusCode(200)
                .body("size()", equalTo(1));
        as(OTHER).get("/clients/" + c.clientId() + "/assessments").then().statusCode(200);
        // the lists of another agency's assessments are disclosures under the same consent
        for (org.cairn.contracts.vocabulary.AuditAction action : java.util.List.of(
                org.cairn.contracts.vocabulary.AuditAction.VIEWED,
                org.cairn.contracts.vocabulary.AuditAction.SEARCHED)) {
            String resourceType =
                    action == org.cairn.contracts.vocabulary.AuditAction.VIEWED ? "score-history" : "assessment";
            java.util.List<org.cairn.testing.TopicReader.Event> listed = org.cairn.testing.TopicReader.await(
                    org.cairn.contracts.events.Topics.AUDIT,
                    e -> {
                        if (!c.clientId().equals(e.key())) {
                            return false;
                        }
                        org.cairn.contracts.events.AuditRecordedV1 r = auditRecord(e);
                        return r.action() == action && resourceType.equals(r.resourceType()) && r.consentIds() != null;
                    },
                    1,
                    java.time.Duration.ofSeconds(15));
            org.assertj.core.api.Assertions.assertThat(
                            auditRecord(listed.get(0)).consentIds())
                    .as(resourceType)
                    .containsExactly(consentId);
        }
        // reading is not writing: the consent gives no right to amend
        as(OTHER)
                .body(Map.of("reason", "x", "answers", Map.of()))
                .post("/assessments/" + done + "/amendments")
                .then()
                .statusCode(404);
        // a network-admin never sees case data, consent or not
        as(DemoUsers.of("hospital", "network-admin"))
                .get("/assessments/" + done)
                .then()
                .statusCode(403);

        EventPublisher.publish(
                UUID.randomUUID().toString(),
                c.clientId(),
                DemoUsers.HOSPITAL_AGENCY,
                new ConsentRevokedV1(consentId, c.clientId(), DemoUsers.HOSPITAL_AGENCY, Instant.now()));
        Fixtures.awaitRow(
                "select count(*) from consent_projection where consent_id = cast(? as uuid) and status = 'revoked'",
                consentId);
        as(OTHER).get("/assessments/" + done).then().statusCode(404);
        as(OTHER)
                .queryParam("instrument", "phq-9")
                .get("/clients/" + c.clientId() + "/score-history")
                .then()
                .statusCode(200)
                .body("size()", equalTo(0));
    }

    @Test
    void everyRead_isAudited_withWhoAndWhichClient_andTheOpenApiDeclaresProblems() throws Exception {
        Fixtures.OpenCase c = openCase(DemoUsers.HOSPITAL_AGENCY, CM, Program.MENTAL_HEALTH, LocalDate.now());
        String done = completedPhq9(CM, c.caseId(), 0, 0, 0, 0, 0, 0, 0, 0, 0);

        as(DemoUsers.HOSPITAL_SUPERVISOR).get("/assessments/" + done).then().statusCode(200);

        java.util.List<org.cairn.testing.TopicReader.Event> audit = org.cairn.testing.TopicReader.await(
                org.cairn.contracts.events.Topics.AUDIT,
                e -> c.clientId().equals(e.key()) && e.value().contains("\"viewed\""),
                1,
                java.time.Duration.ofSeconds(15));
        org.cairn.contracts.events.AuditRecordedV1 record = org.cairn.contracts.events.EventJson.mapper()
                .readValue(audit.get(0).value(), org.cairn.contracts.events.AuditRecordedV1.class);
        assertThat(record.service()).isEqualTo("assessments");
        assertThat(record.resourceType()).isEqualTo("assessment");
        assertThat(record.resourceId()).isEqualTo(done);
        assertThat(record.actor().username()).isEqualTo(DemoUsers.HOSPITAL_SUPERVISOR);

        io.restassured.RestAssured.given()
                .get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .body(
                        "paths.'/assessments/{id}/completion'.post.responses.'422'.content.'application/problem+json'",
                        org.hamcrest.Matchers.notNullValue())
                .body(
                        "paths.'/assessments/{id}'.get.responses.'404'.content.'application/problem+json'",
                        org.hamcrest.Matchers.notNullValue());
    }

    static org.cairn.contracts.events.AuditRecordedV1 auditRecord(org.cairn.testing.TopicReader.Event e) {
        try {
            return org.cairn.contracts.events.EventJson.mapper()
                    .readValue(e.value(), org.cairn.contracts.events.AuditRecordedV1.class);
        } catch (java.io.IOException x) {
            throw new IllegalStateException(x);
        }
    }
}
