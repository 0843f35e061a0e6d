package org.cairn.notifications.service;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The live side of the inbox: every instance listens on PostgreSQL's {@code cairn_inbox} channel,
 * which the notification table's trigger tells at commit, and hands each new item's id to the
 * streams of its recipient open on this instance. So a stream sees items written by any instance,
 * and only committed ones. The listening connection reconnects on its own after PostgreSQL returns.
 */
@ApplicationScoped
public class LiveInbox {

    private static final Logger LOG = Logger.getLogger(LiveInbox.class);

    static final String CHANNEL = "cairn_inbox";

    /** One committed inbox item. */
    public record Arrived(String userId, UUID notificationId) {}

    private final Vertx vertx;
    private final String url;
    private final String user;
    private final String password;
    private final BroadcastProcessor<Arrived> hub = BroadcastProcessor.create();
    private PgSubscriber subscriber;

    LiveInbox(
            Vertx vertx,
            @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") String user,
            @ConfigProperty(name = "quarkus.datasource.password") String password) {
        this.vertx = vertx;
        this.url = url.startsWith("vertx-reactive:") ? url.substring("vertx-reactive:".length()) : url;
        this.user = user;
        this.password = password;
    }

    void start(@Observes StartupEvent event) {
        PgConnectOptions options = PgConnectOptions.fromUri(url).setUser(user).setPassword(password);
        subscriber = PgSubscriber.subscriber(vertx, options).reconnectPolicy(retries -> 2_000L);
        subscriber.channel(CHANNEL).handler(this::arrived);
        subscriber
                .connect()
                .subscribe()
                .with(
                        x -> LOG.debug("Listening for inbox items"),
                        f -> LOG.warnf(
                                "Listening for inbox items failed: %s",
                                f.getClass().getSimpleName()));
    }

    void stop(@Observes ShutdownEvent event) {
        if (subscriber != null) {
            subscriber.close();
        }
        hub.onComplete();
    }

    private void arrived(String payload) {
        int space = payload.indexOf(' ');
        if (space <= 0) {
            return;
        }
        try {
            hub.onNext(new Arrived(payload.substring(0, space), UUID.fromString(payload.substring(space + 1))));
        } catch (IllegalArgumentException e) {
            LOG.debug("Ignoring a malformed inbox announcement");
        }
    }

    /** The ids of the user's inbox items as they are committed, from now on. */
    public Multi<UUID> arrivals(String userId) {
        // every stream takes every announcement as it comes and keeps its own, so a stream busy
        // loading one item does not hold the others up; one that falls a thousand behind is ended
        // (the client reconnects and reads its inbox)
        return hub.onOverflow()
                .buffer(1024)
                .filter(a -> a.userId().equals(userId))
                .map(Arrived::notificationId);
    }
}
