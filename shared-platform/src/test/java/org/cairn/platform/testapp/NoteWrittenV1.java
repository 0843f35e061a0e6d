package org.cairn.platform.testapp;

import org.cairn.contracts.events.EventType;

/** The test application's event: a note was written for a client. */
@EventType(name = "cairn.test-note.written.v1", topic = NoteWrittenV1.TOPIC)
public record NoteWrittenV1(String noteId, String clientId, int seq, boolean poison) {

    public static final String TOPIC = "cairn.platform-test.notes";
}
