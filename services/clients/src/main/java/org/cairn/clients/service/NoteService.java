package org.cairn.clients.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.cairn.clients.CareCase;
import org.cairn.clients.CaseNote;
import org.cairn.clients.Consent;
import org.cairn.clients.rest.NoteAndConsentRequests;
import org.cairn.contracts.events.CaseNoteAddedV1;
import org.cairn.contracts.vocabulary.AuditAction;
import org.cairn.contracts.vocabulary.Coded;
import org.cairn.contracts.vocabulary.NoteType;
import org.cairn.contracts.vocabulary.SensitivityCategory;
import org.cairn.platform.agency.Caller;
import org.cairn.platform.audit.AuditEntry;
import org.cairn.platform.audit.AuditTrail;
import org.cairn.platform.outbox.Outbox;
import org.cairn.platform.outbox.OutboxMessage;
import org.cairn.platform.problem.Problems;

/**
 * Case notes, append-only. The case's own agency reads all its notes; another agency that serves
 * the client reads a note only while an active consent names it (or the whole network) and the
 * note's sensitivity category. Anything else answers 404.
 */
@ApplicationScoped
public class NoteService {

    static final String RESOURCE = "case-note";

    /** Latest versions only: a version that has been amended is history. */
    static final String LATEST = " and id not in (select n.amendsId from CaseNote n where n.amendsId is not null)";

    private final Outbox outbox;
    private final AuditTrail audit;

    NoteService(Outbox outbox, AuditTrail audit) {
        this.outbox = outbox;
        this.audit = audit;
    }

    public Uni<CaseNote> add(Caller caller, UUID caseId, NoteAndConsentRequests.NewNote request) {
        return Panache.withTransaction(() -> CareCase.<CareCase>find(
                        "id = ?1 and agencyId = ?2", caseId, caller.agencyId())
                .firstResult()
                .onItem()
                .ifNull()
                .failWith(() -> Problems.notFound(CaseService.RESOURCE, caseId))
                .invoke(c -> CaseService.requireWriter(caller, c))
                .chain(c -> {
                    CaseNote note = newVersion(caller, c.id, c.clientId, c.agencyId, 1, null);
                    note.noteType = request.noteType().code();
                    note.contactDate = request.contactDate();
                    note.text = request.text();
                    note.sensitivity = (request.sensitivity() == null
                                    ? SensitivityCategory.GENERAL
                                    : request.sensitivity())
                            .code();
                    return persist(note);
                }));
    }

    /** A new version of the latest version of a note; the amended one stays as it was. */
    public Uni<CaseNote> amend(Caller caller, UUID noteId, NoteAndConsentRequests.Amendment request) {
        return Panache.withTransaction(() -> CaseNote.<CaseNote>find(
                        "id = ?1 and agencyId = ?2", noteId, caller.agencyId())
                .firstResult()
                .onItem()
                .ifNull()
                .failWith(() -> Problems.notFound(RESOURCE, noteId))
                .chain(previous -> CareCase.<CareCase>findById(previous.caseId)
                        .invoke(c -> CaseService.requireWriter(caller, c))
                        .chain(c -> CaseNote.count("amendsId", previous.id))
                        .chain(amended -> {
                            if (amended > 0) {
                                return Uni.createFrom()
                                        .failure(Problems.conflict(
                                                "not-latest-version",
                                                "This version was already amended; amend the latest one."));
                            }
                            CaseNote note = newVersion(
                                    caller,
                                    previous.caseId,
                                    previous.clientId,
                                    previous.agencyId,
                                    previous.version + 1,
                                    previous.id);
                            note.noteType = request.noteType() == null
                                    ? previous.noteType
                                    : request.noteType().code();
                            note.contactDate =
                                    request.contactDate() == null ? previous.contactDate : request.contactDate();
                            note.text = request.text();
                            note.sensitivity = request.sensitivity() == null
                                    ? previous.sensitivity
                                    : request.sensitivity().code();
                            if (!note.sensitivity.equals(previous.sensitivity)
                                    && !previous.sensitivity.equals(SensitivityCategory.GENERAL.code())
                                    && !caller.hasRole(org.cairn.contracts.vocabulary.Role.SUPERVISOR)) {
                                return Uni.createFrom()
                                        .failure(Problems.unprocessable(
                                                "sensitivity-change-needs-supervisor",
                                                "Only a supervisor may change the sensitivity of a "
                                                        + previous.sensitivity + " note."));
                            }
                            return persist(note);
                        })));
    }

    /** The latest version of every note of a case of the caller's agency. */
    public Uni<List<CaseNote>> ofCase(Caller caller, UUID caseId) {
        return Panache.withSession(() -> CareCase.count("id = ?1 and agencyId = ?2", caseId, caller.agencyId())
                        .chain(n -> n == 0
                                ? Uni.createFrom().failure(Problems.notFound(CaseService.RESOURCE, caseId))
                                : CaseNote.<CaseNote>list(
                                        "caseId = ?1" + LATEST + " order by contactDate desc, createdAt desc", caseId)))
                .call(notes -> notes.isEmpty()
                        ? Uni.createFrom().voidItem()
                        : audited(AuditAction.VIEWED, null, notes.get(0).clientId));
    }

    /** Every note about a client the caller's agency may read: its own, and others' under consent. */
    public Uni<List<CaseNote>> ofClient(Caller caller, UUID clientId) {
        List<String> disclosedUnder = new ArrayList<>();
        return Panache.withSession(() -> ClientRegistry.requireVisible(caller, clientId)
                        .chain(() -> Consent.<Consent>list("clientId", clientId))
                        .chain(consents -> CaseNote.<CaseNote>list(
                                        "clientId = ?1" + LATEST + " order by contactDate desc, createdAt desc",
                                        clientId)
                                .map(notes -> {
                                    List<CaseNote> shown = readable(caller, notes, consents);
                                    disclosedUnder.addAll(disclosedUnder(caller, shown, consents));
                                    return shown;
                                })))
                .call(notes -> audited(AuditAction.VIEWED, null, clientId, disclosedUnder));
    }

    /** Every version of a note, oldest first, if the caller may read the note. */
    public Uni<List<CaseNote>> history(Caller caller, UUID noteId) {
        List<String> disclosedUnder = new ArrayList<>();
        return Panache.withSession(() -> CaseNote.<CaseNote>findById(noteId)
                        .onItem()
                        .ifNull()
                        .failWith(() -> Problems.notFound(RESOURCE, noteId))
                        .chain(note -> Consent.<Consent>list("clientId", note.clientId)
                                .chain(consents -> ClientRegistry.visible(caller.agencyId(), note.clientId)
                                        .map(visible -> visible
                                                && !readable(caller, List.of(note), consents)
                                                        .isEmpty())))
                        .chain(readable -> readable
                                ? versions(noteId)
                                : Uni.createFrom().failure(Problems.notFound(RESOURCE, noteId)))
                        // Each version is its own disclosure: only those the caller may read.
                        .chain(versions -> Consent.<Consent>list("clientId", versions.get(0).clientId)
                                .map(consents -> {
                                    List<CaseNote> shown = readable(caller, versions, consents);
                                    disclosedUnder.addAll(disclosedUnder(caller, shown, consents));
                                    return shown;
                                })))
                .call(versions -> audited(AuditAction.VIEWED, noteId, versions.get(0).clientId, disclosedUnder));
    }

    /** Walks from any version to the first and on to the latest. */
    private static Uni<List<CaseNote>> versions(UUID anyVersion) {
        return CaseNote.<CaseNote>findById(anyVersion)
                .chain(note -> CaseNote.<CaseNote>list("caseId = ?1 order by version", note.caseId))
                .map(sameCase -> {
                    java.util.Map<UUID, CaseNote> byId = new java.util.HashMap<>();
                    java.util.Map<UUID, CaseNote> byAmended = new java.util.HashMap<>();
                    for (CaseNote n : sameCase) {
                        byId.put(n.id, n);
                        if (n.amendsId != null) {
                            byAmended.put(n.amendsId, n);
                        }
                    }
                    CaseNote first = byId.get(anyVersion);
                    while (first.amendsId != null) {
                        first = byId.get(first.amendsId);
                    }
                    List<CaseNote> chain = new ArrayList<>();
                    for (CaseNote n = first; n != null; n = byAmended.get(n.id)) {
                        chain.add(n);
                    }
                    return chain;
                });
    }

    /** The notes the caller may read: all of their own agency's, others' under a consent that covers them. */
    static List<CaseNote> readable(Caller caller, List<CaseNote> notes, List<Consent> consents) {
        Set<String> covered = ConsentService.coveredCategories(consents, caller.agencyId());
        return notes.stream()
                .filter(n -> n.agencyId.equals(caller.agencyId()) || covered.contains(n.sensitivity))
                .toList();
    }

    private CaseNote newVersion(Caller caller, UUID caseId, UUID clientId, String agencyId, int version, UUID amends) {
        CaseNote note = new CaseNote();
        note.id = UUID.randomUUID();
        note.caseId = caseId;
        note.clientId = clientId;
        note.agencyId = agencyId;
        note.authorId = caller.userId();
        note.authorName = caller.username();
        note.version = version;
        note.amendsId = amends;
        note.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return note;
    }

    private Uni<CaseNote> persist(CaseNote note) {
        return note.<CaseNote>persist()
                .call(() -> outbox.add(new OutboxMessage(
                        RESOURCE,
                        note.clientId.toString(),
                        note.agencyId,
                        new CaseNoteAddedV1(
                                note.id.toString(),
                                note.caseId.toString(),
                                note.clientId.toString(),
                                note.agencyId,
                                Coded.fromCode(NoteType.class, note.noteType),
                                Coded.fromCode(SensitivityCategory.class, note.sensitivity),
                                note.version,
                                note.amendsId == null ? null : note.amendsId.toString(),
                                note.contactDate,
                                note.createdAt))))
                .call(() -> audited(AuditAction.CREATED, note.id, note.clientId));
    }

    private Uni<Void> audited(AuditAction action, UUID noteId, UUID clientId) {
        return audited(action, noteId, clientId, List.of());
    }

    /** An access, recorded as a disclosure under {@code consents} when it showed another agency's notes. */
    private Uni<Void> audited(AuditAction action, UUID noteId, UUID clientId, List<String> consents) {
        return audit.record(
                AuditEntry.of(action, RESOURCE, noteId == null ? null : noteId.toString(), clientId.toString())
                        .underConsents(consents));
    }

    /**
     * The consents that let the caller see the other agencies' notes among {@code shown}: for the
     * accounting of disclosures. Empty when all of them are the caller's agency's own.
     */
    static List<String> disclosedUnder(Caller caller, List<CaseNote> shown, List<Consent> consents) {
        Set<String> categories = new java.util.TreeSet<>();
        shown.stream().filter(n -> !n.agencyId.equals(caller.agencyId())).forEach(n -> categories.add(n.sensitivity));
        java.time.LocalDate today = java.time.LocalDate.now();
        return consents.stream()
                .filter(c -> categories.stream().anyMatch(category -> c.covers(caller.agencyId(), category, today)))
                .map(c -> c.id.toString())
                .sorted()
                .toList();
    }
}
