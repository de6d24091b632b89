package org.communitycarbon.accounting.groundtruth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.communitycarbon.accounting.AccountingServiceTest;
import org.communitycarbon.accounting.methodology.FactorCatalog;
import org.communitycarbon.model.EventIds;
import org.communitycarbon.model.Quantity;
import org.communitycarbon.model.Unit;
import org.communitycarbon.model.registry.CommunityChanged;
import org.communitycarbon.model.registry.CommunityType;
import org.communitycarbon.model.registry.RegistryTopics;
import org.communitycarbon.model.sensing.MeterReadingReceived;
import org.communitycarbon.model.sensing.MeterType;
import org.communitycarbon.model.sensing.SensingTopics;
import org.communitycarbon.support.messaging.EventCodec;
import org.communitycarbon.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * A simulated month with known ground truth: November 2025 (Asia/Shanghai) of 24 households' electricity meters read every
 * 15 minutes, delivered through Kafka with the faults meters and networks cause — readings delivered twice (the same event,
 * and a device's retransmission under a new event id), adjacent readings swapped, a day of one meter delivered last, an
 * 8-hour gap, a transmission glitch and a meter replaced mid-month (its register restarts from 0). The true consumption of
 * each household is known by construction (whole milliwatt-hours of a seeded load profile), the registers are reported as
 * a real meter shows them (floored to 0.01 kWh), and the truth's CO2 is its kWh × the Central China grid factor of
 * {@code wuhan-pilot} v1 (0.5271 kg per kWh). Accounting's monthly figures — each household's, the community's and the
 * month's trend — are within 0.1 % of the truth. docs/accounting.md#measured-against-a-known-month states the figures.
 */
@AccountingServiceTest
class GroundTruthMonthIT {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final Instant START = LocalDate.of(2025, 11, 1).atStartOfDay(SHANGHAI).toInstant();
    private static final Instant END = LocalDate.of(2025, 12, 1).atStartOfDay(SHANGHAI).toInstant();
    private static final Duration STEP = Duration.ofMinutes(15);
    private static final int STEPS = 2880; // 30 days of 96 readings; reading 0 at the month's start is the base
    private static final int HOUSEHOLDS = 24;
    private static final BigDecimal CENTRAL_CHINA = new BigDecimal("0.5271");
    private static final BigDecimal TOLERANCE = new BigDecimal("0.001");

    /** The meter replaced at 03:00 on 11 November, the one with an 8-hour gap, the glitch, the day delivered last. */
    private static final int REPLACED = 3;
    private static final int REPLACED_AT = 10 * 96 + 12;
    private static final int GAP = 5;
    private static final int GAP_FROM = 15 * 96 + 40;
    private static final int GAP_STEPS = 32;
    private static final int GLITCH = 7;
    private static final int GLITCH_AT = 20 * 96 + 50;
    private static final int LATE = 9;
    private static final int LATE_DAY = 19;

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    @Autowired
    EventCodec codec;

    @Autowired
    FactorCatalog catalog;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MockMvcTester mvc;

    private final String community = "gt-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void accountsASimulatedMonthWithinATenthOfAPercentOfTheTruth() throws Exception {
        kafka.send(RegistryTopics.COMMUNITIES, community, codec.encode(new CommunityChanged(CommunityChanged.eventIdOf(community, 1), 1,
                community, Instant.now(), 1, "Ground truth", CommunityType.NEW_COMMERCIAL, "central-china", "Asia/Shanghai"))).get();
        await().atMost(Duration.ofSeconds(20)).until(() -> "central-china".equals(catalog.regionOf(community)));

        List<Meter> meters = new ArrayList<>();
        for (int h = 0; h < HOUSEHOLDS; h++) {
            meters.add(new Meter(h));
        }
        List<MeterReadingReceived> stream = new ArrayList<>();
        List<MeterReadingReceived> deliveredLast = new ArrayList<>();
        java.util.Random network = new java.util.Random(20251101L);
        for (Meter meter : meters) {
            List<MeterReadingReceived> own = new ArrayList<>();
            for (int i = 0; i <= STEPS; i++) {
                if (meter.index == GAP && i >= GAP_FROM && i < GAP_FROM + GAP_STEPS) {
                    continue; // the meter was offline: the reading after the gap carries its consumption
                }
                MeterReadingReceived reading = meter.reading(i);
                if (meter.index == LATE && i > LATE_DAY * 96 && i <= (LATE_DAY + 1) * 96) {
                    deliveredLast.add(reading);
                    continue;
                }
                own.add(reading);
                double roll = network.nextDouble();
                if (roll < 0.02) {
                    own.add(reading); // delivered twice
                }
                else if (roll < 0.025) {
                    own.add(meter.retransmitted(i)); // the device sent it again, under a new event id
                }
            }
            if (meter.index != REPLACED) {
                for (int i = 1; i + 1 < own.size(); i++) {
                    if (network.nextDouble() < 0.03) { // adjacent readings swapped in transit
                        MeterReadingReceived swapped = own.get(i);
                        own.set(i, own.get(i + 1));
                        own.set(i + 1, swapped);
                        i++;
                    }
                }
            }
            stream.addAll(own);
        }
        stream.addAll(deliveredLast);
        long began = System.nanoTime();
        for (MeterReadingReceived reading : stream) {
            kafka.send(SensingTopics.METER_READINGS, reading.deviceId(), codec.encode(reading));
        }
        kafka.flush();

        int expected = HOUSEHOLDS * (STEPS + 1) - GAP_STEPS;
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM meter_reading WHERE community_id = ?", Integer.class, community) == expected);
        Duration stored = Duration.ofNanos(System.nanoTime() - began);
        Map<String, Object> qualities = jdbc.queryForMap("""
                SELECT count(*) FILTER (WHERE quality = 'RESET') AS resets, count(*) FILTER (WHERE quality = 'GLITCH') AS glitches,
                       count(*) FILTER (WHERE quality IN ('PENDING', 'JUMP')) AS unresolved
                FROM meter_reading WHERE community_id = ?""", community);
        assertThat(qualities).containsEntry("resets", 1L).containsEntry("glitches", 1L).containsEntry("unresolved", 0L);

        // each household's month
        BigDecimal trueKwh = BigDecimal.ZERO;
        BigDecimal worst = BigDecimal.ZERO;
        String manager = TestTokens.bearer(TestTokens.propertyManager(community));
        for (Meter meter : meters) {
            JsonNode answer = json(mvc.get().uri("/api/accounting/communities/{c}/households/{h}/consumption?from={f}&to={t}",
                    community, meter.household, START, END).header(HttpHeaders.AUTHORIZATION, manager).exchange()
                    .getResponse().getContentAsString());
            JsonNode electricity = answer.get("totals").get(0);
            assertThat(electricity.get("meterType").asString()).isEqualTo("ELECTRICITY");
            BigDecimal kwh = meter.trueKwh();
            trueKwh = trueKwh.add(kwh);
            worst = worst.max(error(electricity.get("consumption").get("value").decimalValue(), kwh));
            assertThat(error(electricity.get("consumption").get("value").decimalValue(), kwh))
                    .as("household %s: %s kWh against the true %s", meter.household, electricity.get("consumption"), kwh)
                    .isLessThan(TOLERANCE);
            assertThat(error(electricity.get("emissions").get("value").decimalValue(), kwh.multiply(CENTRAL_CHINA)))
                    .as("household %s: %s kg CO2", meter.household, electricity.get("emissions")).isLessThan(TOLERANCE);
        }
        BigDecimal trueCo2 = trueKwh.multiply(CENTRAL_CHINA);

        // the community's month, from the daily rollups, and the month's trend
        JsonNode whole = json(mvc.get().uri("/api/accounting/communities/{c}/consumption?from={f}&to={t}", community, START, END)
                .header(HttpHeaders.AUTHORIZATION, manager).exchange().getResponse().getContentAsString()).get("households").get(0);
        JsonNode trend = json(mvc.get().uri("/api/accounting/communities/{c}/trends?from=2025-11-01&to=2025-11-30&granularity=MONTH",
                community).header(HttpHeaders.AUTHORIZATION, manager).exchange().getResponse().getContentAsString())
                .get("periods").get(0).get("households").get(0);
        BigDecimal communityKwh = whole.get("consumption").get("value").decimalValue();
        BigDecimal communityCo2 = whole.get("emissions").get("value").decimalValue();
        assertThat(error(communityKwh, trueKwh)).as("community %s kWh against the true %s", communityKwh, trueKwh)
                .isLessThan(TOLERANCE);
        assertThat(error(communityCo2, trueCo2)).as("community %s kg CO2 against the true %s", communityCo2, trueCo2)
                .isLessThan(TOLERANCE);
        assertThat(trend.get("consumption").get("value").decimalValue()).isEqualByComparingTo(communityKwh);
        assertThat(error(trend.get("emissions").get("value").decimalValue(), trueCo2)).isLessThan(TOLERANCE);
        System.out.printf("Ground truth month: %d readings sent (%d stored) in %d ms; community %s kWh (true %s, error %s %%), "
                + "%s kg CO2 (true %s, error %s %%); worst household error %s %%%n", stream.size(), expected, stored.toMillis(),
                communityKwh, trueKwh.setScale(3, RoundingMode.HALF_UP), percent(communityKwh, trueKwh), communityCo2,
                trueCo2.setScale(3, RoundingMode.HALF_UP), percent(communityCo2, trueCo2), worst.movePointRight(2)
                        .round(new MathContext(3)).toPlainString());
    }

    private static BigDecimal error(BigDecimal measured, BigDecimal truth) {
        return measured.subtract(truth).abs().divide(truth, 8, RoundingMode.HALF_UP);
    }

    private static String percent(BigDecimal measured, BigDecimal truth) {
        return measured.subtract(truth).divide(truth, 8, RoundingMode.HALF_UP).movePointRight(2).round(new MathContext(3))
                .toPlainString();
    }

    private static JsonNode json(String body) {
        return new ObjectMapper().readTree(body);
    }

    /**
     * A household's meter and its true consumption: a seeded load profile in whole milliwatt-hours per 15 minutes — a base
     * load, a morning and an evening peak that vary from day to day, and noise.
     */
    private final class Meter {

        final int index;
        final String household;
        final String device;
        /** The true energy used since the month's start, in mWh, at each reading's time. */
        final long[] used = new long[STEPS + 1];
        final long offset;

        Meter(int index) {
            this.index = index;
            this.household = String.format("b%02d-%04d", index / 4 + 1, 101 + index % 4);
            this.device = community + "-e-" + index;
            java.util.Random load = new java.util.Random(1000L + index);
            this.offset = 1_000_000_000L + load.nextInt(8_000) * 1_000_000L; // the register at the start: 1,000 to 9,000 kWh
            int base = 80 + load.nextInt(120); // W
            int evening = 0;
            int morning = 0;
            for (int i = 1; i <= STEPS; i++) {
                int slot = (i - 1) % 96; // the quarter hour of the local day the interval starts in
                if (slot == 0) {
                    evening = 500 + load.nextInt(1200);
                    morning = 100 + load.nextInt(400);
                }
                int hour = slot / 4;
                int watts = base + load.nextInt(60) + (hour >= 18 && hour < 23 ? evening : 0) + (hour == 7 || hour == 8 ? morning : 0);
                used[i] = used[i - 1] + watts * 250L; // W x 0.25 h = mWh x 1,000 / 4
            }
        }

        Instant at(int step) {
            return START.plus(STEP.multipliedBy(step));
        }

        /** The register as the meter shows it, floored to 0.01 kWh; after the replacement, the new meter's. */
        BigDecimal register(int step) {
            long register;
            if (index == REPLACED && step >= REPLACED_AT) {
                // the new meter was installed half-way through the interval before reading REPLACED_AT, from 0
                long installedAt = (used[REPLACED_AT - 1] + used[REPLACED_AT]) / 2;
                register = used[step] - installedAt;
            }
            else {
                register = offset + used[step];
            }
            return BigDecimal.valueOf(register / 10_000, 2);
        }

        MeterReadingReceived reading(int step) {
            BigDecimal value = index == GLITCH && step == GLITCH_AT ? new BigDecimal("12.34") : register(step);
            return new MeterReadingReceived(EventIds.of(community, device, "reading", at(step).toString()), 1, community, at(step),
                    at(step), device, MeterType.ELECTRICITY, household, null, Quantity.of(value, Unit.KWH));
        }

        MeterReadingReceived retransmitted(int step) {
            MeterReadingReceived first = reading(step);
            return new MeterReadingReceived(EventIds.of(community, device, "reading", at(step).toString(), "retransmitted"), 1,
                    community, first.occurredAt(), first.receivedAt(), device, MeterType.ELECTRICITY, household, null, first.register());
        }

        /** The month's true consumption, kWh. */
        BigDecimal trueKwh() {
            return BigDecimal.valueOf(used[STEPS], 6);
        }
    }
}
