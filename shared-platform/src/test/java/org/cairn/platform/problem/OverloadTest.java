package org.cairn.platform.problem;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.cairn.testing.DemoTokens;
import org.cairn.testing.DemoUsers;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * More requests at once than {@code cairn.http.max-in-flight} (100 in these tests): the excess is
 * refused with a 503 problem and Retry-After, the rest are served, health keeps answering, and once
 * the crowd is gone the service takes requests again.
 */
@QuarkusTest
class OverloadTest {

    @Test
    void requestsBeyondTheLimit_are503WithRetryAfter_andTheRestAreServed() throws Exception {
        String base = ConfigProvider.getConfig().getValue("test.url", String.class);
        int limit = ConfigProvider.getConfig().getValue("cairn.http.max-in-flight", Integer.class);
        String token = DemoTokens.accessToken(DemoUsers.HOSPITAL_CASE_MANAGER);
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest slow = HttpRequest.newBuilder(URI.create(base + "/notes/slow?ms=3000"))
                .header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(30))
                .build();

        List<CompletableFuture<HttpResponse<String>>> crowd = new ArrayList<>();
        for (int i = 0; i < limit + 40; i++) {
            crowd.add(http.sendAsync(slow, HttpResponse.BodyHandlers.ofString()));
        }
        Thread.sleep(1_500); // all of them arrived; the first hundred are still in progress
        HttpResponse<String> health = http.send(
                HttpRequest.newBuilder(URI.create(base + "/q/health/live")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);

        int served = 0;
        int refused = 0;
        for (CompletableFuture<HttpResponse<String>> pending : crowd) {
            HttpResponse<String> response = pending.get(30, TimeUnit.SECONDS);
            if (response.statusCode() == 200) {
                served++;
            } else {
                assertThat(response.statusCode()).isEqualTo(503);
                assertThat(response.headers().firstValue("Content-Type")).hasValue(Problem.MEDIA_TYPE);
                assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
                assertThat(response.body()).contains("overloaded");
                refused++;
            }
        }
        assertThat(served).isEqualTo(limit);
        assertThat(refused).isEqualTo(40);

        HttpResponse<String> after = http.send(
                HttpRequest.newBuilder(URI.create(base + "/notes/slow?ms=1"))
                        .header("Authorization", "Bearer " + token)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(after.statusCode()).isEqualTo(200);
    }
}
