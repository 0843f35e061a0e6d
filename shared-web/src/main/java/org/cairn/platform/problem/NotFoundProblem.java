package org.cairn.platform.problem;

/**
 * A 404 for an id the caller asked for: the resource does not exist, or it is not the caller's to
 * see, which the answer must not tell apart. The platform audits it as a denied access (many of
 * them are what the audit service's alert on probing looks for).
 */
public class NotFoundProblem extends ProblemException {

    private final String resourceType;
    private final String resourceId;

    NotFoundProblem(String resourceType, Object id) {
        super(404, "not-found", "Not found", "No " + resourceType + " " + id + " was found.", null);
        this.resourceType = resourceType;
        this.resourceId = id == null ? null : id.toString();
    }

    public String resourceType() {
        return resourceType;
    }

    public String resourceId() {
        return resourceId;
    }
}
