package org.cairn.contracts.events;

import java.time.Instant;
import java.time.LocalDate;
import org.cairn.contracts.vocabulary.NoteType;
import org.cairn.contracts.vocabulary.SensitivityCategory;

/**
 * A note was added to a case, or a note was amended by a new version. Carries no text.
 *
 * @param noteId the note (this version)
 * @param caseId the case
 * @param clientId the client
 * @param agencyId the agency of the case
 * @param noteType what kind of contact it documents
 * @param sensitivity its sensitivity category
 * @param version 1 for a new note, then one more per amendment
 * @param amendsNoteId the version this one amends, if any
 * @param contactDate the date of the contact
 * @param addedAt when
 */
@EventType(name = "cairn.case-note.added.v1", topic = Topics.CLIENTS)
public record CaseNoteAddedV1(
        String noteId,
        String caseId,
        String clientId,
        String agencyId,
        NoteType noteType,
        SensitivityCategory sensitivity,
        int version,
        String amendsNoteId,
        LocalDate contactDate,
        Instant addedAt) {}
