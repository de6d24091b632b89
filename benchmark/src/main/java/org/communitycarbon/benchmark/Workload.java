package org.communitycarbon.benchmark;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The readings of one run: {@code devices} household electricity meters of community {@code community}, each
 * reporting once a simulated minute. Reading {@code i} is number {@code i / devices} of device
 * {@code i % devices}; the series start far enough in the past that the newest is not in the future.
 */
record Workload(String community, int devices, int readings, Instant start, String[] minutes) {

    static Workload of(String community, int devices, int readings) {
        int perDevice = (readings + devices - 1) / devices;
        if (perDevice > 9_000) {
            throw new IllegalArgumentException("at most 9,000 readings per device (the platform accepts readings up to 7 days old)");
        }
        Instant start = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(perDevice + 1L, ChronoUnit.MINUTES);
        String[] minutes = new String[perDevice];
        for (int m = 0; m < perDevice; m++) {
            minutes[m] = start.plus(m, ChronoUnit.MINUTES).toString();
        }
        return new Workload(community, devices, readings, start, minutes);
    }

    String deviceId(int i) {
        String number = Integer.toString(i % devices);
        return "em-" + "000000".substring(number.length()) + number;
    }

    Instant observedAt(int i) {
        return start.plus(i / devices, ChronoUnit.MINUTES);
    }

    /** The message index of a device's reading at a time. */
    int index(String deviceId, Instant observedAt) {
        int device = Integer.parseInt(deviceId.substring(3));
        long minute = ChronoUnit.MINUTES.between(start, observedAt);
        return (int) (minute * devices + device);
    }

    byte[] payload(int i) {
        long register = 100_000L + (i / devices); // tenths of a kWh: 0.1 kWh a minute
        return ("{\"dateObserved\":\"" + minutes[i / devices] + "\",\"householdId\":\"h" + (i % devices)
                + "\",\"totalActiveEnergyImport\":" + (register / 10) + "." + (register % 10) + "}").getBytes(StandardCharsets.UTF_8);
    }
}
