package org.cairn.scheduling;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A span of time, start included, end not; and the few operations free-slot search needs. */
public record Interval(Instant start, Instant end) {

    public Interval {
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("an interval ends after it starts");
        }
    }

    public boolean overlaps(Interval other) {
        return start.isBefore(other.end) && other.start.isBefore(end);
    }

    public Duration length() {
        return Duration.between(start, end);
    }

    /** The spans of {@code spans} put in order, with overlapping and touching ones joined. */
    public static List<Interval> normalized(List<Interval> spans) {
        List<Interval> sorted = new ArrayList<>(spans);
        sorted.sort(Comparator.comparing(Interval::start));
        List<Interval> joined = new ArrayList<>();
        for (Interval s : sorted) {
            if (!joined.isEmpty() && !joined.get(joined.size() - 1).end.isBefore(s.start)) {
                Interval last = joined.remove(joined.size() - 1);
                joined.add(new Interval(last.start, last.end.isAfter(s.end) ? last.end : s.end));
            } else {
                joined.add(s);
            }
        }
        return joined;
    }

    /** What of {@code from} is left once {@code taken} is removed. */
    public static List<Interval> minus(List<Interval> from, List<Interval> taken) {
        List<Interval> left = new ArrayList<>();
        List<Interval> holes = normalized(taken);
        for (Interval f : normalized(from)) {
            Instant cursor = f.start;
            for (Interval h : holes) {
                if (!h.end.isAfter(cursor) || !h.start.isBefore(f.end)) {
                    continue;
                }
                if (h.start.isAfter(cursor)) {
                    left.add(new Interval(cursor, h.start));
                }
                cursor = h.end.isAfter(cursor) ? h.end : cursor;
                if (!cursor.isBefore(f.end)) {
                    break;
                }
            }
            if (cursor.isBefore(f.end)) {
                left.add(new Interval(cursor, f.end));
            }
        }
        return left;
    }

    /** The time within both {@code a} and {@code b}. */
    public static List<Interval> intersection(List<Interval> a, List<Interval> b) {
        List<Interval> x = normalized(a);
        List<Interval> y = normalized(b);
        List<Interval> both = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < x.size() && j < y.size()) {
            Instant s = max(x.get(i).start, y.get(j).start);
            Instant e = min(x.get(i).end, y.get(j).end);
            if (s.isBefore(e)) {
                both.add(new Interval(s, e));
            }
            if (x.get(i).end.isBefore(y.get(j).end)) {
                i++;
            } else {
                j++;
            }
        }
        return both;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
