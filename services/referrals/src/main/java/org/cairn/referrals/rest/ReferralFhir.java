package org.cairn.referrals.rest;

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
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.cairn.platform.fhir.FhirJson;

/**
 * A referral as FHIR R4, the way the SDOH Clinical Care referral workflow has it: a collection
 * Bundle of the {@code ServiceRequest} (what is asked for, of whom, for whom) and the {@code Task}
 * that tracks it at the receiving agency (its status is the referral's, the statuses being the
 * FHIR Task statuses already).
 *
 * <ul>
 *   <li>ServiceRequest: {@code id} the referral id, {@code status} draft, active (sent and open),
 *       on-hold, completed, or revoked (rejected, cancelled, failed); {@code intent} order;
 *       {@code category} SNOMED CT 3457005 "Patient referral"; {@code code} the need domain in the
 *       Cairn need-domain system; {@code priority} routine, urgent, or stat for an emergency;
 *       {@code subject} the client; {@code requester} the referring user, {@code performer} the
 *       receiving agency and the directory service, if one was named; {@code reasonCode} the
 *       reason in text; {@code supportingInfo} the consent it was sent under; each packet item a
 *       {@code note} ("label: text").
 *   <li>Task: {@code focus} the ServiceRequest in the bundle, {@code for} the client,
 *       {@code requester} and {@code owner} the two agencies, {@code authoredOn} and
 *       {@code lastModified}; {@code statusReason} the reason of the last move, when it gave one;
 *       the outcome, when recorded, as an {@code output} in the Cairn referral-outcome system.
 * </ul>
 */
public final class ReferralFhir {

    public static final String OUTCOME_SYSTEM = FhirJson.CAIRN_FHIR + "CodeSystem/referral-outcome";
    public static final String SERVICE_SYSTEM = FhirJson.CAIRN_FHIR + "sid/directory-service";
    public static final String CONSENT_SYSTEM = FhirJson.CAIRN_FHIR + "sid/consent";

    static final String SNOMED = "http://snomed.info/sct";
    static final String TASK_CODE_SYSTEM = "http://hl7.org/fhir/CodeSystem/task-code";

    private static final Map<String, String> REQUEST_STATUS = Map.ofEntries(
            Map.entry("draft", "draft"),
            Map.entry("requested", "active"),
            Map.entry("received", "active"),
            Map.entry("accepted", "active"),
            Map.entry("ready", "active"),
            Map.entry("in-progress", "active"),
            Map.entry("on-hold", "on-hold"),
            Map.entry("completed", "completed"),
            Map.entry("rejected", "revoked"),
            Map.entry("cancelled", "revoked"),
            Map.entry("failed", "revoked"),
            Map.entry("entered-in-error", "entered-in-error"));

    private static final Map<String, String> PRIORITY =
            Map.of("routine", "routine", "urgent", "urgent", "emergency", "stat");

    private ReferralFhir() {}

    public static ObjectNode bundle(ReferralView referral) {
        UUID taskId = UUID.nameUUIDFromBytes(("task:" + referral.id()).getBytes(StandardCharsets.UTF_8));
        ObjectNode bundle = FhirJson.collection();
        ArrayNode entries = (ArrayNode) bundle.get("entry");
        addEntry(entries, referral.id(), serviceRequest(referral));
        addEntry(entries, taskId, task(referral, taskId));
        return bundle;
    }

    private static ObjectNode serviceRequest(ReferralView r) {
        String status = r.status().code();
        ObjectNode request = JSON.objectNode();
        request.put("resourceType", "ServiceRequest");
        request.put("id", r.id().toString());
        request.set(
                "text",
                narrative(
                        "Referral (" + words(status) + ", " + words(r.urgency().code()) + ") for "
                                + words(r.needDomain().code()) + " to " + r.receivingAgencyId()
                                + (r.serviceName() == null ? "" : " (" + r.serviceName() + ")") + ".",
                        text(r.reason()) == null ? null : "Reason: " + text(r.reason())));
        ArrayNode identifiers = request.putArray("identifier");
        ObjectNode identifier = identifiers.addObject();
        identifier.put("system", FhirJson.REFERRAL_SYSTEM);
        identifier.put("value", r.id().toString());
        request.put("status", code(REQUEST_STATUS, status, "referral status"));
        request.put("intent", "order");
        ObjectNode category = request.putArray("category").addObject();
        ObjectNode referral = category.putArray("coding").addObject();
        referral.put("system", SNOMED);
        referral.put("code", "3457005");
        referral.put("display", "Patient referral");
        ObjectNode need = request.putObject("code");
        need.putArray("coding").add(needDomain(r.needDomain().code()));
        request.put("priority", code(PRIORITY, r.urgency().code(), "urgency"));
        request.set("subject", patient(r));
        putIfPresent(request, "authoredOn", dateTime(r.createdAt()));
        ObjectNode requester = outside("Practitioner", FhirJson.USER_SYSTEM, r.createdBy());
        if (requester != null) {
            request.set("requester", requester);
        }
        ArrayNode performers = request.putArray("performer");
        addIfPresent(performers, outside("Organization", FhirJson.AGENCY_SYSTEM, r.receivingAgencyId()));
        if (r.serviceId() != null) {
            addIfPresent(
                    performers,
                    outside("HealthcareService", SERVICE_SYSTEM, r.serviceId().toString()));
        }
        String reason = text(r.reason());
        if (reason != null) {
            request.putArray("reasonCode").addObject().put("text", reason);
        }
        if (r.consentId() != null) {
            request.putArray("supportingInfo").add(outside("Consent", CONSENT_SYSTEM, r.consentId()));
        }
        List<ReferralRequests.PacketItem> packet = r.packet() == null ? List.of() : r.packet();
        if (!packet.isEmpty()) {
            ArrayNode notes = request.putArray("note");
            for (ReferralRequests.PacketItem item : packet) {
                notes.addObject().put("text", text(item.label()) + ": " + text(item.text()));
            }
        }
        return request;
    }

    private static ObjectNode task(ReferralView r, UUID taskId) {
        String status = r.status().code();
        ObjectNode task = JSON.objectNode();
        task.put("resourceType", "Task");
        task.put("id", taskId.toString());
        task.set(
                "text",
                narrative("Task of referral " + r.id() + ": " + words(status) + ", owned by " + r.receivingAgencyId()
                        + "."));
        task.putArray("basedOn").add(inBundle(r.id()));
        task.put("status", status);
        List<ReferralView.Change> history = r.history() == null ? List.of() : r.history();
        String lastReason =
                history.isEmpty() ? null : text(history.get(history.size() - 1).reason());
        if (lastReason != null) {
            task.putObject("statusReason").put("text", lastReason);
        }
        task.put("intent", "order");
        ObjectNode fulfill = task.putObject("code").putArray("coding").addObject();
        fulfill.put("system", TASK_CODE_SYSTEM);
        fulfill.put("code", "fulfill");
        task.set("focus", inBundle(r.id()));
        task.set("for", patient(r));
        putIfPresent(task, "authoredOn", dateTime(r.createdAt()));
        putIfPresent(task, "lastModified", dateTime(r.updatedAt()));
        ObjectNode requester = outside("Organization", FhirJson.AGENCY_SYSTEM, r.sendingAgencyId());
        if (requester != null) {
            task.set("requester", requester);
        }
        ObjectNode owner = outside("Organization", FhirJson.AGENCY_SYSTEM, r.receivingAgencyId());
        if (owner != null) {
            task.set("owner", owner);
        }
        if (r.outcome() != null) {
            ObjectNode output = task.putArray("output").addObject();
            output.putObject("type").put("text", "Referral outcome");
            ObjectNode coding =
                    output.putObject("valueCodeableConcept").putArray("coding").addObject();
            coding.put("system", OUTCOME_SYSTEM);
            coding.put("code", r.outcome().code());
            coding.put("display", words(r.outcome().code()));
        }
        return task;
    }

    private static ObjectNode patient(ReferralView r) {
        ObjectNode ref = JSON.objectNode();
        ref.put("reference", "Patient/" + r.clientId());
        return ref;
    }
}
