package org.communitycarbon.accounting.pv;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.communitycarbon.accounting.AccountingServiceTest;
import org.communitycarbon.accounting.consumption.ConsumptionRecorder;
import org.communitycarbon.model.EventIds;
import org.communitycarbon.model.Quantity;
import org.communitycarbon.model.Unit;
import org.communitycarbon.model.sensing.MeterReadingReceived;
import org.communitycarbon.model.sensing.MeterType;
import org.communitycarbon.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/**
 * PV generation as a community-level reduction: a month of a rooftop PV meter's readings (a reset among them, which adds
 * nothing) settled into exactly one PV_GENERATION reduction at the grid factor of the community's methodology version,
 * of the community's account; settling again adds nothing; the community's trends count it, no household's figures do,
 * and nothing is published for the credits service.
 */
@AccountingServiceTest
class PvSettlementIT {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    /** A month no other test reads PV in: the scheduled settlement below settles every community's due months. */
    private static final YearMonth NOVEMBER = YearMonth.of(2019, 11);

    @Autowired
    ConsumptionRecorder readings;

    @Autowired
    PvSettlement settlement;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MockMvcTester mvc;

    private final String community = "pv-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void settlesAMonthsGenerationOnceAtTheGridFactorAsTheCommunitysReduction() {
        // 20 kWh a day on November's 30 days; the register reset on the 16th loses that day's 20 kWh (flagged, adds nothing)
        List<MeterReadingReceived> batch = new ArrayList<>();
        BigDecimal register = new BigDecimal("5000");
        batch.add(pv(NOVEMBER.atDay(1).minusDays(1), register));
        for (int day = 1; day <= 30; day++) {
            register = day == 16 ? BigDecimal.ZERO : register.add(new BigDecimal("20"));
            batch.add(pv(NOVEMBER.atDay(day), register));
        }
        readings.record(batch);

        PvSettlement.Settled first = settlement.settle(community, NOVEMBER);
        PvSettlement.Settled again = settlement.settle(community, NOVEMBER);

        assertThat(first.inserted()).isTrue();
        assertThat(first.outcome()).isEqualTo(PvSettlement.Outcome.CREDITED);
        assertThat(first.generationKwh()).isEqualByComparingTo("580");
        assertThat(first.flaggedReadings()).as("the reset").isEqualTo(1);
        // wuhan-pilot v1's national grid factor (the registry has not told this community's region): 0.5306 kg CO2 per kWh
        assertThat(first.kgCo2e()).isEqualByComparingTo("307.748");
        assertThat(again.inserted()).as("a community-month is settled once").isFalse();
        assertThat(again.reductionId()).isEqualTo(first.reductionId());
        assertThat(settlement.settleDue(LocalDate.of(2019, 12, 10).atStartOfDay(SHANGHAI).toInstant()))
                .filteredOn(s -> s.communityId().equals(community))
                .as("the scheduled job finds November settled; October had no generation")
                .extracting(PvSettlement.Settled::month, PvSettlement.Settled::outcome)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(YearMonth.of(2019, 10), PvSettlement.Outcome.NO_GENERATION));

        assertThat(jdbc.queryForList("""
                SELECT r.household_id || ' ' || r.behaviour || ' ' || r.activity_value::numeric(18,3) || ' ' || r.activity_unit || ' '
                       || r.reduction_kg_co2e::numeric(18,3) || ' ' || v.methodology_id || ' v' || v.version || ' ' || f.kind || ' '
                       || f.applies_to || ' ' || coalesce(r.person_ref::text, 'no person')
                FROM carbon_reduction r JOIN methodology_factor f ON f.id = r.factor_id JOIN methodology_version v ON v.id = f.version_id
                WHERE r.community_id = ?""", String.class, community))
                .as("exactly one reduction, of the community, naming the grid factor it used")
                .containsExactly("~community PV_GENERATION 580.000 KWH 307.748 wuhan-pilot v1 GRID_ELECTRICITY national no person");
        assertThat(jdbc.queryForObject("SELECT occurred_at FROM carbon_reduction WHERE community_id = ?", Instant.class, community))
                .as("dated the month's end").isEqualTo(LocalDate.of(2019, 12, 1).atStartOfDay(SHANGHAI).toInstant());
        assertThat(jdbc.queryForObject("""
                SELECT sum(reduction) FROM community_reduction_day WHERE community_id = ? AND behaviour = 'PV_GENERATION'""",
                BigDecimal.class, community)).isEqualByComparingTo("307.748");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM reduction_day WHERE community_id = ?", Integer.class, community))
                .as("in no household's rollups").isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM outbox_message WHERE message_key = '~community'", Integer.class))
                .as("not published: the event is a household's reduction").isZero();

        String manager = TestTokens.bearer(TestTokens.propertyManager(community));
        assertThat(mvc.get().uri("/api/accounting/communities/{c}/trends?from=2019-11-01&to=2019-11-30&granularity=MONTH", community)
                .header(HttpHeaders.AUTHORIZATION, manager))
                .hasStatusOk().bodyJson()
                .hasPathSatisfying("$.periods[0].reductions[0].behaviour", v -> v.assertThat().isEqualTo("PV_GENERATION"))
                .hasPathSatisfying("$.periods[0].reductionTotal.value", v -> v.assertThat().isEqualTo(307.748))
                .hasPathSatisfying("$.periods[0].participatingHouseholds", v -> v.assertThat().isEqualTo(0));
        assertThat(mvc.get().uri("/api/accounting/communities/{c}/portrait?to=2019-11&months=1", community)
                .header(HttpHeaders.AUTHORIZATION, manager))
                .hasStatusOk().bodyJson()
                .hasPathSatisfying("$.months[0].reductionTotal.value", v -> v.assertThat().isEqualTo(307.748));
    }

    @Test
    void aMonthWithoutGenerationRecordsNothing() {
        YearMonth month = YearMonth.of(2018, 11);
        List<MeterReadingReceived> batch = List.of(pv(month.atDay(1), new BigDecimal("10")), pv(month.atDay(2), new BigDecimal("10")));
        readings.record(batch);

        PvSettlement.Settled settled = settlement.settle(community, month);

        assertThat(settled.outcome()).isEqualTo(PvSettlement.Outcome.NO_GENERATION);
        assertThat(settled.reductionId()).isNull();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM carbon_reduction WHERE community_id = ?", Integer.class, community)).isZero();
    }

    /** The roof's PV meter, a common area's, read at noon. */
    private MeterReadingReceived pv(LocalDate day, BigDecimal register) {
        Instant at = day.atTime(12, 0).atZone(SHANGHAI).toInstant();
        return new MeterReadingReceived(EventIds.of(community, "pv-roof", "reading", at.toString()), 1, community, at, at, "pv-roof",
                MeterType.PV_GENERATION, null, "roof", Quantity.of(register.toPlainString(), Unit.KWH));
    }
}
