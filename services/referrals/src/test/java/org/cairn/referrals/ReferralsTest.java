package org.cairn.referrals;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

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
import org.cairn.contracts.events.AuditRecordedV1;
import org.cairn.contracts.events.EventJson;
import org.cairn.contracts.events.EventSchemas;
import org.cairn.contracts.events.ReferralAcceptedV1;
import org.cairn.contracts.events.ReferralStatusChangedV1;
import org.cairn.contracts.events.Topics;
import org.cairn.contracts.vocabulary.ConsentPurpose;
import org.cairn.contracts.vocabulary.Program;
import org.cairn.contracts.vocabulary.ReferralTaskStatus;
import org.cairn.contracts.vocabulary.SensitivityCategory;
import org.cairn.testing.CaseEvents;
import org.cairn.testing.ConsentEvents;
import org.cairn.testing.DemoTokens;
import org.cairn.testing.DemoUsers;
import org.cairn.testing.EventPublisher;
import org.cairn.testing.Sql;
import org.cairn.testing.TopicReader;
import org.junit.jupiter.api.Test;

/**
 * Referrals on the real broker, database and identity provider: the closed loop from the hospital
 * to the CMHC with its events and the disclosure it is, the consent the packet needs, which side may
 * make which move, drafts, another agency's 404s, and bad input.
 */
@QuarkusTest
class ReferralsTest {

    static final String SENDER = DemoUsers.HOSPITAL_CASE_MANAGER;
    static final String RECEIVER = DemoUsers.CMHC_CASE_MANAGER;
    static final String STRANGER = DemoUsers.HOUSING_CASE_MANAGER;
    static final String HOSPITAL = DemoUsers.HOSPITAL_AGENCY;
    static final String CMHC = DemoUsers.CMHC_AGENCY;

    static RequestSpecification as(String user) {
        return given().auth().oauth2(DemoTokens.accessToken(user)).contentType(ContentType.JSON);
    }

    static String consent(
            String clientId, String recipient, ConsentPurpose purpose, SensitivityCategory... categories) {
        return ConsentEvents.grant(clientId, HOSPITAL, recipient, purpose, categories);
    }

    static Map<String, Object> referral(String caseId, String to, Map<String, Object>... items) {
        return Map.of(
                "caseId",
                caseId,
                "receivingAgencyId",
                to,
                "needDomain",
                "behavioral-health",
                "urgency",
                "urgent",
                "reason",
                "ongoing counselling after discharge",
                "packet",
                List.of(items));
    }

    /** A referral of the case to the CMHC with a phone number in its packet, sent at once; its id. */
    static String sent(String caseId) {
        return as(SENDER)
                .body(referral(caseId, CMHC, PHONE))
                .post("/referrals")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    /** The client revokes a consent (as the clients service tells it); returns once referrals has applied it. */
    static void revoke(String clientId, String consentId) {
        EventPublisher.publish(
                UUID.randomUUID().toString(),
                clientId,
                HOSPITAL,
                new org.cairn.contracts.events.ConsentRevokedV1(consentId, clientId, HOSPITAL, Instant.now()));
        CaseEvents.awaitRow(
                "select count(*) from consent_projection where consent_id = cast(? as uuid) and status = 'revoked'",
                consentId);
    }

    /** A draft referral of the case to the CMHC, kept unsent; its id. */
    static String draft(String caseId) {
        Map<String, Object> draft = new java.util.HashMap<>(referral(caseId, CMHC, PHONE));
        draft.put("send", false);
        return as(SENDER)
                .body(draft)
                .post("/referrals")
                .then()
                .statusCode(201)
                .body("status", equalTo("draft"))
                .extract()
                .path("id");
    }

    static Map<String, Object> item(String label, String category, String text) {
        return Map.of("label", label, "category", category, "text", text);
    }

    static final Map<String, Object> PHONE = item("phone", "general", "555-0100");
    static final Map<String, Object> DIAGNOSIS = item("diagnosis", "behavioral-health", "major depressive disorder");

    static <T extends Record> T read(TopicReader.Event e, Class<T> type) {
        try {
            return EventJson.mapper().readValue(e.value(), type);
        } catch (java.io.IOException x) {
            throw new IllegalStateException(x);
        }
    }

    @Test
    void aReferral_goesRoundTheLoop_underTheClientsConsent() {
        CaseEvents.OpenCase c = CaseEvents.open(HOSPITAL, SENDER, Program.MEDICAL, LocalDate.now());
        String consentId = consent(
                c.clientId(),
                CMHC,
                ConsentPurpose.REFERRAL,
                SensitivityCategory.GENERAL,
                SensitivityCategory.BEHAVIORAL_HEALTH);

        String id = as(SENDER)
                .body(referral(c.caseId(), CMHC, PHONE, DIAGNOSIS))
                .post("/referrals")
                .then()
                .statusCode(201)
                .body("status", equalTo("requested"))
                .body("consentId", equalTo(consentId))
                .body("clientId", equalTo(c.clientId()))
                .extract()
                .path("id");

        as(RECEIVER)
                .queryParam("box", "received")
                .get("/referrals")
                .then()
                .statusCode(200)
                .body("items.id", hasItem(id));
        as(RECEIVER)
                .get("/referrals/" + id)
                .then()
                .statusCode(200)
                .body("packet.label", equalTo(List.of("phone", "diagnosis")))
                .body("packet[1].text", equalTo("major depressive disorder"));
        // the receiving agency's read of the packet is a disclosure under the consent
        TopicReader.Event disclosure = TopicReader.await(
                        Topics.AUDIT,
                        e -> c.clientId().equals(e.key())
                                && CMHC.equals(read(e, AuditRecordedV1.class).agencyId())
                                && read(e, AuditRecordedV1.class).consentIds() != null,
                        1,
                        Duration.ofSeconds(15))
                .get(0);
        assertThat(read(disclosure, AuditRecordedV1.class).consentIds()).containsExactly(consentId);

        as(SENDER)
                .queryParam("caseId", c.caseId())
                .queryParam("open", true)
                .get("/referrals")
                .then()
                .statusCode(200)
                .body("items.id", equalTo(List.of(id)));
        as(RECEIVER)
                .body(Map.of("status", "received"))
                .post("/referrals/" + id + "/status")
                .then()
                .statusCode(200);
        as(RECEIVER)
                .body(Map.of("status", "accepted", "program", "mental-health"))
                .post("/referrals/" + id + "/status")
                .then()
                .statusCode(200)
                .body("program", equalTo("mental-health"));
        // the receiving agency names who works it; the sending agency does not
        String worker = org.cairn.testing.DemoTokens.subject(RECEIVER);
        as(SENDER)
                .body(Map.of("assigneeUserId", worker))
                .put("/referrals/" + id + "/assignee")
                .then()
                .statusCode(409);
        as(RECEIVER)
                .body(Map.of("assigneeUserId", worker))
                .put("/referrals/" + id + "/assignee")
                .then()
                .statusCode(200)
                .body("assigneeUserId", equalTo(worker));
        as(RECEIVER)
                .body(Map.of("status", "in-progress"))
                .post("/referrals/" + id + "/status")
                .then()
                .statusCode(200);
        as(RECEIVER)
                .body(Map.of("status", "completed", "outcome", "service-delivered"))
                .post("/referrals/" + id + "/status")
                .then()
                .statusCode(200);

        // a case's open referrals: listed while it is worked, gone once it is completed
        as(SENDER)
                .queryParam("caseId", c.caseId())
                .get("/referrals")
                .then()
                .statusCode(200)
                .body("items.id", equalTo(List.of(id)));
        as(SENDER)
                .queryParam("caseId", c.caseId())
                .queryParam("open", true)
                .get("/referrals")
                .then()
                .statusCode(200)
                .body("items", org.hamcrest.Matchers.empty());
        as(SENDER)
                .get("/referrals/" + id)
                .then()
                .statusCode(200)
                .body("status", equalTo("completed"))
                .body("history.to", equalTo(List.of("requested", "received", "accepted", "in-progress", "completed")))
                .body("history[2].agencyId", equalTo(CMHC));

        List<TopicReader.Event> moves = TopicReader.await(
                Topics.REFERRALS,
                e -> c.clientId().equals(e.key()) && "cairn.referral.status-changed.v1".equals(e.header("ce_type")),
                5,
                Duration.ofSeconds(15));
        for (TopicReader.Event e : moves) {
            assertThat(EventSchemas.errors(ReferralStatusChangedV1.class, e.value()))
                    .isEmpty();
        }
        assertThat(moves.stream()
                        .map(e -> read(e, ReferralStatusChangedV1.class).status()))
                .containsExactly(
                        ReferralTaskStatus.REQUESTED,
                        ReferralTaskStatus.RECEIVED,
                        ReferralTaskStatus.ACCEPTED,
                        ReferralTaskStatus.IN_PROGRESS,
                        ReferralTaskStatus.COMPLETED);
        assertThat(read(moves.get(0), ReferralStatusChangedV1.class).from()).isNull();
        TopicReader.Event accepted = TopicReader.await(
                        Topics.REFERRALS,
                        e -> c.clientId().equals(e.key()) && "cairn.referral.accepted.v1".equals(e.header("ce_type")),
                        1,
                        Duration.ofSeconds(15))
                .get(0);
        assertThat(EventSchemas.errors(ReferralAcceptedV1.class, accepted.value()))
                .isEmpty();
        ReferralAcceptedV1 a = read(accepted, ReferralAcceptedV1.class);
        assertThat(a.consentId()).isEqualTo(consentId);
        assertThat(a.program()).isEqualTo(Program.MENTAL_HEALTH);
        assertThat(a.receivingAgencyId()).isEqualTo(CMHC);
    }

    @Test
    void withoutAConsentCoveringEveryCategoryAndThePurpose_nothingIsSent() {
        CaseEvents.OpenCase c = CaseEvents.open(HOSPITAL, SENDER, Program.MEDICAL, LocalDate.now());
        // general only, for a referral; and behavioral health, but for treatment
        consent(c.clientId(), CMHC, ConsentPurpose.REFERRAL, SensitivityCategory.GENERAL);
        consent(
                c.clientId(),
                CMHC,
                ConsentPurpose.TREATMENT,
                SensitivityCategory.GENERAL,
                SensitivityCategory.BEHAVIORAL_HEALTH);

        as(SENDER)
                .body(referral(c.caseId(), CMHC, PHONE, DIAGNOSIS))
                .post("/referrals")
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.containsString("behavioral-health"));
        // to an agency no consent names, not even general information
        as(SENDER)
                .body(referral(c.caseId(), DemoUsers.HOUSING_AGENCY, PHONE))
                .post("/referrals")
                .then()
                .statusCode(422);
        assertThat(Sql.number("select count(*) from referral where case_id = cast(? as uuid)", c.caseId()))
                .isZero();
        // what the general consent covers can go
        as(SENDER)
                .body(referral(c.caseId(), CMHC, PHONE))
                .post("/referrals")
                .then()
                .statusCode(201);
    }

    @Test
    void eachSide_makesOnlyItsMoves_andADraftStaysTheSendersUntilSent() {
        CaseEvents.OpenCase c = CaseEvents.open(HOSPITAL, SENDER, Program.MEDICAL, LocalDate.now());
        consent(c.clientId(), CMHC, ConsentPurpose.REFERRAL, SensitivityCategory.GENERAL);
        String id = draft(c.caseId());
        as(RECEIVER).get("/referrals/" + id).then().statusCode(404);
        as(RECEIVER).queryParam("box", "received").get("/referrals").then().body("items.id", not(hasItem(id)));
        as(SENDER)
                .body(Map.of("status", "requested"))
                .post("/referrals/" + id + "/status")
                .then()
                .statusCode(200);
        as(RECEIVER).get("/referrals/" + id).then().statusCode(200);

        // the sender does not accept, the receiver does not cancel
        as(SENDER)
                .body(Map.of("status", "accepted", "program", "medical"))
                .post("/referrals/" + id + "/status")
                .then()
                .statusCode(409)
                .contentType("application/problem+json");
        as(RECEIVER)
                .body(Map.of("status", "cancelled", "reason", "not ours"))
                .post("/referrals/" + id + "/status")
                .then()
                .statusCode(409);
        // a rejection says why; an acceptance names the program
        as(RECEIVER)
                .body(Map.of("status", "rejected"))
                .post("/referrals/" + id + "/status")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("reason"));
        as(RECEIVER)
                .body(Map.of("status", "accepted"))
                .post("/referrals/" + id + "/status")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("program"));
        // and records its coded reason, which is not "service delivered"
        as(RECEIVER)
                .body(Map.of("status", "rejected", "reason", "full"))
                .post("/referrals/" + id + "/status")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("outcome"));
        as(RECEIVER)
                .body(Map.of("status", "rejected", "reason", "full", "outcome", "service-delivered"))
                .post("/referrals/" + id + "/status")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("outcome"));
        String key = UUID.randomUUID().toString();
        as(RECEIVER)
                .header("Idempotency-Key", key)
                .body(Map.of("status", "rejected", "reason", "at capacity", "outcome", "at-capacity"))
                .post("/referrals/" + id + "/status")
                .then()
                .statusCode(200)
                .body("history[-1].reason", equalTo("at capacity"))
                .body("history[-1].outcome", equalTo("at-capacity"))
                .body("outcome", equalTo("at-capacity"));
        // the same move retried with its key is answered as before, not refused and not made twice
        as(RECEIVER)
                .header("Idempotency-Key", key)
                .body(Map.of("status", "rejected", "reason", "at capacity", "outcome", "at-capacity"))
                .post("/referrals/" + id + "/status")
                .then()
                .statusCode(200)
                .body("status", equalTo("rejected"));
        assertThat(Sql.number(
                        "select count(*) from referral_status_change where referral_id = cast(? as uuid)"
                                + " and to_status = 'rejected'",
                        id))
                .isEqualTo(1);
        // nothing follows a rejection
        as(SENDER)
                .body(Map.of("status", "cancelled", "reason", "too late"))
                .post("/referrals/" + id + "/status")
                .then()
                .statusCode(409);
    }

    @Test
    void aDraftCancelledUnsent_andARevokedConsent_areOutOfTheReceiversSight() {
        CaseEvents.OpenCase c = CaseEvents.open(HOSPITAL, SENDER, Program.MEDICAL, LocalDate.now());
        String consentId = consent(c.clientId(), CMHC, ConsentPurpose.REFERRAL, SensitivityCategory.GENERAL);
        String unsent = draft(c.caseId());
        as(SENDER)
                .body(Map.of("status", "cancelled", "reason", "wrong agency"))
                .post("/referrals/" + unsent + "/status")
                .then()
                .statusCode(200);
        as(RECEIVER).get("/referrals/" + unsent).then().statusCode(404);
        as(RECEIVER).queryParam("box", "received").get("/referrals").then().body("items.id", not(hasItem(unsent)));

        String sent = sent(c.caseId());
        as(RECEIVER).get("/referrals/" + sent).then().statusCode(200);
        revoke(c.clientId(), consentId);
        as(RECEIVER).get("/referrals/" + sent).then().statusCode(404);
        as(RECEIVER)
                .body(Map.of("status", "accepted", "program", "mental-health"))
                .post("/referrals/" + sent + "/status")
                .then()
                .statusCode(404);
        // the sender still has its own record of what it sent, now on hold
        as(SENDER).get("/referrals/" + sent).then().statusCode(200).body("status", equalTo("on-hold"));
    }

    @Test
    void aDraft_ofACaseClosedSince_cannotBeSent() {
        CaseEvents.OpenCase c = CaseEvents.open(HOSPITAL, SENDER, Program.MEDICAL, LocalDate.now());
        consent(c.clientId(), CMHC, ConsentPurpose.REFERRAL, SensitivityCategory.GENERAL);
        String id = draft(c.caseId());
        EventPublisher.publish(
                UUID.randomUUID().toString(),
                c.clientId(),
                HOSPITAL,
                new org.cairn.contracts.events.CaseClosedV1(
                        c.caseId(), c.clientId(), HOSPITAL, LocalDate.now(), Instant.now()));
        CaseEvents.awaitRow(
                "select count(*) from case_projection where case_id = cast(? as uuid) and status = 'closed'",
                c.caseId());
        as(SENDER)
                .body(Map.of("status", "requested"))
                .post("/referrals/" + id + "/status")
                .then()
                .statusCode(409)
                .body("type", org.hamcrest.Matchers.endsWith("case-closed"));
        as(SENDER).get("/referrals/" + id).then().body("status", equalTo("draft"));
    }

    @Test
    void anotherAgency_getsNotFound_forEveryReferral() {
        CaseEvents.OpenCase c = CaseEvents.open(HOSPITAL, SENDER, Program.MEDICAL, LocalDate.now());
        consent(c.clientId(), CMHC, ConsentPurpose.REFERRAL, SensitivityCategory.GENERAL);
        String id = sent(c.caseId());

        Map<String, Function<RequestSpecification, Response>> calls = Map.of(
                "get", r -> r.get("/referrals/" + id),
                "receive", r -> r.body(Map.of("status", "received")).post("/referrals/" + id + "/status"),
                "cancel",
                        r -> r.body(Map.of("status", "cancelled", "reason", "x"))
                                .post("/referrals/" + id + "/status"),
                "fhir", r -> r.get("/referrals/" + id + "/fhir"),
                "assign", r -> r.body(Map.of("assigneeUserId", "someone")).put("/referrals/" + id + "/assignee"),
                "unknown id", r -> r.get("/referrals/" + UUID.randomUUID()));
        calls.forEach((name, call) -> {
            Response response = call.apply(as(STRANGER));
            assertThat(response.statusCode()).as(name).isEqualTo(404);
            assertThat(response.contentType()).as(name).startsWith("application/problem+json");
        });
        for (String box : List.of("sent", "received")) {
            as(STRANGER)
                    .queryParam("box", box)
                    .get("/referrals")
                    .then()
                    .statusCode(200)
                    .body("items.id", not(hasItem(id)));
        }
        // nor can an agency refer from a case that is not its own
        as(STRANGER)
                .body(referral(c.caseId(), CMHC, PHONE))
                .post("/referrals")
                .then()
                .statusCode(404);
        as(SENDER).get("/referrals/" + id).then().statusCode(200).body("status", equalTo("requested"));
    }

    @Test
    void badInput_isRefusedWithProblems_andWritesNothing() {
        CaseEvents.OpenCase c = CaseEvents.open(HOSPITAL, SENDER, Program.MEDICAL, LocalDate.now());
        // a consent that would let a good request through: what is refused, is refused for its input
        consent(c.clientId(), CMHC, ConsentPurpose.REFERRAL, SensitivityCategory.GENERAL);
        Map<String, Object> noCase = new java.util.HashMap<>(referral(c.caseId(), CMHC, PHONE));
        noCase.remove("caseId");
        as(SENDER).body(noCase).post("/referrals").then().statusCode(400).contentType("application/problem+json");
        Map<String, Object> badNeed = new java.util.HashMap<>(referral(c.caseId(), CMHC, PHONE));
        badNeed.put("needDomain", "astrology");
        as(SENDER).body(badNeed).post("/referrals").then().statusCode(400);
        as(SENDER)
                .body(referral(c.caseId(), HOSPITAL, PHONE))
                .post("/referrals")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("receivingAgencyId"));
        as(SENDER)
                .body(referral(c.caseId(), CMHC, item("x", "gossip", "y")))
                .post("/referrals")
                .then()
                .statusCode(400);
        as(SENDER).queryParam("box", "everything").get("/referrals").then().statusCode(400);
        as(SENDER).queryParam("size", 1000).get("/referrals").then().statusCode(400);
        as(SENDER)
                .body(Map.of("status", "finished"))
                .post("/referrals/" + UUID.randomUUID() + "/status")
                .then()
                .statusCode(400);
        assertThat(Sql.number("select count(*) from referral where case_id = cast(? as uuid)", c.caseId()))
                .isZero();
    }
}
