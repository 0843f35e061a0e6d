package org.cairn.notifications;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Optional;

/** The notifications service's own settings ({@code notifications.*}). */
@ConfigMapping(prefix = "notifications")
public interface NotificationsConfig {

    /** The network's time zone: quiet hours and digests of people who set no zone are in it. */
    @WithDefault("America/Chicago")
    ZoneId timeZone();

    /** Where the web front end is; messages carry a link to sign in there instead of details. */
    @WithDefault("http://localhost:8080")
    URI webBaseUrl();

    Deliveries deliveries();

    Email email();

    Sms sms();

    Push push();

    Digest digest();

    Directory directory();

    /** How often the rules are reloaded, so a change made through another instance is seen. */
    @WithDefault("PT30S")
    Duration rulesReloadEvery();

    interface Deliveries {

        /** How often due deliveries are looked for. */
        @WithDefault("PT1S")
        Duration checkEvery();

        /** Tries of one delivery before it is failed (and, if urgent, the next channel tried). */
        @WithDefault("5")
        int maxAttempts();

        /** The wait after the first failed try; it doubles with each further one. */
        @WithDefault("PT10S")
        Duration backoff();

        /** The longest wait between tries. */
        @WithDefault("PT15M")
        Duration maxBackoff();

        /** How long a claimed delivery stays claimed: an instance that died while sending frees it then. */
        @WithDefault("PT2M")
        Duration lease();
    }

    interface Email {

        /** The sender of every email. */
        @WithDefault("Cairn <no-reply@cairn.example>")
        String from();
    }

    /** A Twilio-style SMS provider over HTTP; without a URL, SMS is not a usable channel. */
    interface Sms {

        Optional<URI> url();

        @WithDefault("cairn")
        String account();

        /** The provider's API token (a secret: from the environment, never the repository). */
        Optional<String> token();

        /** The number messages come from. */
        @WithDefault("+15550000000")
        String from();

        /** The secret the provider signs its delivery-status callbacks with. */
        Optional<String> callbackSecret();
    }

    /** An FCM-style push provider over HTTP; without a URL, push is not a usable channel. */
    interface Push {

        Optional<URI> url();

        /** The provider's server key (a secret). */
        Optional<String> key();
    }

    /**
     * The network's staff, read from the identity provider's admin API with a read-only service
     * account: each organization's members and their Cairn roles, so that a supervisor is reached by
     * role before their first sign-in. Without a secret, nothing is read (staff appear as they sign in).
     */
    interface Directory {

        /** The service account's client. */
        @WithDefault("cairn-notifications")
        String clientId();

        /** Its secret (from the environment, never the repository). */
        Optional<String> clientSecret();

        /** How often the directory is read again. */
        @WithDefault("PT10M")
        Duration syncEvery();
    }

    interface Digest {

        /** The local time a daily digest goes out. */
        @WithDefault("07:00")
        LocalTime at();
    }
}
