package org.cairn.assessments.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.cairn.assessments.Assessment;
import org.cairn.assessments.instrument.Answer;
import org.cairn.assessments.instrument.Answers;
import org.cairn.assessments.instrument.Instrument;
import org.cairn.assessments.instrument.InvalidAnswersException;
import org.cairn.assessments.instrument.Result;
import org.cairn.assessments.instrument.Scoring;
import org.cairn.assessments.rest.AssessmentRequests;
import org.cairn.contracts.events.AssessmentAmendedV1;
import org.cairn.contracts.events.AssessmentCompletedV1;
import org.cairn.contracts.events.AssessmentCrisisIdentifiedV1;
import org.cairn.contracts.events.AssessmentStartedV1;
import org.cairn.contracts.events.EventJson;
import org.cairn.contracts.vocabulary.AuditAction;
import org.cairn.contracts.vocabulary.NeedDomain;
import org.cairn.platform.agency.Caller;
import org.cairn.platform.audit.AuditEntry;
import org.cairn.platform.audit.AuditTrail;
import org.cairn.platform.cases.CaseDirectory;
import org.cairn.platform.outbox.Outbox;
import org.cairn.platform.outbox.OutboxMessage;
import org.cairn.platform.problem.Problem;
import org.cairn.platform.problem.ProblemException;
import org.cairn.platform.problem.Problems;

/**
 * Starting, answering, completing and amending assessments. Every change commits with its audit
 * record and its event in one transaction; a refused request writes nothing.
 */
@ApplicationScoped
public class AssessmentService {

    static final String RESOURCE = "assessment";

    private final InstrumentCatalog catalog;
    private final AssessmentAccess access;
    private final Outbox outbox;
    private final AuditTrail audit;
    private final CaseDirectory cases;

    AssessmentService(
            InstrumentCatalog catalog, AssessmentAccess access, Outbox outbox, AuditTrail audit, CaseDirectory cases) {
        this.catalog = catalog;
        this.access = access;
        this.outbox = outbox;
        this.audit = audit;
        this.cases = cases;
    }

    /** An assessment with its instrument version, ready to show. */
    public record Loaded(Assessment assessment, Instrument instrument) {}

    public Uni<Loaded> start(Caller caller, AssessmentRequests.Start request) {
        return instrument(request.instrumentId(), request.instrumentVersion()).chain(instrument -> {
            Map<String, Answer> answers =
                    request.answers() == null ? Map.of() : merge(instrument, Map.of(), request.answers());
            return Panache.withTransaction(() -> cases.find(request.caseId(), caller.agencyId())
                    .chain(c -> {
                        if (c == null) {
                            return Uni.createFrom().failure(Problems.notFound("case", request.caseId()));
                        }
                        if (!c.isOpen()) {
                            return Uni.createFrom()
                                    .failure(Problems.conflict(
                                            "case-closed",
                                            "Case " + c.caseId()
                                                    + " is closed; assessments are started in open cases."));
                        }
                        Assessment a = new Assessment();
                        a.id = UUID.randomUUID();
                        a.originalId = a.id;
                        a.agencyId = c.agencyId();
                        a.clientId = c.clientId();
                        a.caseId = c.caseId();
                        a.instrumentId = instrument.id();
                        a.instrumentVersion = instrument.version();
                        a.status = Assessment.IN_PROGRESS;
                        a.answers = Answers.toJson(instrument, answers).toString();
                        a.startedBy = caller.userId();
                        a.startedAt = Instant.now();
                        a.updatedAt = a.startedAt;
                        return a.<Assessment>persist()
                                .call(() -> outbox.add(message(
                                        a,
                                        new AssessmentStartedV1(
                                                a.id.toString(),
                                                a.clientId.toString(),
                                                a.caseId.toString(),
                                                a.agencyId,
                                                a.instrumentId,
                                                a.instrumentVersion,
                                                a.startedBy,
                                                a.startedAt))))
                                .call(() -> audit.record(auditOf(AuditAction.CREATED, a)))
                                .map(saved -> new Loaded(saved, instrument));
                    }));
        });
    }

    /** Saves answers to an assessment in progress; a null answer clears its item. */
    public Uni<Loaded> saveAnswers(Caller caller, UUID id, ObjectNode changes) {
        return Panache.withTransaction(() -> access.writable(caller, id)
                .chain(a -> inProgress(a).chain(instrument -> {
                    Map<String, Answer> answers = merge(instrument, stored(instrument, a), changes);
                    a.answers = Answers.toJson(instrument, answers).toString();
                    a.updatedAt = Instant.now();
                    return audit.record(auditOf(AuditAction.UPDATED, a)).replaceWith(new Loaded(a, instrument));
                })));
    }

    /**
     * Completes an assessment: every required item that is asked must be answered; answers to items
     * that the other answers skip are dropped; the result is computed and stored with the version.
     */
    public Uni<Loaded> complete(Caller caller, UUID id, AssessmentRequests.Completion request) {
        ObjectNode lastAnswers = request.answers();
        Instant now = Instant.now();
        Instant administered = request.administeredAt() == null ? now : request.administeredAt();
        if (administered.isAfter(now.plus(CLOCK_SKEW))) {
            throw administeredAt("is in the future");
        }
        return Panache.withTransaction(() -> access.writable(caller, id)
                .call(a -> request.administeredAt() == null
                        ? Uni.createFrom().voidItem()
                        : cases.find(a.caseId, a.agencyId)
                                .invoke((CaseDirectory.KnownCase c) -> {
                                    Instant opened = c.openedOn()
                                            .atStartOfDay(ZoneOffset.UTC)
                                            .toInstant();
                                    if (administered.isBefore(opened)) {
                                        throw administeredAt("is before the case opened (" + c.openedOn() + ")");
                                    }
                                })
                                .replaceWithVoid())
                .chain(a -> inProgress(a).chain(instrument -> {
                    Map<String, Answer> answers = lastAnswers == null
                            ? stored(instrument, a)
                            : merge(instrument, stored(instrument, a), lastAnswers);
                    Result result = scoreComplete(instrument, answers);
                    a.answers = Answers.toJson(instrument, Scoring.effectiveAnswers(instrument, answers))
                            .toString();
                    a.result = json(result);
                    a.status = Assessment.COMPLETED;
                    a.completedBy = caller.userId();
                    a.completedAt = now;
                    a.administeredAt = administered;
                    a.updatedAt = a.completedAt;
                    AssessmentCompletedV1 completed = new AssessmentCompletedV1(
                            a.id.toString(),
                            a.clientId.toString(),
                            a.caseId.toString(),
                            a.agencyId,
                            a.instrumentId,
                            a.instrumentVersion,
                            a.completedBy,
                            a.completedAt,
                            scores(result),
                            needs(result),
                            risks(result));
                    return outbox.add(message(a, completed))
                            .call(() -> crisis(a, result, Set.of()))
                            .call(() -> audit.record(auditOf(AuditAction.UPDATED, a)))
                            .replaceWith(new Loaded(a, instrument));
                })));
    }

    /**
     * Corrects a completed assessment with a new version: the changed answers over the old ones,
     * scored again against the same instrument version. The old version stays readable, marked
     * amended. A risk raised only by the new version is announced as a crisis; one the old version
     * already raised is not announced twice.
     */
    public Uni<Loaded> amend(Caller caller, UUID id, AssessmentRequests.Amendment request) {
        return Panache.withTransaction(() -> access.writable(caller, id).chain(old -> {
            if (old.inProgress()) {
                return Uni.createFrom()
                        .failure(Problems.conflict(
                                "assessment-in-progress",
                                "Assessment " + id + " is not completed yet; save or complete its answers instead."));
            }
            if (Assessment.AMENDED.equals(old.status)) {
                return Assessment.<Assessment>find("amendsId", old.id)
                        .firstResult()
                        .chain(newer -> Uni.createFrom()
                                .failure(Problems.conflict(
                                        "assessment-amended",
                                        "Assessment " + id + " was already amended; amend its latest version "
                                                + (newer == null ? "" : newer.id) + ".")));
            }
            return catalog.version(old.instrumentId, old.instrumentVersion).chain(instrument -> {
                Result before = result(old);
                Map<String, Answer> answers = merge(instrument, stored(instrument, old), request.answers());
                Result result = scoreComplete(instrument, answers);
                Assessment a = new Assessment();
                a.id = UUID.randomUUID();
                a.originalId = old.originalId;
                a.amendsId = old.id;
                a.amendment = old.amendment + 1;
                a.amendmentReason = request.reason();
                a.agencyId = old.agencyId;
                a.clientId = old.clientId;
                a.caseId = old.caseId;
                a.instrumentId = old.instrumentId;
                a.instrumentVersion = old.instrumentVersion;
                a.status = Assessment.COMPLETED;
                a.answers = Answers.toJson(instrument, Scoring.effectiveAnswers(instrument, answers))
                        .toString();
                a.result = json(result);
                a.startedBy = old.startedBy;
                a.startedAt = old.startedAt;
                a.completedBy = caller.userId();
                a.completedAt = Instant.now();
                a.administeredAt = old.administeredAt;
                a.updatedAt = a.completedAt;
                old.status = Assessment.AMENDED;
                old.updatedAt = a.completedAt;
                Set<String> alreadyRaised = new HashSet<>();
                before.risks().forEach(r -> alreadyRaised.add(r.ruleId()));
                AssessmentAmendedV1 amended = new AssessmentAmendedV1(
                        a.id.toString(),
                        old.id.toString(),
                        a.clientId.toString(),
                        a.caseId.toString(),
                        a.agencyId,
                        a.instrumentId,
                        a.instrumentVersion,
                        a.completedBy,
                        a.completedAt,
                        scores(result),
                        needs(result),
                        risks(result));
                // The old row is flushed first, so the new one's unique amends_id never meets a stale state.
                return Panache.getSession()
                        .chain(s -> s.flush())
                        .chain(() -> a.<Assessment>persist())
                        .call(() -> outbox.add(message(a, amended)))
                        .call(() -> crisis(a, result, alreadyRaised))
                        .call(() -> audit.record(
                                auditOf(AuditAction.UPDATED, a).because(null, "amends assessment " + old.id)))
                        .map(saved -> new Loaded(saved, instrument));
            });
        }));
    }

    public Uni<Loaded> get(Caller caller, UUID id) {
        List<String> disclosedUnder = new java.util.ArrayList<>();
        return Panache.withSession(() -> access.readable(caller, id)
                        .call(a -> access.disclosedUnder(caller, a).invoke(disclosedUnder::addAll))
                        .chain(a -> catalog.version(a.instrumentId, a.instrumentVersion)
                                .map(instrument -> new Loaded(a, instrument))))
                .call(loaded -> audit.record(
                        auditOf(AuditAction.VIEWED, loaded.assessment()).underConsents(disclosedUnder)));
    }

    /** Every version of an assessment, the first one first. */
    public Uni<List<Loaded>> versions(Caller caller, UUID id) {
        List<String> disclosedUnder = new java.util.ArrayList<>();
        return Panache.withSession(() -> access.readable(caller, id)
                        .call(a -> access.disclosedUnder(caller, a).invoke(disclosedUnder::addAll))
                        .chain(a -> Assessment.<Assessment>find("originalId = ?1 order by amendment", a.originalId)
                                .list())
                        .chain(list -> catalog.version(list.get(0).instrumentId, list.get(0).instrumentVersion)
                                .map(instrument -> list.stream()
                                        .map(a -> new Loaded(a, instrument))
                                        .toList())))
                .call(list -> Uni.join()
                        .all(list.stream()
                                .map(l -> audit.record(auditOf(AuditAction.VIEWED, l.assessment())
                                        .underConsents(disclosedUnder)))
                                .toList())
                        .andFailFast());
    }

    private Uni<Instrument> instrument(String id, String version) {
        Uni<Instrument> found = version == null ? catalog.latest(id) : catalog.version(id, version);
        return found.onFailure(ProblemException.class)
                .transform(e -> new ProblemException(
                        422,
                        "unknown-instrument",
                        "Unknown instrument version",
                        version == null
                                ? "No instrument " + id + " is published."
                                : "Instrument " + id + " has no published version " + version + ".",
                        List.of(new Problem.FieldError(
                                version == null ? "instrumentId" : "instrumentVersion", "not published"))));
    }

    /** How far ahead of this service's clock a client's "now" may be. */
    static final java.time.Duration CLOCK_SKEW = java.time.Duration.ofMinutes(5);

    private static ProblemException administeredAt(String why) {
        return Problems.invalid("administeredAt", why);
    }

    private Uni<Instrument> inProgress(Assessment a) {
        if (!a.inProgress()) {
            return Uni.createFrom()
                    .failure(Problems.conflict(
                            "assessment-completed",
                            "Assessment " + a.id + " is completed; a correction is an amendment with a reason."));
        }
        return catalog.version(a.instrumentId, a.instrumentVersion);
    }

    /** The stored answers (valid when they were stored, under the same immutable version). */
    static Map<String, Answer> stored(Instrument instrument, Assessment a) {
        return Answers.read(instrument, StoredJson.tree(a.answers));
    }

    static Result result(Assessment a) {
        return StoredJson.result(a.result);
    }

    /** {@code changes} over {@code answers}: a null answer clears the item. Refuses the lot if any is invalid. */
    static Map<String, Answer> merge(Instrument instrument, Map<String, Answer> answers, JsonNode changes) {
        Map<String, Answer> merged = new LinkedHashMap<>(answers);
        Map<String, Answer> given;
        try {
            given = Answers.read(instrument, changes);
        } catch (InvalidAnswersException e) {
            throw invalid(e.refused());
        }
        changes.fields().forEachRemaining(f -> {
            if (f.getValue().isNull()) {
                merged.remove(f.getKey());
            }
        });
        merged.putAll(given);
        return merged;
    }

    private static Result scoreComplete(Instrument instrument, Map<String, Answer> answers) {
        List<String> missing = Scoring.missingRequired(instrument, answers);
        if (!missing.isEmpty()) {
            Map<String, String> refused = new LinkedHashMap<>();
            missing.forEach(linkId -> refused.put(linkId, "is required and not answered"));
            throw new ProblemException(
                    422,
                    "required-items-missing",
                    "Required items missing",
                    "The assessment cannot be completed: " + missing.size() + " required item(s) are not answered.",
                    fieldErrors(refused));
        }
        return Scoring.score(instrument, answers);
    }

    static ProblemException invalid(Map<String, String> refused) {
        return new ProblemException(
                400,
                "invalid-answers",
                "Invalid answers",
                "Some answers are not accepted by their items; nothing was saved.",
                fieldErrors(refused));
    }

    private static List<Problem.FieldError> fieldErrors(Map<String, String> refused) {
        return refused.entrySet().stream()
                .map(e -> new Problem.FieldError("answers." + e.getKey(), e.getValue()))
                .toList();
    }

    private Uni<Void> crisis(Assessment a, Result result, Set<String> alreadyRaised) {
        List<AssessmentCompletedV1.Risk> fresh = result.risks().stream()
                .filter(r -> !alreadyRaised.contains(r.ruleId()))
                .map(r -> new AssessmentCompletedV1.Risk(r.ruleId(), r.severity()))
                .toList();
        if (fresh.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        AssessmentCrisisIdentifiedV1 crisis = new AssessmentCrisisIdentifiedV1(
                a.id.toString(),
                a.clientId.toString(),
                a.caseId.toString(),
                a.agencyId,
                a.instrumentId,
                a.instrumentVersion,
                fresh.stream()
                        .map(AssessmentCompletedV1.Risk::severity)
                        .max(Enum::compareTo)
                        .orElseThrow(),
                fresh,
                a.completedAt);
        return outbox.add(message(a, crisis)).replaceWithVoid();
    }

    static List<AssessmentCompletedV1.Score> scores(Result result) {
        return result.scales().stream()
                .filter(s -> s.score() != null)
                .map(s -> new AssessmentCompletedV1.Score(s.id(), s.score(), s.band()))
                .toList();
    }

    static List<NeedDomain> needs(Result result) {
        return result.needs().stream().map(Result.IdentifiedNeed::domain).toList();
    }

    static List<AssessmentCompletedV1.Risk> risks(Result result) {
        return result.risks().stream()
                .map(r -> new AssessmentCompletedV1.Risk(r.ruleId(), r.severity()))
                .toList();
    }

    static String json(Result result) {
        try {
            return EventJson.mapper().writeValueAsString(result);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a result could not be written as JSON", e);
        }
    }

    private static OutboxMessage message(Assessment a, Record event) {
        return new OutboxMessage(RESOURCE, a.clientId.toString(), a.agencyId, event);
    }

    static AuditEntry auditOf(AuditAction action, Assessment a) {
        return AuditEntry.of(action, RESOURCE, a.id.toString(), a.clientId.toString());
    }
}
