package org.cairn.platform.problem;

import io.smallrye.mutiny.Uni;
import org.cairn.platform.agency.Caller;

/**
 * Where an application records that a caller asked for something it may not see (answered 404). The
 * services keep it in the audit trail (shared-platform); an application without one, the gateway,
 * has no such bean and records nothing.
 */
public interface DeniedAccessLog {

    Uni<Void> record(Caller caller, NotFoundProblem problem);
}
