package org.cairn.platform.problem;

/**
 * Recognises a failure that is the request's doing although it surfaced as an exception of a library
 * (a database refusing a duplicate, say), so it is answered 4xx rather than 500. Every bean of this
 * type is asked in turn; the first answer wins.
 */
public interface FaultClassifier {

    /** The problem to answer for this failure, or null when it is not one this classifier knows. */
    Problem classify(Throwable failure, String requestId);
}
