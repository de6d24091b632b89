package org.communitycarbon.simulator.community;

import java.time.Duration;
import java.time.LocalTime;

/**
 * A daily opening window of the drop points in local time, e.g. {@code 07:00-09:00}; {@code opens} is
 * inclusive, {@code closes} exclusive. A window does not span midnight.
 */
public record TimeWindow(LocalTime opens, LocalTime closes) {

    public TimeWindow {
        if (!opens.isBefore(closes)) {
            throw new IllegalArgumentException("a drop window must open before it closes, was " + opens + "-" + closes);
        }
        if (Duration.between(opens, closes).toMinutes() < 10) {
            throw new IllegalArgumentException("a drop window must be open for at least 10 minutes, was " + opens + "-" + closes);
        }
    }

    /** Parses {@code HH:mm-HH:mm}. */
    public static TimeWindow parse(String text) {
        String[] parts = text.trim().split("-", -1);
        if (parts.length != 2) {
            throw new IllegalArgumentException("a drop window is HH:mm-HH:mm, was '" + text + "'");
        }
        return new TimeWindow(LocalTime.parse(parts[0].trim()), LocalTime.parse(parts[1].trim()));
    }

    public boolean contains(LocalTime time) {
        return !time.isBefore(opens) && time.isBefore(closes);
    }

    @Override
    public String toString() {
        return opens + "-" + closes;
    }
}
