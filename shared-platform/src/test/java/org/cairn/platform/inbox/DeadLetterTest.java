package org.cairn.platform.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.cairn.contracts.events.CloudEventHeaders;
import org.cairn.platform.testapp.NoteService;
import org.cairn.testing.DemoUsers;
import org.cairn.testing.Sql;
import org.cairn.testing.TopicReader;
import org.junit.jupiter.api.Test;

/** A record whose handler always fails ends in the dead-letter topic, and the partition moves on. */
@QuarkusTest
class DeadLetterTest {

    static final String DEAD_LETTER_TOPIC = "cairn.platform-test.notes.dlq";

    @Inject
    NoteService notes;

    @Test
    void failingHandler_sendsRecordToDeadLetterTopic_laterRecordsStillApplied() throws Throwable {
        String client = "poison-" + UUID.randomUUID();
        String poison = VertxContextSupport.subscribeAndAwait(
                () -> notes.writeCommitted(DemoUsers.HOSPITAL_AGENCY, client, 1, true));
        List<String> later = new ArrayList<>();
        for (int seq = 2; seq <= 6; seq++) {
            int s = seq;
            later.add(VertxContextSupport.subscribeAndAwait(
                    () -> notes.writeCommitted(DemoUsers.HOSPITAL_AGENCY, client, s, false)));
        }

        await().atMost(Duration.ofSeconds(60))
                .until(() -> Sql.number("select count(*) from test_note_effect where client_id = ?", client) == 5);
        List<TopicReader.Event> dead = TopicReader.await(
                DEAD_LETTER_TOPIC, e -> poison.equals(e.header(CloudEventHeaders.ID)), 1, Duration.ofSeconds(60));

        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).key()).isEqualTo(client);
        assertThat(Sql.number("select count(*) from test_note_effect where event_id = ?", poison))
                .as("the poison event never took effect")
                .isZero();
        assertThat(Sql.number("select count(*) from inbox_event where event_id = ?", poison))
                .isZero();
        assertThat(Sql.number("select count(*) from inbox_event where event_id = any(?)", later))
                .isEqualTo(5);
    }
}
