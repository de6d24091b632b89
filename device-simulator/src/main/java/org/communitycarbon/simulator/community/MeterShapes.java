package org.communitycarbon.simulator.community;

import java.util.function.DoubleUnaryOperator;

import org.communitycarbon.simulator.community.CumulativeSeries.DayShape;

/** The day shapes of the community's meters. */
final class MeterShapes {

    /** 2000-01-01 as an epoch day. */
    private static final long Y2000 = 10_957;

    private MeterShapes() {
    }

    /** The day of the year, 1 to 366, near enough for seasons. */
    static double dayOfYear(long epochDay) {
        double years = (epochDay - Y2000) / 365.2425;
        return (years - Math.floor(years)) * 365.2425 + 1;
    }

    /**
     * A consumption meter: {@code dailyMean} scaled by the season and a per-day variation, spread over the
     * day by an hourly profile with per-quarter-hour variation.
     */
    static DayShape consumption(double dailyMean, double[] hourly, DoubleUnaryOperator season, double dayVariation,
            double slotVariation, long key) {
        return new DayShape() {
            @Override
            public double total(long epochDay) {
                return dailyMean * season.applyAsDouble(dayOfYear(epochDay))
                        * (1 + dayVariation * Noise.signed(Noise.key(key, epochDay)));
            }

            @Override
            public double slotWeight(long epochDay, int slot) {
                return Profiles.slotWeight(hourly, slot) * (1 + slotVariation * Noise.signed(Noise.key(key, epochDay, slot)));
            }
        };
    }

    /**
     * The clubhouse: open by day, on standby at night, except that on about one night in ten the air
     * conditioning is left running until morning, which the ops service should notice as high
     * public-area energy.
     */
    static DayShape clubhouse(double dailyMean, long key) {
        DayShape normal = consumption(dailyMean, Profiles.CLUBHOUSE_ELECTRICITY,
                doy -> Profiles.twiceYearly(doy, 0.35, 20), 0.1, 0.3, key);
        return new DayShape() {
            @Override
            public double total(long epochDay) {
                return normal.total(epochDay) * (leftOn(epochDay) ? 1.35 : 1);
            }

            @Override
            public double slotWeight(long epochDay, int slot) {
                boolean night = slot < 7 * 4 || slot >= 22 * 4;
                return normal.slotWeight(epochDay, slot) * (night && leftOn(epochDay) ? 6 : 1);
            }

            private boolean leftOn(long epochDay) {
                return Noise.unit(Noise.key(key, epochDay, 0x0FF)) < 0.1;
            }
        };
    }

    /**
     * A rooftop PV installation near 30°N: generation follows the sun between sunrise and sunset (day
     * length 10 to 14 hours over the year, solar noon at 12:00 local), scaled by the season and the
     * day's cloud cover, which all roofs share. About 1,000 kWh per kWp and year, as in Hangzhou.
     */
    static DayShape photovoltaic(double peakKw, long roofKey, long weatherKey) {
        return new DayShape() {
            @Override
            public double total(long epochDay) {
                double cloud = 0.35 + 0.65 * Noise.unit(Noise.key(weatherKey, epochDay, 0xC10D));
                return peakKw * 4.2 * Profiles.seasonal(dayOfYear(epochDay), 0.25, 172) * cloud
                        * (1 + 0.04 * Noise.signed(Noise.key(roofKey, epochDay)));
            }

            @Override
            public double slotWeight(long epochDay, int slot) {
                double from = slot / 4.0;
                double clearSky = clearSky(epochDay, from + 0.25) - clearSky(epochDay, from);
                return clearSky * (1 + 0.35 * Noise.signed(Noise.key(weatherKey, epochDay, slot)));
            }

            @Override
            public double withinSlot(long epochDay, int slot, double fraction) {
                double from = slot / 4.0;
                double whole = clearSky(epochDay, from + 0.25) - clearSky(epochDay, from);
                return whole <= 0 ? fraction : (clearSky(epochDay, from + fraction * 0.25) - clearSky(epochDay, from)) / whole;
            }
        };
    }

    /** The share of a clear day's generation reached by {@code hour} (local, 0 to 24). */
    static double clearSky(long epochDay, double hour) {
        double dayLength = 12 + 2.1 * Math.sin(2 * Math.PI * (dayOfYear(epochDay) - 80) / 365.25);
        double sunrise = 12 - dayLength / 2;
        double x = Math.max(0, Math.min(1, (hour - sunrise) / dayLength));
        return (1 - Math.cos(Math.PI * x)) / 2;
    }

    /** Whether the sun is up at {@code hour} (local) on that day. */
    static boolean daylight(long epochDay, double hour) {
        double dayLength = 12 + 2.1 * Math.sin(2 * Math.PI * (dayOfYear(epochDay) - 80) / 365.25);
        return Math.abs(hour - 12) < dayLength / 2;
    }
}
