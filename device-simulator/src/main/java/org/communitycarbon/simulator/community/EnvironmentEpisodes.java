package org.communitycarbon.simulator.community;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * Now and then the air gets bad or a night gets loud, so that the platform's environment thresholds have something to
 * fire on. Each simulated day brings, with probability {@code pm25SpikeChance}, a PM2.5 spike of 90 minutes at an hour
 * between 07:00 and 19:00 (five times the usual level at every sensor: 150–250 µg/m³); each night, with probability
 * {@code noisyNightChance}, a loud night from 22:30 to 01:30 at the outdoor sensors (22 dB(A) above the usual, about
 * 60–65). So that they show within minutes of a start at speed 60, the first spike also comes 20 simulated minutes
 * after the start and the first loud spell 60 minutes after it (each 90 minutes long), when its chance is above 0.
 * Which days have episodes follows from the seed.
 *
 * @param pm25SpikeChance probability of a PM2.5 spike on a given day, 0 to 1
 * @param noisyNightChance probability of a loud night, 0 to 1
 */
public record EnvironmentEpisodes(double pm25SpikeChance, double noisyNightChance) {

    /** Days without episodes. */
    public static final EnvironmentEpisodes NONE = new EnvironmentEpisodes(0, 0);

    /** The defaults: a spike every other day, a loud night in three. */
    public static final EnvironmentEpisodes DEFAULTS = new EnvironmentEpisodes(0.5, 0.3);

    static final double PM25_FACTOR = 5;
    static final double NOISE_DB = 22;
    private static final Duration LENGTH = Duration.ofMinutes(90);
    private static final Duration FIRST_SPIKE_AFTER = Duration.ofMinutes(20);
    private static final Duration FIRST_NOISE_AFTER = Duration.ofMinutes(60);

    public EnvironmentEpisodes {
        if (!(pm25SpikeChance >= 0 && pm25SpikeChance <= 1) || !(noisyNightChance >= 0 && noisyNightChance <= 1)) {
            throw new IllegalArgumentException("episode chances are between 0 and 1, were " + pm25SpikeChance + " and " + noisyNightChance);
        }
    }

    /** The episodes of one community from one start. */
    Timeline timeline(long key, ZoneId zone, Instant simulatedStart) {
        return new Timeline(key, zone, simulatedStart);
    }

    /** When a community's episodes happen. */
    final class Timeline {

        private final long key;
        private final ZoneId zone;
        private final Instant start;

        private Timeline(long key, ZoneId zone, Instant start) {
            this.key = key;
            this.zone = zone;
            this.start = start;
        }

        /** Whether a PM2.5 spike is on at a simulated instant. */
        boolean pm25SpikeAt(Instant at) {
            if (pm25SpikeChance <= 0) {
                return false;
            }
            if (within(at, start.plus(FIRST_SPIKE_AFTER))) {
                return true;
            }
            LocalDate day = at.atZone(zone).toLocalDate();
            long epochDay = day.toEpochDay();
            if (Noise.unit(Noise.key(key, epochDay, 0x25)) >= pm25SpikeChance) {
                return false;
            }
            int hour = 7 + (int) (Noise.unit(Noise.key(key, epochDay, 0x26)) * 12);
            return within(at, ZonedDateTime.of(day, LocalTime.of(hour, 0), zone).toInstant());
        }

        /** Whether a loud spell is on at a simulated instant (outdoor sensors only). */
        boolean loudAt(Instant at) {
            if (noisyNightChance <= 0) {
                return false;
            }
            if (within(at, start.plus(FIRST_NOISE_AFTER))) {
                return true;
            }
            ZonedDateTime local = at.atZone(zone);
            // a night belongs to the day it starts on
            LocalDate night = local.toLocalTime().isBefore(LocalTime.of(12, 0)) ? local.toLocalDate().minusDays(1) : local.toLocalDate();
            if (Noise.unit(Noise.key(key, night.toEpochDay(), 0xD8)) >= noisyNightChance) {
                return false;
            }
            Instant from = ZonedDateTime.of(night, LocalTime.of(22, 30), zone).toInstant();
            return !at.isBefore(from) && at.isBefore(from.plus(Duration.ofHours(3)));
        }

        private static boolean within(Instant at, Instant from) {
            return !at.isBefore(from) && at.isBefore(from.plus(LENGTH));
        }
    }
}
