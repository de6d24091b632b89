package org.communitycarbon.benchmark;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.communitycarbon.infra.EmbeddedInfrastructure;
import org.communitycarbon.local.LocalPlatform;
import org.communitycarbon.local.Ports;
import org.communitycarbon.simulator.Registration;

/**
 * The 12-month community query over a year of minute data for 1,184 devices (issue 9): loads, straight into accounting's
 * PostgreSQL with {@code generate_series}, what a year of minute readings of 1,184 electricity meters leaves behind — the
 * hourly and daily rollups, the devices' daily quality, the community sums, a year of daily reductions — plus today's raw
 * minute readings, then times the 12-month community answers through the gateway as the property manager:
 * trends by month, the community portrait, data quality and consumption, {@code --runs} times each after a warm-up.
 * <p>
 * A full raw year (1,184 × 525,600 = 622 M readings, some 100 GB with indexes) is not loaded: none of these answers reads a
 * raw reading for a period from one local midnight to another (they read the rollups; see docs/accounting.md, "What reads
 * what"), and raw readings older than the retention are purged in production anyway. The rollups loaded are those the
 * recorder would have written for such a year, row for row in number.
 * <p>
 * {@code ./mvnw -Pbenchmark-accounting-year -Druns=100}
 */
public final class AccountingYear {

    private static final String COMMUNITY = "maple-court";
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final int HOUSEHOLDS = 1_100;
    private static final int AREAS = 84;

    private AccountingYear() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("logback.configurationFile", "local-platform-logback.xml");
        int runs = 100;
        for (String arg : args) {
            if (arg.startsWith("--runs=")) {
                runs = Integer.parseInt(arg.substring("--runs=".length()));
            }
        }
        Path data = Files.createTempDirectory("community-carbon-accounting-year-");
        EmbeddedInfrastructure infrastructure = EmbeddedInfrastructure.start(EmbeddedInfrastructure.Ports.anyFree(), data, true);
        LocalPlatform platform = LocalPlatform.start(new LocalPlatform.Settings(Ports.anyFree(), null), infrastructure);
        try {
            System.out.println("# Accounting: 12-month community queries " + Instant.now());
            System.out.println("machine: " + Runtime.getRuntime().availableProcessors() + " cores, Java " + Runtime.version()
                    + ", everything in one JVM (embedded PostgreSQL, Kafka, MQTT, every service, the gateway); " + runs + " runs each");
            LocalDate today = LocalDate.now(ZONE);
            LocalDate first = today.minusDays(366);
            long started = System.nanoTime();
            Map<String, Long> rows = load(infrastructure, first, today);
            System.out.printf("loaded in %.0f s: %s%n", (System.nanoTime() - started) / 1e9, rows);

            String manager = Registration.demoToken(platform.gatewayUrl(), "manager", platform.demoPassword());
            Instant from = today.minusDays(365).atStartOfDay(ZONE).toInstant();
            Instant to = today.atStartOfDay(ZONE).toInstant();
            String base = platform.gatewayUrl() + "/api/accounting/communities/" + COMMUNITY;
            Map<String, String> queries = new LinkedHashMap<>();
            queries.put("trends by month, 12 months", base + "/trends?granularity=MONTH&from=" + today.minusMonths(11).withDayOfMonth(1)
                    + "&to=" + today.minusDays(1));
            queries.put("community portrait, 12 months", base + "/portrait?to=" + YearMonth.from(today.minusDays(1)) + "&months=12");
            queries.put("data quality, 365 days", base + "/data-quality?from=" + from + "&to=" + to);
            queries.put("consumption, 365 days", base + "/consumption?from=" + from + "&to=" + to);
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
            System.out.println();
            System.out.println("| query (through the gateway) | runs | p50 ms | p95 ms | p99 ms | max ms | answer bytes |");
            System.out.println("|---|---|---|---|---|---|---|");
            for (Map.Entry<String, String> query : queries.entrySet()) {
                URI uri = URI.create(query.getValue());
                int bytes = 0;
                for (int i = 0; i < 10; i++) {
                    bytes = get(http, uri, manager).length();
                }
                double[] millis = new double[runs];
                for (int i = 0; i < runs; i++) {
                    long t = System.nanoTime();
                    get(http, uri, manager);
                    millis[i] = (System.nanoTime() - t) / 1e6;
                }
                Percentiles p = Percentiles.of(millis);
                System.out.printf("| %s | %d | %.1f | %.1f | %.1f | %.1f | %,d |%n", query.getKey(), runs, p.p50(), p.p95(), p.p99(), p.max(), bytes);
            }
        }
        finally {
            platform.close();
            infrastructure.close();
        }
        System.exit(0);
    }

    private static String get(HttpClient http, URI uri, String token) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(uri + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    /** A year of rollups of 1,100 household and 84 common-area electricity meters, and today's raw minute readings. */
    private static Map<String, Long> load(EmbeddedInfrastructure infrastructure, LocalDate first, LocalDate today) throws Exception {
        Timestamp start = Timestamp.from(first.atStartOfDay(ZONE).toInstant());
        Timestamp end = Timestamp.from(today.atStartOfDay(ZONE).toInstant());
        Timestamp now = Timestamp.from(Instant.now());
        try (Connection connection = infrastructure.postgres().adminDataSource().getConnection()) {
            long grid = id(connection, "GRID_ELECTRICITY", "national");
            long waste = id(connection, "SORTED_PERISHABLE_WASTE", "");
            List<String> statements = new ArrayList<>();
            statements.add("""
                    INSERT INTO accounting.place (community_id, kind, place_id, name, building_id, members, revision, updated_at)
                    SELECT '%1$s', 'HOUSEHOLD', 'h' || lpad(d::text, 4, '0'), 'h' || d, 'b' || lpad(((d - 1) / 50 + 1)::text, 2, '0'),
                           1 + d %% 4, 1, now() FROM generate_series(1, %2$d) d
                    UNION ALL
                    SELECT '%1$s', 'COMMON_AREA', 'a' || lpad(d::text, 2, '0'), 'a' || d, 'b' || lpad(((d - 1) %% 22 + 1)::text, 2, '0'),
                           NULL, 1, now() FROM generate_series(1, %3$d) d
                    ON CONFLICT DO NOTHING""".formatted(COMMUNITY, HOUSEHOLDS, AREAS));
            // an hour's consumption: 0.1 to 0.149 kWh, varying by meter and hour; 60 minute readings each
            statements.add("""
                    INSERT INTO accounting.consumption_hour (community_id, hour, household_id, area_id, meter_type, factor_id, consumption,
                                                             readings, flagged)
                    SELECT '%1$s', h, CASE WHEN d <= %2$d THEN 'h' || lpad(d::text, 4, '0') ELSE '' END,
                           CASE WHEN d > %2$d THEN 'a' || lpad((d - %2$d)::text, 2, '0') ELSE '' END, 'ELECTRICITY', %3$d,
                           0.1 + ((d * 7 + extract(epoch FROM h)::bigint / 3600) %% 50) / 1000.0, 60, 0
                    FROM generate_series(1, %4$d) d, generate_series(?::timestamptz, ?::timestamptz - interval '1 hour', interval '1 hour') h"""
                    .formatted(COMMUNITY, HOUSEHOLDS, grid, HOUSEHOLDS + AREAS));
            statements.add("""
                    INSERT INTO accounting.community_consumption_hour
                    SELECT community_id, hour, CASE WHEN household_id <> '' THEN 'HOUSEHOLD' ELSE 'COMMON_AREA' END, meter_type, factor_id,
                           sum(consumption), sum(readings), sum(flagged)
                    FROM accounting.consumption_hour WHERE community_id = '%s' GROUP BY 1, 2, 3, 4, 5""".formatted(COMMUNITY));
            statements.add("""
                    INSERT INTO accounting.consumption_day
                    SELECT community_id, (hour AT TIME ZONE 'Asia/Shanghai')::date, household_id, area_id, meter_type, factor_id,
                           sum(consumption), sum(readings), sum(flagged)
                    FROM accounting.consumption_hour WHERE community_id = '%s' GROUP BY 1, 2, 3, 4, 5, 6""".formatted(COMMUNITY));
            statements.add("""
                    INSERT INTO accounting.community_consumption_day
                    SELECT community_id, day, CASE WHEN household_id <> '' THEN 'HOUSEHOLD' ELSE 'COMMON_AREA' END, meter_type, factor_id,
                           sum(consumption), sum(readings), sum(flagged)
                    FROM accounting.consumption_day WHERE community_id = '%s' GROUP BY 1, 2, 3, 4, 5""".formatted(COMMUNITY));
            // 1,440 readings a device and day; one glitch in a hundred device-days, shown, not counted
            statements.add("""
                    INSERT INTO accounting.device_quality_day
                    SELECT community_id, day, 'em-' || household_id || area_id, meter_type, household_id, area_id, readings, 0,
                           CASE WHEN hashtext(household_id || area_id || day) %% 100 = 0 THEN 1 ELSE 0 END, 0, 0, 0
                    FROM accounting.consumption_day WHERE community_id = '%s'""".formatted(COMMUNITY));
            // each household sorts 0.5 kg of perishable waste a day: 0.1 kg CO2e
            statements.add("""
                    INSERT INTO accounting.reduction_day
                    SELECT '%1$s', day::date, 'h' || lpad(d::text, 4, '0'), 'SORTED_PERISHABLE_WASTE', %2$d, 0.5, 0.1, 1
                    FROM generate_series(1, %3$d) d, generate_series(?::date, ?::date - 1, interval '1 day') day"""
                    .formatted(COMMUNITY, waste, HOUSEHOLDS));
            statements.add("""
                    INSERT INTO accounting.community_reduction_day
                    SELECT community_id, day, behaviour, factor_id, sum(activity), sum(reduction), sum(reductions)
                    FROM accounting.reduction_day WHERE community_id = '%s' GROUP BY 1, 2, 3, 4""".formatted(COMMUNITY));
            // the monthly rollups from the daily ones, as migration V11 backfills them
            statements.add("""
                    INSERT INTO accounting.consumption_month
                    SELECT community_id, date_trunc('month', day)::date, household_id, area_id, meter_type, factor_id, sum(consumption),
                           sum(readings), sum(flagged)
                    FROM accounting.consumption_day WHERE community_id = '%s' GROUP BY 1, 2, 3, 4, 5, 6""".formatted(COMMUNITY));
            statements.add("""
                    INSERT INTO accounting.reduction_month
                    SELECT community_id, date_trunc('month', day)::date, household_id, behaviour, factor_id, sum(activity), sum(reduction),
                           sum(reductions)
                    FROM accounting.reduction_day WHERE community_id = '%s' GROUP BY 1, 2, 3, 4, 5""".formatted(COMMUNITY));
            // the households' monthly totals from the monthly rollups, as migration V13 backfills them
            statements.add("""
                    INSERT INTO accounting.household_month (community_id, month, household_id, emissions, readings, flagged, reductions)
                    SELECT community_id, month, household_id, coalesce(em.emissions, 0), coalesce(em.readings, 0), coalesce(em.flagged, 0),
                           coalesce(red.reductions, 0)
                    FROM (SELECT d.community_id, d.month, d.household_id, sum(d.consumption * f.value / f.per_quantity) AS emissions,
                                 sum(d.readings) AS readings, sum(d.flagged) AS flagged
                          FROM accounting.consumption_month d LEFT JOIN accounting.methodology_factor f ON f.id = d.factor_id
                          WHERE d.community_id = '%1$s' AND d.household_id <> '' AND d.meter_type <> 'PV_GENERATION'
                          GROUP BY 1, 2, 3) em
                    FULL JOIN (SELECT community_id, month, household_id, sum(reduction) AS reductions FROM accounting.reduction_month
                               WHERE community_id = '%1$s' GROUP BY 1, 2, 3) red USING (community_id, month, household_id)"""
                    .formatted(COMMUNITY));
            statements.add("""
                    INSERT INTO accounting.device_quality_month
                    SELECT community_id, date_trunc('month', day)::date, device_id, (array_agg(meter_type ORDER BY day))[1],
                           (array_agg(household_id ORDER BY day))[1], (array_agg(area_id ORDER BY day))[1], sum(readings), sum(first),
                           sum(glitch), sum(reset), sum(jump), sum(pending)
                    FROM accounting.device_quality_day WHERE community_id = '%s' GROUP BY 1, 2, 3""".formatted(COMMUNITY));
            // today's raw minute readings so far (not in the rollups: no 12-month query reaches today)
            statements.add("""
                    INSERT INTO accounting.meter_reading (event_id, community_id, device_id, meter_type, household_id, area_id, observed_at,
                                                          register, unit, quality, delta, emission_factor_id)
                    SELECT gen_random_uuid(), '%1$s', 'em-' || CASE WHEN d <= %2$d THEN 'h' || lpad(d::text, 4, '0')
                                                              ELSE 'a' || lpad((d - %2$d)::text, 2, '0') END, 'ELECTRICITY',
                           CASE WHEN d <= %2$d THEN 'h' || lpad(d::text, 4, '0') END,
                           CASE WHEN d > %2$d THEN 'a' || lpad((d - %2$d)::text, 2, '0') END, m,
                           1000 + extract(epoch FROM m - ?::timestamptz) / 60 * 0.002, 'KWH', 'OK', 0.002, %3$d
                    FROM generate_series(1, %4$d) d, generate_series(?::timestamptz + interval '1 minute', ?::timestamptz, interval '1 minute') m"""
                    .formatted(COMMUNITY, HOUSEHOLDS, grid, HOUSEHOLDS + AREAS));
            for (String sql : statements) {
                try (PreparedStatement statement = connection.prepareStatement(sql)) {
                    int n = 1;
                    if (sql.contains("generate_series(?::timestamptz, ?::timestamptz - interval")) {
                        statement.setTimestamp(n++, start);
                        statement.setTimestamp(n++, end);
                    }
                    else if (sql.contains("generate_series(?::date")) {
                        statement.setObject(n++, first);
                        statement.setObject(n++, today);
                    }
                    else if (sql.contains("meter_reading")) {
                        statement.setTimestamp(n++, end);
                        statement.setTimestamp(n++, end);
                        statement.setTimestamp(n++, now);
                    }
                    statement.executeUpdate();
                }
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("ANALYZE accounting.consumption_hour, accounting.community_consumption_hour, accounting.consumption_day,"
                        + " accounting.community_consumption_day, accounting.device_quality_day, accounting.reduction_day,"
                        + " accounting.community_reduction_day, accounting.meter_reading, accounting.place, accounting.consumption_month,"
                        + " accounting.reduction_month, accounting.device_quality_month, accounting.household_month");
            }
            Map<String, Long> counts = new LinkedHashMap<>();
            for (String table : List.of("consumption_hour", "consumption_day", "device_quality_day", "reduction_day", "consumption_month",
                    "device_quality_month", "reduction_month", "household_month", "meter_reading")) {
                try (Statement statement = connection.createStatement();
                        ResultSet rs = statement.executeQuery("SELECT count(*) FROM accounting." + table)) {
                    rs.next();
                    counts.put(table, rs.getLong(1));
                }
            }
            return counts;
        }
    }

    private static long id(Connection connection, String kind, String appliesTo) throws Exception {
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT f.id FROM accounting.methodology_factor f JOIN accounting.methodology_version v ON v.id = f.version_id
                WHERE v.methodology_id = 'wuhan-pilot' AND v.version = 1 AND f.kind = ? AND f.applies_to = ?""")) {
            statement.setString(1, kind);
            statement.setString(2, appliesTo);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
