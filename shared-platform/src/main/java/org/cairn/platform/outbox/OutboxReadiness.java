package org.cairn.platform.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import org.cairn.platform.config.CairnConfig;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready while events wait too long for Kafka: the service can no longer promise that what it
 * commits reaches the other services soon, and an operator should look.
 */
@Readiness
@ApplicationScoped
public class OutboxReadiness implements HealthCheck {

    private final OutboxRelay relay;
    private final CairnConfig config;

    OutboxReadiness(OutboxRelay relay, CairnConfig config) {
        this.relay = relay;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        long limit = config.outbox().maxUnsentAge().toSeconds();
        double age = relay.oldestUnsentAgeSeconds();
        return HealthCheckResponse.named("cairn-outbox")
                .status(!relay.enabled() || age <= limit)
                .withData("relay", relay.enabled() ? "in-process" : "disabled")
                .withData("unsent", relay.unsent())
                .withData("parked", relay.parked())
                .withData("oldestUnsentAgeSeconds", Math.round(age))
                .withData("maxUnsentAgeSeconds", limit)
                .build();
    }
}
