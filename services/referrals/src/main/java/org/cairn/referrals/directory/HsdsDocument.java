package org.cairn.referrals.directory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.cairn.contracts.events.EventJson;
import org.cairn.contracts.vocabulary.Coded;
import org.cairn.contracts.vocabulary.NeedDomain;
import org.cairn.platform.problem.Problem;
import org.cairn.platform.problem.Problems;

/**
 * Reads an Open Referral HSDS 3 document into what the directory stores: checked first against the
 * schema of what Cairn accepts ({@code hsds/directory.schema.json}), then for what a schema cannot
 * say (an id given twice, an age range upside down, an unknown need domain, two organizations
 * claiming one agency). Every error is reported with its JSON path, and a document with any error
 * is refused whole. Paths are JSON Pointers (RFC 6901) into the document as sent.
 */
public final class HsdsDocument {

    /** Taxonomy vocabulary of the need domains a service addresses (codes of {@link NeedDomain}). */
    public static final String NEED_DOMAIN_VOCABULARY = "cairn-need-domain";

    public static final String GENDER_VOCABULARY = "cairn-eligibility-gender";
    public static final String INSURANCE_VOCABULARY = "cairn-eligibility-insurance";
    public static final String INCOME_VOCABULARY = "cairn-eligibility-income";
    public static final String INCOME_LIMIT_CODE = "fpl-percent-max";

    /** Organization identifier type naming the network agency that runs the organization. */
    public static final String AGENCY_IDENTIFIER = "cairn-agency";

    private static final Schema SCHEMA = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(resource("/hsds/directory.schema.json"), InputFormat.JSON);

    private static final Map<String, Integer> WEEKDAYS =
            Map.of("MO", 1, "TU", 2, "WE", 3, "TH", 4, "FR", 5, "SA", 6, "SU", 7);

    private HsdsDocument() {}

    /** The services of a directory page ({@code {"contents": [service, ...]}}), or a 400 naming every error. */
    public static List<ServiceEntry> directory(String json) {
        return read(json, "");
    }

    /** One service object, or a 400 naming every error (paths from the service object). */
    public static ServiceEntry service(String json) {
        List<ServiceEntry> entries = read("{\"contents\":[" + json + "]}", "/contents/0");
        if (entries.size() != 1) {
            // "{...},{...}" would have been two services where one is asked for
            throw Problems.invalid("", "one HSDS service object");
        }
        return entries.get(0);
    }

    private static List<ServiceEntry> read(String json, String root) {
        List<Problem.FieldError> errors = new ArrayList<>();
        List<com.networknt.schema.Error> violations;
        try {
            violations = SCHEMA.validate(
                    json, InputFormat.JSON, ctx -> ctx.executionConfig(config -> config.formatAssertionsEnabled(true)));
        } catch (RuntimeException e) {
            throw Problems.invalid("", "not a JSON document");
        }
        for (com.networknt.schema.Error violation : violations) {
            errors.add(new Problem.FieldError(
                    rebase(violation.getInstanceLocation().toString(), root), violation.getMessage()));
        }
        if (!errors.isEmpty()) {
            throw Problems.invalid(errors);
        }
        JsonNode document;
        try {
            document = EventJson.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw Problems.invalid("", "not a JSON document");
        }
        List<ServiceEntry> entries = new ArrayList<>();
        Set<String> serviceIds = new HashSet<>();
        Set<UUID> atLocationIds = new HashSet<>();
        Map<String, String> agencyOfOrganization = new HashMap<>();
        Map<String, String> organizationOfAgency = new HashMap<>();
        ArrayNode contents = (ArrayNode) document.get("contents");
        for (int i = 0; i < contents.size(); i++) {
            String at = "/contents/" + i;
            ObjectNode service = (ObjectNode) contents.get(i);
            if (!serviceIds.add(service.get("id").asText().toLowerCase(Locale.ROOT))) {
                errors.add(error(root, at + "/id", "this service id is given twice in the document"));
            }
            ServiceEntry entry = entry(service, at, root, errors);
            for (int l = 0; l < entry.atLocations().size(); l++) {
                if (!atLocationIds.add(entry.atLocations().get(l).id())) {
                    errors.add(error(
                            root,
                            at + "/service_at_locations/" + l + "/id",
                            "this service_at_location id is given twice in the document"));
                }
            }
            String before = agencyOfOrganization.putIfAbsent(
                    entry.organizationId().toString(), String.valueOf(entry.agencyId()));
            if (before != null && !before.equals(String.valueOf(entry.agencyId()))) {
                errors.add(error(
                        root,
                        at + "/organization",
                        "the organization is given with another agency elsewhere in the document"));
            }
            if (entry.agencyId() != null) {
                String other = organizationOfAgency.putIfAbsent(
                        entry.agencyId(), entry.organizationId().toString());
                if (other != null && !other.equals(entry.organizationId().toString())) {
                    errors.add(error(
                            root,
                            at + "/organization/organization_identifiers",
                            "agency " + entry.agencyId() + " is named by two organizations of the document"));
                }
            }
            entries.add(entry);
        }
        if (!errors.isEmpty()) {
            throw Problems.invalid(errors);
        }
        return entries;
    }

    private static ServiceEntry entry(ObjectNode service, String at, String root, List<Problem.FieldError> errors) {
        ObjectNode organization = (ObjectNode) service.get("organization");
        UUID organizationId = UUID.fromString(organization.get("id").asText());
        if (service.hasNonNull("organization_id")
                && !UUID.fromString(service.get("organization_id").asText()).equals(organizationId)) {
            errors.add(error(root, at + "/organization_id", "differs from the id of the service's organization"));
        }
        String agencyId = null;
        for (JsonNode identifier : organization.path("organization_identifiers")) {
            if (AGENCY_IDENTIFIER.equals(identifier.path("identifier_type").asText())) {
                agencyId = identifier.get("identifier").asText();
            }
        }
        BigDecimal minimumAge = decimal(service.get("minimum_age"));
        BigDecimal maximumAge = decimal(service.get("maximum_age"));
        if (minimumAge != null && maximumAge != null && minimumAge.compareTo(maximumAge) > 0) {
            errors.add(error(root, at + "/minimum_age", "is above maximum_age"));
        }

        Set<String> needs = new LinkedHashSet<>();
        Set<String> genders = new LinkedHashSet<>();
        Set<String> insurance = new LinkedHashSet<>();
        Integer incomeLimit = null;
        List<String> terms = new ArrayList<>();
        JsonNode attributes = service.path("attributes");
        for (int a = 0; a < attributes.size(); a++) {
            JsonNode term = attributes.get(a).get("taxonomy_term");
            String code = term.get("code").asText();
            String vocabulary = term.path("vocabulary").asText("");
            String here = at + "/attributes/" + a;
            switch (vocabulary) {
                case NEED_DOMAIN_VOCABULARY -> {
                    try {
                        needs.add(Coded.fromCode(NeedDomain.class, code).code());
                    } catch (IllegalArgumentException e) {
                        errors.add(error(root, here + "/taxonomy_term/code", "is not a need domain of the network"));
                    }
                }
                case GENDER_VOCABULARY -> genders.add(code.toLowerCase(Locale.ROOT));
                case INSURANCE_VOCABULARY -> insurance.add(code.toLowerCase(Locale.ROOT));
                case INCOME_VOCABULARY -> {
                    String value = attributes.get(a).path("value").asText("");
                    if (!INCOME_LIMIT_CODE.equals(code) || !value.matches("[0-9]{1,4}")) {
                        errors.add(error(
                                root,
                                here,
                                "an income limit is code " + INCOME_LIMIT_CODE
                                        + " with the limit in percent of the federal poverty level as its value"));
                    } else {
                        incomeLimit = Integer.valueOf(value);
                    }
                }
                default -> {}
            }
            terms.add(term.path("name").asText(code));
        }

        Set<String> languages = new LinkedHashSet<>();
        for (JsonNode language : service.path("languages")) {
            languages.add((language.hasNonNull("code") ? language.get("code") : language.get("name"))
                    .asText()
                    .toLowerCase(Locale.ROOT));
        }
        Set<String> areas = new LinkedHashSet<>();
        for (JsonNode area : service.path("service_areas")) {
            areas.add(area.get("name").asText().trim().toLowerCase(Locale.ROOT));
        }

        List<Opening> openings = new ArrayList<>();
        openings(service.path("schedules"), null, openings);
        List<LocationEntry> locations = new ArrayList<>();
        List<AtLocation> atLocations = new ArrayList<>();
        JsonNode sals = service.path("service_at_locations");
        for (int l = 0; l < sals.size(); l++) {
            JsonNode sal = sals.get(l);
            ObjectNode location = (ObjectNode) sal.get("location");
            UUID locationId = UUID.fromString(location.get("id").asText());
            locations.add(new LocationEntry(
                    locationId,
                    location.path("name").asText(null),
                    location.hasNonNull("latitude") ? location.get("latitude").asDouble() : null,
                    location.hasNonNull("longitude") ? location.get("longitude").asDouble() : null,
                    location));
            ObjectNode withoutLocation = ((ObjectNode) sal).deepCopy();
            withoutLocation.remove("location");
            atLocations.add(new AtLocation(UUID.fromString(sal.get("id").asText()), locationId, withoutLocation));
            openings(sal.path("schedules"), locationId, openings);
        }

        Capacity capacity = null;
        JsonNode capacities = service.path("capacities");
        if (capacities.size() > 0) {
            JsonNode c = capacities.get(0);
            capacity = new Capacity(
                    c.get("available").asInt(),
                    c.hasNonNull("maximum") ? c.get("maximum").asInt() : null,
                    c.hasNonNull("cairn_waitlist") ? c.get("cairn_waitlist").asInt() : null);
        }

        ObjectNode stored = service.deepCopy();
        stored.remove("capacities");
        String name = service.get("name").asText();
        String description = service.path("description").asText(null);
        String searchText = String.join(
                " ",
                name,
                service.path("alternate_name").asText(""),
                description == null ? "" : description,
                organization.get("name").asText(),
                String.join(" ", terms));
        return new ServiceEntry(
                UUID.fromString(service.get("id").asText()),
                organizationId,
                agencyId,
                organization.get("name").asText(),
                organization,
                name,
                service.get("status").asText(),
                description,
                List.copyOf(needs),
                List.copyOf(languages),
                minimumAge,
                maximumAge,
                genders.isEmpty() ? null : List.copyOf(genders),
                areas.isEmpty() ? null : List.copyOf(areas),
                incomeLimit,
                insurance.isEmpty() ? null : List.copyOf(insurance),
                searchText,
                stored,
                capacity,
                locations,
                atLocations,
                openings);
    }

    /** Weekly opening hours from HSDS schedules; schedules of another kind describe, they do not open. */
    private static void openings(JsonNode schedules, UUID locationId, List<Opening> into) {
        for (int s = 0; s < schedules.size(); s++) {
            JsonNode schedule = schedules.get(s);
            String freq = schedule.path("freq").asText("WEEKLY");
            if (!"WEEKLY".equals(freq)
                    || !schedule.hasNonNull("byday")
                    || !schedule.hasNonNull("opens_at")
                    || !schedule.hasNonNull("closes_at")) {
                continue;
            }
            // opening and closing at the same time is open round the clock; closing before opening, overnight
            LocalTime opens = time(schedule.get("opens_at").asText());
            LocalTime closes = time(schedule.get("closes_at").asText());
            for (String day : schedule.get("byday").asText().split(",")) {
                Integer weekday = WEEKDAYS.get(day.replaceAll("^[+-]?[0-9]*", ""));
                into.add(new Opening(locationId, weekday, opens, closes));
            }
        }
    }

    /** The local time of an HSDS time ({@code HH:MM}, seconds and an offset optional): read in the network's zone. */
    private static LocalTime time(String text) {
        return LocalTime.parse(
                text.length() >= 8 && text.charAt(5) == ':' ? text.substring(0, 8) : text.substring(0, 5));
    }

    private static BigDecimal decimal(JsonNode node) {
        return node == null || node.isNull() ? null : node.decimalValue();
    }

    private static Problem.FieldError error(String root, String path, String message) {
        return new Problem.FieldError(rebase(path, root), message);
    }

    /** A path inside the wrapped document as the caller sent it. */
    private static String rebase(String path, String root) {
        return root.isEmpty() || !path.startsWith(root) ? path : path.substring(root.length());
    }

    private static String resource(String name) {
        try (InputStream in = HsdsDocument.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("no resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A service as the directory stores it. */
    public record ServiceEntry(
            UUID id,
            UUID organizationId,
            String agencyId,
            String organizationName,
            ObjectNode organization,
            String name,
            String status,
            String description,
            List<String> needDomains,
            List<String> languages,
            BigDecimal minimumAge,
            BigDecimal maximumAge,
            List<String> genders,
            List<String> serviceAreas,
            Integer incomeLimitFpl,
            List<String> insurance,
            String searchText,
            ObjectNode hsds,
            Capacity capacity,
            List<LocationEntry> locations,
            List<AtLocation> atLocations,
            List<Opening> openings) {}

    public record LocationEntry(UUID id, String name, Double latitude, Double longitude, ObjectNode hsds) {}

    public record AtLocation(UUID id, UUID locationId, ObjectNode hsds) {}

    public record Opening(UUID locationId, int weekday, LocalTime opens, LocalTime closes) {}

    public record Capacity(Integer available, Integer maximum, Integer waitlist) {}
}
