package org.cairn.bench;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.csv;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The clients service's hot paths, one per run, chosen by {@code -Dcairn.bench.scenario}:
 *
 * <ul>
 *   <li>{@code get}: {@code GET /clients/{id}} over the seeded clients (ids from
 *       {@code -Dcairn.bench.ids}, a CSV with an {@code id} column, taken in a circle);
 *   <li>{@code register}: {@code POST /clients} as an intake worker sends it, duplicate check included,
 *       with a new person per request;
 *   <li>{@code search}: {@code GET /clients?name=} with a seeded name (from {@code -Dcairn.bench.names},
 *       a CSV with a {@code name} column) with two adjacent letters swapped, as a typing slip would.
 * </ul>
 *
 * Base URL: {@code -Dcairn.bench.url}. Token: see {@link Bench.Token}.
 */
public class ClientsSimulation extends Simulation {

    private static final AtomicLong REGISTRATIONS = new AtomicLong();

    /** The phone numbers' first digits, different from one run to the next. */
    private static final long RUN_PHONE_PREFIX = System.currentTimeMillis() / 1000 % 1_000_000;

    {
        String scenario = Bench.required("cairn.bench.scenario");
        ScenarioBuilder load = switch (scenario) {
            case "get" -> scenario("clients-get").exec(getById());
            case "register" -> scenario("clients-register").exec(register());
            case "search" -> scenario("clients-search").exec(search());
            default -> throw new IllegalArgumentException("unknown clients scenario " + scenario);
        };
        setUp(load.injectOpen(Bench.openModel())).protocols(Bench.protocol(Bench.required("cairn.bench.url")));
    }

    @Override
    public void after() {
        Bench.writeWindow();
    }

    private static ChainBuilder getById() {
        return feed(csv(Bench.required("cairn.bench.ids")).circular())
                .exec(http(Bench.named("GET /clients/{id}"))
                        .get("/clients/#{id}")
                        .header("Authorization", Bench.bearer())
                        .check(status().is(200)))
                .exec(Bench.answered());
    }

    private static ChainBuilder register() {
        return exec(http(Bench.named("POST /clients"))
                        .post("/clients")
                        .header("Authorization", Bench.bearer())
                        .body(StringBody(ClientsSimulation::registration))
                        .check(status().is(201)))
                .exec(Bench.answered());
    }

    private static ChainBuilder search() {
        return feed(csv(Bench.required("cairn.bench.names")).random())
                .exec(session -> session.set(
                        "query", URLEncoder.encode(typo(session.getString("name")), StandardCharsets.UTF_8)))
                .exec(http(Bench.named("GET /clients?name="))
                        .get("/clients?name=#{query}")
                        .header("Authorization", Bench.bearer())
                        .check(status().is(200)))
                .exec(Bench.answered());
    }

    /**
     * A registration as an intake worker sends it, duplicate check included (no
     * {@code registerDespiteMatches}): a person nobody registered before, with a name of random letters
     * (so it resembles neither the seeded syllable names nor the other requests' names), a random birth
     * date before 1940 and a phone number made of the run's prefix and the request's number. A 409 (a possible
     * duplicate, which random names can produce now and then) counts as an error.
     */
    static String registration(Session session) {
        long n = REGISTRATIONS.getAndIncrement();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        // Before the seeded clients' birth dates (1940 on), so that a request meets only earlier
        // requests of the benchmark on its birth date, not four seeded clients as well.
        LocalDate birthDate = LocalDate.of(1900, 1, 1).plusDays(random.nextInt(14_600));
        String phone = "+1 %06d %07d".formatted(RUN_PHONE_PREFIX, n % 10_000_000);
        return """
                {"name":{"given":"%s","family":"%s"},"birthDate":"%s",\
                "contactPoints":[{"system":"phone","value":"%s"}]}""".formatted(
                randomName(random, 5 + random.nextInt(3)), randomName(random, 6 + random.nextInt(4)), birthDate, phone);
    }

    private static String randomName(ThreadLocalRandom random, int length) {
        char[] c = new char[length];
        for (int i = 0; i < length; i++) {
            c[i] = (char) ('a' + random.nextInt(26));
        }
        c[0] = Character.toUpperCase(c[0]);
        return new String(c);
    }

    /** The name with two adjacent letters (never the space) swapped. */
    static String typo(String name) {
        char[] c = name.toCharArray();
        for (int attempt = 0; attempt < 20; attempt++) {
            int at = ThreadLocalRandom.current().nextInt(c.length - 1);
            if (Character.isLetter(c[at]) && Character.isLetter(c[at + 1]) && c[at] != c[at + 1]) {
                char t = c[at];
                c[at] = c[at + 1];
                c[at + 1] = t;
                return new String(c);
            }
        }
        return name;
    }
}
