package org.communitycarbon.simulator;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.communitycarbon.model.device.DeviceMessage;
import org.communitycarbon.simulator.community.SimulatedDevice;
import org.communitycarbon.simulator.mqtt.ReliablePublisher;
import org.jspecify.annotations.Nullable;

/**
 * The simulator's one thread of work: gives each device its turn when it comes (see {@link ReportSchedule}),
 * and the {@link DeviceReporter} publishes what it reports. Publishing blocks while the broker applies
 * back-pressure; devices that fall behind skip ahead rather than report in a burst. Every so often it
 * emits a one-line summary.
 */
final class ReportLoop implements Runnable {

    private static final long MIN_SUMMARY_NANOS = 5_000_000_000L;
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private record Turn(SimulatedDevice device, long round, long dueNanos) {
    }

    private final List<SimulatedDevice> devices;
    private final SimulationClock clock;
    private final ReportSchedule schedule;
    private final DeviceReporter reporter;
    private final ReliablePublisher publisher;
    private final PublishCounters counters;
    private final FaultCounters faults;
    private final Consumer<String> summaries;
    private final String communityId;
    private final ZoneId zone;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final long summaryEveryNanos;

    private volatile @Nullable Instant simulatedTime;
    private Instant lastSimulated;
    private long lastSummaryMinute;
    private long lastSummaryNanos;
    private Map<DeviceMessage, Long> lastSummaryCounts;
    private long lastSummaryGlitched;

    /** The reporter publishes; the publisher and the counters only feed the summaries. */
    ReportLoop(List<SimulatedDevice> devices, SimulationClock clock, DeviceReporter reporter, ReliablePublisher publisher,
            PublishCounters counters, FaultCounters faults, Consumer<String> summaries, String communityId, ZoneId zone) {
        this.devices = List.copyOf(devices);
        this.clock = clock;
        this.schedule = new ReportSchedule(clock.speed(), ReportSchedule.FIRST_ROUND);
        this.reporter = reporter;
        this.publisher = publisher;
        this.counters = counters;
        this.faults = faults;
        this.summaries = summaries;
        this.communityId = communityId;
        this.zone = zone;
        this.summaryEveryNanos = Math.max(schedule.periodNanos(), MIN_SUMMARY_NANOS);
        this.lastSimulated = clock.simulatedStart();
        this.lastSummaryMinute = clock.simulatedStart().getEpochSecond() / 60;
        this.lastSummaryCounts = counters.byMessage();
    }

    @Override
    public void run() {
        PriorityQueue<Turn> turns = new PriorityQueue<>(Comparator.comparingLong(Turn::dueNanos));
        devices.forEach(device -> turns.add(new Turn(device, 0, schedule.dueNanos(device.phase(), 0))));
        try {
            while (!stopped() && !turns.isEmpty()) {
                Turn turn = turns.peek();
                long now = clock.realElapsedNanos();
                if (turn.dueNanos() > now) {
                    stop.await(turn.dueNanos() - now, TimeUnit.NANOSECONDS);
                    continue;
                }
                turns.poll();
                report(turn.device());
                long after = clock.realElapsedNanos();
                long next = schedule.nextRound(turn.device().phase(), turn.round(), after);
                turns.add(new Turn(turn.device(), next, schedule.dueNanos(turn.device().phase(), next)));
                summarise(after);
            }
        }
        catch (InterruptedException e) {
            // Closing.
        }
    }

    private void report(SimulatedDevice device) throws InterruptedException {
        Instant real = clock.realNow();
        Instant simulated = clock.simulatedAt(real);
        if (simulated.isBefore(lastSimulated)) {
            // The real clock stepped back (NTP): simulated time stands still rather than run backwards.
            simulated = lastSimulated;
        }
        lastSimulated = simulated;
        simulatedTime = simulated;
        reporter.report(device, simulated, real);
    }

    private void summarise(long nowNanos) {
        Instant simulated = lastSimulated;
        long minute = simulated.getEpochSecond() / 60;
        if (minute == lastSummaryMinute || nowNanos - lastSummaryNanos < summaryEveryNanos) {
            return;
        }
        Map<DeviceMessage, Long> counts = counters.byMessage();
        long readings = counts.get(DeviceMessage.READING) - lastSummaryCounts.get(DeviceMessage.READING);
        long deposits = counts.get(DeviceMessage.DEPOSIT) - lastSummaryCounts.get(DeviceMessage.DEPOSIT);
        long statuses = counts.get(DeviceMessage.STATUS) - lastSummaryCounts.get(DeviceMessage.STATUS);
        long minutes = minute - lastSummaryMinute;
        long glitched = faults.glitched();
        summaries.accept(String.format(Locale.ROOT,
                "[%s %s, speed %sx] %s: %,d published in the last %d simulated minute%s (%,d readings, %,d deposits, "
                        + "%,d bin statuses%s); %,d in all, %,d republished, %,d awaiting acknowledgement%s",
                MINUTE.format(simulated.atZone(zone)), zone.getId(), speed(), communityId, readings + deposits + statuses,
                minutes, minutes == 1 ? "" : "s", readings, deposits, statuses,
                brokenText(glitched - lastSummaryGlitched), counters.total(), publisher.republished(), publisher.pending(), silentText()));
        lastSummaryMinute = minute;
        lastSummaryNanos = nowNanos;
        lastSummaryCounts = counts;
        lastSummaryGlitched = glitched;
    }

    /** {@code "; 12 sent broken"} when messages were broken on purpose since the last summary, otherwise nothing. */
    private static String brokenText(long broken) {
        return broken == 0 ? "" : String.format(Locale.ROOT, "; %,d sent broken", broken);
    }

    /** {@code "; 12 devices silent"} while devices are without power, otherwise nothing. */
    private String silentText() {
        int silent = faults.silentDevices();
        return silent == 0 ? "" : String.format(Locale.ROOT, "; %,d device%s silent", silent, silent == 1 ? "" : "s");
    }

    private String speed() {
        return DeviceSimulator.speedText(clock.speed());
    }

    @Nullable Instant simulatedTime() {
        return simulatedTime;
    }

    void stop() {
        stop.countDown();
    }

    private boolean stopped() {
        return stop.getCount() == 0;
    }
}
