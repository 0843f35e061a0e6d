package org.cairn.gateway;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;

/** Where the services are and how much the gateway lets through to them. */
@ConfigMapping(prefix = "gateway")
public interface GatewayConfig {

    /**
     * The services by the name that prefixes their routes ({@code /api/<name>/…}), each with its base
     * URL (scheme, host, port), e.g. {@code gateway.services.clients=http://clients:8080}.
     */
    Map<String, String> services();

    /**
     * How long a service may take to start answering (its status line and headers) before the caller
     * gets a 504. A live stream (Accept: text/event-stream) is not held to it.
     */
    @WithDefault("10s")
    Duration upstreamTimeout();

    /** How long connecting to a service may take before the caller gets a 503. */
    @WithDefault("2s")
    Duration connectTimeout();

    RateLimit rateLimit();

    Overview overview();

    /** The composition endpoints (the case overview). */
    interface Overview {

        /**
         * How long each service may take to answer its part of an overview; past it that part is marked
         * unavailable (reason timeout) and the rest is returned.
         */
        @WithDefault("3s")
        Duration sectionTimeout();
    }

    /** Requests per user (the token's subject), as a token bucket: a steady rate and a burst. */
    interface RateLimit {

        /** Requests a second one user may make, on average. */
        @WithDefault("50")
        int perSecond();

        /** Requests one user may make at once, above the average, after a quiet moment. */
        @WithDefault("200")
        int burst();
    }
}
