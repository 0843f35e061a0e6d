package org.cairn.assessments.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.cairn.assessments.Assessment;
import org.cairn.assessments.instrument.Answer;
import org.cairn.assessments.instrument.Answers;
import org.cairn.assessments.instrument.Instrument;
import org.cairn.assessments.instrument.Result;
import org.cairn.assessments.instrument.Scoring;
import org.cairn.assessments.service.AssessmentService;
import org.cairn.assessments.service.StoredJson;

/**
 * An assessment as the API shows it. While in progress it also says which items are asked given the
 * answers so far, and which required ones are still unanswered, so a form can follow the skip logic
 * without knowing the rules.
 *
 * @param originalId the first version; every amendment of an assessment shares it
 * @param amendment 0 for the first version, then 1, 2, ...
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AssessmentView(
        UUID id,
        UUID clientId,
        UUID caseId,
        String agencyId,
        InstrumentRef instrument,
        String status,
        JsonNode answers,
        List<String> askedItems,
        List<String> missingRequired,
        Result result,
        String startedBy,
        Instant startedAt,
        String completedBy,
        Instant completedAt,
        Instant administeredAt,
        UUID originalId,
        UUID amendsId,
        int amendment,
        String amendmentReason) {

    public record InstrumentRef(String id, String version, String title) {}

    public static AssessmentView of(AssessmentService.Loaded loaded) {
        Assessment a = loaded.assessment();
        Instrument instrument = loaded.instrument();
        Map<String, Answer> answers = Answers.read(instrument, StoredJson.tree(a.answers));
        boolean open = a.inProgress();
        return new AssessmentView(
                a.id,
                a.clientId,
                a.caseId,
                a.agencyId,
                new InstrumentRef(instrument.id(), instrument.version(), instrument.title()),
                a.status,
                Answers.toJson(instrument, answers),
                open ? List.copyOf(Scoring.enabledItems(instrument, answers)) : null,
                open ? Scoring.missingRequired(instrument, answers) : null,
                a.result == null ? null : StoredJson.result(a.result),
                a.startedBy,
                a.startedAt,
                a.completedBy,
                a.completedAt,
                a.administeredAt,
                a.originalId,
                a.amendsId,
                a.amendment,
                a.amendmentReason);
    }
}
