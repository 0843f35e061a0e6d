package org.cairn.platform.outbox;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Wakes the relay when an HTTP request has ended: once it has answered, the transaction that wrote its
 * events has committed, so the relay finds them on its first look. (A request whose client went away
 * ends earlier; its rows are found by the relay's timed look.)
 */
@ApplicationScoped
class OutboxWake {

    private final OutboxRelay relay;

    OutboxWake(OutboxRelay relay) {
        this.relay = relay;
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::wakeAtEnd);
    }

    private void wakeAtEnd(RoutingContext ctx) {
        ctx.addEndHandler(ignored -> relay.committed());
        ctx.next();
    }
}
