package org.communitycarbon.accounting.consumption;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * A period {@code (from, to]} cut into the whole local hours it holds, {@code [first, end)} as hour starts (read from
 * the hourly rollups), and the parts of hours at its edges (read from the readings): {@code (from, first]} and
 * {@code (end, to]}. A period without a whole hour is one edge.
 */
record Hours(Instant from, Instant to, Instant first, Instant end) {

    static Hours within(Instant from, Instant to, ZoneId zone) {
        Instant first = ZonedDateTime.ofInstant(from, zone).truncatedTo(ChronoUnit.HOURS).toInstant();
        if (first.isBefore(from)) {
            first = ZonedDateTime.ofInstant(first, zone).plusHours(1).toInstant();
        }
        Instant end = ZonedDateTime.ofInstant(to, zone).truncatedTo(ChronoUnit.HOURS).toInstant();
        if (!first.isBefore(end)) {
            return new Hours(from, to, to, to);
        }
        return new Hours(from, to, first, end);
    }

    /** Whether the period holds a whole local hour. */
    boolean any() {
        return first.isBefore(end);
    }

    /** The parts read from the readings, each {@code (start, end]} and not empty. */
    List<Instant[]> edges() {
        List<Instant[]> edges = new ArrayList<>();
        if (!any()) {
            edges.add(new Instant[] {from, to});
            return edges;
        }
        if (from.isBefore(first)) {
            edges.add(new Instant[] {from, first});
        }
        if (end.isBefore(to)) {
            edges.add(new Instant[] {end, to});
        }
        return edges;
    }
}
