package org.communitycarbon.accounting.trend;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.communitycarbon.accounting.AccountingServiceTest;
import org.communitycarbon.accounting.Events;
import org.communitycarbon.accounting.consumption.ConsumptionRecorder;
import org.communitycarbon.accounting.methodology.FactorCatalog;
import org.communitycarbon.accounting.reduction.ReductionRecorder;
import org.communitycarbon.accounting.rollup.LocalCalendar;
import org.communitycarbon.accounting.trend.TrendViews.Granularity;
import org.communitycarbon.model.sensing.MeterReadingReceived;
import org.communitycarbon.model.sensing.MeterType;
import org.communitycarbon.model.sensing.WasteDeposited;
import org.communitycarbon.model.sensing.WasteKind;
import org.communitycarbon.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

@AccountingServiceTest
class TrendIT {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Autowired
    ConsumptionRecorder readings;

    @Autowired
    ReductionRecorder deposits;

    @Autowired
    FactorCatalog catalog;

    @Autowired
    DataSource dataSource;

    @Autowired
    MockMvcTester mvc;

    private final String community = "t-" + UUID.randomUUID().toString().substring(0, 8);
    private final String manager = TestTokens.bearer(TestTokens.propertyManager(community));
    /** The first local day of last month, and its last. */
    private final LocalDate first = LocalDate.now(SHANGHAI).withDayOfMonth(1).minusMonths(1);
    private final LocalDate last = first.plusMonths(1).minusDays(1);

    /** Two days at the turn of last month: one household and the lobby's lights; two households sorting waste. */
    private void aTurnOfTheMonth() {
        Instant end = LocalCalendar.endOf(last, SHANGHAI);
        readings.record(List.of(
                reading("em-1", end.minus(2, ChronoUnit.HOURS), "100.0"), reading("em-1", end, "101.5"),
                reading("em-1", end.plus(1, ChronoUnit.HOURS), "102.0"),
                Events.areaElectricity(community, "lobby", "em-lobby", end.minus(1, ChronoUnit.HOURS), "5000"),
                Events.areaElectricity(community, "lobby", "em-lobby", end.plus(1, ChronoUnit.HOURS), "5040")));
        deposits.recordDeposits(List.of(deposit("b01-0101", end.minus(3, ChronoUnit.HOURS), "1.25"),
                deposit("b01-0102", end.minus(2, ChronoUnit.HOURS), "0.5"), deposit("b01-0101", end.plus(2, ChronoUnit.HOURS), "2")));
    }

    @Test
    void aCommunitysDaysShowConsumptionEmissionsReductionsAndParticipantsWithTheirFactorVersions() {
        aTurnOfTheMonth();
        aTurnOfTheMonth(); // delivered again: nothing doubles

        assertThat(mvc.get().uri("/api/accounting/communities/{c}/trends?from={f}&to={t}&granularity=DAY", community, last,
                last.plusDays(1)).header(HttpHeaders.AUTHORIZATION, manager))
                .hasStatusOk().bodyJson()
                .hasPathSatisfying("$.timeZone", v -> v.assertThat().isEqualTo("Asia/Shanghai"))
                .hasPathSatisfying("$.factorVersions", v -> v.assertThat().asArray().containsExactly("wuhan-pilot v1"))
                .hasPathSatisfying("$.periods.length()", v -> v.assertThat().isEqualTo(2))
                .hasPathSatisfying("$.periods[0].period", v -> v.assertThat().isEqualTo(last.toString()))
                // 1.5 kWh at 0.5306 kg CO2/kWh (the national grid factor: the registry has not told a region)
                .hasPathSatisfying("$.periods[0].households[0].consumption.value", v -> v.assertThat().isEqualTo(1.5))
                .hasPathSatisfying("$.periods[0].households[0].emissions.value", v -> v.assertThat().isEqualTo(0.796))
                .hasPathSatisfying("$.periods[0].households[0].emissions.unit", v -> v.assertThat().isEqualTo("KG_CO2"))
                .hasPathSatisfying("$.periods[0].commonAreas[0].consumption.value", v -> v.assertThat().isEqualTo(0.0))
                .hasPathSatisfying("$.periods[0].reductions[0].behaviour", v -> v.assertThat().isEqualTo("SORTED_PERISHABLE_WASTE"))
                .hasPathSatisfying("$.periods[0].reductions[0].activity.value", v -> v.assertThat().isEqualTo(1.75))
                .hasPathSatisfying("$.periods[0].reductionTotal.value", v -> v.assertThat().isEqualTo(0.35))
                .hasPathSatisfying("$.periods[0].participatingHouseholds", v -> v.assertThat().isEqualTo(2))
                .hasPathSatisfying("$.periods[1].households[0].consumption.value", v -> v.assertThat().isEqualTo(0.5))
                .hasPathSatisfying("$.periods[1].commonAreas[0].consumption.value", v -> v.assertThat().isEqualTo(40.0))
                // 0.5 + 40 kWh = 40.5 kWh at 0.5306
                .hasPathSatisfying("$.periods[1].emissions.value", v -> v.assertThat().isEqualTo(21.489))
                .hasPathSatisfying("$.periods[1].participatingHouseholds", v -> v.assertThat().isEqualTo(1))
                .hasPathSatisfying("$.periods[1].reductionTotal.value", v -> v.assertThat().isEqualTo(0.4));
    }

    @Test
    void aCommunitysMonthsSumTheirDays() {
        aTurnOfTheMonth();

        assertThat(mvc.get().uri("/api/accounting/communities/{c}/trends?from={f}&to={t}&granularity=MONTH", community, first,
                last.plusDays(1)).header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.streetOffice("s1", community))))
                .hasStatusOk().bodyJson()
                .hasPathSatisfying("$.periods.length()", v -> v.assertThat().isEqualTo(2))
                .hasPathSatisfying("$.periods[0].period", v -> v.assertThat().isEqualTo(first.toString().substring(0, 7)))
                .hasPathSatisfying("$.periods[1].from", v -> v.assertThat().isEqualTo(last.plusDays(1).toString()))
                .hasPathSatisfying("$.periods[1].to", v -> v.assertThat().isEqualTo(last.plusDays(1).toString()))
                .hasPathSatisfying("$.periods[0].participatingHouseholds", v -> v.assertThat().isEqualTo(2))
                .hasPathSatisfying("$.periods[0].readings", v -> v.assertThat().isEqualTo(3))
                .hasPathSatisfying("$.periods[1].readings", v -> v.assertThat().isEqualTo(2));
    }

    @Test
    void todaySoFarTakesOneStatementAndAgreesWithTheDaysTrend() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        readings.record(List.of(reading("em-1", now.minus(2, ChronoUnit.MINUTES), "10.0"), reading("em-1", now.minus(1, ChronoUnit.MINUTES), "10.2")));
        AtomicInteger statements = new AtomicInteger();
        TrendQueries counted = new TrendQueries(new JdbcTemplate(counting(dataSource, statements)), catalog);

        LocalDate today = LocalCalendar.dayOf(Instant.now(), SHANGHAI);
        counted.figures(community, today, today, Granularity.DAY);

        assertThat(statements).as("statements for the day so far").hasValue(1);
        String trendOfToday = mvc.get().uri("/api/accounting/communities/{c}/trends?from={d}&to={d}", community, today, today)
                .header(HttpHeaders.AUTHORIZATION, manager).exchange().getResponse().getContentAsString();
        assertThat(mvc.get().uri("/api/accounting/communities/{c}/today", community).header(HttpHeaders.AUTHORIZATION, manager))
                .hasStatusOk().bodyJson()
                .hasPathSatisfying("$.day", v -> v.assertThat().isEqualTo(today.toString()))
                .hasPathSatisfying("$.figures.readings", v -> v.assertThat().isEqualTo(com.jayway.jsonpath.JsonPath
                        .<Integer>read(trendOfToday, "$.periods[0].readings")));
    }

    @Test
    void refusesRangesItCannotAnswerCheaplyNamingTheParameter() {
        for (String query : List.of("from=2025-01-01&to=2026-03-01&granularity=DAY", "from=2026-03-02&to=2026-03-01",
                "from=2020-01-01&to=2023-03-01&granularity=MONTH", "from=1999-12-31&to=2000-01-02")) {
            assertThat(mvc.get().uri("/api/accounting/communities/{c}/trends?" + query, community).header(HttpHeaders.AUTHORIZATION, manager))
                    .hasStatus(HttpStatus.BAD_REQUEST).bodyJson()
                    .hasPathSatisfying("$.invalid-params[0].name", v -> v.assertThat().isEqualTo("from"));
        }
        assertThat(mvc.get().uri("/api/accounting/communities/{c}/trends?granularity=WEEK", community).header(HttpHeaders.AUTHORIZATION, manager))
                .hasStatus(HttpStatus.BAD_REQUEST).bodyJson()
                .hasPathSatisfying("$.invalid-params[0].name", v -> v.assertThat().isEqualTo("granularity"));
        assertThat(mvc.get().uri("/api/accounting/communities/{c}/trends?to=someday", community).header(HttpHeaders.AUTHORIZATION, manager))
                .hasStatus(HttpStatus.BAD_REQUEST);
    }

    @Test
    void aResidentAndAnotherCommunitysManagerAreRefused() {
        for (String token : List.of(TestTokens.resident(community, "b01-0101"), TestTokens.propertyManager("elsewhere"))) {
            assertThat(mvc.get().uri("/api/accounting/communities/{c}/trends", community).header(HttpHeaders.AUTHORIZATION,
                    TestTokens.bearer(token))).hasStatus(HttpStatus.FORBIDDEN);
            assertThat(mvc.get().uri("/api/accounting/communities/{c}/today", community).header(HttpHeaders.AUTHORIZATION,
                    TestTokens.bearer(token))).hasStatus(HttpStatus.FORBIDDEN);
        }
    }

    private MeterReadingReceived reading(String device, Instant at, String kwh) {
        return Events.reading(community, "b01-0101", device, MeterType.ELECTRICITY, at, kwh);
    }

    private WasteDeposited deposit(String household, Instant at, String kg) {
        return Events.deposit(community, household, at, WasteKind.PERISHABLE, kg, true);
    }

    /** The data source, counting the statements prepared on its connections. */
    static DataSource counting(DataSource target, AtomicInteger statements) {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    Object result = method.invoke(target, args);
                    if (result instanceof Connection connection) {
                        return Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                                (p, m, a) -> {
                                    if (m.getName().equals("prepareStatement") || m.getName().equals("createStatement")
                                            || m.getName().equals("prepareCall")) {
                                        statements.incrementAndGet();
                                    }
                                    return m.invoke(connection, a);
                                });
                    }
                    return result;
                });
    }
}
