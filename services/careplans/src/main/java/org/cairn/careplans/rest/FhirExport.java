package org.cairn.careplans.rest;

import static org.cairn.platform.fhir.FhirJson.JSON;
import static org.cairn.platform.fhir.FhirJson.addEntry;
import static org.cairn.platform.fhir.FhirJson.addIfPresent;
import static org.cairn.platform.fhir.FhirJson.code;
import static org.cairn.platform.fhir.FhirJson.dateTime;
import static org.cairn.platform.fhir.FhirJson.inBundle;
import static org.cairn.platform.fhir.FhirJson.narrative;
import static org.cairn.platform.fhir.FhirJson.needDomain;
import static org.cairn.platform.fhir.FhirJson.outside;
import static org.cairn.platform.fhir.FhirJson.putIfPresent;
import static org.cairn.platform.fhir.FhirJson.text;
import static org.cairn.platform.fhir.FhirJson.words;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.cairn.platform.fhir.FhirJson;

/**
 * Exports a care plan as a FHIR R4 {@code Bundle} of type {@code collection}: the CarePlan first,
 * then one Goal per goal. The result is a Jackson tree; the caller serializes it.
 *
 * <h2>Bundle</h2>
 *
 * Every entry's {@code fullUrl} is {@code urn:uuid:<id>} (all Cairn ids here are UUIDs), and the
 * CarePlan points at its Goals with the same {@code urn:uuid:} form, so those references resolve
 * inside the bundle. Resources outside the bundle (the client, staff, agencies, referrals,
 * appointments) are named by relative literal references such as {@code Patient/<clientId>}.
 *
 * <h2>CarePlan</h2>
 *
 * <ul>
 *   <li>{@code id} is the plan id; {@code meta.versionId} and an identifier in the
 *       {@code care-plan-version} system ({@code <planId>|<version>}) carry the plan version, so
 *       two exports of different versions can be told apart.
 *   <li>{@code status}: draft and submitted become {@code draft} (a submitted plan is not yet in
 *       force), active and under-review become {@code active} (a plan under review stays in
 *       force), completed becomes {@code completed}, cancelled becomes {@code revoked}.
 *   <li>{@code intent} is always {@code plan}; {@code subject} is the client; {@code period} is
 *       the plan's start and end days; {@code created} is when it was created (to the
 *       millisecond); {@code author} is the user who created it.
 *   <li>The client's own words become a {@code note} whose author is the client.
 *   <li>{@code goal} lists every Goal in the bundle.
 *   <li>Each intervention becomes one {@code activity} with a {@code detail} (never a
 *       {@code reference}, so cpl-3 holds): status planned, in-progress, done, cancelled becomes
 *       {@code not-started}, {@code in-progress}, {@code completed}, {@code cancelled}; the
 *       status reason is {@code statusReason.text}; "what" is {@code description}; the due date
 *       is the end of {@code scheduledPeriod} (done by that day); {@code goal} points at the
 *       goal it serves. The performer is the client ({@code Patient}), the case manager or
 *       care-team member ({@code Practitioner}), or the agency ({@code Organization}); it is
 *       left out when no one is named. A linked referral or appointment is an
 *       {@code outcomeReference} to {@code ServiceRequest} or {@code Appointment}: the referral
 *       made or the appointment booked is what the activity produced, and
 *       {@code activity.reference} is not allowed beside a detail.
 * </ul>
 *
 * <h2>Goal</h2>
 *
 * <ul>
 *   <li>{@code lifecycleStatus}: proposed, active and cancelled map to themselves; achieved,
 *       partially-achieved and not-achieved are all {@code completed}, and the outcome goes to
 *       {@code achievementStatus}: {@code achieved} and {@code not-achieved} from the HL7
 *       goal-achievement system, {@code in-progress} for an active goal, and, since HL7 has no
 *       code for it, partially-achieved as a Cairn {@code goal-status} code with text. A proposed
 *       or cancelled goal has no achievement status.
 *   <li>{@code category} is the need domain in the Cairn {@code need-domain} system;
 *       {@code priority} is HL7 goal-priority ({@code low-priority} and so on).
 *   <li>{@code description.text} is the statement; {@code subject} is the client;
 *       {@code statusReason} is the reason given for the last status change.
 *   <li>{@code target}: {@code detailString} is the target text and {@code dueDate} the target
 *       date. R4 requires a {@code measure} wherever a detail is given (gol-1), and the Cairn
 *       target is free text that names its own measure, so {@code measure} only says so in text.
 * </ul>
 *
 * <h2>References to things outside the bundle</h2>
 *
 * Users, agencies, referrals and appointments are opaque Cairn strings. Each such reference
 * carries its {@code type} and an {@code identifier} in a Cairn system holding the raw value, and
 * also a literal {@code Type/<id>} reference when the value is a valid FHIR id; a value that is not
 * (say an e-mail-like user id) keeps only the identifier, so the output stays valid.
 *
 * <h2>General rules and what is left out</h2>
 *
 * Absent values are omitted: no nulls, empty or blank strings, empty objects or arrays. Text is
 * trimmed. Each resource gets a short generated XHTML narrative (dom-6 recommends one) giving its
 * status, dates and, for a goal, its target. A code outside the Cairn vocabulary is rejected with
 * {@link IllegalArgumentException} rather than exported as something it is not. Not exported, for
 * want of an R4 CarePlan or Goal element that means the same: the case id, the agency owning the
 * plan, the review cadence and next review date, who submitted or decided the plan and when, the
 * supervisor's return comment, and the assessment suggestion a goal came from. Nor is the
 * difference between the case manager and another care-team member as performer (both are
 * {@code Practitioner}s).
 */
public final class FhirExport {

    /** Base of Cairn's own FHIR code systems and identifier systems. */
    public static final String CAIRN_FHIR = FhirJson.CAIRN_FHIR;

    public static final String GOAL_STATUS_SYSTEM = CAIRN_FHIR + "CodeSystem/goal-status";
    public static final String PLAN_VERSION_SYSTEM = CAIRN_FHIR + "sid/care-plan-version";
    public static final String APPOINTMENT_SYSTEM = CAIRN_FHIR + "sid/appointment";

    static final String GOAL_ACHIEVEMENT_SYSTEM = "http://terminology.hl7.org/CodeSystem/goal-achievement";
    static final String GOAL_PRIORITY_SYSTEM = "http://terminology.hl7.org/CodeSystem/goal-priority";

    private static final Map<String, String> PLAN_STATUS = Map.of(
            "draft", "draft",
            "submitted", "draft",
            "active", "active",
            "under-review", "active",
            "completed", "completed",
            "cancelled", "revoked");

    private static final Map<String, String> GOAL_LIFECYCLE = Map.of(
            "proposed", "proposed",
            "active", "active",
            "achieved", "completed",
            "partially-achieved", "completed",
            "not-achieved", "completed",
            "cancelled", "cancelled");

    private static final Map<String, String> GOAL_PRIORITY = Map.of(
            "low", "low-priority",
            "medium", "medium-priority",
            "high", "high-priority");

    private static final Map<String, String> GOAL_PRIORITY_DISPLAY = Map.of(
            "low", "Low Priority",
            "medium", "Medium Priority",
            "high", "High Priority");

    private static final Map<String, String> ACTIVITY_STATUS = Map.of(
            "planned", "not-started",
            "in-progress", "in-progress",
            "done", "completed",
            "cancelled", "cancelled");

    private FhirExport() {}

    /** The plan and its goals as a FHIR R4 collection Bundle. */
    public static ObjectNode bundle(PlanView plan) {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(plan.id(), "plan id");
        Objects.requireNonNull(plan.clientId(), "plan clientId");
        List<PlanView.GoalView> goals = plan.goals() == null ? List.of() : plan.goals();

        ObjectNode bundle = JSON.objectNode();
        bundle.put("resourceType", "Bundle");
        bundle.put("type", "collection");
        ArrayNode entries = bundle.putArray("entry");
        addEntry(entries, plan.id(), carePlan(plan, goals));
        for (PlanView.GoalView goal : goals) {
            addEntry(entries, goal.id(), goal(plan, goal));
        }
        return bundle;
    }

    private static ObjectNode carePlan(PlanView plan, List<PlanView.GoalView> goals) {
        ObjectNode cp = JSON.objectNode();
        cp.put("resourceType", "CarePlan");
        cp.put("id", plan.id().toString());
        if (plan.version() > 0) {
            cp.putObject("meta").put("versionId", Integer.toString(plan.version()));
            ObjectNode identifier = cp.putArray("identifier").addObject();
            identifier.put("system", PLAN_VERSION_SYSTEM);
            identifier.put("value", plan.id() + "|" + plan.version());
        }
        ArrayNode activities = JSON.arrayNode();
        for (PlanView.GoalView goal : goals) {
            for (PlanView.InterventionView intervention : interventions(goal)) {
                activities.add(activity(plan, goal, intervention));
            }
        }
        cp.set("text", carePlanNarrative(plan, goals.size(), activities.size()));
        cp.put("status", code(PLAN_STATUS, plan.status(), "plan status"));
        cp.put("intent", "plan");
        cp.set("subject", patient(plan));
        ObjectNode period = period(plan.periodStart(), plan.periodEnd());
        if (period != null) {
            cp.set("period", period);
        }
        putIfPresent(cp, "created", dateTime(plan.createdAt()));
        ObjectNode author = outside("Practitioner", FhirJson.USER_SYSTEM, plan.createdBy());
        if (author != null) {
            cp.set("author", author);
        }
        String clientWords = text(plan.clientWords());
        if (clientWords != null) {
            ObjectNode note = cp.putArray("note").addObject();
            note.set("authorReference", patient(plan));
            note.put("text", clientWords);
        }
        if (!goals.isEmpty()) {
            ArrayNode goalRefs = cp.putArray("goal");
            for (PlanView.GoalView goal : goals) {
                goalRefs.add(inBundle(goal.id()));
            }
        }
        if (!activities.isEmpty()) {
            cp.set("activity", activities);
        }
        return cp;
    }

    private static ObjectNode activity(PlanView plan, PlanView.GoalView goal, PlanView.InterventionView i) {
        ObjectNode activity = JSON.objectNode();
        ArrayNode outcomes = JSON.arrayNode();
        addIfPresent(outcomes, outside("ServiceRequest", FhirJson.REFERRAL_SYSTEM, i.referralId()));
        addIfPresent(outcomes, outside("Appointment", APPOINTMENT_SYSTEM, i.appointmentId()));
        if (!outcomes.isEmpty()) {
            activity.set("outcomeReference", outcomes);
        }

        ObjectNode detail = activity.putObject("detail");
        detail.putArray("goal").add(inBundle(goal.id()));
        detail.put("status", code(ACTIVITY_STATUS, i.status(), "intervention status"));
        String reason = text(i.statusReason());
        if (reason != null) {
            detail.putObject("statusReason").put("text", reason);
        }
        if (i.dueDate() != null) {
            detail.putObject("scheduledPeriod").put("end", i.dueDate().toString());
        }
        ObjectNode performer = performer(plan, i);
        if (performer != null) {
            detail.putArray("performer").add(performer);
        }
        putIfPresent(detail, "description", text(i.what()));
        return activity;
    }

    private static ObjectNode performer(PlanView plan, PlanView.InterventionView i) {
        String responsible = text(i.responsible());
        if (responsible == null) {
            return null;
        }
        return switch (responsible) {
            case "client" -> patient(plan);
            case "case-manager", "care-team-member" -> outside("Practitioner", FhirJson.USER_SYSTEM, i.responsibleId());
            case "agency" -> outside("Organization", FhirJson.AGENCY_SYSTEM, i.responsibleId());
            default -> throw new IllegalArgumentException("unknown intervention responsible: " + responsible);
        };
    }

    private static ObjectNode goal(PlanView plan, PlanView.GoalView g) {
        Objects.requireNonNull(g.id(), "goal id");
        ObjectNode goal = JSON.objectNode();
        goal.put("resourceType", "Goal");
        goal.put("id", g.id().toString());
        String status = text(g.status());
        goal.set("text", goalNarrative(g));
        goal.put("lifecycleStatus", code(GOAL_LIFECYCLE, status, "goal status"));
        ObjectNode achievement = achievement(status);
        if (achievement != null) {
            goal.set("achievementStatus", achievement);
        }
        ObjectNode domain = needDomain(g.needDomain());
        if (domain != null) {
            goal.putArray("category").addObject().putArray("coding").add(domain);
        }
        String priority = text(g.priority());
        if (priority != null) {
            ObjectNode coding = JSON.objectNode();
            coding.put("system", GOAL_PRIORITY_SYSTEM);
            coding.put("code", code(GOAL_PRIORITY, priority, "goal priority"));
            coding.put("display", GOAL_PRIORITY_DISPLAY.get(priority));
            goal.putObject("priority").putArray("coding").add(coding);
        }
        ObjectNode description = goal.putObject("description");
        String statement = text(g.statement());
        if (statement != null) {
            description.put("text", statement);
        } else if (domain != null) {
            description.putArray("coding").add(domain.deepCopy());
        } else {
            throw new IllegalArgumentException("goal " + g.id() + " has neither a statement nor a need domain");
        }
        goal.set("subject", patient(plan));
        ObjectNode target = target(g);
        if (target != null) {
            goal.putArray("target").add(target);
        }
        putIfPresent(goal, "statusReason", text(g.statusReason()));
        return goal;
    }

    private static ObjectNode achievement(String status) {
        return switch (status) {
            case "active" -> hl7Achievement("in-progress", "In Progress");
            case "achieved" -> hl7Achievement("achieved", "Achieved");
            case "not-achieved" -> hl7Achievement("not-achieved", "Not Achieved");
            case "partially-achieved" -> {
                ObjectNode concept = JSON.objectNode();
                ObjectNode coding = concept.putArray("coding").addObject();
                coding.put("system", GOAL_STATUS_SYSTEM);
                coding.put("code", "partially-achieved");
                coding.put("display", "Partially achieved");
                concept.put("text", "Partially achieved");
                yield concept;
            }
            default -> null;
        };
    }

    private static ObjectNode hl7Achievement(String code, String display) {
        ObjectNode concept = JSON.objectNode();
        ObjectNode coding = concept.putArray("coding").addObject();
        coding.put("system", GOAL_ACHIEVEMENT_SYSTEM);
        coding.put("code", code);
        coding.put("display", display);
        return concept;
    }

    private static ObjectNode target(PlanView.GoalView g) {
        String detail = text(g.target());
        if (detail == null && g.targetDate() == null) {
            return null;
        }
        ObjectNode target = JSON.objectNode();
        if (detail != null) {
            target.putObject("measure").put("text", "Agreed target (free text)");
            target.put("detailString", detail);
        }
        if (g.targetDate() != null) {
            target.put("dueDate", g.targetDate().toString());
        }
        return target;
    }

    private static ObjectNode patient(PlanView plan) {
        ObjectNode ref = JSON.objectNode();
        ref.put("reference", "Patient/" + plan.clientId());
        return ref;
    }

    private static ObjectNode period(LocalDate start, LocalDate end) {
        if (start == null && end == null) {
            return null;
        }
        ObjectNode period = JSON.objectNode();
        if (start != null) {
            period.put("start", start.toString());
        }
        if (end != null) {
            period.put("end", end.toString());
        }
        return period;
    }

    private static List<PlanView.InterventionView> interventions(PlanView.GoalView goal) {
        return goal.interventions() == null ? List.of() : goal.interventions();
    }

    private static ObjectNode carePlanNarrative(PlanView plan, int goals, int activities) {
        String summary = "Care plan, " + words(plan.status()) + dates(plan.periodStart(), plan.periodEnd()) + ": "
                + count(goals, "goal") + ", " + count(activities, "intervention") + ".";
        String clientWords = text(plan.clientWords());
        return narrative(summary, clientWords == null ? null : "In the client's words: " + clientWords);
    }

    private static ObjectNode goalNarrative(PlanView.GoalView g) {
        String domain = text(g.needDomain());
        String statement = text(g.statement());
        String summary = "Goal (" + words(g.status()) + (domain == null ? "" : ", " + words(domain)) + "): "
                + (statement == null ? "no statement" : statement);
        String target = text(g.target());
        if (target != null && g.targetDate() != null) {
            target = target + ", by " + g.targetDate();
        } else if (g.targetDate() != null) {
            target = "by " + g.targetDate();
        }
        String reason = text(g.statusReason());
        return narrative(
                summary,
                target == null ? null : "Target: " + target,
                reason == null ? null : "Status reason: " + reason);
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static String dates(LocalDate start, LocalDate end) {
        if (start == null && end == null) {
            return "";
        }
        if (end == null) {
            return ", from " + start;
        }
        return start == null ? ", until " + end : ", " + start + " to " + end;
    }
}
