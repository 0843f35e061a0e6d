package org.cairn.notifications.channel;

/**
 * A send that did not go through. A transient one (the provider down, throttling, a timeout) is tried
 * again later; a permanent one (the provider refused the message or the address) is not.
 */
public class SendFailure extends RuntimeException {

    private final boolean permanent;

    public SendFailure(String reason, boolean permanent) {
        super(reason, null, false, false);
        this.permanent = permanent;
    }

    public boolean permanent() {
        return permanent;
    }

    /** How an HTTP provider's status reads: 429 and 5xx pass, other 4xx are the message's fault. */
    public static SendFailure ofStatus(String provider, int status) {
        return new SendFailure(provider + " answered " + status, status != 429 && status >= 400 && status < 500);
    }
}
