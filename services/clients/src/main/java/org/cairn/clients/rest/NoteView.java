package org.cairn.clients.rest;

import java.time.Instant;
import java.time.LocalDate;
import org.cairn.clients.CaseNote;

/** A version of a case note. */
public record NoteView(
        String id,
        String caseId,
        String clientId,
        String agencyId,
        String noteType,
        LocalDate contactDate,
        String authorId,
        String authorName,
        String text,
        String sensitivity,
        int version,
        String amendsId,
        Instant createdAt) {

    public static NoteView of(CaseNote n) {
        return new NoteView(
                n.id.toString(),
                n.caseId.toString(),
                n.clientId.toString(),
                n.agencyId,
                n.noteType,
                n.contactDate,
                n.authorId,
                n.authorName,
                n.text,
                n.sensitivity,
                n.version,
                n.amendsId == null ? null : n.amendsId.toString(),
                n.createdAt);
    }
}
