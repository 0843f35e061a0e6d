package org.cairn.assessments;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.cairn.contracts.vocabulary.ConsentPurpose;
import org.cairn.contracts.vocabulary.Program;
import org.cairn.contracts.vocabulary.SensitivityCategory;
import org.cairn.testing.CaseEvents;
import org.cairn.testing.ConsentEvents;
import org.cairn.testing.DemoTokens;

/**
 * What the tests need from the clients service, produced the way it produces it: its events on the
 * real broker, applied by this service's own consumer.
 */
final class Fixtures {

    static final String[] FREQUENCY = {"LA6568-5", "LA6569-3", "LA6570-1", "LA6571-9"};

    private Fixtures() {}

    static RequestSpecification as(String user) {
        return given().auth().oauth2(DemoTokens.accessToken(user)).contentType(ContentType.JSON);
    }

    /** A case of a new client, as the clients service announces it; returns once it has been applied here. */
    static OpenCase openCase(String agencyId, String caseManager, Program program, LocalDate openedOn) {
        return openCase(UUID.randomUUID().toString(), agencyId, caseManager, program, openedOn);
    }

    static OpenCase openCase(
            String clientId, String agencyId, String caseManager, Program program, LocalDate openedOn) {
        CaseEvents.OpenCase c = CaseEvents.open(clientId, agencyId, caseManager, program, openedOn);
        return new OpenCase(c.clientId(), c.caseId());
    }

    record OpenCase(String clientId, String caseId) {}

    /** A consent of the client for {@code recipient} (null: the whole network), applied here. */
    static String consent(String clientId, String recordedBy, String recipient, SensitivityCategory... categories) {
        return ConsentEvents.grant(clientId, recordedBy, recipient, ConsentPurpose.CARE_COORDINATION, categories);
    }

    static void awaitRow(String countSql, Object... params) {
        CaseEvents.awaitRow(countSql, params);
    }

    /** PHQ-9 answers with these item scores (0 to 3), items 1 to 9. */
    static Map<String, Object> phq9(int... scores) {
        Map<String, Object> answers = new LinkedHashMap<>();
        for (int i = 0; i < scores.length; i++) {
            answers.put("phq9-" + (i + 1), FREQUENCY[scores[i]]);
        }
        return answers;
    }

    static Map<String, Object> start(String caseId, String instrumentId, Map<String, Object> answers) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("caseId", caseId);
        body.put("instrumentId", instrumentId);
        if (answers != null) {
            body.put("answers", answers);
        }
        return body;
    }

    /** A completed PHQ-9 with these item scores; returns its id. */
    static String completedPhq9(String user, String caseId, int... scores) {
        String id = as(user).body(start(caseId, "phq-9", phq9(scores)))
                .post("/assessments")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        as(user).body(Map.of())
                .post("/assessments/" + id + "/completion")
                .then()
                .statusCode(200);
        return id;
    }

    /**
     * The one event of this type about the client: waits for it, then gives a second copy two
     * seconds to show up (the relay publishes within milliseconds, so a duplicate would be there).
     */
    static org.cairn.testing.TopicReader.Event exactlyOne(String topic, String clientId, String type) {
        List<org.cairn.testing.TopicReader.Event> first =
                org.cairn.testing.TopicReader.ofClient(topic, clientId, type, 1, Duration.ofSeconds(20));
        org.assertj.core.api.Assertions.assertThat(first).as(type).hasSize(1);
        List<org.cairn.testing.TopicReader.Event> all =
                org.cairn.testing.TopicReader.ofClient(topic, clientId, type, 2, Duration.ofSeconds(2));
        org.assertj.core.api.Assertions.assertThat(all).as(type + ", once").hasSize(1);
        return all.get(0);
    }
}
