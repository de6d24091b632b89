package org.communitycarbon.simulator.community;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Reproducible pseudo-randomness as a pure function of keys (SplitMix64 finaliser). The readings of a
 * device at a simulated instant depend only on the seed, the device and the instant, never on the order
 * or the rate at which the simulator happened to ask for them.
 */
final class Noise {

    private Noise() {
    }

    /** A well-mixed 64-bit hash of {@code value}. */
    static long mix(long value) {
        long z = value + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    static long key(long seed, String name) {
        return mix(seed ^ mix(name.hashCode()));
    }

    static long key(long first, long second) {
        return mix(first ^ mix(second));
    }

    static long key(long first, long second, long third) {
        return key(key(first, second), third);
    }

    /** Uniform in [0, 1). */
    static double unit(long key) {
        return (mix(key) >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [-1, 1). */
    static double signed(long key) {
        return 2 * unit(key) - 1;
    }

    /**
     * Smooth noise in [-1, 1]: random values at integer knots of {@code x}, joined by a smoothstep, so
     * that a quantity drifts instead of jumping between two readings.
     */
    static double smooth(long key, double x) {
        double floor = Math.floor(x);
        long knot = (long) floor;
        double f = x - floor;
        double s = f * f * (3 - 2 * f);
        double a = signed(key(key, knot));
        double b = signed(key(key, knot + 1));
        return a + (b - a) * s;
    }

    /**
     * {@code share} of {@code items}, chosen by {@code key}, in their original order: the share rounded to whole
     * items, but at least one when the share is above 0 (asking for a few low batteries among 22 devices should
     * give some).
     */
    static <T> List<T> choose(List<T> items, double share, long key) {
        if (share <= 0 || items.isEmpty()) {
            return List.of();
        }
        int count = (int) Math.max(1, Math.min(items.size(), Math.round(share * items.size())));
        List<Integer> chosen = new ArrayList<>(IntStream.range(0, items.size()).boxed()
                .sorted(Comparator.comparingDouble(index -> unit(key(key, index))))
                .limit(count)
                .toList());
        chosen.sort(Comparator.naturalOrder());
        return chosen.stream().map(items::get).toList();
    }
}
