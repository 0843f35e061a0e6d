package org.cairn.notifications.service;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.cairn.contracts.vocabulary.Coded;
import org.cairn.contracts.vocabulary.NotificationChannel;
import org.cairn.notifications.Audience;
import org.cairn.notifications.NotificationUrgency;
import org.cairn.notifications.NotificationsConfig;
import org.jboss.logging.Logger;

/**
 * The routing rules, held in memory: the network's defaults (agency {@value #NETWORK}) and each
 * agency's own rows, which replace a default for that agency's people. Reloaded after a change made
 * here and every {@code notifications.rules-reload-every}, for changes made through another instance.
 */
@ApplicationScoped
public class Rules {

    private static final Logger LOG = Logger.getLogger(Rules.class);

    /** The agency of the network's default rules. */
    public static final String NETWORK = "*";

    /** One rule: on an occasion, an audience hears on these channels with this urgency. */
    public record Rule(
            String agencyId,
            String occasion,
            Audience audience,
            List<NotificationChannel> channels,
            NotificationUrgency urgency,
            boolean enabled) {}

    private record Key(String agencyId, String occasion, Audience audience) {}

    private final Pool pool;
    private final Vertx vertx;
    private final NotificationsConfig config;
    private volatile Map<Key, Rule> rules = Map.of();
    private volatile Map<String, Set<Audience>> audiences = Map.of();
    private long timer = -1;

    Rules(Pool pool, Vertx vertx, NotificationsConfig config) {
        this.pool = pool;
        this.vertx = vertx;
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        reload().await().indefinitely();
        timer = vertx.setPeriodic(
                config.rulesReloadEvery().toMillis(),
                id -> reload().subscribe().with(x -> {}, e -> LOG.warnf("Reloading the rules failed: %s", e)));
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** Reads every rule again. */
    public Uni<Void> reload() {
        return pool.query("select agency_id, occasion, audience, channels, urgency, enabled from notification_rule")
                .execute()
                .invoke(rows -> {
                    List<Rule> all = new ArrayList<>();
                    for (Row row : rows) {
                        all.add(rule(row));
                    }
                    rules = all.stream()
                            .collect(Collectors.toUnmodifiableMap(
                                    r -> new Key(r.agencyId(), r.occasion(), r.audience()), r -> r));
                    audiences = all.stream()
                            .collect(Collectors.groupingBy(
                                    Rule::occasion, Collectors.mapping(Rule::audience, Collectors.toSet())));
                })
                .replaceWithVoid();
    }

    /** Every audience some rule of the occasion names, at any agency. */
    public Set<Audience> audiences(String occasion) {
        return audiences.getOrDefault(occasion, Set.of());
    }

    /** The rule that applies to an audience of an agency: the agency's own, else the network's. */
    public Optional<Rule> effective(String agencyId, String occasion, Audience audience) {
        Rule own = rules.get(new Key(agencyId, occasion, audience));
        return Optional.ofNullable(own != null ? own : rules.get(new Key(NETWORK, occasion, audience)));
    }

    /** The rules as an agency sees them: its own, and the defaults it has not replaced. */
    public List<Rule> asSeenBy(String agencyId) {
        Set<Key> seen = new LinkedHashSet<>();
        List<Rule> out = new ArrayList<>();
        rules.values().stream().filter(r -> r.agencyId().equals(agencyId)).forEach(r -> {
            seen.add(new Key(NETWORK, r.occasion(), r.audience()));
            out.add(r);
        });
        rules.values().stream()
                .filter(r -> r.agencyId().equals(NETWORK))
                .filter(r -> !seen.contains(new Key(NETWORK, r.occasion(), r.audience())))
                .forEach(out::add);
        out.sort((a, b) -> a.occasion().equals(b.occasion())
                ? a.audience().compareTo(b.audience())
                : a.occasion().compareTo(b.occasion()));
        return out;
    }

    /** Whether any rule names the occasion (so an agency's rule cannot invent one). */
    public boolean knows(String occasion) {
        return audiences.containsKey(occasion);
    }

    /** Writes a rule of an agency (or, as {@value #NETWORK}, a network default) and reloads. */
    public Uni<Rule> put(Rule rule, String by) {
        String[] channels = rule.channels().stream().map(Coded::code).distinct().toArray(String[]::new);
        return pool.preparedQuery("insert into notification_rule (agency_id, occasion, audience, channels, urgency,"
                        + " enabled, updated_by, updated_at) values ($1, $2, $3, $4, $5, $6, $7, now())"
                        + " on conflict (agency_id, occasion, audience) do update set channels = excluded.channels,"
                        + " urgency = excluded.urgency, enabled = excluded.enabled, updated_by = excluded.updated_by,"
                        + " updated_at = now()")
                .execute(Tuple.from(new Object[] {
                    rule.agencyId(),
                    rule.occasion(),
                    rule.audience().code(),
                    channels,
                    rule.urgency().code(),
                    rule.enabled(),
                    by
                }))
                .chain(this::reload)
                .replaceWith(rule);
    }

    /** Removes an agency's own rule, so the network's default applies again; whether there was one. */
    public Uni<Boolean> remove(String agencyId, String occasion, Audience audience) {
        return pool.preparedQuery(
                        "delete from notification_rule where agency_id = $1 and occasion = $2 and audience = $3")
                .execute(Tuple.of(agencyId, occasion, audience.code()))
                .chain(r -> reload().replaceWith(r.rowCount() > 0));
    }

    private static Rule rule(Row row) {
        return new Rule(
                row.getString("agency_id"),
                row.getString("occasion"),
                Coded.fromCode(Audience.class, row.getString("audience")),
                Arrays.stream(row.getArrayOfStrings("channels"))
                        .map(c -> Coded.fromCode(NotificationChannel.class, c))
                        .toList(),
                Coded.fromCode(NotificationUrgency.class, row.getString("urgency")),
                row.getBoolean("enabled"));
    }
}
