package org.cairn.referrals;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.cairn.contracts.events.CaseOpenedV1;
import org.cairn.contracts.events.ConsentGrantedV1;
import org.cairn.contracts.events.Topics;
import org.cairn.contracts.vocabulary.CaseStatus;
import org.cairn.contracts.vocabulary.ConsentPurpose;
import org.cairn.contracts.vocabulary.Program;
import org.cairn.contracts.vocabulary.SensitivityCategory;
import org.cairn.testing.DemoTokens;
import org.cairn.testing.DemoUsers;
import org.cairn.testing.EventPublisher;
import org.cairn.testing.PackagedService;
import org.cairn.testing.TopicReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The answer-due timer across a crash: a referral is sent, the packaged service is killed (SIGKILL)
 * before the answer is due, and the due time passes while nothing runs; then two instances start
 * together. The referral is escalated once: the timer was the referral's row, and the two instances
 * never take the same row. Runs after packaging (Failsafe).
 */
class EscalationRestartIT {

    final String run = UUID.randomUUID().toString().substring(0, 8);
    final Map<String, String> settings = Map.of(
            // a group of its own, a short answer time and a quick look for overdue referrals
            "MP_MESSAGING_INCOMING_CLIENTS_IN_GROUP_ID", "referrals-escalation-" + run,
            "REFERRALS_SLA_URGENT", "PT6S",
            "REFERRALS_SLA_CHECK_EVERY", "PT0.5S");
    PackagedService first;
    PackagedService second;
    PackagedService third;

    @AfterEach
    void stop() throws InterruptedException {
        for (PackagedService s : new PackagedService[] {first, second, third}) {
            if (s != null) {
                s.kill();
            }
        }
    }

    @Test
    void killedBeforeTheAnswerIsDue_andStartedTwiceOver_escalatesOnce() throws Exception {
        String client = UUID.randomUUID().toString();
        String caseId = UUID.randomUUID().toString();
        String hospital = DemoUsers.HOSPITAL_AGENCY;
        EventPublisher.publish(
                UUID.randomUUID().toString(),
                client,
                hospital,
                new CaseOpenedV1(
                        caseId,
                        client,
                        hospital,
                        Program.MEDICAL,
                        CaseStatus.ACTIVE,
                        LocalDate.now(),
                        DemoTokens.subject(DemoUsers.HOSPITAL_CASE_MANAGER),
                        List.of(),
                        Instant.now()));
        EventPublisher.publish(
                UUID.randomUUID().toString(),
                client,
                hospital,
                new ConsentGrantedV1(
                        UUID.randomUUID().toString(),
                        client,
                        hospital,
                        DemoUsers.CMHC_AGENCY,
                        ConsentPurpose.REFERRAL,
                        List.of(SensitivityCategory.GENERAL),
                        LocalDate.now().minusDays(1),
                        null,
                        Instant.now()));

        first = PackagedService.start("cairn_referrals_test", settings).awaitReady(Duration.ofSeconds(60));
        String token = DemoTokens.accessToken(DemoUsers.HOSPITAL_CASE_MANAGER);
        Map<String, Object> referral = Map.of(
                "caseId",
                caseId,
                "receivingAgencyId",
                DemoUsers.CMHC_AGENCY,
                "needDomain",
                "behavioral-health",
                "urgency",
                "urgent",
                "reason",
                "counselling after discharge",
                "packet",
                List.of(Map.of("label", "phone", "category", "general", "text", "555-0100")));
        // the new instance learns of the case and the consent from the topic a moment after it starts
        Response created = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            created = given().auth()
                    .oauth2(token)
                    .contentType(ContentType.JSON)
                    .body(referral)
                    .post(first.url() + "/referrals");
            if (created.statusCode() == 201) {
                break;
            }
            Thread.sleep(250);
        }
        assertThat(created.statusCode())
                .as("%s (log %s)", created.asString(), first.log())
                .isEqualTo(201);
        String id = created.path("id");
        Instant due = Instant.parse(created.path("respondBy"));
        first.kill();
        assertThat(Instant.now()).as("killed before the answer was due").isBefore(due);

        // the due time passes while no instance runs
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), due).toMillis()) + 1_000);
        second = PackagedService.start("cairn_referrals_test", settings);
        third = PackagedService.start("cairn_referrals_test", settings);
        second.awaitReady(Duration.ofSeconds(60));
        third.awaitReady(Duration.ofSeconds(60));

        List<TopicReader.Event> escalated = TopicReader.await(
                Topics.REFERRALS,
                e -> "cairn.referral.escalated.v1".equals(e.header("ce_type"))
                        && e.value().contains(id),
                1,
                Duration.ofSeconds(30));
        assertThat(escalated)
                .as("escalated after the restart (logs %s, %s)", second.log(), third.log())
                .hasSize(1);
        // both instances look every half second for a while yet: still once
        Thread.sleep(3_000);
        assertThat(TopicReader.await(
                        Topics.REFERRALS,
                        e -> "cairn.referral.escalated.v1".equals(e.header("ce_type"))
                                && e.value().contains(id),
                        2,
                        Duration.ofSeconds(3)))
                .hasSize(1);
    }
}
