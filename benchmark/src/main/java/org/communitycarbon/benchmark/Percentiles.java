package org.communitycarbon.benchmark;

import java.util.Arrays;

/** Percentiles of a sample, nearest-rank. */
record Percentiles(double p50, double p95, double p99, double max, int count) {

    static Percentiles of(double[] values) {
        if (values.length == 0) {
            return new Percentiles(Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0);
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return new Percentiles(rank(sorted, 0.50), rank(sorted, 0.95), rank(sorted, 0.99), sorted[sorted.length - 1], sorted.length);
    }

    private static double rank(double[] sorted, double quantile) {
        int index = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    @Override
    public String toString() {
        return "p50 %.1f  p95 %.1f  p99 %.1f  max %.1f ms".formatted(p50, p95, p99, max);
    }
}
