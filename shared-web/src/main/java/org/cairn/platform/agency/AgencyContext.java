package org.cairn.platform.agency;

import jakarta.enterprise.context.RequestScoped;
import java.util.Optional;
import org.cairn.contracts.vocabulary.Role;
import org.cairn.platform.problem.Problems;

/**
 * The caller of the current request. {@link AgencyContextFilter} fills it from the verified token
 * before any resource method runs; a request whose token names no agency, or several, never gets
 * that far. Services scope every query of client data by {@link #agencyId()}.
 */
@RequestScoped
public class AgencyContext {

    private Caller caller;

    void resolve(Caller caller) {
        this.caller = caller;
    }

    /** The caller; a request without an authenticated caller is answered 401. */
    public Caller caller() {
        if (caller == null) {
            throw Problems.unauthorized();
        }
        return caller;
    }

    /** The caller, if the request is authenticated. */
    public Optional<Caller> current() {
        return Optional.ofNullable(caller);
    }

    public String agencyId() {
        return caller().agencyId();
    }

    public String userId() {
        return caller().userId();
    }

    public boolean hasRole(Role role) {
        return caller().hasRole(role);
    }
}
