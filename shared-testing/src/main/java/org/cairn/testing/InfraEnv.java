package org.cairn.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The endpoints of the running dev infrastructure, as {@code dev/infra up} wrote them to
 * {@code .dev/infra.env}. The file is found through {@code -Dcairn.infra.env}, the
 * {@code CAIRN_INFRA_ENV} variable, or by walking up from the working directory; tests run from any
 * module of the checkout therefore see the same PostgreSQL, Kafka and Keycloak.
 */
public final class InfraEnv {

    static final String FILE = ".dev/infra.env";

    private static volatile Map<String, String> cached;

    private InfraEnv() {}

    /** Every entry of the env file, or an empty map when the infrastructure has not been started. */
    public static Map<String, String> entries() {
        Map<String, String> entries = cached;
        if (entries == null) {
            entries = locate().map(InfraEnv::read).orElse(Map.of());
            cached = entries;
        }
        return entries;
    }

    /** One entry; a missing one is an error that says how to start the infrastructure. */
    public static String get(String key) {
        String value = entries().get(key);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(
                    key + " is not known: start the dev infrastructure with dev/infra up (or run dev/test)");
        }
        return value;
    }

    public static String kafkaBootstrap() {
        return get("CAIRN_KAFKA_BOOTSTRAP");
    }

    /** The issuer URL of the demo network's realm. */
    public static String oidcUrl() {
        return get("CAIRN_OIDC_URL");
    }

    /** The issuer URL of an unrelated realm, whose tokens Cairn must reject. */
    public static String otherRealmOidcUrl() {
        return get("CAIRN_OIDC_OTHER_REALM_URL");
    }

    public static Path infraScript() {
        return Path.of(get("CAIRN_INFRA_SCRIPT"));
    }

    static Optional<Path> locate() {
        String explicit =
                Optional.ofNullable(System.getProperty("cairn.infra.env")).orElse(System.getenv("CAIRN_INFRA_ENV"));
        if (explicit != null && !explicit.isBlank()) {
            return Optional.of(Path.of(explicit)).filter(Files::isRegularFile);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(FILE);
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    static Map<String, String> read(Path file) {
        Map<String, String> entries = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(file)) {
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                if (trimmed.startsWith("export ")) {
                    trimmed = trimmed.substring("export ".length()).strip();
                }
                int eq = trimmed.indexOf('=');
                if (eq > 0) {
                    entries.put(
                            trimmed.substring(0, eq).strip(),
                            unquote(trimmed.substring(eq + 1).strip()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return Map.copyOf(entries);
    }

    private static String unquote(String value) {
        if (value.length() >= 2
                && (value.startsWith("\"") && value.endsWith("\"") || value.startsWith("'") && value.endsWith("'"))) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }
}
