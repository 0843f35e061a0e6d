package org.cairn.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.ConnectException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.cairn.gateway.Upstreams.Answer;
import org.cairn.gateway.Upstreams.OnBehalf;
import org.cairn.platform.problem.ProblemException;
import org.cairn.platform.problem.ProblemResponses;
import org.cairn.platform.problem.Problems;

/**
 * The case overview: what a case manager opening a case needs in one round trip. The case itself comes
 * first (it names the client, and a case the caller may not see ends the overview with the same 404
 * the clients service gives); then the client, the latest assessments, the open care plan, the open
 * referrals, the next appointments and the caller's unread notifications about the case are asked
 * for at once, each from its service with the caller's own token. Each service still decides what
 * the caller may see. A section whose service is down, slow or refuses the caller is marked
 * unavailable, with why, and the others are returned.
 */
@ApplicationScoped
public class CaseOverview {

    /** The service that holds cases: the one asked first. */
    static final String CASES = "clients";

    private final Upstreams upstreams;
    private final ObjectMapper mapper;
    private final Duration timeout;
    private final Clock clock;

    CaseOverview(Upstreams upstreams, ObjectMapper mapper, GatewayConfig config) {
        this.upstreams = upstreams;
        this.mapper = mapper;
        this.timeout = config.overview().sectionTimeout();
        this.clock = Clock.systemUTC();
    }

    /** One section of the overview: the service that holds it, what to ask, and what to keep. */
    private record Section(String name, String service, String uri, Function<JsonNode, JsonNode> keep) {}

    public Uni<ObjectNode> of(UUID caseId, OnBehalf caller) {
        return upstreams
                .get(CASES, "/cases/" + caseId, caller.child(), timeout)
                .onFailure()
                .transform(failure -> anchorUnavailable(failure))
                .map(answer -> {
                    if (answer.status() == 404 || answer.status() == 403) {
                        throw Problems.notFound("case", caseId);
                    }
                    if (answer.status() == 401) {
                        throw Problems.unauthorized();
                    }
                    if (answer.status() != 200
                            || answer.body() == null
                            || !answer.body().hasNonNull("clientId")) {
                        throw unavailable("The case cannot be read right now; retry shortly.");
                    }
                    return answer.body();
                })
                .chain(found -> sections(caseId, found, caller));
    }

    private Uni<ObjectNode> sections(UUID caseId, JsonNode found, OnBehalf caller) {
        String clientId = found.get("clientId").asText();
        String now = Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
        List<Section> sections = List.of(
                new Section("client", "clients", "/clients/" + clientId, body -> body),
                new Section(
                        "assessments",
                        "assessments",
                        "/clients/" + clientId + "/assessments?size=50",
                        CaseOverview::latestPerInstrument),
                new Section("carePlan", "careplans", "/cases/" + caseId + "/care-plans", CaseOverview::openPlan),
                new Section(
                        "referrals",
                        "referrals",
                        "/referrals?box=sent&open=true&size=20&caseId=" + caseId,
                        CaseOverview::items),
                new Section(
                        "appointments",
                        "scheduling",
                        "/appointments?size=5&caseId=" + caseId + "&from=" + now,
                        CaseOverview::upcoming),
                new Section(
                        "notifications",
                        "notifications",
                        "/inbox?state=unread&size=20&caseId=" + caseId,
                        CaseOverview::items));
        List<Uni<ObjectNode>> calls =
                sections.stream().map(s -> section(s, caller)).toList();
        return Uni.join().all(calls).andFailFast().map(parts -> {
            ObjectNode overview = mapper.createObjectNode();
            overview.put("caseId", caseId.toString());
            overview.set("case", found);
            ArrayNode unavailable = overview.putArray("unavailable");
            ObjectNode all = overview.putObject("sections");
            for (int i = 0; i < sections.size(); i++) {
                all.set(sections.get(i).name(), parts.get(i));
                if (!parts.get(i).path("available").asBoolean()) {
                    unavailable.add(sections.get(i).name());
                }
            }
            return overview;
        });
    }

    private Uni<ObjectNode> section(Section section, OnBehalf caller) {
        if (upstreams.base(section.service()) == null) {
            return Uni.createFrom().item(missing(section, "not-installed"));
        }
        return upstreams
                .get(section.service(), section.uri(), caller.child(), timeout)
                .map(answer -> answered(section, answer))
                .onFailure()
                .recoverWithItem(failure -> missing(
                        section,
                        failure instanceof TimeoutException
                                        || failure.getClass().getName().contains("Timeout")
                                ? "timeout"
                                : "unavailable"));
    }

    private ObjectNode answered(Section section, Answer answer) {
        int status = answer.status();
        if (status == 200 && answer.body() != null) {
            ObjectNode part = mapper.createObjectNode();
            part.put("available", true);
            part.set("data", section.keep().apply(answer.body()));
            return part;
        }
        String reason = status == 403 || status == 404 ? "not-allowed" : status == 504 ? "timeout" : "unavailable";
        return missing(section, reason);
    }

    private ObjectNode missing(Section section, String reason) {
        ObjectNode part = mapper.createObjectNode();
        part.put("available", false);
        part.put("service", section.service());
        part.put("reason", reason);
        return part;
    }

    // ---- what each section keeps of its service's answer -------------------------------------------

    /** The newest completed assessment of each instrument (the service lists newest first). */
    static JsonNode latestPerInstrument(JsonNode page) {
        ArrayNode kept = JsonNodeFactory.instance.arrayNode();
        Set<String> seen = new HashSet<>();
        for (JsonNode a : page.path("items")) {
            if ("completed".equals(a.path("status").asText())
                    && seen.add(a.path("instrumentId").asText())) {
                kept.add(a);
            }
        }
        return kept;
    }

    /** The plan in force (active, or being reviewed) or else the newest one still open; null for none. */
    static JsonNode openPlan(JsonNode plans) {
        JsonNode open = null;
        for (JsonNode plan : plans) {
            String status = plan.path("status").asText();
            if (status.equals("active") || status.equals("under-review")) {
                return plan;
            }
            if (open == null && (status.equals("draft") || status.equals("submitted"))) {
                open = plan;
            }
        }
        return open == null ? NullNode.getInstance() : open;
    }

    /** The items of a page, with whether more follow. */
    static JsonNode items(JsonNode page) {
        ObjectNode kept = JsonNodeFactory.instance.objectNode();
        kept.set("items", page.path("items"));
        kept.put("hasMore", page.path("hasMore").asBoolean());
        return kept;
    }

    /** The coming appointments that still stand (not cancelled, not moved elsewhere). */
    static JsonNode upcoming(JsonNode page) {
        ArrayNode kept = JsonNodeFactory.instance.arrayNode();
        for (JsonNode a : page.path("items")) {
            String status = a.path("status").asText();
            if (!status.equals("cancelled") && !status.equals("rescheduled")) {
                kept.add(a);
            }
        }
        return kept;
    }

    private static ProblemException anchorUnavailable(Throwable failure) {
        if (failure instanceof ProblemException problem) {
            return problem;
        }
        return failure instanceof TimeoutException
                ? new ProblemException(
                        504,
                        "service-timeout",
                        ProblemResponses.title(504),
                        "The clients service did not answer in time.",
                        null)
                : unavailable(
                        failure instanceof ConnectException || failure.getCause() instanceof ConnectException
                                ? "The clients service, which holds the case, cannot be reached right now; retry shortly."
                                : "The case cannot be read right now; retry shortly.");
    }

    private static ProblemException unavailable(String detail) {
        return new ProblemException(503, "service-unavailable", ProblemResponses.title(503), detail, null);
    }
}
