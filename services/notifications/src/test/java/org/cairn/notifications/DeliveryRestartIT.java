package org.cairn.notifications;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.restassured.http.ContentType;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.cairn.contracts.events.Topics;
import org.cairn.contracts.vocabulary.Program;
import org.cairn.testing.CaseEvents;
import org.cairn.testing.DemoTokens;
import org.cairn.testing.DemoUsers;
import org.cairn.testing.EventPublisher;
import org.cairn.testing.PackagedService;
import org.cairn.testing.TopicReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A delivery across a crash in the middle of sending it: the packaged service hands a crisis push to
 * a provider that takes its time, is killed (SIGKILL) before the answer comes, and is started again.
 * Once the dead instance's claim has lapsed the delivery is sent again with the same Idempotency-Key
 * (so a provider that did get the first one drops the second), settled once as sent, and told once.
 * Runs after packaging (Failsafe).
 */
class DeliveryRestartIT {

    static final String DATABASE = "cairn_notifications_test";
    static final String CM = DemoUsers.HOSPITAL_CASE_MANAGER;

    final WireMockServer provider =
            new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
    PackagedService first;
    PackagedService second;

    @AfterEach
    void stop() throws InterruptedException {
        for (PackagedService s : new PackagedService[] {first, second}) {
            if (s != null) {
                s.kill();
            }
        }
        provider.stop();
    }

    Map<String, String> settings() {
        Map<String, String> env = new HashMap<>();
        env.put("CAIRN_PUSH_URL", "http://127.0.0.1:" + provider.port() + "/push/");
        // the development-only key the stand-in provider is given
        env.put("CAIRN_PUSH_KEY", "test-only-key");
        env.put("NOTIFICATIONS_DELIVERIES_LEASE", "PT3S");
        env.put("NOTIFICATIONS_DELIVERIES_CHECK_EVERY", "PT0.2S");
        // the tests' consumer group, which the @QuarkusTest classes have brought to the end of the topics
        env.put("MP_MESSAGING_INCOMING_SUITE_IN_GROUP_ID", "notifications-test");
        return env;
    }

    @Test
    void killedWhileAPushIsWithTheProvider_sendsItAgainWithTheSameKey_andSettlesItOnce() throws Exception {
        provider.start();
        provider.stubFor(post(urlPathEqualTo("/push/messages:send"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withFixedDelay(8_000)
                        .withBody("{\"name\":\"projects/x/messages/slow\"}")));
        first = PackagedService.start(DATABASE, settings()).awaitReady(Duration.ofSeconds(60));
        String device = "device-" + UUID.randomUUID();
        Map<String, Object> preferences = new HashMap<>();
        preferences.put("language", "en");
        preferences.put("pushToken", device);
        preferences.put("digest", false);
        given().baseUri(first.url())
                .auth()
                .oauth2(DemoTokens.accessToken(CM))
                .contentType(ContentType.JSON)
                .body(preferences)
                .put("/me/preferences")
                .then()
                .statusCode(200);

        CaseEvents.OpenCase c = CaseEvents.open(DemoUsers.HOSPITAL_AGENCY, CM, Program.MEDICAL, LocalDate.now());
        String event = UUID.randomUUID().toString();
        EventPublisher.publish(event, c.clientId(), DemoUsers.HOSPITAL_AGENCY, NotificationsTest.crisisEvent(c));

        // the push is with the provider, who has not answered yet: the instance dies now
        await(Duration.ofSeconds(60), () -> !pushesTo(device).isEmpty());
        first.kill();
        first = null;
        String delivery = (String) pushDelivery(event).get("id");
        assertThat(pushDelivery(event).get("status")).isEqualTo("sending");
        List<LoggedRequest> before = pushesTo(device);
        assertThat(before).hasSize(1);
        assertThat(before.get(0).getHeader("Idempotency-Key")).isEqualTo(delivery);

        provider.resetAll();
        provider.stubFor(post(urlPathEqualTo("/push/messages:send"))
                .willReturn(aResponse().withStatus(200).withBody("{\"name\":\"projects/x/messages/fast\"}")));
        second = PackagedService.start(DATABASE, settings()).awaitReady(Duration.ofSeconds(60));
        await(Duration.ofSeconds(30), () -> "sent".equals(pushDelivery(event).get("status")));

        List<LoggedRequest> resent = pushesTo(device);
        assertThat(resent).hasSize(1);
        assertThat(resent.get(0).getHeader("Idempotency-Key")).isEqualTo(delivery);
        Map<String, Object> settled = pushDelivery(event);
        assertThat(settled.get("provider_id")).isEqualTo("projects/x/messages/fast");
        assertThat(((Number) settled.get("attempts")).intValue()).isEqualTo(2);
        // one notification of the case manager for the event, one delivered event for the push
        assertThat(rows(
                        "select id from notification where event_id = ? and recipient_id = ?",
                        event,
                        DemoTokens.subject(CM)))
                .hasSize(1);
        java.util.function.Predicate<TopicReader.Event> deliveredPush =
                e -> c.clientId().equals(e.key())
                        && "cairn.notification.delivered.v1".equals(e.header("ce_type"))
                        && e.value().contains(delivery);
        TopicReader.await(Topics.NOTIFICATIONS, deliveredPush, 1, Duration.ofSeconds(30));
        assertThat(TopicReader.await(Topics.NOTIFICATIONS, deliveredPush, 2, Duration.ofSeconds(3)))
                .hasSize(1);
    }

    List<LoggedRequest> pushesTo(String device) {
        return provider.findAll(
                postRequestedFor(urlPathEqualTo("/push/messages:send")).withRequestBody(containing(device)));
    }

    /** The crisis push of the case manager: id, status, attempts, provider id. */
    Map<String, Object> pushDelivery(String event) throws Exception {
        List<Map<String, Object>> found = rows(
                "select d.id::text as id, d.status, d.attempts, d.provider_id from delivery d"
                        + " join notification n on n.id = d.notification_id"
                        + " where n.event_id = ? and n.recipient_id = ? and d.channel = 'push'",
                event,
                DemoTokens.subject(CM));
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    static List<Map<String, Object>> rows(String sql, Object... params) throws Exception {
        // the development-only password of the service's database role
        try (Connection db = DriverManager.getConnection(
                        PackagedService.jdbcUrl(DATABASE), "cairn_notifications", "cairn_notifications");
                PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                List<Map<String, Object>> all = new java.util.ArrayList<>();
                while (rs.next()) {
                    Map<String, Object> row = new HashMap<>();
                    for (int col = 1; col <= rs.getMetaData().getColumnCount(); col++) {
                        row.put(rs.getMetaData().getColumnLabel(col), rs.getObject(col));
                    }
                    all.add(row);
                }
                return all;
            }
        }
    }

    static void await(Duration patience, ThrowingCondition condition) throws Exception {
        long deadline = System.nanoTime() + patience.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not so within " + patience);
            }
            Thread.sleep(200);
        }
    }

    interface ThrowingCondition {
        boolean holds() throws Exception;
    }
}
