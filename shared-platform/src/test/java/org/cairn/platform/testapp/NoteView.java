package org.cairn.platform.testapp;

import java.time.Instant;

public record NoteView(String id, String clientId, String reference, String text, Instant createdAt) {

    static NoteView of(TestNote note) {
        return new NoteView(note.id.toString(), note.clientId, note.reference, note.text, note.createdAt);
    }
}
