package org.cairn.assessments.instrument;

/** An answer its item does not accept. The message names the item and the rule, never the value. */
public class InvalidAnswerException extends RuntimeException {

    private final String linkId;

    public InvalidAnswerException(String linkId, String rule) {
        super("item " + linkId + " " + rule, null, false, false);
        this.linkId = linkId;
    }

    public String linkId() {
        return linkId;
    }
}
