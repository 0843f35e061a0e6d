package org.cairn.testing;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A service as it is shipped ({@code target/quarkus-app/quarkus-run.jar} of the module under test),
 * started as a process of its own against the dev infrastructure, for tests that kill it, start it
 * again, or run two of it: what {@code @QuarkusTest} in the test's JVM cannot show.
 */
public final class PackagedService implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;

    private PackagedService(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts the module's packaged service on a free port, on database {@code database} of the dev
     * server, with the dev broker and identity provider, and {@code env} on top (settings as
     * environment variables, e.g. {@code REFERRALS_SLA_URGENT}; they may replace the defaults too).
     */
    public static PackagedService start(String database, Map<String, String> env) throws IOException {
        Path jar = Path.of("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException("no packaged service at " + jar.toAbsolutePath() + " (mvn package)");
        }
        int port = freePort();
        Path log = Files.createTempFile("cairn-" + database + "-", ".log");
        String jdbcUrl = jdbcUrl(database);
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx256m",
                        "-jar",
                        jar.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> all = new HashMap<>(Map.of(
                "CAIRN_DB_JDBC_URL", jdbcUrl,
                "CAIRN_DB_REACTIVE_URL", jdbcUrl.substring("jdbc:".length()),
                "QUARKUS_HTTP_PORT", Integer.toString(port),
                "CAIRN_KAFKA_BOOTSTRAP", InfraEnv.kafkaBootstrap(),
                "CAIRN_OIDC_URL", InfraEnv.oidcUrl()));
        all.putAll(env);
        builder.environment().putAll(all);
        return new PackagedService(builder.start(), port, log);
    }

    /** The JDBC URL of a database of the dev server. */
    public static String jdbcUrl(String database) {
        return "jdbc:postgresql://" + InfraEnv.get("CAIRN_PG_HOST") + ":" + InfraEnv.get("CAIRN_PG_PORT") + "/"
                + database;
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Its output, to name in an assertion's message. */
    public Path log() {
        return log;
    }

    /** Waits until its readiness check answers UP; fails with the log's place if it does not in time. */
    public PackagedService awaitReady(Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the service exited (" + process.exitValue() + "); log: " + log);
            }
            try {
                HttpURLConnection c = (HttpURLConnection)
                        URI.create(url() + "/q/health/ready").toURL().openConnection();
                c.setConnectTimeout(500);
                c.setReadTimeout(1000);
                if (c.getResponseCode() == 200) {
                    return this;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the service was not ready in " + patience + "; log: " + log);
    }

    /** Waits for a run that ends by itself (a one-shot mode); its exit code, or a failure naming the log. */
    public int awaitExit(Duration patience) throws InterruptedException, IOException {
        if (!process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(
                    "the service did not exit within " + patience + ":\n" + Files.readString(log));
        }
        return process.exitValue();
    }

    /** SIGKILL: no shutdown hook, nothing flushed, as a crash or an OOM kill leaves it. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }
}
