package org.cairn.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Real access tokens of demo users, from the running Keycloak by the password grant (enabled on the
 * demo realm's public clients for tests and scripts only). Tokens are reused until shortly before
 * they expire.
 */
public final class DemoTokens {

    /** The public web client of the demo realms. */
    public static final String WEB_CLIENT = "cairn-web";

    /** A public client of the demo realm whose access tokens live two seconds. */
    public static final String SHORT_LIVED_CLIENT = "cairn-tests";

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Cached> CACHE = new ConcurrentHashMap<>();

    private DemoTokens() {}

    /** An access token of a demo user of the demo network's realm. */
    public static String accessToken(String username) {
        return CACHE.compute(InfraEnv.oidcUrl() + "|" + WEB_CLIENT + "|" + username, (key, cached) -> {
                    if (cached != null && cached.expiresAt.isAfter(Instant.now().plusSeconds(30))) {
                        return cached;
                    }
                    return fetch(InfraEnv.oidcUrl(), WEB_CLIENT, username);
                })
                .token;
    }

    /** The user id (token subject) of a demo user, as services see it. */
    public static String subject(String username) {
        String payload = accessToken(username).split("\\.")[1];
        try {
            return JSON.readTree(java.util.Base64.getUrlDecoder().decode(payload))
                    .get("sub")
                    .asText();
        } catch (IOException e) {
            throw new IllegalStateException("unreadable token payload", e);
        }
    }

    /** A fresh access token from any realm and public client; never cached. */
    public static String fetchAccessToken(String realmUrl, String clientId, String username) {
        return fetch(realmUrl, clientId, username).token;
    }

    private static Cached fetch(String realmUrl, String clientId, String username) {
        Map<String, String> form = Map.of(
                "grant_type",
                "password",
                "client_id",
                clientId,
                "username",
                username,
                "password",
                DemoUsers.PASSWORD,
                "scope",
                "openid");
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(realmUrl + "/protocol/openid-connect/token"))
                .timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("Keycloak refused a token for " + username + " at " + realmUrl + ": "
                        + response.statusCode() + " " + response.body());
            }
            JsonNode json = JSON.readTree(response.body());
            return new Cached(
                    json.get("access_token").asText(),
                    Instant.now().plusSeconds(json.get("expires_in").asLong()));
        } catch (IOException e) {
            throw new IllegalStateException("Keycloak is not reachable at " + realmUrl + "; run dev/infra up", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private record Cached(String token, Instant expiresAt) {}
}
