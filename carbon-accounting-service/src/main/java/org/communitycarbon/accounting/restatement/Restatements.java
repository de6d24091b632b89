package org.communitycarbon.accounting.restatement;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Array;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import org.communitycarbon.accounting.methodology.Factor;
import org.communitycarbon.accounting.methodology.FactorCatalog;
import org.communitycarbon.accounting.methodology.FactorCatalog.PublishedVersion;
import org.communitycarbon.accounting.methodology.FactorKind;
import org.communitycarbon.accounting.restatement.RestatementRequest.Checked;
import org.communitycarbon.model.ContractViolation;
import org.communitycarbon.model.EventIds;
import org.communitycarbon.model.Quantity;
import org.communitycarbon.model.Unit;
import org.communitycarbon.model.sensing.MeterType;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Restates a community's local months under a published methodology version and keeps the report.
 *
 * <p>Emissions come from the community's daily consumption rollups: each meter type's consumption, households and
 * common areas apart, priced as recorded (each part by the factor recorded with it, to six places) and restated (all
 * of it by the version's factor of the kind for the community's grid region, else national, else for all).
 * Reductions come from the recorded reductions: their activity (kg, km, kWh saved) restated reduction by reduction,
 * activity × value ÷ per quantity to the gram, exactly as they would have been recorded under the version. A
 * restatement writes only its report: no reduction, no rollup, no outbox message.
 */
@Service
class Restatements {

    private static final List<String> KINDS = List.of("EMISSIONS", "AVOIDED", "REDUCTION");

    private final JdbcClient sql;
    private final JdbcTemplate jdbc;
    private final FactorCatalog catalog;
    private final Clock clock;

    Restatements(JdbcClient sql, JdbcTemplate jdbc, FactorCatalog catalog, Clock clock) {
        this.sql = sql;
        this.jdbc = jdbc;
        this.catalog = catalog;
        this.clock = clock;
    }

    /** The report, and whether this request computed it ({@code false}: the same request was answered before). */
    record Outcome(RestatementView report, boolean created) {
    }

    /** The community's running local month: the last a restatement may cover. */
    YearMonth runningMonth(String communityId) {
        return YearMonth.from(LocalDate.ofInstant(clock.instant(), catalog.zoneOf(communityId)));
    }

    /** The restatement's id: one per community, methodology, version and months. */
    static UUID idOf(String communityId, Checked request) {
        return EventIds.of("restatement", communityId, request.methodology(), String.valueOf(request.version()),
                request.from().toString(), request.to().toString());
    }

    @Transactional
    Outcome restate(String communityId, Checked request, String requestedBy) {
        UUID id = idOf(communityId, request);
        Optional<RestatementView> before = read(communityId, id);
        if (before.isPresent()) {
            return new Outcome(before.get(), false);
        }
        PublishedVersion version = catalog.published(request.methodology(), request.version())
                .orElseThrow(() -> sql.sql("SELECT count(*) FROM methodology WHERE id = ?").param(request.methodology())
                        .query(Long.class).single() > 0
                                ? new ContractViolation("version", request.methodology() + " has no published version " + request.version())
                                : new ContractViolation("methodology", "no methodology " + request.methodology()));
        ZoneId zone = catalog.zoneOf(communityId);
        String region = catalog.regionOf(communityId);
        List<StoredLine> lines = new ArrayList<>();
        lines.addAll(consumption(communityId, request, region));
        lines.addAll(reductions(communityId, request, zone, region));
        lines.sort(Comparator.comparing(StoredLine::month).thenComparing(l -> KINDS.indexOf(l.kind()))
                .thenComparing(StoredLine::source).thenComparing(StoredLine::scope));
        int inserted = sql.sql("""
                INSERT INTO restatement (id, community_id, methodology_id, version, from_month, to_month, time_zone, grid_region,
                                         requested_by, requested_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")
                .params(id, communityId, version.methodologyId(), version.version(), Date.valueOf(request.from().atDay(1)),
                        Date.valueOf(request.to().atDay(1)), zone.getId(), region, requestedBy, Timestamp.from(clock.instant()))
                .update();
        if (inserted == 0) { // the same request, committed by another transaction a moment ago
            return new Outcome(read(communityId, id).orElseThrow(), false);
        }
        insertLines(id, lines);
        return new Outcome(read(communityId, id).orElseThrow(), true);
    }

    /** The community's restatements, newest first, without their lines. */
    List<RestatementView.Summary> list(String communityId) {
        return sql.sql("""
                SELECT id, methodology_id, version, from_month, to_month, requested_by, requested_at FROM restatement
                WHERE community_id = ? ORDER BY requested_at DESC, id LIMIT 200""")
                .param(communityId)
                .query((rs, n) -> new RestatementView.Summary(rs.getObject(1, UUID.class), rs.getString(2), rs.getInt(3),
                        YearMonth.from(rs.getObject(4, LocalDate.class)).toString(),
                        YearMonth.from(rs.getObject(5, LocalDate.class)).toString(), rs.getString(6), rs.getTimestamp(7).toInstant()))
                .list();
    }

    /** A restatement of the community, as it was computed. */
    Optional<RestatementView> read(String communityId, UUID id) {
        record Header(String methodology, int version, LocalDate from, LocalDate to, String zone, String region, String by,
                Instant at) {
        }
        Optional<Header> header = sql.sql("""
                SELECT methodology_id, version, from_month, to_month, time_zone, grid_region, requested_by, requested_at
                FROM restatement WHERE id = ? AND community_id = ?""")
                .params(id, communityId)
                .query((rs, n) -> new Header(rs.getString(1), rs.getInt(2), rs.getObject(3, LocalDate.class),
                        rs.getObject(4, LocalDate.class), rs.getString(5), rs.getString(6), rs.getString(7),
                        rs.getTimestamp(8).toInstant()))
                .optional();
        if (header.isEmpty()) {
            return Optional.empty();
        }
        Header h = header.get();
        String label = h.methodology() + " v" + h.version();
        List<RestatementView.Line> lines = sql.sql("""
                SELECT month, kind, scope, source, activity, activity_unit, items, original, original_unit, original_versions,
                       original_factor_ids, restated, restated_unit, restated_factor_id
                FROM restatement_line WHERE restatement_id = ? ORDER BY line""")
                .param(id)
                .query((rs, n) -> {
                    Long[] factorIds = (Long[]) rs.getArray(11).getArray();
                    String[] versions = (String[]) rs.getArray(10).getArray();
                    BigDecimal restated = rs.getBigDecimal(12);
                    return RestatementView.Line.of(YearMonth.from(rs.getObject(1, LocalDate.class)).toString(), rs.getString(2),
                            rs.getString(3), rs.getString(4), Quantity.of(rs.getBigDecimal(5).setScale(3, RoundingMode.HALF_UP),
                                    Unit.valueOf(rs.getString(6))), rs.getLong(7), rs.getBigDecimal(8),
                            Unit.valueOf(rs.getString(9)), List.of(versions), List.of(factorIds), restated,
                            restated == null ? null : Unit.valueOf(rs.getString(13)), restated == null ? null : label,
                            (Long) rs.getObject(14));
                })
                .list();
        PublishedVersion version = catalog.published(h.methodology(), h.version()).orElse(null);
        return Optional.of(new RestatementView(id, communityId, h.methodology(), h.version(),
                version == null ? null : version.effectiveFrom(), version == null ? null : version.effectiveUntil(),
                YearMonth.from(h.from()).toString(), YearMonth.from(h.to()).toString(), h.zone(), h.region(), h.by(), h.at(),
                RestatementView.totals(lines), lines));
    }

    /**
     * Emissions (and PV's avoided emissions) per month, scope and meter type from the community's daily rollups: as
     * recorded, each part priced by its recorded factor; restated, all of it by the version's factor. A building's master
     * meter measures what its households and common areas already count, so its scope is left out.
     */
    private List<StoredLine> consumption(String communityId, Checked request, String region) {
        record Key(YearMonth month, String scope, MeterType type) {
        }
        Map<Key, Map<Long, BigDecimal>> parts = new TreeMap<>(Comparator.comparing(Key::month).thenComparing(Key::scope)
                .thenComparing(Key::type));
        Map<Key, Long> readings = new HashMap<>();
        sql.sql("""
                SELECT date_trunc('month', day)::date, scope, meter_type, factor_id, sum(consumption), sum(readings - flagged)
                FROM community_consumption_day WHERE community_id = ? AND day BETWEEN ? AND ? AND scope <> 'MASTER'
                GROUP BY 1, 2, 3, 4""")
                .params(communityId, Date.valueOf(request.from().atDay(1)), Date.valueOf(request.to().atEndOfMonth()))
                .query(rs -> {
                    MeterType type = meterType(rs.getString(3));
                    if (type == null) {
                        return; // a meter type a newer instance knows
                    }
                    Key key = new Key(YearMonth.from(rs.getObject(1, LocalDate.class)), rs.getString(2), type);
                    parts.computeIfAbsent(key, k -> new LinkedHashMap<>()).merge(rs.getLong(4), rs.getBigDecimal(5), BigDecimal::add);
                    readings.merge(key, rs.getLong(6), Long::sum);
                });
        List<StoredLine> lines = new ArrayList<>();
        parts.forEach((key, byFactor) -> {
            BigDecimal consumption = BigDecimal.ZERO;
            BigDecimal original = BigDecimal.ZERO;
            TreeSet<String> versions = new TreeSet<>();
            List<Long> factorIds = new ArrayList<>();
            TreeSet<Unit> gases = new TreeSet<>();
            for (Map.Entry<Long, BigDecimal> part : byFactor.entrySet()) {
                consumption = consumption.add(part.getValue());
                Factor factor = part.getKey() == 0L ? null : catalog.byId(part.getKey()).orElse(null);
                if (factor != null) { // consumption stored without a factor (its version had none) was never priced
                    original = original.add(priced(part.getValue(), factor));
                    versions.add(factor.versionLabel());
                    factorIds.add(factor.id());
                    gases.add(factor.gas().unit());
                }
            }
            Optional<Factor> target = catalog.factorOf(request.methodology(), request.version(),
                    FactorKind.emissionsOf(key.type()), region);
            BigDecimal restated = consumption;
            lines.add(new StoredLine(key.month(), key.type() == MeterType.PV_GENERATION ? "AVOIDED" : "EMISSIONS", key.scope(),
                    key.type().name(), consumption, key.type().registerUnit(), readings.getOrDefault(key, 0L), original,
                    gases.size() == 1 ? gases.first() : Unit.KG_CO2E, List.copyOf(versions), factorIds,
                    target.map(f -> priced(restated, f)).orElse(null), target.map(f -> f.gas().unit()).orElse(null),
                    target.map(Factor::id).orElse(null)));
        });
        return lines;
    }

    /**
     * Reductions per month, behaviour and mode or category: as recorded, and each reduction's activity under the
     * version's factor of its behaviour (for a saving, the community's grid region; for travel, its mode), to the gram.
     */
    private List<StoredLine> reductions(String communityId, Checked request, ZoneId zone, String region) {
        Timestamp start = Timestamp.from(request.from().atDay(1).atStartOfDay(zone).toInstant());
        Timestamp end = Timestamp.from(request.to().plusMonths(1).atDay(1).atStartOfDay(zone).toInstant());
        // the factors the period's reductions were recorded with, and what each becomes under the version
        List<Long> recordedWith = sql.sql("""
                SELECT DISTINCT factor_id FROM carbon_reduction WHERE community_id = ? AND occurred_at > ? AND occurred_at <= ?""")
                .params(communityId, start, end).query(Long.class).list();
        Map<Long, Factor> original = new HashMap<>();
        Map<Long, Factor> target = new HashMap<>();
        for (Long id : recordedWith) {
            catalog.byId(id).ifPresent(factor -> {
                original.put(id, factor);
                // electricity saved (and PV generation) is priced for the community's grid region, travel by its mode
                String appliesTo = factor.kind() == FactorKind.ELECTRICITY_SAVING || factor.kind() == FactorKind.GRID_ELECTRICITY
                        ? region : factor.appliesTo();
                catalog.factorOf(request.methodology(), request.version(), factor.kind(), appliesTo)
                        .ifPresent(t -> target.put(id, t));
            });
        }
        Long[] ids = target.keySet().toArray(Long[]::new);
        BigDecimal[] values = target.values().stream().map(Factor::value).toArray(BigDecimal[]::new);
        BigDecimal[] perQuantities = target.values().stream().map(Factor::perQuantity).toArray(BigDecimal[]::new);
        record Group(YearMonth month, String behaviour, long factorId, String unit, BigDecimal activity, BigDecimal original, long count,
                @Nullable BigDecimal restated) {
        }
        List<Group> groups = jdbc.query(connection -> {
            PreparedStatement statement = connection.prepareStatement("""
                    SELECT to_char((r.occurred_at - interval '1 microsecond') AT TIME ZONE ?, 'YYYY-MM'), r.behaviour, r.factor_id,
                           r.activity_unit,
                           sum(r.activity_value), sum(r.reduction_kg_co2e), count(*),
                           sum(round(r.activity_value * t.value / t.per_quantity, 3))
                    FROM carbon_reduction r
                    LEFT JOIN unnest(?::bigint[], ?::numeric[], ?::numeric[]) AS t(factor_id, value, per_quantity)
                           ON t.factor_id = r.factor_id
                    WHERE r.community_id = ? AND r.occurred_at > ? AND r.occurred_at <= ?
                    GROUP BY 1, 2, 3, 4""");
            statement.setString(1, zone.getId());
            statement.setArray(2, connection.createArrayOf("bigint", ids));
            statement.setArray(3, connection.createArrayOf("numeric", values));
            statement.setArray(4, connection.createArrayOf("numeric", perQuantities));
            statement.setString(5, communityId);
            statement.setTimestamp(6, start);
            statement.setTimestamp(7, end);
            return statement;
        }, (rs, n) -> new Group(YearMonth.parse(rs.getString(1)), rs.getString(2), rs.getLong(3), rs.getString(4),
                rs.getBigDecimal(5), rs.getBigDecimal(6), rs.getLong(7), rs.getBigDecimal(8)));
        // one line per month, behaviour and mode or category: the reductions that one factor of the version restates
        record Key(YearMonth month, String behaviour, String scope) {
        }
        Map<Key, List<Group>> byLine = new TreeMap<>(Comparator.comparing(Key::month).thenComparing(Key::behaviour)
                .thenComparing(Key::scope));
        for (Group group : groups) {
            Factor factor = original.get(group.factorId());
            if (factor == null) {
                continue; // a factor of a kind a newer instance knows
            }
            String scope = factor.kind() == FactorKind.GREEN_TRAVEL || factor.kind() == FactorKind.RECYCLED_GOODS
                    ? factor.appliesTo() : "";
            byLine.computeIfAbsent(new Key(group.month(), group.behaviour(), scope), k -> new ArrayList<>()).add(group);
        }
        List<StoredLine> lines = new ArrayList<>();
        byLine.forEach((key, parts) -> {
            BigDecimal activity = BigDecimal.ZERO;
            BigDecimal recorded = BigDecimal.ZERO;
            BigDecimal restated = BigDecimal.ZERO;
            long count = 0;
            TreeSet<String> versions = new TreeSet<>();
            List<Long> factorIds = new ArrayList<>();
            Factor restatedBy = null;
            for (Group part : parts) {
                activity = activity.add(part.activity());
                recorded = recorded.add(part.original());
                count += part.count();
                Factor factor = original.get(part.factorId());
                versions.add(factor.versionLabel());
                factorIds.add(factor.id());
                if (part.restated() != null) {
                    restated = restated.add(part.restated());
                    restatedBy = target.get(part.factorId());
                }
            }
            lines.add(new StoredLine(key.month(), "REDUCTION", key.scope(), key.behaviour(), activity,
                    Unit.valueOf(parts.get(0).unit()), count, recorded, Unit.KG_CO2E, List.copyOf(versions), factorIds,
                    restatedBy == null ? null : restated, restatedBy == null ? null : restatedBy.gas().unit(),
                    restatedBy == null ? null : restatedBy.id()));
        });
        return lines;
    }

    private void insertLines(UUID id, List<StoredLine> lines) {
        jdbc.batchUpdate("""
                INSERT INTO restatement_line (restatement_id, line, month, kind, scope, source, activity, activity_unit, items,
                    original, original_unit, original_versions, original_factor_ids, restated, restated_unit, restated_factor_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", new BatchPreparedStatementSetter() {

            @Override
            public void setValues(PreparedStatement ps, int i) throws SQLException {
                StoredLine line = lines.get(i);
                Array versions = ps.getConnection().createArrayOf("text", line.originalVersions().toArray());
                Array factorIds = ps.getConnection().createArrayOf("bigint", line.originalFactorIds().toArray());
                ps.setObject(1, id);
                ps.setInt(2, i);
                ps.setDate(3, Date.valueOf(line.month().atDay(1)));
                ps.setString(4, line.kind());
                ps.setString(5, line.scope());
                ps.setString(6, line.source());
                ps.setBigDecimal(7, line.activity());
                ps.setString(8, line.activityUnit().name());
                ps.setLong(9, line.items());
                ps.setBigDecimal(10, line.original());
                ps.setString(11, line.originalUnit().name());
                ps.setArray(12, versions);
                ps.setArray(13, factorIds);
                ps.setBigDecimal(14, line.restated());
                ps.setString(15, line.restatedUnit() == null ? null : line.restatedUnit().name());
                ps.setObject(16, line.restatedFactorId(), java.sql.Types.BIGINT);
            }

            @Override
            public int getBatchSize() {
                return lines.size();
            }
        });
    }

    /** Consumption × value ÷ per quantity, to six places: as the consumption endpoints price it. */
    private static BigDecimal priced(BigDecimal consumption, Factor factor) {
        return consumption.multiply(factor.value()).divide(factor.perQuantity(), 6, RoundingMode.HALF_UP);
    }

    private static @Nullable MeterType meterType(String name) {
        try {
            return MeterType.valueOf(name);
        }
        catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** A line as stored: figures to six places. */
    private record StoredLine(YearMonth month, String kind, String scope, String source, BigDecimal activity, Unit activityUnit,
            long items, BigDecimal original, Unit originalUnit, List<String> originalVersions, List<Long> originalFactorIds,
            @Nullable BigDecimal restated, @Nullable Unit restatedUnit, @Nullable Long restatedFactorId) {
    }
}
