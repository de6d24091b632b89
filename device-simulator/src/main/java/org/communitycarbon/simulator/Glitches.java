package org.communitycarbon.simulator;

import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

import org.communitycarbon.model.device.DeviceTopic;
import org.jspecify.annotations.Nullable;

/**
 * Picks the messages that go out broken: each with probability {@code rate}, with one of the {@link Glitch}es its
 * device can have. The choice depends only on the seed, the topic, the simulated instant and the message's place in
 * its report, so a run repeated with the same seed breaks the same messages, however it is paced.
 */
final class Glitches {

    /** A message as it goes out broken. */
    record Broken(Glitch glitch, byte[] payload) {
    }

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private final long key;
    private final double rate;

    Glitches(long key, double rate) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("glitchRate: must be between 0 and 1, was " + rate);
        }
        this.key = key;
        this.rate = rate;
    }

    static Glitches none() {
        return new Glitches(0, 0);
    }

    /**
     * The message broken, or null when it goes out as written.
     *
     * @param index the message's place among those the device reported at {@code simulatedAt}
     */
    @Nullable Broken breakSome(DeviceTopic topic, Instant simulatedAt, int index, byte[] json) {
        if (rate <= 0) {
            return null;
        }
        SplittableRandom random = new SplittableRandom(
                ((key * GOLDEN + topic.path().hashCode()) * GOLDEN + simulatedAt.toEpochMilli()) * GOLDEN + index);
        if (random.nextDouble() >= rate) {
            return null;
        }
        List<Glitch> possible = Glitch.possibleFor(topic);
        Glitch glitch = possible.get(random.nextInt(possible.size()));
        return new Broken(glitch, glitch.apply(topic, json, random));
    }
}
