package org.communitycarbon.simulator.community;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Drives devices through simulated time the way the simulator does, without MQTT or real time. */
final class Ticks {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    /** A simulated publication with the simulated instant it was made at. */
    record Sent(Instant simulatedAt, Publication publication) {
    }

    private Ticks() {
    }

    static Instant local(String dateTime) {
        return LocalDateTime.parse(dateTime).atZone(SHANGHAI).toInstant();
    }

    /**
     * Lets every selected device report once per simulated minute from {@code from} (exclusive) to
     * {@code to}, at its phase within the minute, and returns what they published in order.
     */
    static List<Sent> run(Community community, Predicate<SimulatedDevice> devices, Instant from, Instant to) {
        List<SimulatedDevice> selected = community.devices().stream().filter(devices).toList();
        List<Sent> sent = new ArrayList<>();
        List<Publication> out = new ArrayList<>();
        for (Instant minute = from; minute.isBefore(to); minute = minute.plus(Duration.ofMinutes(1))) {
            for (SimulatedDevice device : selected) {
                Instant at = minute.plusMillis(Math.round(device.phase() * 60_000));
                if (!at.isAfter(from) || at.isAfter(to)) {
                    continue;
                }
                out.clear();
                device.report(at, at, out);
                out.forEach(publication -> sent.add(new Sent(at, publication)));
            }
        }
        sent.sort(java.util.Comparator.comparing(Sent::simulatedAt));
        return sent;
    }
}
