package org.cairn.platform.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How much work a Cairn HTTP application takes on at once. */
@ConfigMapping(prefix = "cairn.http")
public interface CairnHttpConfig {

    /**
     * Requests in progress (health and metrics excepted) beyond which new ones are answered 503 at
     * once, with Retry-After. A service that queues whatever arrives runs out of memory under overload
     * (seen: 384 MB heap, about 20,000 requests waiting for a database connection) and then answers
     * nobody; refusing the excess keeps it answering the rest.
     */
    @WithDefault("256")
    int maxInFlight();
}
