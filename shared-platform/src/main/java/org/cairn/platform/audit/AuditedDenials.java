package org.cairn.platform.audit;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.cairn.contracts.vocabulary.AuditAction;
import org.cairn.platform.agency.Caller;
import org.cairn.platform.problem.DeniedAccessLog;
import org.cairn.platform.problem.NotFoundProblem;

/** A service's 404 for an id its caller may not see goes into the audit trail as a denied access. */
@ApplicationScoped
class AuditedDenials implements DeniedAccessLog {

    private static final int MAX_ID = 255;

    private final AuditTrail audit;

    AuditedDenials(AuditTrail audit) {
        this.audit = audit;
    }

    @Override
    public Uni<Void> record(Caller caller, NotFoundProblem problem) {
        String id = problem.resourceId() == null || problem.resourceId().length() <= MAX_ID
                ? problem.resourceId()
                : problem.resourceId().substring(0, MAX_ID);
        return audit.record(caller, AuditEntry.of(AuditAction.ACCESS_DENIED, problem.resourceType(), id, null));
    }
}
