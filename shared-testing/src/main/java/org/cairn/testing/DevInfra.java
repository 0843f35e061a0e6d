package org.cairn.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Stops and starts components of the dev infrastructure from a test, through the same
 * {@code dev/infra} script a developer uses: outage tests stop the real broker, not a mock of it.
 */
public final class DevInfra {

    private DevInfra() {}

    /** Stops the Kafka broker; returns once its process is gone. */
    public static void stopKafka() {
        run("stop", "kafka");
    }

    /** Starts the Kafka broker again with its data; returns once a produce/consume round trip works. */
    public static void startKafka() {
        run("up", "kafka");
    }

    /**
     * Suspends the broker's processes: connections stay open and nothing is answered, as with a
     * hung broker or a network partition, where a stopped one would refuse connections at once.
     */
    public static void freezeKafka() {
        run("freeze", "kafka");
    }

    /** Resumes a frozen broker. */
    public static void thawKafka() {
        run("thaw", "kafka");
    }

    private static void run(String... args) {
        Path script = InfraEnv.infraScript();
        List<String> command = new java.util.ArrayList<>(List.of(script.toString()));
        command.addAll(List.of(args));
        try {
            Path log = Files.createTempFile("cairn-dev-infra", ".log");
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish in 120 s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(
                        String.join(" ", command) + " failed (" + process.exitValue() + "):\n" + Files.readString(log));
            }
            Files.deleteIfExists(log);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
