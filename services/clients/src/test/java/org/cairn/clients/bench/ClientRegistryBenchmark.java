package org.cairn.clients.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import org.cairn.testing.DemoTokens;
import org.cairn.testing.DemoUsers;
import org.cairn.testing.Sql;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Register, get by id and search by name over 100,000 seeded clients, through HTTP with real tokens,
 * each write with its outbox event and audit record. The load comes from this JVM, at a fixed
 * concurrency (a closed model: the issue 4 harness will add an open one), on the same two cores as
 * the service, PostgreSQL, Kafka and Keycloak. The baseline, in the same run and at the same
 * concurrency, is the service's own liveness endpoint: HTTP without security or database.
 *
 * <p>Run: {@code dev/test -Pbench -pl services/clients -am}. Results:
 * {@code services/clients/target/benchmarks/clients.md}. It asserts only that requests succeeded.
 */
@QuarkusTest
@Tag("benchmark")
class ClientRegistryBenchmark {

    static final int SEEDED = Integer.getInteger("cairn.bench.clients", 100_000);
    static final int SECONDS = Integer.getInteger("cairn.bench.seconds", 15);

    @TestHTTPResource("/")
    URI base;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void registerGetAndSearch_over100kClients() throws Exception {
        long seedStart = System.nanoTime();
        seed();
        double seedSeconds = (System.nanoTime() - seedStart) / 1e9;
        List<Map<String, Object>> sample = Sql.query(
                "select id::text as id, given_name || ' ' || family_name as name from client order by random() limit 5000");
        List<String> ids = sample.stream().map(r -> (String) r.get("id")).toList();
        List<String> names = sample.stream().map(r -> (String) r.get("name")).toList();
        String token = DemoTokens.accessToken(DemoUsers.HOSPITAL_CASE_MANAGER);

        run("warm-up", 16, 5, i -> get(token, "clients/" + ids.get(i % ids.size())));
        Result baseline = run("GET /q/health/live (baseline)", 32, SECONDS, i -> get(null, "q/health/live"));
        Result getById = run("GET /clients/{id}", 32, SECONDS, i -> get(token, "clients/" + ids.get(i % ids.size())));
        Result register = run("POST /clients", 16, SECONDS, i -> post(token, "clients", registration(i)));
        Result search = run(
                "GET /clients?name= (one typo)",
                8,
                SECONDS,
                i -> get(
                        token,
                        "clients?name="
                                + URLEncoder.encode(typo(names.get(i % names.size())), StandardCharsets.UTF_8)));

        String report = """
                # Clients service benchmark

                %d clients seeded in %.1f s; %d s per scenario; one JVM with the load generator; 2 cores shared with
                PostgreSQL, Kafka and Keycloak.

                | scenario | concurrency | requests | errors | req/s | p50 ms | p90 ms | p99 ms |
                |---|---|---|---|---|---|---|---|
                %s
                %s
                %s
                %s

                get by id / baseline throughput: %.2f
                """.formatted(
                        SEEDED,
                        seedSeconds,
                        SECONDS,
                        baseline.row(),
                        getById.row(),
                        register.row(),
                        search.row(),
                        getById.rate() / baseline.rate());
        Path out = Path.of("target", "benchmarks", "clients.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        System.out.println(report);

        assertThat(getById.errors()).isZero();
        assertThat(register.errors()).isZero();
        assertThat(search.errors()).isZero();
    }

    /** 100,000 clients of the hospital, in one statement: names, birth dates, access rows. */
    private static void seed() {
        // Names built from syllables, so that they are as varied as real ones: a typo matches a handful
        // of clients, not thousands.
        Sql.update("""
                with syl as (select array['ka','lo','mi','ne','ra','sa','to','vi','za','de','fi','gu','ha','jo','ku','le',
                                          'mo','na','pe','ri','su','ta','ul','ve','wi','ya','zo','bre','cha','dri','fla',
                                          'gro','kla','mar','nor','pri','sto','tru','vel','wen','xan','yor','zel','ash',
                                          'ben','cor','dan','eli','fen','gar'] a)
                insert into client (id, given_name, family_name, birth_date, interpreter_needed, safe_to_leave_messages,
                                    registered_by_agency, created_at, updated_at, version)
                select gen_random_uuid(),
                       initcap(a[1 + (g * 7) %% 50] || a[1 + (g * 31 / 7) %% 50]),
                       initcap(a[1 + (g * 13) %% 50] || a[1 + (g / 50) %% 50] || a[1 + (g * 3 / 11) %% 50]),
                       date '1940-01-01' + (g %% 25000), false, false, 'riverbend-hospital', now(), now(), 0
                from generate_series(1, %d) g, syl
                """.formatted(SEEDED).replace("%%", "%"));
        Sql.update("""
                insert into client_access (client_id, agency_id, reason, granted_at)
                select id, registered_by_agency, 'registered', now() from client
                on conflict do nothing""");
        Sql.update("analyze client");
        Sql.update("analyze client_access");
    }

    private static String registration(int i) {
        long n = System.nanoTime() + i;
        return """
                {"name": {"given": "Bench%d", "family": "Runner%d"}, "birthDate": "1990-01-01",
                 "contactPoints": [{"system": "phone", "value": "555-%07d"}], "registerDespiteMatches": true}
                """.formatted(n % 100000, n, n % 10_000_000);
    }

    private static String typo(String name) {
        char[] c = name.toCharArray();
        int at = 1 + ThreadLocalRandom.current().nextInt(c.length - 2);
        char t = c[at];
        c[at] = c[at + 1];
        c[at + 1] = t;
        return new String(c);
    }

    private HttpRequest get(String token, String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(10))
                .GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b.build();
    }

    private HttpRequest post(String token, String path, String body) {
        return HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    record Result(String name, int concurrency, long requests, long errors, double rate, List<Double> latencies) {

        double p(double q) {
            if (latencies.isEmpty()) {
                return Double.NaN;
            }
            return latencies.get((int) Math.min(latencies.size() - 1, Math.ceil(q / 100 * latencies.size()) - 1));
        }

        String row() {
            return "| %s | %d | %d | %d | %.0f | %.1f | %.1f | %.1f |"
                    .formatted(name, concurrency, requests, errors, rate, p(50), p(90), p(99));
        }
    }

    /** Keeps {@code concurrency} requests in flight for {@code seconds}. */
    private Result run(String name, int concurrency, int seconds, IntFunction<HttpRequest> request) throws Exception {
        Semaphore slots = new Semaphore(concurrency);
        ConcurrentLinkedQueue<Double> latencies = new ConcurrentLinkedQueue<>();
        AtomicLong errors = new AtomicLong();
        AtomicInteger counter = new AtomicInteger();
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            slots.acquire();
            long sent = System.nanoTime();
            http.sendAsync(request.apply(counter.getAndIncrement()), HttpResponse.BodyHandlers.discarding())
                    .whenComplete((response, failure) -> {
                        latencies.add((System.nanoTime() - sent) / 1e6);
                        if (failure != null || response.statusCode() >= 400) {
                            errors.incrementAndGet();
                        }
                        slots.release();
                    });
        }
        slots.acquire(concurrency);
        double elapsed = (System.nanoTime() - start) / 1e9;
        List<Double> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        return new Result(name, concurrency, sorted.size(), errors.get(), sorted.size() / elapsed, sorted);
    }
}
