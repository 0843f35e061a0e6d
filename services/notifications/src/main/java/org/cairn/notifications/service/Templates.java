package org.cairn.notifications.service;

import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The messages, written as Qute templates {@code templates/messages/<occasion>.<language>.txt}, one
 * per occasion and language, each with the fragments {@value #TITLE}, {@value #TEXT}, {@value #EMAIL}
 * and {@value #SMS}. Their expressions are checked against {@link MessageData} when the service is
 * built; at startup every occasion of {@link #OCCASIONS} is rendered in every language, so a missing
 * or broken template stops the service from starting rather than a send from failing.
 */
@ApplicationScoped
public class Templates {

    public static final String TITLE = "title";
    public static final String TEXT = "text";
    public static final String EMAIL = "email";
    public static final String SMS = "sms";

    public static final List<String> LANGUAGES = List.of("en", "es");

    /** Every occasion the router makes; each has its templates. */
    public static final Set<String> OCCASIONS = Set.of(
            "crisis",
            "referral-received",
            "referral-escalated",
            "referral-accepted",
            "referral-rejected",
            "referral-completed",
            "care-plan-submitted",
            "care-plan-returned",
            "appointment-reminder",
            "case-transferred",
            "outreach-flagged",
            "audit-alert");

    private final Engine engine;
    private final String webBase;

    Templates(Engine engine, org.cairn.notifications.NotificationsConfig config) {
        this.engine = engine;
        String base = config.webBaseUrl().toString();
        this.webBase = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    void check(@Observes StartupEvent event) {
        List<String> broken = problems();
        if (!broken.isEmpty()) {
            throw new IllegalStateException("message templates that do not render: " + broken);
        }
    }

    /** Every occasion, language and fragment that is missing or fails to render with sample data. */
    public List<String> problems() {
        List<String> broken = new ArrayList<>();
        MessageData sample = new MessageData(webBase + "/cases/0", "Tue 1 Dec, 10:00", "high", 3, "phone", true, false);
        for (String occasion : OCCASIONS) {
            for (String language : LANGUAGES) {
                for (String fragment : List.of(TITLE, TEXT, EMAIL, SMS)) {
                    try {
                        if (render(occasion, language, fragment, sample).isBlank()) {
                            broken.add(occasion + "." + language + "#" + fragment + ": empty");
                        }
                    } catch (RuntimeException e) {
                        broken.add(occasion + "." + language + "#" + fragment + ": " + e.getMessage());
                    }
                }
            }
        }
        return broken;
    }

    /** One fragment of an occasion's message in a language. */
    public String render(String occasion, String language, String fragment, MessageData data) {
        Template template = engine.getTemplate("messages/" + occasion + "." + language(language));
        if (template == null) {
            throw new IllegalStateException("no template for " + occasion);
        }
        Template.Fragment part = template.getFragment(fragment);
        if (part == null) {
            throw new IllegalStateException("no fragment " + fragment);
        }
        return part.data("m", data).render().strip();
    }

    /** A supported language: the recipient's if there are templates in it, else English. */
    public static String language(String wanted) {
        if (wanted == null) {
            return "en";
        }
        String primary = wanted.toLowerCase(Locale.ROOT).split("[-_]")[0];
        return LANGUAGES.contains(primary) ? primary : "en";
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    /** A stored notification's template parameters (its {@code params} column); none when unreadable. */
    public static Map<String, Object> params(String json) {
        try {
            return JSON.readValue(json, new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() {});
        } catch (java.io.IOException | IllegalArgumentException e) {
            return Map.of();
        }
    }

    /** The template data of a stored notification, with times in the recipient's zone and language. */
    public MessageData data(
            Map<String, Object> params, String language, ZoneId zone, boolean urgent, boolean forClient) {
        Object at = params.get("at");
        String when = null;
        if (at != null) {
            ZoneId shown =
                    params.get("zone") != null ? ZoneId.of(params.get("zone").toString()) : zone;
            when = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                    .withLocale(Locale.forLanguageTag(language(language)))
                    .withZone(shown)
                    .format(Instant.parse(at.toString()));
        }
        Object count = params.get("count");
        Object link = params.get("link");
        return new MessageData(
                link == null ? webBase : webBase + link,
                when,
                params.get("detail") == null ? null : params.get("detail").toString(),
                count instanceof Number n ? n.intValue() : 0,
                params.get("mode") == null ? null : params.get("mode").toString(),
                urgent,
                forClient);
    }
}
