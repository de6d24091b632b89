package org.communitycarbon.ops.reports;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.communitycarbon.model.Unit;
import org.communitycarbon.model.reports.MonthlyFigure;
import org.communitycarbon.model.reports.MonthlyFigureNames;
import org.communitycarbon.model.reports.MonthlyFiguresPublished;
import org.communitycarbon.model.reports.ReportSource;

/** Test data: the five services' monthly figures of a community, as they publish them. */
final class MonthlyFiguresMother {

    private MonthlyFiguresMother() {
    }

    static MonthlyFiguresPublished published(String community, YearMonth month, ReportSource source, int revision, boolean complete,
            Map<String, String> figures) {
        List<MonthlyFigure> list = new ArrayList<>();
        figures.forEach((name, value) -> list.add(new MonthlyFigure(name, new BigDecimal(value), unitOf(name))));
        MonthlyFiguresPublished event = new MonthlyFiguresPublished(
                MonthlyFiguresPublished.eventIdOf(source, community, month.toString(), revision), MonthlyFiguresPublished.SCHEMA_VERSION,
                community, Instant.now(), source, month.toString(), "Asia/Shanghai", revision, complete, list);
        event.validate();
        return event;
    }

    static Unit unitOf(String name) {
        if (name.startsWith(MonthlyFigureNames.WASTE_PREFIX) || name.equals(MonthlyFigureNames.RECYCLING_KG)) {
            return Unit.KG;
        }
        if (name.startsWith(MonthlyFigureNames.REDUCTION_PREFIX)) {
            return Unit.KG_CO2E;
        }
        if (name.equals(MonthlyFigureNames.HOUSEHOLD_ELECTRICITY)) {
            return Unit.KWH;
        }
        if (name.startsWith("credits.")) {
            return Unit.CREDIT;
        }
        return Unit.COUNT;
    }

    static Map<String, String> figures(String... nameValues) {
        Map<String, String> figures = new LinkedHashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            figures.put(nameValues[i], nameValues[i + 1]);
        }
        return figures;
    }

    /** Community A's month: see MonthlyReportsIT for the hand calculation. */
    static Map<ReportSource, Map<String, String>> communityA() {
        return Map.of(
                ReportSource.SENSING, figures("devices.registered", "10", "devices.expectedHours", "1000", "devices.reportingHours", "950",
                        "deposits.count", "200", "deposits.correct", "150", "deposits.households", "60",
                        "waste.kg.recyclable", "100", "waste.kg.perishable", "300", "waste.kg.residual", "100", "waste.kg.hazardous", "0"),
                ReportSource.ACCOUNTING, figures("households.count", "100", "energy.householdKwh", "15000", "energy.householdsMetered", "90",
                        "reduction.kgCo2e.SORTED_PERISHABLE_WASTE", "60", "reduction.kgCo2e.GREEN_TRAVEL", "15",
                        "reduction.kgCo2e.ELECTRICITY_SAVING", "7.8", "reduction.kgCo2e.RECYCLED_GOODS", "30"),
                ReportSource.CREDITS, figures("credits.issued", "112800", "credits.redeemed", "5000"),
                ReportSource.RECYCLING, figures("recycling.collectedKg", "100", "recycling.pickups", "10"),
                ReportSource.OPS, figures("workOrders.opened", "10", "workOrders.closed", "8", "workOrders.closedOnTime", "6",
                        "workOrders.escalated", "2"));
    }

    /** Community B's month. */
    static Map<ReportSource, Map<String, String>> communityB() {
        return Map.of(
                ReportSource.SENSING, figures("devices.registered", "20", "devices.expectedHours", "2000", "devices.reportingHours", "1500",
                        "deposits.count", "100", "deposits.correct", "90", "deposits.households", "30",
                        "waste.kg.recyclable", "50", "waste.kg.perishable", "150", "waste.kg.residual", "50", "waste.kg.hazardous", "0"),
                ReportSource.ACCOUNTING, figures("households.count", "75", "energy.householdKwh", "6000", "energy.householdsMetered", "40",
                        "reduction.kgCo2e.SORTED_PERISHABLE_WASTE", "30", "reduction.kgCo2e.GREEN_TRAVEL", "0",
                        "reduction.kgCo2e.ELECTRICITY_SAVING", "0", "reduction.kgCo2e.RECYCLED_GOODS", "30"),
                ReportSource.CREDITS, figures("credits.issued", "50000", "credits.redeemed", "1000"),
                ReportSource.RECYCLING, figures("recycling.collectedKg", "100", "recycling.pickups", "5"),
                ReportSource.OPS, figures("workOrders.opened", "4", "workOrders.closed", "2", "workOrders.closedOnTime", "2",
                        "workOrders.escalated", "0"));
    }

    /** A community's month as the reports read it back, every source at revision 1. */
    static ReceivedFigures.CommunityMonth month(String community, YearMonth month, Map<ReportSource, Map<String, String>> sources,
            boolean complete) {
        Map<ReportSource, ReceivedFigures.SourceFigures> got = new java.util.EnumMap<>(ReportSource.class);
        sources.forEach((source, figures) -> {
            Map<String, BigDecimal> values = new java.util.TreeMap<>();
            figures.forEach((name, value) -> values.put(name, new BigDecimal(value)));
            got.put(source, new ReceivedFigures.SourceFigures(source, 1, complete, Instant.parse("2026-11-01T00:00:00Z"), values));
        });
        return new ReceivedFigures.CommunityMonth(community, month, got);
    }
}
