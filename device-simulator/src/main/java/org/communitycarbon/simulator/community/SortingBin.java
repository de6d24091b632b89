package org.communitycarbon.simulator.community;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Locale;

import org.communitycarbon.model.device.BinStatusMessage;
import org.communitycarbon.model.device.DeviceMessage;
import org.communitycarbon.model.device.DeviceTopic;
import org.communitycarbon.model.device.DeviceType;
import org.communitycarbon.model.registry.PlaceKind;
import org.communitycarbon.model.device.WasteDepositMessage;
import org.communitycarbon.model.sensing.WasteKind;
import org.jspecify.annotations.Nullable;

/**
 * An AI sorting bin for one waste kind at a drop point, e.g. {@code bin-dp1-perishable}. Each minute it
 * publishes the deposits made since its last report (household scanned, kind, weight, correctly sorted)
 * and its status: {@code fillingLevel} = contents / capacity, at most 1, and the charge of its battery,
 * {@code batteryLevel}. It is emptied at every collection time.
 */
final class SortingBin implements SimulatedDevice {

    private final DeviceTopic depositTopic;
    private final DeviceTopic statusTopic;
    private final DropPoint dropPoint;
    private final WasteKind kind;
    private final BigDecimal capacityKg;
    private final double phase;
    private final WasteSchedule schedule;
    private final Battery battery;
    private final ArrayDeque<PlannedDeposit> pending = new ArrayDeque<>();
    private BigDecimal contentsKg = BigDecimal.ZERO;
    private Instant lastReport;

    SortingBin(String communityId, DropPoint dropPoint, WasteKind kind, double capacityKg, double phase,
            WasteSchedule schedule, Battery battery, Instant emptiedAt) {
        String deviceId = deviceId(dropPoint.id(), kind);
        this.depositTopic = new DeviceTopic(communityId, DeviceType.WASTE_BIN, deviceId, DeviceMessage.DEPOSIT);
        this.statusTopic = new DeviceTopic(communityId, DeviceType.WASTE_BIN, deviceId, DeviceMessage.STATUS);
        this.dropPoint = dropPoint;
        this.kind = kind;
        this.capacityKg = BigDecimal.valueOf(capacityKg);
        this.phase = phase;
        this.schedule = schedule;
        this.battery = battery;
        this.lastReport = emptiedAt;
    }

    static String deviceId(String dropPointId, WasteKind kind) {
        return "bin-" + dropPointId + "-" + kind.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public Installation installation() {
        return new Installation(PlaceKind.DROP_POINT, dropPoint.id(), "AI sorting bin, " + kind.name().toLowerCase(Locale.ROOT),
                "drop point " + dropPoint.id());
    }

    @Override
    public String deviceId() {
        return statusTopic.deviceId();
    }

    @Override
    public DeviceType type() {
        return DeviceType.WASTE_BIN;
    }

    @Override
    public double phase() {
        return phase;
    }

    @Override
    public void report(Instant simulatedAt, Instant observedAt, List<Publication> out) {
        advance(simulatedAt, observedAt, out);
        out.add(new Publication(statusTopic,
                new BinStatusMessage(observedAt, fillingLevel(), kind, dropPoint.id(), battery.levelAt(simulatedAt))));
    }

    /** contents / capacity, to the thousandth, at most 1. */
    BigDecimal fillingLevel() {
        BigDecimal level = contentsKg.divide(capacityKg, 3, RoundingMode.HALF_UP);
        return level.compareTo(BigDecimal.ONE) > 0 ? BigDecimal.ONE.setScale(3) : level;
    }

    void enqueue(PlannedDeposit deposit) {
        pending.add(deposit);
    }

    /**
     * Takes in the deposits due by {@code to} and empties the bin at each collection on the way, in time
     * order. Publishes the deposits to {@code out}, or silently takes them in when {@code out} is null.
     */
    void advance(Instant to, @Nullable Instant observedAt, @Nullable List<Publication> out) {
        if (to.isBefore(lastReport)) {
            return;
        }
        dropPoint.planUpTo(to);
        for (Instant collection : schedule.collectionsBetween(lastReport, to)) {
            takeIn(collection, observedAt, out);
            contentsKg = BigDecimal.ZERO;
        }
        takeIn(to, observedAt, out);
        lastReport = to;
    }

    private void takeIn(Instant upTo, @Nullable Instant observedAt, @Nullable List<Publication> out) {
        while (!pending.isEmpty() && !pending.peek().at().isAfter(upTo)) {
            PlannedDeposit deposit = pending.poll();
            contentsKg = contentsKg.add(deposit.weightKg());
            if (out != null && observedAt != null) {
                out.add(new Publication(depositTopic, new WasteDepositMessage(observedAt, deposit.householdId(), kind,
                        deposit.weightKg(), deposit.correctlySorted(), deposit.detectedKind())));
            }
        }
    }

    @Override
    public String toString() {
        return "SortingBin[" + deviceId() + "]";
    }
}
