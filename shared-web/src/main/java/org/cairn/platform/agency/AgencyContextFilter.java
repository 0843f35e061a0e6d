package org.cairn.platform.agency;

import io.quarkus.oidc.runtime.OidcJwtCallerPrincipal;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.container.ContainerResponseContext;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.cairn.contracts.vocabulary.Role;
import org.cairn.platform.problem.Problems;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Resolves the {@link Caller} of every authenticated request from its verified token, and refuses
 * with 403 a token that names no agency or more than one: Cairn never guesses the agency, and never
 * takes it from anything but the token.
 */
public class AgencyContextFilter {

    /** The claim Keycloak's organization scope adds: the aliases of the user's organizations. */
    public static final String ORGANIZATION_CLAIM = "organization";

    /** The claim naming the client application a token was issued to. */
    public static final String AUTHORIZED_PARTY_CLAIM = "azp";

    public static final String REQUEST_ID_HEADER = "X-Request-Id";

    private static final Pattern SAFE_REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private final SecurityIdentity identity;
    private final AgencyContext context;
    private final HttpServerRequest request;

    AgencyContextFilter(SecurityIdentity identity, AgencyContext context, HttpServerRequest request) {
        this.identity = identity;
        this.context = context;
        this.request = request;
    }

    @ServerRequestFilter(preMatching = true)
    public void resolveCaller() {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return;
        }
        Set<String> agencies = organizations(claim(token, ORGANIZATION_CLAIM));
        if (agencies.isEmpty()) {
            throw Problems.forbidden("no-agency", "Your account does not belong to an agency of this network.");
        }
        if (agencies.size() > 1) {
            throw Problems.forbidden(
                    "several-agencies",
                    "Your account belongs to several agencies; Cairn needs a token for exactly one of them.");
        }
        context.resolve(new Caller(
                agencies.iterator().next(),
                token.getSubject(),
                token.getClaim("preferred_username"),
                cairnRoles(identity.getRoles()),
                requestId(),
                application(token)));
    }

    /**
     * A claim of the token. For a name the MicroProfile JWT vocabulary does not know, such as the
     * organization claim, {@code getClaim} builds and throws away an exception on every call (seen: a
     * few percent of a busy service's CPU); the verified claims of an OIDC token are read directly.
     */
    static Object claim(JsonWebToken token, String name) {
        if (token instanceof OidcJwtCallerPrincipal oidc) {
            return oidc.getClaims().getClaimValue(name);
        }
        return token.getClaim(name);
    }

    /** The OAuth client the token was issued to (Keycloak names it in {@code azp}), when it is a sane name. */
    static String application(JsonWebToken token) {
        Object azp = claim(token, AUTHORIZED_PARTY_CLAIM);
        String name = azp instanceof JsonString s ? s.getString() : azp instanceof String s ? s : null;
        return name != null && SAFE_REQUEST_ID.matcher(name).matches() ? name : null;
    }

    @ServerResponseFilter
    public void echoRequestId(ContainerResponseContext response) {
        context.current().ifPresent(c -> response.getHeaders().putSingle(REQUEST_ID_HEADER, c.requestId()));
    }

    private String requestId() {
        return requestIdOrNew(request.getHeader(REQUEST_ID_HEADER));
    }

    /** The caller's request id if it is a safe one to log and pass on, else a new one. */
    public static String requestIdOrNew(String given) {
        return given != null && SAFE_REQUEST_ID.matcher(given).matches()
                ? given
                : UUID.randomUUID().toString();
    }

    /** Reads the organization claim in either of the shapes Keycloak can give it. */
    static Set<String> organizations(Object claim) {
        Set<String> aliases = new LinkedHashSet<>();
        if (claim instanceof JsonArray array) {
            for (JsonValue value : array) {
                if (value instanceof JsonString s && !s.getString().isBlank()) {
                    aliases.add(s.getString());
                }
            }
        } else if (claim instanceof JsonObject object) {
            aliases.addAll(object.keySet());
        } else if (claim instanceof Collection<?> values) {
            values.forEach(v -> aliases.add(String.valueOf(v)));
        } else if (claim instanceof Map<?, ?> map) {
            map.keySet().forEach(k -> aliases.add(String.valueOf(k)));
        } else if (claim instanceof JsonString s && !s.getString().isBlank()) {
            aliases.add(s.getString());
        } else if (claim instanceof String s && !s.isBlank()) {
            aliases.add(s);
        }
        return aliases;
    }

    static Set<Role> cairnRoles(Set<String> roles) {
        Set<Role> result = EnumSet.noneOf(Role.class);
        for (Role role : Role.values()) {
            if (roles.contains(role.code())) {
                result.add(role);
            }
        }
        return result;
    }
}
