package org.cairn.platform.outbox;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.cairn.contracts.events.CloudEventHeaders;
import org.cairn.contracts.events.EventJson;
import org.cairn.platform.testapp.NoteArchivedV1;
import org.cairn.platform.testapp.NoteService;
import org.cairn.platform.testapp.NoteWrittenV1;
import org.cairn.testing.DemoTokens;
import org.cairn.testing.DemoUsers;
import org.cairn.testing.DevInfra;
import org.cairn.testing.Sql;
import org.cairn.testing.TopicReader;
import org.junit.jupiter.api.Test;

/**
 * No event lost, none applied twice, one client's events in order: proven against the real broker,
 * including a broker that is stopped while events are being written.
 */
@QuarkusTest
class OutboxDeliveryTest {

    private static final String AGENCY = DemoUsers.HOSPITAL_AGENCY;
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @Inject
    NoteService notes;

    /**
     * Writes {@code perClient} events for each client, one committed transaction each, the clients
     * interleaved so that their events mix on the topic's partitions.
     */
    private List<String> write(List<String> clients, int firstSeq, int perClient) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> {
            Uni<List<String>> chain = Uni.createFrom().item(new ArrayList<>());
            for (int i = 0; i < perClient; i++) {
                int seq = firstSeq + i;
                for (String client : clients) {
                    chain = chain.chain(ids -> notes.writeCommitted(AGENCY, client, seq, false)
                            .map(id -> {
                                ids.add(id);
                                return ids;
                            }));
                }
            }
            return chain;
        });
    }

    private static List<String> clients(String prefix, int count) {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> clients = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            clients.add(prefix + "-" + run + "-" + i);
        }
        return clients;
    }

    private static long effectsOf(List<String> clients) {
        return Sql.number("select count(*) from test_note_effect where client_id = any(?)", clients);
    }

    /** Every event of these clients applied exactly once, and each client's in the order written. */
    private static void assertAppliedOnceInOrder(List<String> clients, List<String> eventIds, int perClient) {
        await().atMost(PATIENCE)
                .pollInterval(Duration.ofMillis(250))
                .until(() -> effectsOf(clients) >= eventIds.size());
        List<Map<String, Object>> effects = Sql.query(
                "select event_id, client_id, seq from test_note_effect where client_id = any(?) order by applied_order",
                clients);
        assertThat(effects).hasSize(eventIds.size());
        assertThat(effects.stream().map(r -> (String) r.get("event_id")))
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(eventIds);
        Map<Object, List<Integer>> seqByClient = effects.stream()
                .collect(Collectors.groupingBy(
                        r -> r.get("client_id"), Collectors.mapping(r -> (Integer) r.get("seq"), Collectors.toList())));
        for (String client : clients) {
            List<Integer> expected = new ArrayList<>();
            for (int i = 1; i <= perClient; i++) {
                expected.add(i);
            }
            assertThat(seqByClient.get(client)).as("order of %s", client).isEqualTo(expected);
        }
    }

    @Test
    void thousandCommittedEvents_eachAppliedOnce_inOrderPerClient() throws Throwable {
        List<String> clients = clients("bulk", 10);

        List<String> ids = write(clients, 1, 100);

        assertThat(ids).hasSize(1000);
        assertAppliedOnceInOrder(clients, ids, 100);
    }

    @Test
    void publishedRecord_isABinaryCloudEventKeyedByClient() throws Throwable {
        List<String> clients = clients("envelope", 1);
        String id = write(clients, 1, 1).get(0);

        List<TopicReader.Event> found =
                TopicReader.await(NoteWrittenV1.TOPIC, e -> id.equals(e.header(CloudEventHeaders.ID)), 1, PATIENCE);

        assertThat(found).hasSize(1);
        TopicReader.Event event = found.get(0);
        assertThat(event.key()).isEqualTo(clients.get(0));
        assertThat(event.header(CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
        assertThat(event.header(CloudEventHeaders.TYPE)).isEqualTo("cairn.test-note.written.v1");
        assertThat(event.header(CloudEventHeaders.SOURCE)).isEqualTo("/cairn/platform");
        assertThat(event.header(CloudEventHeaders.SUBJECT)).isEqualTo(clients.get(0));
        assertThat(event.header(CloudEventHeaders.AGENCY_ID)).isEqualTo(AGENCY);
        assertThat(event.header(CloudEventHeaders.CONTENT_TYPE)).isEqualTo("application/json");
        assertThat(event.header(CloudEventHeaders.TIME)).isNotBlank();
        NoteWrittenV1 data = EventJson.mapper().readValue(event.value(), NoteWrittenV1.class);
        assertThat(data.clientId()).isEqualTo(clients.get(0));
        assertThat(data.seq()).isEqualTo(1);
    }

    @Test
    void rolledBackTransaction_neverPublishes() throws Throwable {
        String client = clients("rollback", 1).get(0);
        given().auth()
                .oauth2(DemoTokens.accessToken(DemoUsers.HOSPITAL_CASE_MANAGER))
                .contentType(ContentType.JSON)
                .body("{\"clientId\": \"" + client + "\", \"text\": \"doomed\"}")
                .when()
                .post("/notes/failing")
                .then()
                .statusCode(409);

        // A later committed event of the same client arrives after anything earlier would have.
        List<String> barrier = write(List.of(client), 1, 1);
        assertAppliedOnceInOrder(List.of(client), barrier, 1);

        assertThat(Sql.number("select count(*) from outbox_event where aggregateid = ?", client))
                .isEqualTo(1);
        assertThat(Sql.number("select count(*) from test_note where client_id = ?", client))
                .isEqualTo(1);
    }

    @Test
    void aPoolTransaction_commitsItsEventAndAuditRecordWithTheChange_orNoneOfThem() throws Throwable {
        List<String> both = clients("on-pool", 2);
        String kept = both.get(0);
        String doomed = both.get(1);
        for (String client : both) {
            given().auth()
                    .oauth2(DemoTokens.accessToken(DemoUsers.HOSPITAL_CASE_MANAGER))
                    .contentType(ContentType.JSON)
                    .queryParam("fail", client.equals(doomed))
                    .body("{\"clientId\": \"" + client + "\", \"text\": \"on the pool\"}")
                    .when()
                    .post("/notes/on-pool")
                    .then()
                    .statusCode(client.equals(doomed) ? 409 : 200);
        }

        assertThat(Sql.number("select count(*) from test_note where client_id = ?", kept))
                .isEqualTo(1);
        assertThat(Sql.number(
                        "select count(*) from outbox_event where aggregateid = ? and type = 'cairn.test-note.written.v1'",
                        kept))
                .isEqualTo(1);
        assertThat(Sql.number(
                        "select count(*) from outbox_event where aggregateid = ? and type = 'cairn.audit.recorded.v1'",
                        kept))
                .isEqualTo(1);
        assertThat(Sql.number("select count(*) from test_note where client_id = ?", doomed))
                .isZero();
        assertThat(Sql.number("select count(*) from outbox_event where aggregateid = ?", doomed))
                .isZero();
    }

    @Test
    void brokerStoppedPartWay_nothingLost_eachAppliedOnce() throws Throwable {
        List<String> clients = clients("outage", 5);
        List<String> ids = new ArrayList<>(write(clients, 1, 40));
        await().atMost(PATIENCE).until(() -> effectsOf(clients) >= ids.size());

        DevInfra.stopKafka();
        try {
            ids.addAll(write(clients, 41, 60));
            assertThat(Sql.number(
                            "select count(*) from outbox_event where aggregateid = any(?) and sent_at is null",
                            clients))
                    .as("events written while the broker is down wait in the outbox")
                    .isGreaterThan(0);
            await().atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> assertThat(outboxCheck()).isEqualTo("DOWN"));
        } finally {
            DevInfra.startKafka();
        }
        ids.addAll(write(clients, 101, 40));

        assertAppliedOnceInOrder(clients, ids, 140);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(outboxCheck()).isEqualTo("UP"));
        assertThat(given().when()
                        .get("/q/metrics")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString())
                .contains("cairn_outbox_oldest_unsent_age_seconds")
                .contains("cairn_outbox_unsent");
    }

    @Test
    void brokerHungPastTheAckTimeout_producerReplaced_nothingLostOrReordered() throws Throwable {
        // A frozen broker keeps its connections and answers nothing: the relay's producer holds the
        // records and would retry them forever. The relay must give up on it, send again through a
        // new producer once the broker answers, and still deliver each event once, in order.
        List<String> clients = clients("hung", 3);
        List<String> ids = new ArrayList<>(write(clients, 1, 10));
        assertAppliedOnceInOrder(clients, ids, 10);
        double resetsBefore = producerResets();

        DevInfra.freezeKafka();
        try {
            ids.addAll(write(clients, 11, 30));
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> assertThat(producerResets()).isGreaterThan(resetsBefore));
        } finally {
            DevInfra.thawKafka();
        }
        ids.addAll(write(clients, 41, 10));

        assertAppliedOnceInOrder(clients, ids, 50);
    }

    private static double producerResets() {
        String metrics = given().when()
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        return metrics.lines()
                .filter(line -> line.startsWith("cairn_outbox_producer_resets_total"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    /** The status of the outbox's readiness check. */
    private static String outboxCheck() {
        return given().when()
                .get("/q/health/ready")
                .then()
                .extract()
                .jsonPath()
                .getString("checks.find { it.name == 'cairn-outbox' }.status");
    }

    @Test
    void brokerDownBeforeTheFirstSendToATopic_keepsEachClientsOrder() throws Throwable {
        // The relay has never sent to this topic, so its producer has no metadata for it: every send
        // fails fast while the broker is away, and no later event may overtake an earlier one.
        List<String> clients = clients("archive", 3);
        DevInfra.stopKafka();
        try {
            VertxContextSupport.subscribeAndAwait(() -> {
                Uni<Void> chain = Uni.createFrom().voidItem();
                for (int seq = 1; seq <= 10; seq++) {
                    int s = seq;
                    for (String client : clients) {
                        chain = chain.chain(() -> notes.archiveCommitted(AGENCY, client, s));
                    }
                }
                return chain;
            });
            Thread.sleep(3_000);
        } finally {
            DevInfra.startKafka();
        }

        List<TopicReader.Event> published =
                TopicReader.await(NoteArchivedV1.TOPIC, e -> clients.contains(e.key()), 30, PATIENCE);
        Map<String, List<Integer>> firstSeen = new java.util.HashMap<>();
        for (TopicReader.Event event : published.stream()
                .sorted(java.util.Comparator.comparingLong(TopicReader.Event::offset))
                .toList()) {
            NoteArchivedV1 data = EventJson.mapper().readValue(event.value(), NoteArchivedV1.class);
            List<Integer> seen = firstSeen.computeIfAbsent(data.clientId(), k -> new ArrayList<>());
            if (!seen.contains(data.seq())) {
                seen.add(data.seq());
            }
        }
        for (String client : clients) {
            assertThat(firstSeen.get(client)).as("order of %s", client).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        }
    }

    @Test
    void redeliveredEvents_areAppliedOnce() throws Throwable {
        List<String> clients = clients("redelivery", 3);
        List<String> ids = write(clients, 1, 20);
        assertAppliedOnceInOrder(clients, ids, 20);

        // Publish everything again, as a relay that crashed before marking rows sent would.
        int resent = Sql.update("update outbox_event set sent_at = null where aggregateid = any(?)", clients);
        assertThat(resent).isEqualTo(60);
        await().atMost(PATIENCE)
                .until(() -> Sql.number(
                                "select count(*) from outbox_event where aggregateid = any(?) and sent_at is null",
                                clients)
                        == 0);
        List<String> barrier = write(clients, 21, 1);
        ids.addAll(barrier);

        assertAppliedOnceInOrder(clients, ids, 21);
        assertThat(Sql.number("select count(*) from inbox_event where event_id = any(?)", ids))
                .isEqualTo(ids.size());
    }
}
