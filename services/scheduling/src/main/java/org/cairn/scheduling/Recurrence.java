package org.cairn.scheduling;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;
import net.fortuna.ical4j.model.Recur;
import net.fortuna.ical4j.transform.recurrence.Frequency;

/**
 * Recurring follow-ups: an RFC 5545 recurrence rule, expanded by ical4j from a first start in a time
 * zone, so every occurrence keeps the local time of the first across daylight-saving changes. A rule
 * here must end (COUNT or UNTIL), repeat at most daily, start on its first occurrence, and stay within
 * {@link #MAX_OCCURRENCES} occurrences and {@link #MAX_YEARS} years: follow-ups are planned, not
 * open-ended.
 */
public final class Recurrence {

    public static final int MAX_OCCURRENCES = 104;
    public static final int MAX_YEARS = 2;

    private static final Set<Frequency> ALLOWED =
            Set.of(Frequency.DAILY, Frequency.WEEKLY, Frequency.MONTHLY, Frequency.YEARLY);

    /** A rule that cannot be used, and why (for the 400). */
    public static final class InvalidRule extends IllegalArgumentException {
        InvalidRule(String message) {
            super(message);
        }
    }

    private Recurrence() {}

    /** The starts of every occurrence of {@code rule} from {@code first} (itself the first of them). */
    public static List<ZonedDateTime> occurrences(String rule, ZonedDateTime first, Duration length) {
        Recur<ZonedDateTime> recur = parse(rule);
        if (!ALLOWED.contains(recur.getFrequency())) {
            throw new InvalidRule("a follow-up repeats daily, weekly, monthly or yearly, not "
                    + recur.getFrequency().name().toLowerCase());
        }
        if (recur.getCount() < 1 && recur.getUntil() == null) {
            throw new InvalidRule("the rule never ends: give COUNT or UNTIL");
        }
        if (recur.getCount() > MAX_OCCURRENCES) {
            throw new InvalidRule("at most " + MAX_OCCURRENCES + " occurrences (COUNT)");
        }
        ZonedDateTime limit = first.plusYears(MAX_YEARS);
        List<ZonedDateTime> dates;
        try {
            // one more than allowed is asked for, so that a rule reaching beyond the limit is noticed
            dates = recur.getDates(first, first, limit.plusSeconds(1), MAX_OCCURRENCES + 1);
        } catch (RuntimeException e) {
            throw new InvalidRule("the rule cannot be expanded: " + e.getMessage());
        }
        if (dates.isEmpty() || !dates.get(0).toInstant().equals(first.toInstant())) {
            throw new InvalidRule("the first start is not an occurrence of the rule");
        }
        if (dates.size() > MAX_OCCURRENCES) {
            throw new InvalidRule("the rule has more than " + MAX_OCCURRENCES + " occurrences");
        }
        boolean tooFar = recur.getCount() < 1 ? untilBeyond(recur, limit) : dates.size() < recur.getCount();
        if (tooFar) {
            throw new InvalidRule("the rule reaches more than " + MAX_YEARS + " years ahead");
        }
        for (int i = 1; i < dates.size(); i++) {
            if (dates.get(i - 1).plus(length).isAfter(dates.get(i))) {
                throw new InvalidRule("occurrences would overlap: each lasts longer than the gap to the next");
            }
        }
        return List.copyOf(dates);
    }

    private static boolean untilBeyond(Recur<ZonedDateTime> recur, ZonedDateTime limit) {
        java.time.temporal.Temporal until = recur.getUntil();
        if (until instanceof java.time.chrono.ChronoZonedDateTime<?> z) {
            return z.toInstant().isAfter(limit.toInstant());
        }
        if (until instanceof java.time.Instant i) {
            return i.isAfter(limit.toInstant());
        }
        if (until instanceof java.time.OffsetDateTime o) {
            return o.toInstant().isAfter(limit.toInstant());
        }
        if (until instanceof java.time.LocalDate d) {
            return d.isAfter(limit.toLocalDate());
        }
        if (until instanceof java.time.LocalDateTime t) {
            return t.isAfter(limit.toLocalDateTime());
        }
        return false;
    }

    private static Recur<ZonedDateTime> parse(String rule) {
        String text = rule.strip();
        if (text.regionMatches(true, 0, "RRULE:", 0, 6)) {
            text = text.substring(6);
        }
        if (text.isEmpty() || text.length() > 500) {
            throw new InvalidRule("a rule is 1 to 500 characters");
        }
        try {
            Recur<ZonedDateTime> recur = new Recur<>(text);
            if (recur.getFrequency() == null) {
                throw new InvalidRule("the rule names no FREQ");
            }
            return recur;
        } catch (InvalidRule e) {
            throw e;
        } catch (RuntimeException e) {
            throw new InvalidRule("the rule does not parse as RFC 5545: " + e.getMessage());
        }
    }
}
