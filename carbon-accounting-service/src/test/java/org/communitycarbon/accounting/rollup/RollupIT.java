package org.communitycarbon.accounting.rollup;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.communitycarbon.accounting.AccountingServiceTest;
import org.communitycarbon.accounting.Events;
import org.communitycarbon.accounting.consumption.ConsumptionRecorder;
import org.communitycarbon.accounting.methodology.FactorCatalog;
import org.communitycarbon.accounting.reduction.ReductionRecorder;
import org.communitycarbon.model.sensing.MeterReadingReceived;
import org.communitycarbon.model.sensing.MeterType;
import org.communitycarbon.model.sensing.WasteDeposited;
import org.communitycarbon.model.sensing.WasteKind;
import org.communitycarbon.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The hourly, daily and monthly rollups equal the sums of what they roll up, in the community's local calendar, whatever the
 * order and repetition of the readings, and the community's consumption read from them equals the readings' sums.
 */
@AccountingServiceTest
class RollupIT {

    @Autowired
    ConsumptionRecorder readings;

    @Autowired
    ReductionRecorder reductions;

    @Autowired
    FactorCatalog catalog;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MockMvcTester mvc;

    @Autowired
    Rollups rollups;

    @Autowired
    TransactionTemplate transactions;

    private final String community = "r-" + UUID.randomUUID().toString().substring(0, 8);
    private final String meter = "em-" + UUID.randomUUID().toString().substring(0, 8);
    /** Local midnight of a day in Asia/Shanghai, two days ago. */
    private final Instant midnight = LocalDate.now(ZoneId.of("Asia/Shanghai")).minusDays(2).atStartOfDay(ZoneId.of("Asia/Shanghai"))
            .toInstant();

    @Test
    void aReadingAtLocalMidnightClosesTheDayBeforeInTheCommunitysTimeZone() {
        LocalDate day = LocalDate.ofInstant(midnight, ZoneId.of("Asia/Shanghai"));
        readings.record(List.of(reading(-10, "100.0"), reading(0, "101.0"), reading(10, "101.5")));

        assertThat(dayTotals()).containsExactly(Map.entry(day.minusDays(1), new BigDecimal("1.000000")),
                Map.entry(day, new BigDecimal("0.500000")));
        assertThat(rollupsMatchTheReadings()).isTrue();
    }

    @Test
    void aCommunityInAnotherTimeZoneHasItsOwnDays() {
        jdbc.update("""
                INSERT INTO community (id, region, time_zone, community_type, revision, updated_at)
                VALUES (?, 'national', 'Europe/London', 'OLDER', 1, now())""", community);
        catalog.refresh();
        // Shanghai midnight is 16:00 or 17:00 the day before in London: one London day
        readings.record(List.of(reading(-10, "100.0"), reading(0, "101.0"), reading(10, "101.5")));

        assertThat(dayTotals()).containsExactly(Map.entry(LocalDate.ofInstant(midnight, ZoneId.of("Europe/London")),
                new BigDecimal("1.500000")));
        assertThat(rollupsMatchTheReadings()).isTrue();
    }

    @Test
    void readingsDeliveredAgainLateOrGlitchedKeepTheRollupEqualToTheirDeltas() {
        readings.record(List.of(reading(-20, "1000.0"), reading(-10, "1001.0")));
        readings.record(List.of(reading(-10, "1001.0"), reading(-20, "1000.0"))); // again
        readings.record(List.of(reading(10, "1003.0"))); // across midnight
        readings.record(List.of(reading(0, "1002.2"))); // late: splits the interval across the days
        readings.record(List.of(reading(20, "12.3"))); // pending
        assertThat(flagged()).isEqualTo(1);
        readings.record(List.of(reading(30, "1003.5"))); // the pending one was a glitch
        readings.record(List.of(reading(30, "1003.5"), reading(0, "1002.2"))); // again

        LocalDate day = LocalDate.ofInstant(midnight, ZoneId.of("Asia/Shanghai"));
        assertThat(dayTotals()).containsExactly(Map.entry(day.minusDays(1), new BigDecimal("2.200000")),
                Map.entry(day, new BigDecimal("1.300000")));
        assertThat(flagged()).as("the glitch stays flagged").isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT sum(readings) FROM consumption_day WHERE community_id = ?", Integer.class, community))
                .isEqualTo(6);
        assertThat(rollupsMatchTheReadings()).isTrue();
    }

    @Test
    void aDepositDeliveredAgainIsRolledUpOnce() {
        WasteDeposited deposit = Events.deposit(community, "b01-0101", midnight.minus(2, ChronoUnit.HOURS), WasteKind.PERISHABLE, "1.25", true);
        reductions.recordDeposits(List.of(deposit));
        reductions.recordDeposits(List.of(deposit, deposit));
        reductions.recordDeposits(List.of(Events.deposit(community, "b01-0102", midnight, WasteKind.PERISHABLE, "0.5", true)));

        assertThat(jdbc.queryForObject("""
                SELECT sum(reduction) FROM reduction_day WHERE community_id = ? AND household_id = 'b01-0101'""",
                BigDecimal.class, community)).isEqualByComparingTo("0.25");
        assertThat(jdbc.query("""
                SELECT day, sum(reduction), sum(reductions) FROM community_reduction_day WHERE community_id = ? GROUP BY day ORDER BY day""",
                (rs, n) -> List.of(rs.getObject(1, LocalDate.class), rs.getBigDecimal(2).stripTrailingZeros(), rs.getInt(3)), community))
                .as("a deposit at midnight closes the day before").containsExactly(
                        List.of(LocalDate.ofInstant(midnight, ZoneId.of("Asia/Shanghai")).minusDays(1), new BigDecimal("0.35"), 2));
    }

    @Test
    void theCommunitysConsumptionFromRollupsAndEdgesEqualsTheReadings() {
        readings.record(List.of(reading(-60 * 24 - 30, "100.0"), reading(-60 * 24 + 30, "101.0"), reading(-60, "105.0"),
                reading(0, "106.0"), reading(60 * 24, "110.0"), reading(60 * 24 + 30, "110.5"),
                Events.areaElectricity(community, "plaza", "em-plaza", midnight.minus(1, ChronoUnit.DAYS), "5000"),
                Events.areaElectricity(community, "plaza", "em-plaza", midnight.minus(1, ChronoUnit.MINUTES), "5100")));
        String manager = TestTokens.bearer(TestTokens.propertyManager(community));
        // whole days only; a partial day at each edge; one partial day
        for (Instant[] period : List.of(new Instant[] {midnight.minus(1, ChronoUnit.DAYS), midnight.plus(1, ChronoUnit.DAYS)},
                new Instant[] {midnight.minus(25, ChronoUnit.HOURS), midnight.plus(25, ChronoUnit.HOURS)},
                new Instant[] {midnight.minus(90, ChronoUnit.MINUTES), midnight.plus(10, ChronoUnit.MINUTES)})) {
            BigDecimal expected = jdbc.queryForObject("""
                    SELECT coalesce(sum(delta), 0) FROM meter_reading
                    WHERE community_id = ? AND household_id IS NOT NULL AND observed_at > ? AND observed_at <= ?""",
                    BigDecimal.class, community, Timestamp.from(period[0]), Timestamp.from(period[1]));
            assertThat(mvc.get().uri("/api/accounting/communities/{c}/consumption?from={f}&to={t}", community, period[0], period[1])
                    .header(HttpHeaders.AUTHORIZATION, manager))
                    .hasStatusOk().bodyJson()
                    .hasPathSatisfying("$.households[0].consumption.value",
                            v -> v.assertThat().asNumber().satisfies(n -> assertThat(new BigDecimal(n.toString())).isEqualByComparingTo(expected)))
                    .hasPathSatisfying("$.householdsReporting", v -> v.assertThat().isEqualTo(1));
        }
        assertThat(mvc.get().uri("/api/accounting/communities/{c}/consumption?from={f}&to={t}", community,
                midnight.minus(1, ChronoUnit.DAYS), midnight).header(HttpHeaders.AUTHORIZATION, manager))
                .hasStatusOk().bodyJson()
                .hasPathSatisfying("$.commonAreas[0].consumption.value", v -> v.assertThat().isEqualTo(100.0));
    }

    private MeterReadingReceived reading(int minutesFromMidnight, String kwh) {
        return Events.reading(community, "b01-0101", meter, MeterType.ELECTRICITY, midnight.plus(minutesFromMidnight, ChronoUnit.MINUTES), kwh);
    }

    private List<Map.Entry<LocalDate, BigDecimal>> dayTotals() {
        return jdbc.query("""
                SELECT day, sum(consumption) FROM consumption_day WHERE community_id = ? AND household_id <> ''
                GROUP BY day HAVING sum(consumption) <> 0 ORDER BY day""",
                (rs, n) -> Map.entry(rs.getObject(1, LocalDate.class), rs.getBigDecimal(2)), community);
    }

    private int flagged() {
        return jdbc.queryForObject("SELECT coalesce(sum(flagged), 0) FROM consumption_day WHERE community_id = ?", Integer.class, community);
    }

    @Test
    void hoursFollowTheDaysRuleAndHouseholdAndHourlyAnswersReadThem() {
        // 09:00 (opens), 09:30, 10:00 (closes the hour from 09:00), 10:30, 11:15 (late, then a glitch at 11:20)
        readings.record(List.of(reading(9 * 60, "100.0"), reading(9 * 60 + 30, "101.0"), reading(10 * 60, "102.5")));
        readings.record(List.of(reading(11 * 60 + 15, "104.0"), reading(10 * 60 + 30, "103.0")));
        readings.record(List.of(reading(11 * 60 + 20, "3.0"), reading(11 * 60 + 40, "104.5")));
        assertThat(rollupsMatchTheReadings()).isTrue();
        assertThat(jdbc.query("""
                SELECT hour, consumption FROM consumption_hour WHERE community_id = ? AND consumption <> 0 ORDER BY hour""",
                (rs, n) -> Map.entry(rs.getTimestamp(1).toInstant(), rs.getBigDecimal(2).stripTrailingZeros()), community))
                .containsExactly(Map.entry(midnight.plus(9, ChronoUnit.HOURS), new BigDecimal("2.5")),
                        Map.entry(midnight.plus(10, ChronoUnit.HOURS), new BigDecimal("0.5")),
                        Map.entry(midnight.plus(11, ChronoUnit.HOURS), new BigDecimal("1.5")));

        String manager = TestTokens.bearer(TestTokens.propertyManager(community));
        // partial hours at both edges: 09:10 to 11:30 holds 09:30 .. 11:20 (the glitch adds nothing)
        assertThat(mvc.get().uri("/api/accounting/communities/{c}/households/b01-0101/consumption?from={f}&to={t}", community,
                midnight.plus(9 * 60 + 10, ChronoUnit.MINUTES), midnight.plus(11 * 60 + 30, ChronoUnit.MINUTES))
                .header(HttpHeaders.AUTHORIZATION, manager))
                .hasStatusOk().bodyJson()
                .hasPathSatisfying("$.totals[0].consumption.value", v -> v.assertThat().isEqualTo(4.0))
                .hasPathSatisfying("$.totals[0].readings", v -> v.assertThat().isEqualTo(5))
                .hasPathSatisfying("$.days[0].consumption.value", v -> v.assertThat().isEqualTo(4.0));

        String day = LocalDate.ofInstant(midnight, ZoneId.of("Asia/Shanghai")).toString();
        assertThat(mvc.get().uri("/api/accounting/communities/{c}/consumption/hours?day={d}", community, day)
                .header(HttpHeaders.AUTHORIZATION, manager))
                .hasStatusOk().bodyJson()
                .hasPathSatisfying("$.hours.length()", v -> v.assertThat().isEqualTo(24))
                .hasPathSatisfying("$.hours[9].localTime", v -> v.assertThat().isEqualTo("09:00"))
                .hasPathSatisfying("$.hours[9].households[0].consumption.value", v -> v.assertThat().isEqualTo(2.5))
                .hasPathSatisfying("$.hours[11].households[0].consumption.value", v -> v.assertThat().isEqualTo(1.5))
                .hasPathSatisfying("$.hours[11].households[0].flagged", v -> v.assertThat().isEqualTo(1))
                .hasPathSatisfying("$.hours[8].households[0].readings", v -> v.assertThat().isEqualTo(1))
                .hasPathSatisfying("$.hours[7].households.length()", v -> v.assertThat().isEqualTo(0));
        assertThat(mvc.get().uri("/api/accounting/communities/{c}/consumption/hours?day=1999-12-31", community)
                .header(HttpHeaders.AUTHORIZATION, manager))
                .hasStatus(400).bodyJson().hasPathSatisfying("$.invalid-params[0].name", v -> v.assertThat().isEqualTo("day"));
    }

    /** Every rollup holds exactly the readings' sums per local day or hour, meter type and factor, and per device and day. */
    private boolean rollupsMatchTheReadings() {
        String zone = catalog.zoneOf(community).getId();
        Integer hourly = jdbc.queryForObject("""
                WITH raw AS (
                    SELECT date_trunc('hour', observed_at - interval '1 microsecond', ?) AS hour, coalesce(household_id, '') AS h,
                           coalesce(area_id, '') AS a, meter_type, coalesce(emission_factor_id, 0) AS f, coalesce(sum(delta), 0) AS c,
                           count(*) AS n, count(*) FILTER (WHERE quality NOT IN ('FIRST', 'OK')) AS g
                    FROM meter_reading WHERE community_id = ? GROUP BY 1, 2, 3, 4, 5),
                rolled AS (SELECT hour, household_id AS h, area_id AS a, meter_type, factor_id AS f, consumption AS c, readings AS n,
                                  flagged AS g FROM consumption_hour WHERE community_id = ?),
                community AS (SELECT hour, CASE WHEN h <> '' THEN 'HOUSEHOLD' ELSE 'COMMON_AREA' END AS scope, meter_type, f,
                                     sum(c) AS c, sum(n) AS n, sum(g) AS g FROM raw GROUP BY 1, 2, 3, 4),
                community_rolled AS (SELECT hour, scope, meter_type, factor_id AS f, consumption AS c, readings AS n, flagged AS g
                                     FROM community_consumption_hour WHERE community_id = ?),
                quality AS (SELECT ((observed_at - interval '1 microsecond') AT TIME ZONE ?)::date AS day, device_id, count(*) AS n,
                                   count(*) FILTER (WHERE quality = 'FIRST') AS first, count(*) FILTER (WHERE quality = 'GLITCH') AS g,
                                   count(*) FILTER (WHERE quality = 'RESET') AS r, count(*) FILTER (WHERE quality = 'JUMP') AS j,
                                   count(*) FILTER (WHERE quality = 'PENDING') AS p
                            FROM meter_reading WHERE community_id = ? GROUP BY 1, 2),
                quality_rolled AS (SELECT day, device_id, readings::bigint, first::bigint, glitch::bigint, reset::bigint, jump::bigint,
                                          pending::bigint FROM device_quality_day WHERE community_id = ?)
                SELECT (SELECT count(*) FROM ((SELECT * FROM raw EXCEPT SELECT * FROM rolled) UNION ALL
                                              (SELECT * FROM rolled EXCEPT SELECT * FROM raw)) d)
                     + (SELECT count(*) FROM ((SELECT * FROM community EXCEPT SELECT * FROM community_rolled) UNION ALL
                                              (SELECT * FROM community_rolled EXCEPT SELECT * FROM community)) e)
                     + (SELECT count(*) FROM ((SELECT * FROM quality EXCEPT SELECT * FROM quality_rolled) UNION ALL
                                              (SELECT * FROM quality_rolled EXCEPT SELECT * FROM quality)) q)""",
                Integer.class, zone, community, community, community, zone, community, community);
        return hourly != null && hourly == 0 && dailyRollupsMatchTheReadings();
    }

    /** Both daily rollups hold exactly the readings' sums per local day, meter type and factor. */
    private boolean dailyRollupsMatchTheReadings() {
        String zone = catalog.zoneOf(community).getId();
        Integer mismatches = jdbc.queryForObject("""
                WITH raw AS (
                    SELECT ((observed_at - interval '1 microsecond') AT TIME ZONE ?)::date AS day, coalesce(household_id, '') AS h,
                           coalesce(area_id, '') AS a, meter_type, coalesce(emission_factor_id, 0) AS f, coalesce(sum(delta), 0) AS c,
                           count(*) AS n, count(*) FILTER (WHERE quality NOT IN ('FIRST', 'OK')) AS g
                    FROM meter_reading WHERE community_id = ? GROUP BY 1, 2, 3, 4, 5),
                rolled AS (SELECT day, household_id AS h, area_id AS a, meter_type, factor_id AS f, consumption AS c, readings AS n,
                                  flagged AS g FROM consumption_day WHERE community_id = ?),
                community AS (SELECT day, CASE WHEN h <> '' THEN 'HOUSEHOLD' ELSE 'COMMON_AREA' END AS scope, meter_type, f,
                                     sum(c) AS c, sum(n) AS n, sum(g) AS g FROM raw GROUP BY 1, 2, 3, 4),
                community_rolled AS (SELECT day, scope, meter_type, factor_id AS f, consumption AS c, readings AS n, flagged AS g
                                     FROM community_consumption_day WHERE community_id = ?)
                SELECT (SELECT count(*) FROM ((SELECT * FROM raw EXCEPT SELECT * FROM rolled) UNION ALL
                                              (SELECT * FROM rolled EXCEPT SELECT * FROM raw)) d)
                     + (SELECT count(*) FROM ((SELECT * FROM community EXCEPT SELECT * FROM community_rolled) UNION ALL
                                              (SELECT * FROM community_rolled EXCEPT SELECT * FROM community)) e)""",
                Integer.class, zone, community, community, community);
        return mismatches != null && mismatches == 0 && monthlyRollupsEqualTheirDays();
    }

    /**
     * What the readings' three consumers do: concurrent transactions for different devices of one community, which all
     * update the community's rows, one of them a batch larger than a poll used to be. None deadlocks or fails, and every
     * rollup still equals its readings.
     */
    @Test
    void concurrentBatchesOfOneCommunityNeitherDeadlockNorMissAReading() throws Exception {
        ExecutorService consumers = Executors.newFixedThreadPool(3);
        try {
            List<CompletableFuture<Integer>> stored = new ArrayList<>();
            for (int consumer = 0; consumer < 3; consumer++) {
                int first = consumer * 40;
                int rounds = consumer == 0 ? 1 : 8;
                int perDevice = consumer == 0 ? 40 : 5; // consumer 0: one batch of 1,600 readings
                stored.add(CompletableFuture.supplyAsync(() -> {
                    int inserted = 0;
                    for (int round = 0; round < rounds; round++) {
                        List<MeterReadingReceived> batch = new ArrayList<>();
                        for (int device = first; device < first + 40; device++) {
                            for (int i = 0; i < perDevice; i++) {
                                int step = round * perDevice + i;
                                batch.add(Events.reading(community, "h" + device, meter + "-" + device, MeterType.ELECTRICITY,
                                        midnight.plus(10L * step, ChronoUnit.MINUTES), BigDecimal.valueOf(100 + step, 1).toPlainString()));
                            }
                        }
                        inserted += readings.record(batch);
                    }
                    return inserted;
                }, consumers));
            }
            int total = 0;
            for (CompletableFuture<Integer> each : stored) {
                total += each.get(2, TimeUnit.MINUTES);
            }
            assertThat(total).isEqualTo(40 * 40 + 2 * 40 * 8 * 5);
        }
        finally {
            consumers.shutdownNow();
        }
        assertThat(rollupsMatchTheReadings()).isTrue();
        assertThat(jdbc.queryForObject("SELECT sum(readings) FROM community_consumption_day WHERE community_id = ?", Integer.class,
                community)).isEqualTo(40 * 40 + 2 * 40 * 8 * 5);
    }

    @Test
    void everyMonthlyRowIsTheSumOfItsDailyRowsAfterAStreamWithDuplicatesAndLateReadings() {
        ZoneId zone = ZoneId.of("Asia/Shanghai");
        // the local midnight that starts this month: readings on both sides of it, in two months
        Instant monthStart = LocalDate.now(zone).withDayOfMonth(1).atStartOfDay(zone).toInstant();
        readings.record(List.of(at(monthStart, -24 * 60, "500.0"), at(monthStart, 60, "504.0")));
        readings.record(List.of(at(monthStart, 0, "502.5"), at(monthStart, -24 * 60, "500.0"))); // late, and again
        readings.record(List.of(at(monthStart, -60, "501.0"), at(monthStart, 24 * 60, "506.0"), at(monthStart, 60, "504.0")));
        readings.record(List.of(at(monthStart, 2 * 60, "7.0"))); // a glitch, pending
        readings.record(List.of(at(monthStart, 3 * 60, "504.5"), at(monthStart, 0, "502.5"), at(monthStart, 2 * 60, "7.0")));
        readings.record(List.of(Events.areaElectricity(community, "plaza", "em-plaza", monthStart.minus(3, ChronoUnit.HOURS), "10"),
                Events.areaElectricity(community, "plaza", "em-plaza", monthStart.plus(3, ChronoUnit.HOURS), "12")));
        WasteDeposited before = Events.deposit(community, "b01-0101", monthStart, WasteKind.PERISHABLE, "1.25", true);
        WasteDeposited after = Events.deposit(community, "b01-0101", monthStart.plus(5, ChronoUnit.MINUTES), WasteKind.PERISHABLE, "0.5",
                true);
        reductions.recordDeposits(List.of(after, before));
        reductions.recordDeposits(List.of(before, after, before));

        assertThat(rollupsMatchTheReadings()).isTrue();
        assertThat(jdbc.queryForList("SELECT DISTINCT month FROM consumption_month WHERE community_id = ? ORDER BY 1", LocalDate.class,
                community)).as("the readings fall in two local months").hasSize(2);
        assertThat(jdbc.queryForList("SELECT DISTINCT month FROM reduction_month WHERE community_id = ? ORDER BY 1", LocalDate.class,
                community)).as("a deposit at the month's first midnight closes the month before").hasSize(2);
        assertThat(jdbc.queryForObject("SELECT sum(reductions) FROM reduction_month WHERE community_id = ?", Integer.class, community))
                .isEqualTo(2);
        assertThat(jdbc.queryForObject("SELECT sum(glitch + pending) FROM device_quality_month WHERE community_id = ?", Integer.class,
                community)).as("the glitch, once").isEqualTo(1);
    }

    @Test
    void aHouseholdsMonthlyTotalsStayExactlyItsMonthlyRowsPricedOneByOne() {
        // a factor whose division does not end (0.78 per 10) and the national grid factor; odd decimals, changes taken back,
        // PV and a common area left out, a household with reductions only
        long perTen = jdbc.queryForObject("""
                SELECT f.id FROM methodology_factor f JOIN methodology_version v ON v.id = f.version_id
                WHERE v.methodology_id = 'wuhan-pilot' AND v.version = 1 AND f.kind = 'ELECTRICITY_SAVING'""", Long.class);
        long grid = jdbc.queryForObject("""
                SELECT f.id FROM methodology_factor f JOIN methodology_version v ON v.id = f.version_id
                WHERE v.methodology_id = 'wuhan-pilot' AND v.version = 1 AND f.kind = 'GRID_ELECTRICITY' AND f.applies_to = 'national'""",
                Long.class);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant lastMonth = now.minus(40, ChronoUnit.DAYS);
        List<List<Rollups.ConsumptionChange>> batches = List.of(
                List.of(change("b01-0101", null, "ELECTRICITY", grid, now, "1.234567", 1, "OK", 1),
                        change("b01-0101", null, "GAS", perTen, now, "0.333333", 1, "OK", 1),
                        change("b01-0102", null, "ELECTRICITY", perTen, lastMonth, "7.777777", 1, "OK", 1),
                        change("b01-0102", null, "PV_GENERATION", grid, now, "3", 1, "OK", 1),
                        change(null, "plaza", "ELECTRICITY", perTen, now, "2.5", 1, "OK", 1)),
                List.of(change("b01-0101", null, "GAS", perTen, now, "-0.111111", 1, "GLITCH", -1),
                        change("b01-0101", null, "GAS", perTen, now, "0.222223", 0, "OK", 1),
                        change("b01-0102", null, "ELECTRICITY", perTen, now, "0.000001", 1, "OK", 1),
                        change("b01-0102", null, "ELECTRICITY", null, now, "4", 1, "OK", 1)),
                List.of(change("b01-0101", null, "ELECTRICITY", grid, now, "-1.234567", 0, "OK", -1),
                        change("b01-0101", null, "ELECTRICITY", grid, now, "9.87", 0, "OK", 1)));
        for (List<Rollups.ConsumptionChange> batch : batches) {
            transactions.executeWithoutResult(status -> rollups.addConsumption(batch));
        }
        transactions.executeWithoutResult(status -> rollups.addReductions(List.of(
                new Rollups.ReductionChange(community, now, "b01-0101", "SORTED_PERISHABLE_WASTE", perTen, new BigDecimal("2"),
                        new BigDecimal("0.4")),
                new Rollups.ReductionChange(community, now, "b02-0101", "RECYCLED_GOODS", perTen, new BigDecimal("4.7"),
                        new BigDecimal("1.41")),
                new Rollups.ReductionChange(community, lastMonth, "b02-0101", "RECYCLED_GOODS", perTen, new BigDecimal("1"),
                        new BigDecimal("0.3")))));

        assertThat(householdMonthsEqualTheirPricedMonthlyRows()).isTrue();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM household_month WHERE community_id = ?", Integer.class, community))
                .as("b01-0101 and b01-0102 this month, b01-0102 and b02-0101 last month, b02-0101 this month").isEqualTo(5);
        assertThat(jdbc.queryForObject("""
                SELECT emissions FROM household_month WHERE community_id = ? AND household_id = 'b01-0101'
                AND month = date_trunc('month', now() AT TIME ZONE 'Asia/Shanghai')::date""", BigDecimal.class, community))
                // 9.87 kWh x 0.5306 + (0.333333 - 0.111111 + 0.222223) m3 x 0.78 / 10
                .isEqualByComparingTo(new BigDecimal("9.87").multiply(new BigDecimal("0.5306"))
                        .add(new BigDecimal("0.444445").multiply(new BigDecimal("0.078"))));
    }

    private Rollups.ConsumptionChange change(String household, String area, String meterType, Long factor, Instant at, String delta,
            int readings, String quality, int sign) {
        return new Rollups.ConsumptionChange(community, "em-" + (household == null ? area : household) + "-" + meterType, at, household,
                area, meterType, factor, new BigDecimal(delta), readings, quality, sign);
    }

    private MeterReadingReceived at(Instant instant, int minutes, String kwh) {
        return Events.reading(community, "b01-0101", meter, MeterType.ELECTRICITY, instant.plus(minutes, ChronoUnit.MINUTES), kwh);
    }

    /** Every monthly rollup row is exactly the sum of its local month's daily rows, and exists exactly when one of them does. */
    private boolean monthlyRollupsEqualTheirDays() {
        Integer mismatches = jdbc.queryForObject("""
                WITH c AS (SELECT date_trunc('month', day)::date, household_id, area_id, meter_type, factor_id, sum(consumption),
                                  sum(readings), sum(flagged)
                           FROM consumption_day WHERE community_id = ? GROUP BY 1, 2, 3, 4, 5),
                cm AS (SELECT month, household_id, area_id, meter_type, factor_id, consumption, readings::bigint, flagged::bigint
                       FROM consumption_month WHERE community_id = ?),
                r AS (SELECT date_trunc('month', day)::date, household_id, behaviour, factor_id, sum(activity), sum(reduction), sum(reductions)
                      FROM reduction_day WHERE community_id = ? GROUP BY 1, 2, 3, 4),
                rm AS (SELECT month, household_id, behaviour, factor_id, activity, reduction, reductions::bigint
                       FROM reduction_month WHERE community_id = ?),
                q AS (SELECT date_trunc('month', day)::date, device_id, sum(readings), sum(first), sum(glitch), sum(reset), sum(jump),
                             sum(pending)
                      FROM device_quality_day WHERE community_id = ? GROUP BY 1, 2),
                qm AS (SELECT month, device_id, readings::bigint, first::bigint, glitch::bigint, reset::bigint, jump::bigint, pending::bigint
                       FROM device_quality_month WHERE community_id = ?)
                SELECT (SELECT count(*) FROM ((SELECT * FROM c EXCEPT SELECT * FROM cm) UNION ALL (SELECT * FROM cm EXCEPT SELECT * FROM c)) x)
                     + (SELECT count(*) FROM ((SELECT * FROM r EXCEPT SELECT * FROM rm) UNION ALL (SELECT * FROM rm EXCEPT SELECT * FROM r)) y)
                     + (SELECT count(*) FROM ((SELECT * FROM q EXCEPT SELECT * FROM qm) UNION ALL (SELECT * FROM qm EXCEPT SELECT * FROM q)) z)""",
                Integer.class, community, community, community, community, community, community);
        return mismatches != null && mismatches == 0 && householdMonthsEqualTheirPricedMonthlyRows();
    }

    /**
     * Every row of {@code household_month} is exactly what the portrait's query over the monthly rollups gave before the
     * table existed (each household's monthly rows priced one by one and summed, PV left out, its reductions), and one exists
     * exactly when that query gives one.
     */
    private boolean householdMonthsEqualTheirPricedMonthlyRows() {
        Integer mismatches = jdbc.queryForObject("""
                WITH em AS (
                    SELECT d.month, d.household_id, sum(d.consumption * f.value / f.per_quantity) AS emissions,
                           sum(d.readings) AS readings, sum(d.flagged) AS flagged
                    FROM consumption_month d LEFT JOIN methodology_factor f ON f.id = d.factor_id
                    WHERE d.community_id = ? AND d.household_id <> '' AND d.meter_type <> 'PV_GENERATION'
                    GROUP BY 1, 2),
                red AS (SELECT month, household_id, sum(reduction) AS reductions FROM reduction_month WHERE community_id = ? GROUP BY 1, 2),
                before AS (SELECT month, household_id, coalesce(em.emissions, 0), coalesce(red.reductions, 0), coalesce(em.readings, 0),
                                  coalesce(em.flagged, 0)
                           FROM em FULL JOIN red USING (month, household_id)),
                now AS (SELECT month, household_id, emissions, reductions, readings::bigint, flagged::bigint FROM household_month
                        WHERE community_id = ?)
                SELECT count(*) FROM ((SELECT * FROM before EXCEPT SELECT * FROM now) UNION ALL (SELECT * FROM now EXCEPT SELECT * FROM before)) x""",
                Integer.class, community, community, community);
        return mismatches != null && mismatches == 0;
    }
}
