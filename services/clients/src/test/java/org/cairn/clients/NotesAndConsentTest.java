package org.cairn.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.cairn.clients.Api.as;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.cairn.contracts.events.AssessmentCompletedV1;
import org.cairn.contracts.events.AssessmentCrisisIdentifiedV1;
import org.cairn.contracts.events.CloudEventHeaders;
import org.cairn.contracts.events.EventSchemas;
import org.cairn.contracts.events.ReferralAcceptedV1;
import org.cairn.contracts.events.Topics;
import org.cairn.contracts.vocabulary.Program;
import org.cairn.contracts.vocabulary.RiskSeverity;
import org.cairn.platform.problem.Problem;
import org.cairn.testing.DemoUsers;
import org.cairn.testing.EventPublisher;
import org.cairn.testing.Sql;
import org.cairn.testing.TopicReader;
import org.junit.jupiter.api.Test;

/** Notes are append-only; another agency reads them only under an active consent; revocation is immediate. */
@QuarkusTest
class NotesAndConsentTest {

    private static final String CM = DemoUsers.HOSPITAL_CASE_MANAGER;
    private static final String CMHC = DemoUsers.CMHC_CASE_MANAGER;

    private static String client() {
        return Api.newClient(CM, "Note", "Holder", null);
    }

    private static String openCase(String clientId) {
        return as(CM).body(Map.of("program", "medical"))
                .post("/clients/" + clientId + "/cases")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private static String note(String caseId, String text, String sensitivity) {
        return as(CM).body(Map.of(
                        "noteType",
                        "contact",
                        "contactDate",
                        LocalDate.now().toString(),
                        "text",
                        text,
                        "sensitivity",
                        sensitivity))
                .post("/cases/" + caseId + "/notes")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private static String consent(String clientId, String recipient, List<String> categories) {
        Map<String, Object> body = Api.with(Api.consent(), "recipientAgencyId", recipient);
        return as(CM).body(Api.with(Api.with(body, "purpose", "referral"), "categories", categories))
                .post("/clients/" + clientId + "/consents")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    @Test
    void notes_areAppendOnly_anAmendmentKeepsTheHistory() {
        String caseId = openCase(client());
        String first = note(caseId, "Met at the clinic", "general");

        String second = as(CM).body(Map.of("text", "Met at the clinic with her daughter"))
                .post("/notes/" + first + "/amendments")
                .then()
                .statusCode(201)
                .body("version", equalTo(2))
                .body("amendsId", equalTo(first))
                .extract()
                .path("id");

        as(CM).get("/cases/" + caseId + "/notes").then().statusCode(200).body("id", contains(second));
        as(CM).get("/notes/" + second + "/history")
                .then()
                .statusCode(200)
                .body("text", contains("Met at the clinic", "Met at the clinic with her daughter"));
        as(CM).body(Map.of("text", "again"))
                .post("/notes/" + first + "/amendments")
                .then()
                .statusCode(409)
                .body("type", equalTo("urn:cairn:problem:not-latest-version"));
        as(CM).body(Map.of("noteType", "visit", "contactDate", LocalDate.now().toString(), "text", "x"))
                .post("/cases/" + caseId + "/notes")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("noteType"));
        as(CM).body(Map.of(
                        "noteType",
                        "contact",
                        "contactDate",
                        LocalDate.now().plusDays(1).toString(),
                        "text",
                        "x"))
                .post("/cases/" + caseId + "/notes")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("contactDate"));
        as(CM).body(Map.of(
                        "noteType", "contact", "contactDate", LocalDate.now().toString(), "text", "x".repeat(20_001)))
                .post("/cases/" + caseId + "/notes")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("text"));
    }

    @Test
    void anotherAgency_readsNotesOnlyUnderConsent_andRevocationIsImmediate() {
        String clientId = client();
        String caseId = openCase(clientId);
        String general = note(caseId, "Housing is unstable", "general");
        String part2 = note(caseId, "In treatment for opioid use", "substance-use-part2");
        String hiv = note(caseId, "Viral load undetectable", "hiv");
        String consentId = consent(clientId, DemoUsers.CMHC_AGENCY, List.of("general", "substance-use-part2"));

        // Before any referral the other agency cannot see the client at all.
        as(CMHC).get("/clients/" + clientId + "/notes").then().statusCode(404).contentType(Problem.MEDIA_TYPE);

        String eventId = UUID.randomUUID().toString();
        ReferralAcceptedV1 accepted = new ReferralAcceptedV1(
                UUID.randomUUID().toString(),
                clientId,
                DemoUsers.HOSPITAL_AGENCY,
                DemoUsers.CMHC_AGENCY,
                Program.MENTAL_HEALTH,
                consentId,
                Instant.now());
        EventPublisher.publish(eventId, clientId, DemoUsers.CMHC_AGENCY, accepted);
        EventPublisher.publish(eventId, clientId, DemoUsers.CMHC_AGENCY, accepted);

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> as(CMHC).get("/clients/" + clientId).then().statusCode(200));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> Sql.number("select count(*) from inbox_event where event_id = ?", eventId) == 1);
        assertThat(Sql.number(
                        "select count(*) from client_access where client_id = ?::uuid and agency_id = ? and reason = 'grant'",
                        clientId,
                        DemoUsers.CMHC_AGENCY))
                .isEqualTo(1);
        assertThat(Sql.number(
                        "select count(*) from care_case where client_id = ?::uuid and agency_id = ? and status = 'referred'",
                        clientId,
                        DemoUsers.CMHC_AGENCY))
                .isEqualTo(1);

        as(CMHC).get("/clients/" + clientId + "/notes")
                .then()
                .statusCode(200)
                .body("id", containsInAnyOrder(general, part2));
        // the read is a disclosure under that consent, and its audit record says so
        org.cairn.testing.TopicReader.await(
                org.cairn.contracts.events.Topics.AUDIT,
                e -> clientId.equals(e.key())
                        && e.value().contains(consentId)
                        && e.value().contains("\"viewed\""),
                1,
                Duration.ofSeconds(15));
        as(CMHC).get("/notes/" + hiv + "/history").then().statusCode(404);
        as(DemoUsers.FAMILY_CASE_MANAGER)
                .get("/clients/" + clientId + "/notes")
                .then()
                .statusCode(404);
        as(DemoUsers.of("hospital", "network-admin"))
                .get("/clients/" + clientId + "/notes")
                .then()
                .statusCode(403);
        as(CM).get("/clients/" + clientId + "/notes").then().body("id", containsInAnyOrder(general, part2, hiv));

        as(CM).body(Map.of("reason", "client withdrew"))
                .post("/consents/" + consentId + "/revocation")
                .then()
                .statusCode(200)
                .body("status", equalTo("revoked"));

        as(CMHC).get("/clients/" + clientId + "/notes").then().statusCode(200).body("$", hasSize(0));
        as(CM).get("/clients/" + clientId + "/notes").then().body("$", hasSize(3));
        List<TopicReader.Event> revoked = TopicReader.await(
                Topics.CLIENTS,
                e -> clientId.equals(e.key()) && "cairn.consent.revoked.v1".equals(e.header(CloudEventHeaders.TYPE)),
                1,
                Duration.ofSeconds(30));
        assertThat(revoked).hasSize(1);
        List<TopicReader.Event> added = TopicReader.await(
                Topics.CLIENTS,
                e -> clientId.equals(e.key()) && "cairn.case-note.added.v1".equals(e.header(CloudEventHeaders.TYPE)),
                3,
                Duration.ofSeconds(30));
        assertThat(added).hasSize(3).allSatisfy(e -> {
            assertThat(EventSchemas.errors("cairn.case-note.added.v1", e.value()))
                    .isEmpty();
            assertThat(e.value()).doesNotContain("opioid").doesNotContain("Viral");
        });
    }

    @Test
    void history_showsAnotherAgencyOnlyTheVersionsItsConsentCovers_andOnlyTheOwnerRevokes() {
        String clientId = client();
        String caseId = openCase(clientId);
        String first = note(caseId, "Asked about shelter beds", "general");
        String consentId = consent(clientId, DemoUsers.CMHC_AGENCY, List.of("general"));
        EventPublisher.publish(
                UUID.randomUUID().toString(),
                clientId,
                DemoUsers.CMHC_AGENCY,
                new ReferralAcceptedV1(
                        UUID.randomUUID().toString(),
                        clientId,
                        DemoUsers.HOSPITAL_AGENCY,
                        DemoUsers.CMHC_AGENCY,
                        Program.MENTAL_HEALTH,
                        consentId,
                        Instant.now()));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> as(CMHC).get("/clients/" + clientId).then().statusCode(200));

        as(CM).body(Map.of(
                        "text", "Fled a violent partner; asked about shelter beds", "sensitivity", "domestic-violence"))
                .post("/notes/" + first + "/amendments")
                .then()
                .statusCode(201);

        as(CMHC).get("/notes/" + first + "/history")
                .then()
                .statusCode(200)
                .body("text", contains("Asked about shelter beds"));
        as(CM).get("/notes/" + first + "/history").then().statusCode(200).body("$", hasSize(2));

        String latest =
                as(CM).get("/cases/" + caseId + "/notes").then().extract().path("[0].id");
        as(CM).body(Map.of("text", "Shelter beds", "sensitivity", "general"))
                .post("/notes/" + latest + "/amendments")
                .then()
                .statusCode(422)
                .body("type", equalTo("urn:cairn:problem:sensitivity-change-needs-supervisor"));

        as(DemoUsers.of("cmhc", "supervisor"))
                .body(Map.of())
                .post("/consents/" + consentId + "/revocation")
                .then()
                .statusCode(200);
        String other = consent(clientId, DemoUsers.HOUSING_AGENCY, List.of("general"));
        as(CMHC).body(Map.of())
                .post("/consents/" + other + "/revocation")
                .then()
                .statusCode(403)
                .contentType(Problem.MEDIA_TYPE);
    }

    @Test
    void consent_badInputAndDuplicates_areRefused() {
        String clientId = client();
        Map<String, Object> base = Api.consent();

        as(CM).body(Api.with(base, "evidenceType", "verbal-witnessed"))
                .post("/clients/" + clientId + "/consents")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("witness"));
        as(CM).body(Api.with(base, "effectiveTo", LocalDate.now().minusDays(1).toString()))
                .post("/clients/" + clientId + "/consents")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("effectiveTo"));
        as(CM).body(Api.with(base, "categories", List.of("gossip")))
                .post("/clients/" + clientId + "/consents")
                .then()
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE);
        as(CM).body(Api.with(base, "grantorType", "legal-guardian"))
                .post("/clients/" + clientId + "/consents")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("guardianClientId"));
        as(CM).body(base).post("/clients/" + clientId + "/consents").then().statusCode(201);
        as(CM).body(base)
                .post("/clients/" + clientId + "/consents")
                .then()
                .statusCode(409)
                .body("type", equalTo("urn:cairn:problem:duplicate-consent"));
        as(CMHC).body(base).post("/clients/" + clientId + "/consents").then().statusCode(404);
        as(CMHC).get("/clients/" + clientId + "/consents")
                .then()
                .statusCode(404)
                .contentType(Problem.MEDIA_TYPE);
        assertThat(Sql.number("select count(*) from consent where client_id = ?::uuid", clientId))
                .isEqualTo(1);
    }

    @Test
    void consent_pastItsPeriod_isExpiredAndAnnouncedOnce() {
        String clientId = client();
        as(CM).body(Map.of(
                        "grantorType",
                        "client",
                        "purpose",
                        "research",
                        "categories",
                        List.of("general"),
                        "effectiveFrom",
                        LocalDate.now().minusDays(30).toString(),
                        "effectiveTo",
                        LocalDate.now().minusDays(1).toString(),
                        "evidenceType",
                        "document",
                        "evidenceReference",
                        "scan-2291"))
                .post("/clients/" + clientId + "/consents")
                .then()
                .statusCode(201)
                .body("status", equalTo("expired"));

        List<TopicReader.Event> expired = TopicReader.await(
                Topics.CLIENTS,
                e -> clientId.equals(e.key()) && "cairn.consent.expired.v1".equals(e.header(CloudEventHeaders.TYPE)),
                2,
                Duration.ofSeconds(8));
        assertThat(expired).hasSize(1);
    }

    @Test
    void crisisFromAnAssessment_flagsTheCaseOnce_evenWhenDeliveredTwice() {
        String clientId = client();
        String caseId = openCase(clientId);
        String eventId = UUID.randomUUID().toString();
        AssessmentCrisisIdentifiedV1 crisis = new AssessmentCrisisIdentifiedV1(
                UUID.randomUUID().toString(),
                clientId,
                caseId,
                DemoUsers.HOSPITAL_AGENCY,
                "phq-9",
                "1",
                RiskSeverity.HIGH,
                List.of(new AssessmentCompletedV1.Risk("self-harm-thoughts", RiskSeverity.HIGH)),
                Instant.now());

        EventPublisher.publish(eventId, clientId, DemoUsers.HOSPITAL_AGENCY, crisis);
        EventPublisher.publish(eventId, clientId, DemoUsers.HOSPITAL_AGENCY, crisis);

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> as(CM).get("/cases/" + caseId)
                        .then()
                        .body("crisis.reason", equalTo("identified by assessment " + crisis.assessmentId())));
        List<TopicReader.Event> flagged = TopicReader.await(
                Topics.CLIENTS,
                e -> clientId.equals(e.key())
                        && "cairn.case.crisis-flagged.v1".equals(e.header(CloudEventHeaders.TYPE)),
                2,
                Duration.ofSeconds(5));
        assertThat(flagged).hasSize(1);
        assertThat(flagged.get(0).value()).contains("assessment");
        assertThat(Sql.number("select count(*) from inbox_event where event_id = ?", eventId))
                .isEqualTo(1);
    }
}
