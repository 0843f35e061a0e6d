package org.cairn.contracts.vocabulary;

/** How a notification reaches its recipient: the in-app inbox, email, SMS or a mobile push. */
public enum NotificationChannel implements Coded {
    IN_APP,
    EMAIL,
    SMS,
    PUSH
}
