package org.cairn.platform.fhir;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.cairn.contracts.vocabulary.Coded;
import org.cairn.contracts.vocabulary.NeedDomain;

/**
 * What every Cairn FHIR R4 export writes alike, as Jackson trees: Cairn's code and identifier
 * systems, the need-domain coding, references inside a bundle ({@code urn:uuid:}) and outside it (an
 * opaque Cairn id as type and identifier, plus a literal reference when the id is a valid FHIR id),
 * generated XHTML narratives, and the rule that an absent value is left out (no nulls, no blank
 * strings, no empty objects).
 */
public final class FhirJson {

    /** Base of Cairn's own FHIR code systems and identifier systems. */
    public static final String CAIRN_FHIR = "https://cairn.example/fhir/";

    public static final String NEED_DOMAIN_SYSTEM = CAIRN_FHIR + "CodeSystem/need-domain";
    public static final String USER_SYSTEM = CAIRN_FHIR + "sid/user";
    public static final String AGENCY_SYSTEM = CAIRN_FHIR + "sid/agency";
    public static final String REFERRAL_SYSTEM = CAIRN_FHIR + "sid/referral";

    public static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

    private static final Map<String, String> NEED_DOMAIN_DISPLAY = Map.ofEntries(
            Map.entry("housing", "Housing"),
            Map.entry("food", "Food"),
            Map.entry("transportation", "Transportation"),
            Map.entry("utilities", "Utilities"),
            Map.entry("interpersonal-safety", "Interpersonal safety"),
            Map.entry("employment", "Employment"),
            Map.entry("income", "Income"),
            Map.entry("education", "Education"),
            Map.entry("health-care-access", "Health care access"),
            Map.entry("behavioral-health", "Behavioral health"),
            Map.entry("substance-use", "Substance use"),
            Map.entry("legal", "Legal"),
            Map.entry("childcare", "Childcare"),
            Map.entry("social-isolation", "Social isolation"));

    private FhirJson() {}

    /** An empty collection Bundle; add its entries with {@link #addEntry}. */
    public static ObjectNode collection() {
        ObjectNode bundle = JSON.objectNode();
        bundle.put("resourceType", "Bundle");
        bundle.put("type", "collection");
        bundle.putArray("entry");
        return bundle;
    }

    public static void addEntry(ArrayNode entries, UUID id, ObjectNode resource) {
        ObjectNode entry = entries.addObject();
        entry.put("fullUrl", urn(id));
        entry.set("resource", resource);
    }

    public static ObjectNode needDomain(String value) {
        String domain = text(value);
        if (domain == null) {
            return null;
        }
        String display = NEED_DOMAIN_DISPLAY.get(domain);
        if (display == null && Coded.codes(NeedDomain.class).contains(domain)) {
            // a domain added to the vocabulary after this table: its code, in words
            display = Character.toUpperCase(domain.charAt(0))
                    + domain.substring(1).replace('-', ' ');
        }
        if (display == null) {
            throw new IllegalArgumentException("unknown need domain: " + domain);
        }
        ObjectNode coding = JSON.objectNode();
        coding.put("system", NEED_DOMAIN_SYSTEM);
        coding.put("code", domain);
        coding.put("display", display);
        return coding;
    }

    public static ObjectNode inBundle(UUID id) {
        ObjectNode ref = JSON.objectNode();
        ref.put("reference", urn(id));
        return ref;
    }

    /**
     * A reference to something kept outside the bundle under an opaque Cairn id: type and identifier
     * always, the literal reference only when the id is a valid FHIR id. Null when there is no id.
     */
    public static ObjectNode outside(String type, String system, String rawId) {
        String id = text(rawId);
        if (id == null) {
            return null;
        }
        ObjectNode ref = JSON.objectNode();
        if (FHIR_ID.matcher(id).matches()) {
            ref.put("reference", type + "/" + id);
        }
        ref.put("type", type);
        ObjectNode identifier = ref.putObject("identifier");
        identifier.put("system", system);
        identifier.put("value", id);
        return ref;
    }

    /** A generated XHTML narrative of the given paragraphs (nulls skipped), for human readers. */
    public static ObjectNode narrative(String... paragraphs) {
        StringBuilder div = new StringBuilder("<div xmlns=\"http://www.w3.org/1999/xhtml\">");
        for (String paragraph : paragraphs) {
            if (paragraph != null) {
                div.append("<p>").append(escapeXml(paragraph)).append("</p>");
            }
        }
        div.append("</div>");
        ObjectNode text = JSON.objectNode();
        text.put("status", "generated");
        text.put("div", div.toString());
        return text;
    }

    public static String escapeXml(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                default -> {
                    // Control characters other than tab and line breaks are not allowed in XML.
                    if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /** A kebab-case code as words, for the narrative: "under-review" reads "under review". */
    public static String words(String code) {
        String value = text(code);
        return value == null ? "unknown" : value.replace('-', ' ');
    }

    public static String dateTime(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MILLIS).toString();
    }

    public static String code(Map<String, String> mapping, String value, String what) {
        String key = text(value);
        String mapped = key == null ? null : mapping.get(key);
        if (mapped == null) {
            throw new IllegalArgumentException("unknown " + what + ": " + value);
        }
        return mapped;
    }

    public static String urn(UUID id) {
        return "urn:uuid:" + id;
    }

    /** Trimmed text, or null when absent or blank. */
    public static String text(String value) {
        if (value == null) {
            return null;
        }
        String trimmed = value.strip();
        return trimmed.isEmpty() ? null : trimmed;
    }

    public static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    public static void addIfPresent(ArrayNode array, ObjectNode value) {
        if (value != null) {
            array.add(value);
        }
    }
}
