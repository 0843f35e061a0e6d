package org.cairn.notifications.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.cairn.notifications.NotificationsConfig;
import org.cairn.notifications.service.Deliveries;
import org.cairn.platform.problem.Problems;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * The SMS provider's delivery-status callback. The provider signs the raw form body with the shared
 * secret (HMAC-SHA256, hex, in {@value #SIGNATURE}); a callback whose signature does not match is a
 * 401 and changes nothing. Statuses {@code delivered}, {@code failed} and {@code undelivered} settle a
 * delivery; the others ({@code queued}, {@code sent}) are acknowledged and passed over.
 */
@Path("/providers/sms/status")
@Tag(name = "Providers")
public class ProviderResource {

    public static final String SIGNATURE = "X-Cairn-Signature";

    private final Deliveries deliveries;
    private final NotificationsConfig config;

    ProviderResource(Deliveries deliveries, NotificationsConfig config) {
        this.deliveries = deliveries;
        this.config = config;
    }

    @POST
    @PermitAll
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Delivery status of an SMS, signed by the provider")
    public Uni<RestResponse<Void>> status(@HeaderParam(SIGNATURE) String signature, String body) {
        if (!signedBy(body == null ? "" : body, signature)) {
            throw Problems.unauthorized();
        }
        Map<String, String> form = form(body);
        String sid = form.get("MessageSid");
        String status = form.get("MessageStatus");
        if (sid == null || status == null) {
            throw Problems.invalid(sid == null ? "MessageSid" : "MessageStatus", "the callback names both");
        }
        return switch (status) {
            case "delivered" -> deliveries.providerReport(sid, true).replaceWith(RestResponse.noContent());
            case "failed", "undelivered" ->
                deliveries.providerReport(sid, false).replaceWith(RestResponse.noContent());
            default -> Uni.createFrom().item(RestResponse.noContent());
        };
    }

    boolean signedBy(String body, String signature) {
        if (signature == null || config.sms().callbackSecret().isEmpty()) {
            return false;
        }
        String given = signature.startsWith("sha256=") ? signature.substring(7) : signature;
        byte[] expected = hmac(config.sms().callbackSecret().get(), body);
        byte[] actual;
        try {
            actual = HexFormat.of().parseHex(given);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(expected, actual);
    }

    /** The signature of a body under a secret, as the provider computes it. */
    public static byte[] hmac(String secret, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> form(String body) {
        Map<String, String> out = new HashMap<>();
        if (body == null) {
            return out;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(
                        URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }
}
