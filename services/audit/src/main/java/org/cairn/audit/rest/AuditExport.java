package org.cairn.audit.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.cairn.audit.service.AuditRecordView;
import org.cairn.platform.paging.Page;
import org.cairn.platform.problem.Problems;

/**
 * A page of audit records in the format asked for: the JSON page, CSV (RFC 4180, one header row) or
 * a FHIR R4 searchset Bundle of AuditEvent resources. CSV and FHIR say whether more pages follow in
 * the {@code Cairn-Has-More} header.
 */
final class AuditExport {

    static final String CSV = "text/csv";
    static final String FHIR = "application/fhir+json";
    static final String CAIRN_FHIR = "https://cairn.example/fhir/";

    static final List<String> COLUMNS = List.of(
            "occurredAt",
            "service",
            "agencyId",
            "actorUserId",
            "actorUsername",
            "actorRoles",
            "action",
            "outcome",
            "resourceType",
            "resourceId",
            "clientId",
            "purpose",
            "reason",
            "requestId",
            "clientApplication",
            "consentIds",
            "eventId",
            "chainSeq",
            "hash");

    /** FHIR AuditEvent.action: create, read, update, delete, execute (a search, an export). */
    static final Map<String, String> FHIR_ACTION = Map.of(
            "created", "C",
            "viewed", "R",
            "disclosed", "R",
            "access-denied", "R",
            "updated", "U",
            "deleted", "D",
            "searched", "E",
            "exported", "E",
            "printed", "E");

    private AuditExport() {}

    /** Refuses a format other than json, csv and fhir before any query runs. */
    static void requireKnown(String format) {
        if (!List.of("json", "csv", "fhir").contains(format)) {
            throw Problems.invalid("format", "is json, csv or fhir");
        }
    }

    static Response render(Page<AuditRecordView> page, String format) {
        return switch (format) {
            case "json" -> Response.ok(page).build();
            case "csv" ->
                Response.ok(csv(page.items()), CSV + "; charset=UTF-8")
                        .header("Cairn-Has-More", page.hasMore())
                        .build();
            case "fhir" ->
                Response.ok(bundle(page.items()), FHIR)
                        .header("Cairn-Has-More", page.hasMore())
                        .build();
            default -> throw Problems.invalid("format", "is json, csv or fhir");
        };
    }

    static String csv(List<AuditRecordView> records) {
        StringBuilder out = new StringBuilder(String.join(",", COLUMNS)).append("\r\n");
        for (AuditRecordView r : records) {
            List<Object> values = List.of(
                    r.occurredAt(),
                    r.service(),
                    r.agencyId(),
                    r.actorUserId(),
                    nullable(r.actorUsername()),
                    String.join(";", r.actorRoles()),
                    r.action(),
                    r.outcome(),
                    r.resourceType(),
                    nullable(r.resourceId()),
                    nullable(r.clientId()),
                    nullable(r.purpose()),
                    nullable(r.reason()),
                    nullable(r.requestId()),
                    nullable(r.clientApplication()),
                    String.join(";", r.consentIds()),
                    r.eventId(),
                    r.chainSeq(),
                    r.hash());
            for (int i = 0; i < values.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                out.append(field(values.get(i).toString()));
            }
            out.append("\r\n");
        }
        return out.toString();
    }

    private static Object nullable(String value) {
        return value == null ? "" : value;
    }

    /** A CSV field, quoted when it holds a comma, a quote or a line break (quotes doubled). */
    static String field(String value) {
        if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
            return '"' + value.replace("\"", "\"\"") + '"';
        }
        return value;
    }

    static ObjectNode bundle(List<AuditRecordView> records) {
        ObjectNode bundle = JsonNodeFactory.instance.objectNode();
        bundle.put("resourceType", "Bundle");
        bundle.put("type", "searchset");
        bundle.put("total", records.size());
        ArrayNode entries = bundle.putArray("entry");
        for (AuditRecordView r : records) {
            ObjectNode entry = entries.addObject();
            entry.put("fullUrl", "urn:uuid:" + r.eventId());
            entry.set("resource", auditEvent(r));
            entry.putObject("search").put("mode", "match");
        }
        return bundle;
    }

    static ObjectNode auditEvent(AuditRecordView r) {
        ObjectNode e = JsonNodeFactory.instance.objectNode();
        e.put("resourceType", "AuditEvent");
        e.put("id", r.eventId());
        e.putObject("type")
                .put("system", "http://terminology.hl7.org/CodeSystem/audit-event-type")
                .put("code", "rest")
                .put("display", "RESTful Operation");
        e.putArray("subtype")
                .addObject()
                .put("system", CAIRN_FHIR + "CodeSystem/audit-action")
                .put("code", r.action());
        e.put("action", FHIR_ACTION.getOrDefault(r.action(), "E"));
        e.put("recorded", r.occurredAt().toString());
        // 0 success, 4 minor failure (the access was refused)
        e.put("outcome", "denied".equals(r.outcome()) ? "4" : "0");
        if (r.purpose() != null) {
            e.putArray("purposeOfEvent").addObject().put("text", r.purpose());
        }
        ArrayNode agents = e.putArray("agent");
        ObjectNode agent = agents.addObject();
        if (!r.actorRoles().isEmpty()) {
            ArrayNode roles = agent.putArray("role");
            r.actorRoles()
                    .forEach(role -> roles.addObject()
                            .putArray("coding")
                            .addObject()
                            .put("system", CAIRN_FHIR + "CodeSystem/role")
                            .put("code", role));
        }
        ObjectNode who = agent.putObject("who");
        who.putObject("identifier").put("system", CAIRN_FHIR + "sid/user").put("value", r.actorUserId());
        if (r.actorUsername() != null) {
            who.put("display", r.actorUsername());
        }
        agent.put("requestor", true);
        if (r.clientApplication() != null) {
            // the application the user acted through, as a second agent (DICOM 110150 "Application")
            ObjectNode application = agents.addObject();
            application
                    .putObject("type")
                    .putArray("coding")
                    .addObject()
                    .put("system", "http://dicom.nema.org/resources/ontology/DCM")
                    .put("code", "110150")
                    .put("display", "Application");
            application
                    .putObject("who")
                    .put("display", r.clientApplication())
                    .putObject("identifier")
                    .put("system", CAIRN_FHIR + "sid/client-application")
                    .put("value", r.clientApplication());
            application.put("requestor", false);
        }
        ObjectNode source = e.putObject("source");
        source.put("site", r.agencyId());
        source.putObject("observer").put("display", "Cairn " + r.service() + " service");
        ArrayNode entities = e.putArray("entity");
        ObjectNode what = entities.addObject();
        ObjectNode reference = what.putObject("what");
        reference
                .putObject("identifier")
                .put("system", CAIRN_FHIR + "sid/" + r.resourceType())
                .put("value", r.resourceId() == null ? "(list)" : r.resourceId());
        what.putObject("type")
                .put("system", CAIRN_FHIR + "CodeSystem/resource-type")
                .put("code", r.resourceType());
        for (String consent : r.consentIds()) {
            entities.addObject().putObject("what").put("reference", "Consent/" + consent);
        }
        if (r.clientId() != null) {
            ObjectNode client = entities.addObject();
            client.putObject("what").put("reference", "Patient/" + r.clientId());
            client.putObject("role")
                    .put("system", "http://terminology.hl7.org/CodeSystem/object-role")
                    .put("code", "1")
                    .put("display", "Patient");
        }
        return e;
    }
}
