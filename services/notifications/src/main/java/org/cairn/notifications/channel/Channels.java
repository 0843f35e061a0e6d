package org.cairn.notifications.channel;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.MultiMap;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.cairn.contracts.vocabulary.NotificationChannel;
import org.cairn.notifications.NotificationsConfig;

/**
 * The channels outside the service: email through the configured SMTP server (Quarkus Mailer), SMS
 * through a Twilio-style HTTP API, push through an FCM-style one. A provider with no URL configured is
 * not a usable channel, so nothing is queued for it. Each send resolves to the provider's id of the
 * message, or fails with a {@link SendFailure} saying whether to try again.
 */
@ApplicationScoped
public class Channels {

    /** The header carrying the delivery id, so a provider may drop a resend of the same message. */
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final ReactiveMailer mailer;
    private final NotificationsConfig config;
    private final WebClient http;
    private final Set<NotificationChannel> usable;

    Channels(ReactiveMailer mailer, NotificationsConfig config, Vertx vertx) {
        this.mailer = mailer;
        this.config = config;
        this.http = WebClient.create(
                vertx,
                new WebClientOptions()
                        .setConnectTimeout((int) TIMEOUT.toMillis())
                        .setIdleTimeout(30));
        Set<NotificationChannel> channels = EnumSet.of(NotificationChannel.EMAIL);
        config.sms().url().ifPresent(u -> channels.add(NotificationChannel.SMS));
        config.push().url().ifPresent(u -> channels.add(NotificationChannel.PUSH));
        this.usable = Set.copyOf(channels);
    }

    @PreDestroy
    void close() {
        http.close();
    }

    /** The channels beyond in-app that this instance can send on. */
    public Set<NotificationChannel> usable() {
        return usable;
    }

    /** Sends one message; the provider's id of it. */
    public Uni<String> send(NotificationChannel channel, Outgoing message) {
        // deferred: an adapter that throws while building its request fails this one send, not the
        // sweep round with every other delivery it claimed
        return Uni.createFrom().deferred(() -> switch (channel) {
            case EMAIL -> email(message);
            case SMS -> sms(message);
            case PUSH -> push(message);
            case IN_APP -> Uni.createFrom().failure(new IllegalArgumentException("in-app is not sent"));
        });
    }

    private Uni<String> email(Outgoing message) {
        String id = "<" + message.deliveryId() + "@cairn>";
        Mail mail = Mail.withText(message.address(), message.title(), message.body())
                .setFrom(config.email().from())
                .addHeader("Message-ID", id);
        return mailer.send(mail)
                .replaceWith(id)
                .onFailure(f -> !(f instanceof SendFailure))
                .transform(f -> new SendFailure("smtp: " + f.getClass().getSimpleName(), permanentSmtp(f)));
    }

    /** An SMTP 5xx reply refuses the message for good; anything else (4xx, the server away) may pass. */
    private static boolean permanentSmtp(Throwable f) {
        String text = String.valueOf(f.getMessage());
        return text.matches("(?s).*\\b5[0-9][0-9]\\b.*") && !text.contains("Connection");
    }

    private Uni<String> sms(Outgoing message) {
        URI base = config.sms().url().orElseThrow();
        MultiMap form = MultiMap.caseInsensitiveMultiMap()
                .add("To", message.address())
                .add("From", config.sms().from())
                .add("Body", message.body());
        return http.postAbs(base.resolve("Accounts/" + config.sms().account() + "/Messages.json")
                        .toString())
                .timeout(TIMEOUT.toMillis())
                .basicAuthentication(
                        config.sms().account(), config.sms().token().orElse(""))
                .putHeader(IDEMPOTENCY_KEY, message.deliveryId().toString())
                .sendForm(form)
                .onFailure(f -> !(f instanceof SendFailure))
                .transform(f -> new SendFailure("sms: " + f.getClass().getSimpleName(), false))
                .map(r -> providerId("sms", r, "sid"));
    }

    private Uni<String> push(Outgoing message) {
        URI base = config.push().url().orElseThrow();
        JsonObject body = new JsonObject()
                .put(
                        "message",
                        new JsonObject()
                                .put("token", message.address())
                                .put(
                                        "notification",
                                        new JsonObject()
                                                .put("title", message.title())
                                                .put("body", message.body())));
        // "./": on its own, "messages:send" is read as a URI of the scheme "messages"
        return http.postAbs(base.resolve("./messages:send").toString())
                .timeout(TIMEOUT.toMillis())
                .bearerTokenAuthentication(config.push().key().orElse(""))
                .putHeader(IDEMPOTENCY_KEY, message.deliveryId().toString())
                .sendJsonObject(body)
                .onFailure(f -> !(f instanceof SendFailure))
                .transform(f -> new SendFailure("push: " + f.getClass().getSimpleName(), false))
                .map(r -> providerId("push", r, "name"));
    }

    private static String providerId(String provider, HttpResponse<Buffer> response, String field) {
        if (response.statusCode() / 100 != 2) {
            throw SendFailure.ofStatus(provider, response.statusCode());
        }
        try {
            String id = response.bodyAsJsonObject().getString(field);
            if (id == null || id.isBlank()) {
                throw new SendFailure(provider + " gave no message id", false);
            }
            return id;
        } catch (io.vertx.core.json.DecodeException e) {
            throw new SendFailure(provider + " answered with no JSON", false);
        }
    }
}
