package org.cairn.platform.agency;

import io.quarkus.oidc.runtime.OidcIdentityProvider;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Remembers the bearer tokens this instance has verified, until each one expires. A front end sends
 * the same access token with every request for its whole lifetime (minutes), and checking its
 * signature and parsing its claims again each time was most of the CPU a simple read cost (measured:
 * a health check answered 20,000 times a second without a token and 3,300 with one).
 *
 * <p>Only a token that Quarkus OIDC verified, byte for byte the same string, is answered from here,
 * and only until its {@code exp}: what a verified JWT may do does not change during its lifetime, and
 * Cairn checks no revocation list during it anyway. Anything else (a new token, an expired one, a
 * token that is not a JWT) goes to Quarkus OIDC as before, whose answer is then remembered if it is a
 * verified identity. At most {@link #MAX_TOKENS} tokens are kept; past that, the expired ones are
 * dropped, and if that is not enough, all of them.
 */
@ApplicationScoped
public class VerifiedTokens implements IdentityProvider<TokenAuthenticationRequest> {

    static final int MAX_TOKENS = 2048;

    private record Verified(SecurityIdentity identity, long expiresAt) {}

    private final Map<String, Verified> verified = new ConcurrentHashMap<>();
    private final OidcIdentityProvider oidc;

    VerifiedTokens(OidcIdentityProvider oidc) {
        this.oidc = oidc;
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    /** Ahead of Quarkus OIDC's own provider, which answers whatever this one does not. */
    @Override
    public int priority() {
        return SYSTEM_FIRST + 1000;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(
            TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        String token = request.getToken().getToken();
        long now = Instant.now().getEpochSecond();
        Verified known = verified.get(token);
        if (known != null) {
            if (now < known.expiresAt()) {
                return Uni.createFrom().item(forThisRequest(known.identity(), request, context));
            }
            verified.remove(token, known);
        }
        return oidc.authenticate(request, context).invoke(identity -> remember(token, identity, now));
    }

    private void remember(String token, SecurityIdentity identity, long now) {
        if (identity == null
                || identity.isAnonymous()
                || !(identity.getPrincipal() instanceof JsonWebToken jwt)
                || jwt.getExpirationTime() <= now) {
            return;
        }
        if (verified.size() >= MAX_TOKENS) {
            verified.values().removeIf(v -> v.expiresAt() <= now);
            if (verified.size() >= MAX_TOKENS) {
                verified.clear();
            }
        }
        verified.put(token, new Verified(identity, jwt.getExpirationTime()));
    }

    /**
     * The remembered identity, with the attributes that belong to the request rather than to the
     * token (its routing context and authentication context) taken from this one.
     */
    private static SecurityIdentity forThisRequest(
            SecurityIdentity identity, TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        QuarkusSecurityIdentity.Builder builder = QuarkusSecurityIdentity.builder(identity)
                .addAttribute(AuthenticationRequestContext.class.getName(), context);
        RoutingContext routing = HttpSecurityUtils.getRoutingContextAttribute(request);
        if (routing != null) {
            builder.addAttribute(RoutingContext.class.getName(), routing);
        }
        return builder.build();
    }
}
