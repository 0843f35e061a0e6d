package org.cairn.notifications;

import org.cairn.contracts.vocabulary.Coded;

/**
 * How a notification is sent. A crisis goes now on every channel its rule names, whatever the
 * recipient's quiet hours; urgent and routine ones wait for quiet hours to end. An urgent or crisis
 * notification whose channel fails is tried on the next usable one; a routine one may wait for a
 * digest.
 */
public enum NotificationUrgency implements Coded {
    CRISIS,
    URGENT,
    ROUTINE
}
