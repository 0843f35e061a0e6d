package org.cairn.assessments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cairn.assessments.Fixtures.as;
import static org.cairn.assessments.Fixtures.openCase;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.cairn.contracts.vocabulary.Program;
import org.cairn.testing.DemoUsers;
import org.cairn.testing.Sql;
import org.junit.jupiter.api.Test;

@QuarkusTest
class InstrumentPublishingTest {

    static final String ADMIN = DemoUsers.of("hospital", "network-admin");

    static String definition(String id, String question) {
        return """
                {"resourceType": "Questionnaire", "id": "%s", "version": "1", "title": "Sleep check",
                 "sensitivity": "general",
                 "item": [{"linkId": "sleep", "text": "%s", "type": "choice", "required": true,
                           "answerOption": [{"code": "well", "display": "Well", "score": 0},
                                            {"code": "badly", "display": "Badly", "score": 1}]}],
                 "scoring": [{"id": "total", "title": "Total", "items": ["sleep"]}]}
                """.formatted(id, question);
    }

    @Test
    void shippedInstruments_arePublished() {
        as(DemoUsers.HOSPITAL_CASE_MANAGER)
                .get("/instruments")
                .then()
                .statusCode(200)
                .body("id", hasItems("phq-9", "gad-7", "ahc-hrsn", "cssrs-screener", "ssm"));
        as(DemoUsers.HOSPITAL_CASE_MANAGER)
                .get("/instruments/phq-9")
                .then()
                .statusCode(200)
                .body("code[0].code", equalTo("44249-1"))
                .body("item", hasSize(10))
                .body("scoring[0].bands.code", hasItem("moderately-severe"));
    }

    @Test
    void aNetworkAdmin_publishesAVersion_onceAndForAll_andItCanBeUsed() {
        String id = "sleep-" + UUID.randomUUID().toString().substring(0, 8);
        String json = definition(id, "How did you sleep?");

        as(ADMIN)
                .body(json)
                .post("/instruments")
                .then()
                .statusCode(201)
                .header("Location", org.hamcrest.Matchers.endsWith("/instruments/" + id + "/versions/1"));
        as(ADMIN).body(json).post("/instruments").then().statusCode(200);
        as(ADMIN)
                .body(definition(id, "How well did you sleep?"))
                .post("/instruments")
                .then()
                .statusCode(409)
                .body("type", equalTo("urn:cairn:problem:instrument-version-published"));
        as(DemoUsers.HOSPITAL_CASE_MANAGER)
                .body(json)
                .post("/instruments")
                .then()
                .statusCode(403);
        assertThat(Sql.number("select count(*) from instrument where instrument_id = ?", id))
                .isEqualTo(1);
        // the stored version refuses change at the database too
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> Sql.update("update instrument set title = 'x' where instrument_id = ?", id))
                .hasStackTraceContaining("immutable");

        Fixtures.OpenCase c =
                openCase(DemoUsers.HOSPITAL_AGENCY, DemoUsers.HOSPITAL_CASE_MANAGER, Program.MEDICAL, LocalDate.now());
        String assessment = as(DemoUsers.HOSPITAL_CASE_MANAGER)
                .body(Fixtures.start(c.caseId(), id, Map.of("sleep", "badly")))
                .post("/assessments")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        as(DemoUsers.HOSPITAL_CASE_MANAGER)
                .body(Map.of())
                .post("/assessments/" + assessment + "/completion")
                .then()
                .statusCode(200)
                .body("result.scales[0].score", equalTo(1));
    }

    @Test
    void anInvalidDefinition_isRefused_withEveryReason() {
        String broken = definition("sleep-broken", "How did you sleep?")
                .replace("\"items\": [\"sleep\"]", "\"items\": [\"sleep\", \"dreams\"]")
                .replace("\"version\": \"1\"", "\"version\": \"\"");

        as(ADMIN)
                .body(broken)
                .post("/instruments")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:cairn:problem:invalid-instrument"))
                .body("errors.field", hasItems("version", "scoring[total].items"));
        as(ADMIN).body("not json").post("/instruments").then().statusCode(400);
        assertThat(Sql.number("select count(*) from instrument where instrument_id = 'sleep-broken'"))
                .isZero();
    }
}
