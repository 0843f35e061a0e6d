package org.cairn.bench;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.http.HttpDsl.http;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.OpenInjectionStep;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What every Cairn simulation shares: its settings (system properties set by {@code bench/run}), the
 * open-model injection profile, the HTTP protocol, the bearer token and the warm-up/measured split.
 *
 * <p>The model is open: virtual users arrive at a fixed rate whatever the service does, each sends
 * one request and leaves. A slow answer therefore never delays the next arrival, so queueing shows
 * up in the latencies instead of being hidden (no coordinated omission). Connections are shared
 * between users and Gatling opens a new one whenever all are busy, so a request never waits in the
 * load generator for a connection either.
 *
 * <p>A run is a warm-up followed by the measured period, at the same rate, without a gap. Requests
 * sent during the warm-up are named {@code "<name> (warm-up)"}; {@code bench/run} reads only the
 * others.
 */
final class Bench {

    static final String WARM_UP_SUFFIX = " (warm-up)";

    private Bench() {}

    /** Arrivals per second. */
    static double rate() {
        return Double.parseDouble(System.getProperty("cairn.bench.rate", "200"));
    }

    /** Measured seconds. */
    static int seconds() {
        return Integer.getInteger("cairn.bench.seconds", 30);
    }

    /** Warm-up seconds before the measured period. */
    static int warmUpSeconds() {
        return Integer.getInteger("cairn.bench.warmup", 10);
    }

    static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + property + " is not set (bench/run sets it)");
        }
        return value;
    }

    /** Warm-up then measured period, both at the same fixed arrival rate. */
    static List<OpenInjectionStep> openModel() {
        OpenInjectionStep measured = constantUsersPerSec(rate()).during(Duration.ofSeconds(seconds()));
        if (warmUpSeconds() == 0) {
            return List.of(measured);
        }
        return List.of(constantUsersPerSec(rate()).during(Duration.ofSeconds(warmUpSeconds())), measured);
    }

    static HttpProtocolBuilder protocol(String baseUrl) {
        return http.baseUrl(baseUrl)
                // The default warm-up request goes to https://gatling.io: no use offline, and not ours.
                .warmUp(baseUrl + "/q/health/live")
                .shareConnections()
                .acceptHeader("application/json")
                .contentTypeHeader("application/json")
                .userAgentHeader("cairn-bench");
    }

    private static final AtomicLong START = new AtomicLong();
    private static final AtomicLong ANSWERED_IN_WINDOW = new AtomicLong();
    private static final AtomicLong LAST_ANSWER = new AtomicLong();

    /**
     * Counts the answers that arrive during the measured period, whenever their request was sent:
     * the service's real throughput, which in an open model falls behind the rate when it cannot
     * keep up. Goes right after the request in a chain.
     */
    static ChainBuilder answered() {
        return exec(session -> {
            long now = System.nanoTime();
            long since = now - START.get();
            if (since >= TimeUnit.SECONDS.toNanos(warmUpSeconds())
                    && since < TimeUnit.SECONDS.toNanos(warmUpSeconds() + seconds())) {
                ANSWERED_IN_WINDOW.incrementAndGet();
            }
            LAST_ANSWER.accumulateAndGet(now, Math::max);
            return session;
        });
    }

    /**
     * Writes what Gatling's report does not say to {@code -Dcairn.bench.window} (if set): answers
     * received during the measured period, and how long after its end the last answer came.
     */
    static void writeWindow() {
        String path = System.getProperty("cairn.bench.window");
        if (path == null || START.get() == 0) {
            return;
        }
        long end = START.get() + TimeUnit.SECONDS.toNanos(warmUpSeconds() + seconds());
        String json = "{\"answered_in_window\": %d, \"last_answer_after_window_ms\": %.1f}\n"
                .formatted(ANSWERED_IN_WINDOW.get(), Math.max(0, LAST_ANSWER.get() - end) / 1e6);
        try {
            Files.writeString(Path.of(path), json);
        } catch (IOException e) {
            System.err.println("cairn-bench: cannot write " + path + ": " + e);
        }
    }

    /**
     * A request name that says which period the request was sent in: the clock starts with the first
     * request, which the open model sends at once.
     */
    static Function<Session, String> named(String name) {
        return session -> {
            long now = System.nanoTime();
            START.compareAndSet(0, now);
            boolean warmUp = now - START.get() < TimeUnit.SECONDS.toNanos(warmUpSeconds());
            return warmUp ? name + WARM_UP_SUFFIX : name;
        };
    }

    /** {@code Bearer <token>}, for an {@code Authorization} header. */
    static Function<Session, String> bearer() {
        return session -> "Bearer " + Token.current();
    }

    /**
     * The access token, from {@code CAIRN_BENCH_TOKEN}. When {@code CAIRN_BENCH_TOKEN_URL} and
     * {@code CAIRN_BENCH_TOKEN_FORM} are given too (bench/run gives them when the run outlasts the
     * token), a fresh one is fetched from that URL every {@code CAIRN_BENCH_TOKEN_REFRESH} seconds
     * (default 60), off the request path.
     */
    static final class Token {

        private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
        private static final AtomicReference<String> TOKEN = new AtomicReference<>();

        private Token() {}

        static synchronized String current() {
            String token = TOKEN.get();
            if (token == null) {
                token = System.getenv("CAIRN_BENCH_TOKEN");
                if (token == null || token.isBlank()) {
                    throw new IllegalStateException("CAIRN_BENCH_TOKEN is not set (bench/run sets it)");
                }
                TOKEN.set(token.strip());
                startRefreshing();
            }
            return TOKEN.get();
        }

        private static void startRefreshing() {
            String url = System.getenv("CAIRN_BENCH_TOKEN_URL");
            String form = System.getenv("CAIRN_BENCH_TOKEN_FORM");
            if (url == null || url.isBlank() || form == null || form.isBlank()) {
                return;
            }
            long every = Long.parseLong(System.getenv().getOrDefault("CAIRN_BENCH_TOKEN_REFRESH", "60"));
            HttpClient client = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "cairn-bench-token");
                t.setDaemon(true);
                return t;
            });
            timer.scheduleWithFixedDelay(
                    () -> {
                        try {
                            HttpResponse<String> response = client.send(
                                    HttpRequest.newBuilder(URI.create(url))
                                            .timeout(Duration.ofSeconds(10))
                                            .header("Content-Type", "application/x-www-form-urlencoded")
                                            .POST(HttpRequest.BodyPublishers.ofString(form))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString());
                            Matcher m = ACCESS_TOKEN.matcher(response.body());
                            if (response.statusCode() == 200 && m.find()) {
                                TOKEN.set(m.group(1));
                            } else {
                                System.err.println("cairn-bench: token refresh answered " + response.statusCode());
                            }
                        } catch (Exception e) {
                            System.err.println("cairn-bench: token refresh failed: " + e);
                        }
                    },
                    every,
                    every,
                    TimeUnit.SECONDS);
        }
    }
}
