package org.cairn.journey;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The whole suite as a user runs it: started and stopped by the project's own scripts (dev/up,
 * dev/down) from the jars the build made. A suite already running (a developer's dev/up) is used as it
 * is and left running.
 */
final class Suite {

    static final String GATEWAY = "http://127.0.0.1:8080";
    static final Path REPO = Path.of("..").toAbsolutePath().normalize();

    /** Every service of dev/services.conf, by name and port. */
    static final Map<String, Integer> SERVICES = Map.of(
            "gateway", 8080,
            "clients", 8081,
            "assessments", 8082,
            "careplans", 8083,
            "referrals", 8084,
            "scheduling", 8085,
            "notifications", 8086,
            "audit", 8087);

    /**
     * The databases the suite runs on, once known: the tests' ({@code _test}) when the journey started
     * it, and a service restarted later joins the same ones.
     */
    private static String databases;

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private Suite() {}

    /** Starts what is not running (dev/up, no build); true when this call started anything. */
    static boolean up() throws IOException, InterruptedException {
        if (SERVICES.values().stream().allMatch(Suite::ready)) {
            if (databases == null) {
                databases = ""; // a suite someone runs, on whatever databases they chose
            }
            return false;
        }
        if (databases == null) {
            databases = "_test";
        }
        // reminders looked for every second, so that the journey's reminder comes within its minute;
        // the tests' databases, whose users are those of the Keycloak the tests ran against (the dev
        // databases may hold the ids of another, from an earlier dev/infra)
        run(
                Duration.ofMinutes(8),
                Map.of(
                        "CAIRN_SKIP_BUILD", "1",
                        "SCHEDULING_REMINDERS_CHECK_EVERY", "PT1S",
                        "CAIRN_DEV_DB_SUFFIX", databases),
                "dev/up");
        return true;
    }

    /** Stops the services named (dev/down NAME…), leaving the rest and the infrastructure running. */
    static void stop(String... names) throws IOException, InterruptedException {
        String[] command = new String[names.length + 1];
        command[0] = "dev/down";
        System.arraycopy(names, 0, command, 1, names.length);
        run(Duration.ofMinutes(1), Map.of(), command);
    }

    /** Stops every service and leaves the infrastructure running (dev/down --services). */
    static void down() throws IOException, InterruptedException {
        run(Duration.ofMinutes(2), Map.of(), "dev/down", "--services");
    }

    static boolean ready(int port) {
        try {
            HttpResponse<Void> answer = HTTP.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                            .timeout(Duration.ofSeconds(3))
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            return answer.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void run(Duration limit, Map<String, String> env, String... command)
            throws IOException, InterruptedException {
        Path log = Files.createTempFile("cairn-journey-" + Path.of(command[0]).getFileName(), ".log");
        ProcessBuilder builder = new ProcessBuilder(List.of(command))
                .directory(REPO.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " took over " + limit + "; see " + log);
        }
        String output = Files.readString(log);
        System.out.println(output);
        if (process.exitValue() != 0) {
            throw new IllegalStateException(
                    String.join(" ", command) + " failed (" + process.exitValue() + "):\n" + output);
        }
    }
}
