package org.cairn.platform.agency;

import java.util.Set;
import org.cairn.contracts.vocabulary.Role;

/**
 * Who is calling, as the verified token says: the one agency the user acts for (a Keycloak
 * organization of the network's realm), the user, and the Cairn roles they hold.
 *
 * @param agencyId the organization alias; the only source of the agency anywhere in Cairn
 * @param userId the token's subject
 * @param username the token's preferred username
 * @param roles the realm roles that are Cairn roles
 * @param requestId the request's correlation id ({@code X-Request-Id}, or one made up)
 * @param application the client application the token was issued to (its {@code azp}: the web or
 *     mobile app, a test client), or null when no token is behind the call
 */
public record Caller(
        String agencyId, String userId, String username, Set<Role> roles, String requestId, String application) {

    public Caller {
        roles = Set.copyOf(roles);
    }

    /**
     * A service acting on an agency's behalf, on no request's: applying another service's event, for
     * one. It holds no role, so it passes no access check; it names itself in the audit trail.
     */
    public static Caller system(String agencyId, String serviceName) {
        return new Caller(agencyId, "service:" + serviceName, serviceName, Set.of(), null, null);
    }

    public boolean hasRole(Role role) {
        return roles.contains(role);
    }
}
