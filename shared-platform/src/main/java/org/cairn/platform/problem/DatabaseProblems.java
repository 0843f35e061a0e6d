package org.cairn.platform.problem;

import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.NoResultException;
import jakarta.persistence.OptimisticLockException;
import java.sql.SQLException;
import org.hibernate.StaleStateException;

/**
 * Recognises database refusals that are the request's doing rather than Cairn's: a duplicate, a
 * reference to something missing, a value the column cannot hold, a concurrent update. Services
 * validate first; this is the net under that, so such a request is still a 4xx and never a 500.
 */
@ApplicationScoped
class DatabaseProblems implements FaultClassifier {

    @Override
    public Problem classify(Throwable failure, String requestId) {
        return classifyFailure(failure, requestId);
    }

    /** The SQLSTATE of the first database error in the chain; Hibernate Reactive wraps it in a SQLException. */
    static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof PgException pg && pg.getSqlState() != null) {
                return pg.getSqlState();
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    static Problem classifyFailure(Throwable e, String requestId) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof NoResultException) {
                return ProblemResponses.of(404, "not-found", "The record was not found.", requestId, null);
            }
            if (t instanceof OptimisticLockException || t instanceof StaleStateException) {
                return ProblemResponses.of(
                        409,
                        "concurrent-update",
                        "Someone else changed this record first; reload and retry.",
                        requestId,
                        null);
            }
        }
        String state = sqlState(e);
        if (state == null) {
            return null;
        }
        if (state.equals("40001") || state.equals("40P01")) {
            return ProblemResponses.of(
                    409,
                    "concurrent-update",
                    "A concurrent change got in the way; retry the request.",
                    requestId,
                    null);
        }
        if (state.equals("23505")) {
            return ProblemResponses.of(409, "duplicate", "This record already exists.", requestId, null);
        }
        if (state.equals("23503")) {
            return ProblemResponses.of(
                    409, "missing-reference", "The request refers to a record that does not exist.", requestId, null);
        }
        if (state.startsWith("23") || state.startsWith("22")) {
            return ProblemResponses.of(
                    400, "invalid-value", "A value in the request is not acceptable.", requestId, null);
        }
        return null;
    }
}
