package org.cairn.platform.testapp;

import org.cairn.contracts.events.EventType;

/** A second test event, on a topic of its own that the relay has never sent to before. */
@EventType(name = "cairn.test-note.archived.v1", topic = NoteArchivedV1.TOPIC)
public record NoteArchivedV1(String clientId, int seq) {

    public static final String TOPIC = "cairn.platform-test.archive";
}
