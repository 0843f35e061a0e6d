package org.cairn.notifications.service;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.MultiMap;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cairn.contracts.vocabulary.Role;
import org.cairn.notifications.NotificationsConfig;
import org.cairn.platform.timers.DueSweep;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The network's staff as the identity provider knows them: every member of each organization (an
 * agency) with the Cairn roles they hold, read from Keycloak's admin API with a read-only service
 * account and recorded as reachable staff, so that "the agency's supervisors" includes one who never
 * signed in. Roles are the realm roles granted to the user directly (as the demo realm grants
 * them); a role that comes only through a group or a composite role is not seen. A user who belongs
 * to several organizations is left to their sign-ins (each token acts for one agency). Someone who
 * is disabled, or no longer a member of any organization, loses their roles here, so nobody is
 * reached by role after leaving. Users' own settings are never touched; nothing of a person is
 * logged.
 */
@ApplicationScoped
public class StaffDirectory {

    private static final Logger LOG = Logger.getLogger(StaffDirectory.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final int PAGE = 100;

    private final NotificationsConfig config;
    private final People people;
    private final Vertx vertx;
    private final WebClient http;
    private final String tokenUrl;
    private final String adminUrl;
    private DueSweep sweep;

    StaffDirectory(
            NotificationsConfig config,
            People people,
            Vertx vertx,
            @ConfigProperty(name = "quarkus.oidc.auth-server-url") String realmUrl) {
        this.config = config;
        this.people = people;
        this.vertx = vertx;
        this.http = WebClient.create(
                vertx,
                new WebClientOptions()
                        .setConnectTimeout((int) TIMEOUT.toMillis())
                        .setIdleTimeout(30));
        String base = realmUrl.replaceAll("/+$", "");
        int realms = base.lastIndexOf("/realms/");
        if (realms < 0) {
            throw new IllegalStateException("the identity provider's URL does not name a realm (…/realms/NAME)");
        }
        this.tokenUrl = base + "/protocol/openid-connect/token";
        this.adminUrl = base.substring(0, realms) + "/admin" + base.substring(realms);
    }

    /** Whether a service account is configured (else staff are known from their sign-ins only). */
    public boolean enabled() {
        return config.directory().clientSecret().filter(s -> !s.isBlank()).isPresent();
    }

    void start(@Observes StartupEvent event) {
        if (enabled()) {
            // once soon after the start, then every syncEvery
            vertx.setTimer(
                    1_000,
                    id -> sync().subscribe()
                            .with(n -> {}, f -> LOG.warnf("Reading the staff directory failed: %s", f.getMessage())));
            sweep = DueSweep.start(
                    vertx,
                    config.directory().syncEvery(),
                    Integer.MAX_VALUE,
                    "Reading the staff directory",
                    this::sync);
        }
    }

    void stop(@Observes ShutdownEvent event) {
        if (sweep != null) {
            sweep.stop();
        }
    }

    @PreDestroy
    void close() {
        http.close();
    }

    /** Reads the directory once and records everyone in it; how many people were recorded. */
    public Uni<Integer> sync() {
        if (!enabled()) {
            return Uni.createFrom().item(0);
        }
        return token().chain(token -> rolesOfUsers(token)
                .chain(roles -> organizations(token)
                        .chain(orgs -> Multi.createFrom()
                                .iterable(orgs)
                                .onItem()
                                .transformToUniAndConcatenate(
                                        org -> pages(token, "/organizations/" + org.getString("id") + "/members")
                                                .map(members -> new Members(org.getString("alias"), members)))
                                .collect()
                                .asList())
                        .chain(memberships -> record(memberships, roles))));
    }

    private record Members(String agencyId, List<JsonObject> users) {}

    private Uni<Integer> record(List<Members> memberships, Map<String, Set<Role>> roles) {
        Map<String, Integer> organizationsOf = new HashMap<>();
        List<String> active = new ArrayList<>();
        memberships.forEach(m -> m.users().stream()
                .filter(u -> u.getBoolean("enabled", true))
                .forEach(u -> {
                    organizationsOf.merge(u.getString("id"), 1, Integer::sum);
                    active.add(u.getString("id"));
                }));
        List<Uni<Void>> writes = new ArrayList<>();
        for (Members m : memberships) {
            for (JsonObject user : m.users()) {
                String id = user.getString("id");
                Set<Role> cairnRoles = roles.getOrDefault(id, Set.of());
                if (m.agencyId() == null
                        || cairnRoles.isEmpty()
                        || !organizationsOf.containsKey(id)
                        || organizationsOf.get(id) > 1) {
                    continue;
                }
                writes.add(people.listed(
                        id, m.agencyId(), user.getString("username"), cairnRoles, user.getString("email")));
            }
        }
        int count = writes.size();
        // whoever the directory no longer lists as an active member is reached by role no more
        writes.add(people.unlistedExcept(active));
        return Multi.createFrom()
                .iterable(writes)
                .onItem()
                .transformToUniAndConcatenate(u -> u)
                .collect()
                .last()
                .invoke(() -> LOG.debugf("Staff directory read: %d people recorded", count))
                .replaceWith(count);
    }

    private Uni<String> token() {
        MultiMap form = MultiMap.caseInsensitiveMultiMap()
                .add("grant_type", "client_credentials")
                .add("client_id", config.directory().clientId())
                .add("client_secret", config.directory().clientSecret().orElse(""));
        return http.postAbs(tokenUrl)
                .timeout(TIMEOUT.toMillis())
                .sendForm(form)
                .map(r -> ok(r, "token").bodyAsJsonObject().getString("access_token"));
    }

    /** Who holds each Cairn role (granted directly as a realm role). */
    private Uni<Map<String, Set<Role>>> rolesOfUsers(String token) {
        Map<String, Set<Role>> roles = new HashMap<>();
        Uni<Void> all = Uni.createFrom().voidItem();
        for (Role role : Role.values()) {
            all = all.chain(() -> pages(
                            token, "/roles/" + URLEncoder.encode(role.code(), StandardCharsets.UTF_8) + "/users")
                    .invoke(users ->
                            users.forEach(u -> roles.computeIfAbsent(u.getString("id"), k -> EnumSet.noneOf(Role.class))
                                    .add(role)))
                    .replaceWithVoid());
        }
        return all.replaceWith(roles);
    }

    private Uni<List<JsonObject>> organizations(String token) {
        return pages(token, "/organizations");
    }

    /** Every item of a paged admin list. */
    private Uni<List<JsonObject>> pages(String token, String path) {
        return pagesFrom(token, path, 0, new ArrayList<>());
    }

    private Uni<List<JsonObject>> pagesFrom(String token, String path, int first, List<JsonObject> so) {
        return http.getAbs(adminUrl + path + "?first=" + first + "&max=" + PAGE)
                .timeout(TIMEOUT.toMillis())
                .bearerTokenAuthentication(token)
                .send()
                .chain(r -> {
                    JsonArray page = ok(r, path).bodyAsJsonArray();
                    page.forEach(item -> so.add((JsonObject) item));
                    return page.size() < PAGE ? Uni.createFrom().item(so) : pagesFrom(token, path, first + PAGE, so);
                });
    }

    private static HttpResponse<Buffer> ok(HttpResponse<Buffer> response, String what) {
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("the identity provider answered " + response.statusCode()
                    + " for the staff directory (" + what + ")");
        }
        return response;
    }
}
