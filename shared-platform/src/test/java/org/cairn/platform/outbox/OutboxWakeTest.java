package org.cairn.platform.outbox;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.cairn.contracts.events.CloudEventHeaders;
import org.cairn.platform.testapp.NoteService;
import org.cairn.platform.testapp.NoteWrittenV1;
import org.cairn.testing.DemoTokens;
import org.cairn.testing.DemoUsers;
import org.cairn.testing.Sql;
import org.cairn.testing.TopicReader;
import org.junit.jupiter.api.Test;

/**
 * The relay is woken by the instance that writes a row, with no help from the database (there is no
 * NOTIFY) and none from the sweep: here the sweep comes once an hour, so an event that reaches the
 * topic within the wait below was sent because its writer said so.
 */
@QuarkusTest
@TestProfile(OutboxWakeTest.SweepHourly.class)
class OutboxWakeTest {

    /** The sweep far beyond the test's wait. */
    public static class SweepHourly implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("cairn.outbox.sweep-interval", "1h");
        }
    }

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    NoteService notes;

    @Test
    void theDatabaseNoLongerNotifies() {
        assertThat(Sql.number("select count(*) from pg_trigger where tgname = 'outbox_event_notify'"))
                .isZero();
    }

    @Test
    void aRowWrittenInAHibernateTransaction_isSentOnceCommitted_withoutTheSweep() throws Throwable {
        String client = "wake-session-" + UUID.randomUUID();

        String id = VertxContextSupport.subscribeAndAwait(
                () -> notes.writeCommitted(DemoUsers.HOSPITAL_AGENCY, client, 1, false));

        assertThat(TopicReader.await(NoteWrittenV1.TOPIC, e -> id.equals(e.header(CloudEventHeaders.ID)), 1, WAIT))
                .hasSize(1);
    }

    @Test
    void rowsWrittenOnAPoolConnection_areSentOnceCommitted_withoutTheSweep() {
        String client = "wake-pool-" + UUID.randomUUID();
        given().auth()
                .oauth2(DemoTokens.accessToken(DemoUsers.HOSPITAL_CASE_MANAGER))
                .contentType(ContentType.JSON)
                .queryParam("fail", false)
                .body("{\"clientId\": \"" + client + "\", \"text\": \"on the pool\"}")
                .when()
                .post("/notes/on-pool")
                .then()
                .statusCode(200);

        // the note's event (on the connection) and its audit record (in the platform's own transaction)
        assertThat(TopicReader.await(NoteWrittenV1.TOPIC, e -> client.equals(e.key()), 1, WAIT))
                .hasSize(1);
        await().atMost(WAIT)
                .until(() -> Sql.number(
                                "select count(*) from outbox_event where aggregateid = ? and sent_at is null", client)
                        == 0);
        assertThat(Sql.number("select count(*) from outbox_event where aggregateid = ?", client))
                .isEqualTo(2);
    }
}
