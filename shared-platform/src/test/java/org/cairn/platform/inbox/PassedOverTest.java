package org.cairn.platform.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.cairn.platform.testapp.NoteService;
import org.cairn.testing.DemoUsers;
import org.cairn.testing.Sql;
import org.junit.jupiter.api.Test;

/**
 * An event its handler's condition leaves out is acknowledged without an inbox row or an effect, and
 * the events after it on the partition are applied as usual.
 */
@QuarkusTest
class PassedOverTest {

    @Inject
    NoteService notes;

    @Test
    void eventOutsideTheHandlersCondition_leavesNoInboxRow_laterEventsApplied() throws Throwable {
        String client = "passed-over-" + UUID.randomUUID();
        String passedOver = VertxContextSupport.subscribeAndAwait(
                () -> notes.writeCommitted(DemoUsers.HOSPITAL_AGENCY, client, -1, false));
        String applied = VertxContextSupport.subscribeAndAwait(
                () -> notes.writeCommitted(DemoUsers.HOSPITAL_AGENCY, client, 1, false));

        // one client's events share a partition: once the later one is applied, the first was read
        await().atMost(Duration.ofSeconds(60))
                .until(() -> Sql.number("select count(*) from inbox_event where event_id = ?", applied) == 1);

        assertThat(Sql.number("select count(*) from test_note_effect where event_id = ?", applied))
                .isEqualTo(1);
        assertThat(Sql.number("select count(*) from test_note_effect where event_id = ?", passedOver))
                .as("the passed-over event took no effect")
                .isZero();
        assertThat(Sql.number("select count(*) from inbox_event where event_id = ?", passedOver))
                .as("and left no inbox row")
                .isZero();
    }
}
