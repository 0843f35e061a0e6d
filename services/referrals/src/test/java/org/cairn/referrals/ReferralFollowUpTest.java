package org.cairn.referrals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.cairn.contracts.events.EventSchemas;
import org.cairn.contracts.events.ReferralEscalatedV1;
import org.cairn.contracts.events.ReferralStatusChangedV1;
import org.cairn.contracts.events.Topics;
import org.cairn.contracts.vocabulary.ConsentPurpose;
import org.cairn.contracts.vocabulary.Program;
import org.cairn.contracts.vocabulary.ReferralTaskStatus;
import org.cairn.contracts.vocabulary.SensitivityCategory;
import org.cairn.contracts.vocabulary.Urgency;
import org.cairn.referrals.service.Escalations;
import org.cairn.testing.CaseEvents;
import org.cairn.testing.DemoUsers;
import org.cairn.testing.Sql;
import org.cairn.testing.TopicReader;
import org.junit.jupiter.api.Test;

/**
 * What happens to a referral while nobody acts, and when the client withdraws: an answer overdue by
 * its urgency is escalated once (and an answered one never); a consent revoked puts the referrals sent
 * under it on hold and ends the receiving agency's reading of the packet.
 */
@QuarkusTest
class ReferralFollowUpTest {

    @Inject
    Escalations escalations;

    static String send(CaseEvents.OpenCase c, String urgency) {
        return ReferralsTest.as(ReferralsTest.SENDER)
                .body(Map.of(
                        "caseId",
                        c.caseId(),
                        "receivingAgencyId",
                        ReferralsTest.CMHC,
                        "needDomain",
                        "behavioral-health",
                        "urgency",
                        urgency,
                        "reason",
                        "counselling",
                        "packet",
                        List.of(ReferralsTest.PHONE)))
                .post("/referrals")
                .then()
                .statusCode(201)
                .body("respondBy", notNullValue())
                .extract()
                .path("id");
    }

    static CaseEvents.OpenCase consentedCase(String[] consent) {
        CaseEvents.OpenCase c =
                CaseEvents.open(ReferralsTest.HOSPITAL, ReferralsTest.SENDER, Program.MEDICAL, LocalDate.now());
        consent[0] = ReferralsTest.consent(
                c.clientId(), ReferralsTest.CMHC, ConsentPurpose.REFERRAL, SensitivityCategory.GENERAL);
        return c;
    }

    static long escalationsOf(String referralId) {
        return TopicReader.await(
                        Topics.REFERRALS,
                        e -> "cairn.referral.escalated.v1".equals(e.header("ce_type"))
                                && e.value().contains(referralId),
                        2,
                        Duration.ofSeconds(3))
                .size();
    }

    @Test
    void anAnswerOverdue_isEscalatedOnce_andAnAnsweredReferralNever() throws Throwable {
        String[] consent = new String[1];
        CaseEvents.OpenCase c = consentedCase(consent);
        String overdue = send(c, "urgent");
        String answered = send(c, "emergency");
        Instant due = Instant.parse(ReferralsTest.as(ReferralsTest.SENDER)
                .get("/referrals/" + overdue)
                .then()
                .extract()
                .path("respondBy"));
        // urgent: an answer within 24 hours
        assertThat(Duration.between(Instant.now(), due)).isBetween(Duration.ofHours(23), Duration.ofHours(24));

        ReferralsTest.as(ReferralsTest.RECEIVER)
                .body(Map.of("status", "accepted", "program", "mental-health"))
                .post("/referrals/" + answered + "/status")
                .then()
                .statusCode(200);
        // both overdue now, as if the day had passed
        Sql.update(
                "update referral set respond_by = now() - interval '1 minute' where id = any(cast(? as uuid[]))",
                List.of(overdue, answered));

        List<TopicReader.Event> told = TopicReader.await(
                Topics.REFERRALS,
                e -> "cairn.referral.escalated.v1".equals(e.header("ce_type"))
                        && e.value().contains(overdue),
                1,
                Duration.ofSeconds(20));
        assertThat(told).hasSize(1);
        assertThat(EventSchemas.errors(ReferralEscalatedV1.class, told.get(0).value()))
                .isEmpty();
        ReferralEscalatedV1 event = ReferralsTest.read(told.get(0), ReferralEscalatedV1.class);
        assertThat(event.urgency()).isEqualTo(Urgency.URGENT);
        assertThat(event.status()).isEqualTo(ReferralTaskStatus.REQUESTED);
        assertThat(event.receivingAgencyId()).isEqualTo(ReferralsTest.CMHC);
        assertThat(event.referringUserId()).isNotBlank();
        ReferralsTest.as(ReferralsTest.SENDER)
                .get("/referrals/" + overdue)
                .then()
                .body("escalatedAt", notNullValue());

        // more rounds change nothing: once escalated, never again; answered, never at all
        escalations.escalateDue().await().atMost(Duration.ofSeconds(10));
        escalations.escalateDue().await().atMost(Duration.ofSeconds(10));
        assertThat(escalationsOf(overdue)).isEqualTo(1);
        assertThat(escalationsOf(answered)).isZero();
        assertThat(Sql.number(
                        "select count(*) from referral where id = cast(? as uuid) and escalated_at is null", answered))
                .isEqualTo(1);
    }

    static Map<String, Object> metrics(String user) {
        return ReferralsTest.as(user)
                .queryParam("from", LocalDate.now().minusDays(1).toString())
                .queryParam("to", LocalDate.now().plusDays(1).toString())
                .get("/referrals/metrics")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getMap("$");
    }

    static long count(Map<String, Object> report, String side, String what) {
        return ((Number) ((Map<?, ?>) report.get(side)).get(what)).longValue();
    }

    static long rejectedFor(Map<String, Object> report, String side, String reason) {
        Object n = ((Map<?, ?>) ((Map<?, ?>) report.get(side)).get("rejectedByReason")).get(reason);
        return n == null ? 0 : ((Number) n).longValue();
    }

    @Test
    void metrics_countWhatEachSideSentAndReceived() {
        Map<String, Object> senderBefore = metrics(DemoUsers.HOSPITAL_SUPERVISOR);
        Map<String, Object> receiverBefore = metrics("cmhc.supervisor");
        Map<String, Object> strangerBefore = metrics("housing.supervisor");
        String[] consent = new String[1];
        CaseEvents.OpenCase c = consentedCase(consent);
        String completed = send(c, "urgent");
        String rejected = send(c, "routine");
        send(c, "routine");
        for (Map<String, Object> move : List.of(
                Map.<String, Object>of("status", "accepted", "program", "mental-health"),
                Map.<String, Object>of("status", "in-progress"),
                Map.<String, Object>of("status", "completed", "outcome", "service-delivered"))) {
            ReferralsTest.as(ReferralsTest.RECEIVER)
                    .body(move)
                    .post("/referrals/" + completed + "/status")
                    .then()
                    .statusCode(200);
        }
        ReferralsTest.as(ReferralsTest.RECEIVER)
                .body(Map.of("status", "rejected", "reason", "no places until spring", "outcome", "at-capacity"))
                .post("/referrals/" + rejected + "/status")
                .then()
                .statusCode(200);

        Map<String, Object> sender = metrics(DemoUsers.HOSPITAL_SUPERVISOR);
        Map<String, Object> receiver = metrics("cmhc.supervisor");
        for (var pair : List.of(List.of(senderBefore, sender, "sent"), List.of(receiverBefore, receiver, "received"))) {
            @SuppressWarnings("unchecked")
            Map<String, Object> before = (Map<String, Object>) pair.get(0);
            @SuppressWarnings("unchecked")
            Map<String, Object> after = (Map<String, Object>) pair.get(1);
            String side = (String) pair.get(2);
            for (Map.Entry<String, Long> delta : Map.of("referrals", 3L, "accepted", 1L, "rejected", 1L, "closed", 2L)
                    .entrySet()) {
                assertThat(count(after, side, delta.getKey()) - count(before, side, delta.getKey()))
                        .as("%s %s", side, delta.getKey())
                        .isEqualTo(delta.getValue());
            }
            assertThat(rejectedFor(after, side, "at-capacity") - rejectedFor(before, side, "at-capacity"))
                    .as(side)
                    .isEqualTo(1);
            assertThat(((Map<?, ?>) after.get(side)).get("medianHoursToAcceptance"))
                    .isNotNull();
            assertThat(((Number) ((Map<?, ?>) after.get(side)).get("closureRate")).doubleValue())
                    .isBetween(0.0, 1.0);
        }
        // the others' numbers are theirs: a third agency's do not move; staff without oversight see none
        Map<String, Object> stranger = metrics("housing.supervisor");
        assertThat(stranger.get("sent")).isEqualTo(strangerBefore.get("sent"));
        assertThat(stranger.get("received")).isEqualTo(strangerBefore.get("received"));
        ReferralsTest.as(ReferralsTest.RECEIVER)
                .get("/referrals/metrics")
                .then()
                .statusCode(403);
        ReferralsTest.as(DemoUsers.HOSPITAL_SUPERVISOR)
                .queryParam("from", "2026-13-01")
                .get("/referrals/metrics")
                .then()
                .statusCode(400);
        ReferralsTest.as(DemoUsers.HOSPITAL_SUPERVISOR)
                .queryParam("from", "2026-12-02")
                .queryParam("to", "2026-12-01")
                .get("/referrals/metrics")
                .then()
                .statusCode(400);
    }

    @Test
    void aConsentRevoked_putsItsReferralsOnHold_andEndsThePacketsReading() {
        String[] consent = new String[1];
        CaseEvents.OpenCase c = consentedCase(consent);
        String requested = send(c, "routine");
        String accepted = send(c, "routine");
        ReferralsTest.as(ReferralsTest.RECEIVER)
                .body(Map.of("status", "accepted", "program", "mental-health"))
                .post("/referrals/" + accepted + "/status")
                .then()
                .statusCode(200);
        String completed = send(c, "routine");
        for (String move : List.of("accepted", "in-progress", "completed")) {
            ReferralsTest.as(ReferralsTest.RECEIVER)
                    .body(
                            switch (move) {
                                case "accepted" -> Map.of("status", move, "program", "mental-health");
                                case "completed" -> Map.of("status", move, "outcome", "service-delivered");
                                default -> Map.of("status", move);
                            })
                    .post("/referrals/" + completed + "/status")
                    .then()
                    .statusCode(200);
        }
        ReferralsTest.as(ReferralsTest.RECEIVER)
                .get("/referrals/" + accepted)
                .then()
                .statusCode(200);

        ReferralsTest.revoke(c.clientId(), consent[0]);

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> ReferralsTest.as(ReferralsTest.SENDER)
                        .get("/referrals/" + accepted)
                        .then()
                        .body("status", equalTo("on-hold")));
        ReferralsTest.as(ReferralsTest.SENDER)
                .get("/referrals/" + requested)
                .then()
                .body("status", equalTo("on-hold"))
                .body("history[-1].reason", equalTo("the client's consent was revoked"))
                .body("history[-1].changedBy", equalTo("cairn-referrals"));
        // a referral whose loop had closed stays as it ended
        ReferralsTest.as(ReferralsTest.SENDER)
                .get("/referrals/" + completed)
                .then()
                .body("status", equalTo("completed"));
        // the receiving agency reads the packet no more
        for (String id : List.of(requested, accepted, completed)) {
            ReferralsTest.as(ReferralsTest.RECEIVER)
                    .get("/referrals/" + id)
                    .then()
                    .statusCode(404);
        }
        List<TopicReader.Event> holds = TopicReader.await(
                Topics.REFERRALS,
                e -> c.clientId().equals(e.key())
                        && "cairn.referral.status-changed.v1".equals(e.header("ce_type"))
                        && ReferralsTest.read(e, ReferralStatusChangedV1.class).status() == ReferralTaskStatus.ON_HOLD,
                2,
                Duration.ofSeconds(15));
        assertThat(holds).hasSize(2);
        // the sending agency may still close it
        ReferralsTest.as(ReferralsTest.SENDER)
                .body(Map.of("status", "cancelled", "reason", "the client withdrew"))
                .post("/referrals/" + accepted + "/status")
                .then()
                .statusCode(200);
    }
}
