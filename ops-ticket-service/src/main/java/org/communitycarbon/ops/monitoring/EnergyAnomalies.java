package org.communitycarbon.ops.monitoring;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.communitycarbon.model.Unit;
import org.communitycarbon.model.registry.PlaceKind;
import org.communitycarbon.model.registry.SubsystemKind;
import org.communitycarbon.ops.workorder.WorkOrderType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The energy anomaly rules, judged on the hours of subsystems whose energy a batch of readings changed, in the caller's
 * transaction. A subsystem's hour is <em>complete</em> once one of its meters has a reading in a later hour; the hour
 * of its latest reading is still running.
 * <ul>
 * <li><b>Lighting in daylight</b>: a {@code LIGHTING} subsystem drawing at least {@code lighting-minimum} in an hour that
 * lies wholly inside the community's daylight window raises an alert (as soon as the running hour reaches it); a
 * complete daylight hour below it clears the alert. Hours outside the window change nothing.</li>
 * <li><b>Above baseline</b>: any subsystem but PV, whose hour uses more than its baseline times (1 + {@code baseline-share})
 * — the baseline being the average of the same local hour on the previous {@code baseline-days} days, judged only when
 * at least {@code baseline-minimum-days} of them have readings and the baseline is at least {@code baseline-minimum} —
 * raises an alert, CRITICAL above (1 + 2 × share); a complete hour at or below the limit clears it.</li>
 * </ul>
 * Alerts are raised at the start of the hour that showed the anomaly and cleared at the end of the hour that showed it
 * over; each is raised once per condition however often its hours are computed again.
 */
@Component
class EnergyAnomalies {

    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH:mm");

    private final JdbcClient jdbc;
    private final Registry registry;
    private final Daylight daylight;
    private final Alerts alerts;
    private final MonitoringSettings.Energy settings;

    EnergyAnomalies(JdbcClient jdbc, Registry registry, Daylight daylight, Alerts alerts, MonitoringSettings settings) {
        this.jdbc = jdbc;
        this.registry = registry;
        this.daylight = daylight;
        this.alerts = alerts;
        this.settings = settings.energy();
    }

    void judge(List<EnergyMonitor.MeterHour> hours) {
        Map<String, List<EnergyMonitor.MeterHour>> byCommunity = hours.stream()
                .collect(Collectors.groupingBy(EnergyMonitor.MeterHour::communityId, LinkedHashMap::new, Collectors.toList()));
        for (Map.Entry<String, List<EnergyMonitor.MeterHour>> community : byCommunity.entrySet()) {
            judge(community.getKey(), community.getValue());
        }
    }

    private void judge(String communityId, List<EnergyMonitor.MeterHour> hours) {
        Map<String, Instant> firstByDevice = new HashMap<>();
        for (EnergyMonitor.MeterHour hour : hours) {
            firstByDevice.merge(hour.deviceId(), hour.hour(), (a, b) -> a.isBefore(b) ? a : b);
        }
        // the subsystems of the changed meters, and the first hour changed in each
        Map<String, Instant> firstByArea = new TreeMap<>();
        jdbc.sql("""
                SELECT DISTINCT device_id, area_id FROM energy_hourly
                WHERE community_id = ? AND device_id = ANY(?) AND meter_type = 'ELECTRICITY'""")
                .params(communityId, firstByDevice.keySet().toArray(String[]::new))
                .query(rs -> {
                    firstByArea.merge(rs.getString(2), firstByDevice.get(rs.getString(1)), (a, b) -> a.isBefore(b) ? a : b);
                });
        if (firstByArea.isEmpty()) {
            return;
        }
        Map<String, Registry.Place> places = registry.places(communityId);
        ZoneId zone = registry.zone(communityId);
        Daylight.Window window = daylight.of(communityId);
        for (Map.Entry<String, Instant> area : firstByArea.entrySet()) {
            Registry.Place place = places.get(area.getKey());
            // a building's supply (master meter) measures the whole building, not a subsystem: no rule judges it
            if (place == null || place.kind() != PlaceKind.ENERGY_SUBSYSTEM || place.subsystemKind() == null
                    || SubsystemKind.PV.name().equals(place.subsystemKind()) || place.buildingSupply()) {
                continue;
            }
            // the hour before the first changed one may have just become complete
            Instant from = area.getValue().minus(1, ChronoUnit.HOURS);
            if (SubsystemKind.LIGHTING.name().equals(place.subsystemKind())) {
                lighting(communityId, place, zone, window, energy(communityId, place.id(), from));
            }
            baseline(communityId, place, zone, from);
        }
    }

    /** A subsystem's electricity per hour from {@code from}, oldest first. */
    private TreeMap<Instant, BigDecimal> energy(String communityId, String areaId, Instant from) {
        TreeMap<Instant, BigDecimal> energy = new TreeMap<>();
        jdbc.sql("""
                SELECT hour, sum(energy) FROM energy_hourly
                WHERE community_id = ? AND area_id = ? AND meter_type = 'ELECTRICITY' AND hour >= ?
                GROUP BY hour""")
                .params(communityId, areaId, Timestamp.from(from))
                .query(rs -> {
                    energy.put(rs.getTimestamp(1).toInstant(), rs.getBigDecimal(2));
                });
        return energy;
    }

    private void lighting(String communityId, Registry.Place place, ZoneId zone, Daylight.Window window,
            TreeMap<Instant, BigDecimal> energy) {
        if (energy.isEmpty()) {
            return;
        }
        Instant running = energy.lastKey();
        Alerts.AlertView active = alerts.active(communityId, AlertRule.LIGHTING_IN_DAYLIGHT, List.of(place.id())).get(place.id());
        Instant judged = alerts.lastCleared(communityId, AlertRule.LIGHTING_IN_DAYLIGHT, place.id());
        BigDecimal minimum = settings.lightingMinimum();
        for (Map.Entry<Instant, BigDecimal> hour : energy.entrySet()) {
            // hours up to an earlier alert's clearing were judged with it (a reading that arrives late recomputes them)
            if (!window.containsHour(hour.getKey(), zone) || (judged != null && hour.getKey().isBefore(judged))) {
                continue;
            }
            boolean complete = hour.getKey().isBefore(running);
            boolean on = hour.getValue().compareTo(minimum) >= 0 && hour.getValue().signum() > 0;
            if (on && active == null) {
                String title = "Lighting " + name(place) + " drew " + Texts.plain(hour.getValue()) + " kWh from "
                        + HOUR.format(hour.getKey().atZone(zone)) + " in daylight (" + window.starts() + "-" + window.ends()
                        + "), at least " + Texts.plain(minimum) + " kWh";
                active = alerts.raise(new Alerts.Draft(communityId, AlertRule.LIGHTING_IN_DAYLIGHT, place.id(),
                        Texts.source(AlertRule.LIGHTING_IN_DAYLIGHT.slug(), communityId, place.id()), Severity.WARNING,
                        Texts.bounded(title, 300), hour.getKey(), hour.getValue(), minimum, Unit.KWH,
                        settings.lightingWorkOrder() ? WorkOrderType.ENERGY_ANOMALY : null, settings.resolveWithin(),
                        details(place)));
            }
            else if (on && active != null) {
                alerts.peak(active.id(), hour.getValue());
            }
            else if (!on && complete && active != null && !hour.getKey().isBefore(active.raisedAt())) {
                Instant end = hour.getKey().plus(1, ChronoUnit.HOURS);
                alerts.clear(active, end, hour.getValue(), "Cleared by the platform: lighting " + place.id() + " drew "
                        + Texts.plain(hour.getValue()) + " kWh in the daylight hour from " + HOUR.format(hour.getKey().atZone(zone))
                        + ", below " + Texts.plain(minimum) + " kWh");
                active = null;
            }
        }
    }

    private void baseline(String communityId, Registry.Place place, ZoneId zone, Instant from) {
        int days = settings.baselineDays();
        Instant historyFrom = from.atZone(zone).minusDays(days).toInstant();
        TreeMap<Instant, BigDecimal> energy = energy(communityId, place.id(), historyFrom);
        if (energy.isEmpty()) {
            return;
        }
        Instant running = energy.lastKey();
        Alerts.AlertView active = alerts.active(communityId, AlertRule.ABOVE_BASELINE, List.of(place.id())).get(place.id());
        Instant judged = alerts.lastCleared(communityId, AlertRule.ABOVE_BASELINE, place.id());
        BigDecimal share = settings.baselineShare();
        for (Map.Entry<Instant, BigDecimal> hour : energy.tailMap(from, true).entrySet()) {
            if (judged != null && hour.getKey().isBefore(judged)) {
                continue;
            }
            List<BigDecimal> history = new ArrayList<>();
            for (int day = 1; day <= days; day++) {
                BigDecimal earlier = energy.get(hour.getKey().atZone(zone).minusDays(day).toInstant());
                if (earlier != null) {
                    history.add(earlier);
                }
            }
            if (history.size() < settings.baselineMinimumDays()) {
                continue;
            }
            BigDecimal baseline = history.stream().reduce(BigDecimal.ZERO, BigDecimal::add)
                    .divide(BigDecimal.valueOf(history.size()), 6, RoundingMode.HALF_UP);
            if (baseline.compareTo(settings.baselineMinimum()) < 0) {
                continue;
            }
            BigDecimal limit = baseline.multiply(BigDecimal.ONE.add(share)).setScale(6, RoundingMode.HALF_UP);
            boolean complete = hour.getKey().isBefore(running);
            boolean above = hour.getValue().compareTo(limit) > 0;
            if (above && active == null) {
                Severity severity = hour.getValue().compareTo(baseline.multiply(BigDecimal.ONE.add(share.multiply(BigDecimal.valueOf(2))))) > 0
                        ? Severity.CRITICAL : Severity.WARNING;
                BigDecimal percent = hour.getValue().subtract(baseline).multiply(BigDecimal.valueOf(100))
                        .divide(baseline, 0, RoundingMode.HALF_UP);
                String title = name(place) + " used " + Texts.plain(hour.getValue()) + " kWh in the hour from "
                        + HOUR.format(hour.getKey().atZone(zone)) + ", " + percent + "% above its baseline of "
                        + Texts.plain(baseline.setScale(3, RoundingMode.HALF_UP)) + " kWh (" + history.size() + " days)";
                active = alerts.raise(new Alerts.Draft(communityId, AlertRule.ABOVE_BASELINE, place.id(),
                        Texts.source(AlertRule.ABOVE_BASELINE.slug(), communityId, place.id()), severity,
                        Texts.bounded(title, 300), hour.getKey(), hour.getValue(), limit, Unit.KWH,
                        settings.baselineWorkOrder() ? WorkOrderType.ENERGY_ANOMALY : null, settings.resolveWithin(),
                        details(place)));
            }
            else if (above && active != null) {
                alerts.peak(active.id(), hour.getValue());
            }
            else if (!above && complete && active != null && !hour.getKey().isBefore(active.raisedAt())) {
                alerts.clear(active, hour.getKey().plus(1, ChronoUnit.HOURS), hour.getValue(), "Cleared by the platform: "
                        + place.id() + " used " + Texts.plain(hour.getValue()) + " kWh in the hour from "
                        + HOUR.format(hour.getKey().atZone(zone)) + ", within its limit of " + Texts.plain(limit) + " kWh");
                active = null;
            }
        }
    }

    private static String name(Registry.Place place) {
        return place.name() + " (" + place.id() + ")";
    }

    private static Map<String, String> details(Registry.Place place) {
        Map<String, String> details = new HashMap<>();
        details.put("subsystemId", place.id());
        details.put("subsystemKind", String.valueOf(place.subsystemKind()));
        if (place.buildingId() != null) {
            details.put("buildingId", place.buildingId());
        }
        return details;
    }
}
