package org.communitycarbon.accounting.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.communitycarbon.accounting.AccountingServiceTest;
import org.communitycarbon.accounting.Events;
import org.communitycarbon.accounting.consumption.ConsumptionRecorder;
import org.communitycarbon.model.sensing.MeterReadingReceived;
import org.communitycarbon.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/**
 * A purge with a short retention (a cutoff two days ago): old raw readings are gone, every rollup is unchanged, each
 * device keeps the reading its next delta is measured from, and the next readings count exactly as without the purge.
 */
@AccountingServiceTest
class RawReadingRetentionIT {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Autowired
    RawReadingRetention retention;

    @Autowired
    ConsumptionRecorder readings;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MockMvcTester mvc;

    private final String community = "ret-" + UUID.randomUUID().toString().substring(0, 8);
    private final Instant midnight = LocalDate.now(SHANGHAI).minusDays(6).atStartOfDay(SHANGHAI).toInstant();
    private final Instant cutoff = midnight.plus(4, ChronoUnit.DAYS);

    @Test
    void purgesOldReadingsKeepingRollupsAndTheReadingTheNextDeltaStartsFrom() throws Exception {
        List<MeterReadingReceived> batch = new ArrayList<>();
        // a busy meter: a reading every 30 minutes for five days, 0.1 kWh each, with a glitch on the first day
        for (int i = 0; i <= 5 * 48; i++) {
            batch.add(busy(i * 30, new BigDecimal("100.0").add(new BigDecimal("0.1").multiply(BigDecimal.valueOf(i)))));
        }
        batch.add(busy(5 * 60 + 10, new BigDecimal("1.0")));
        // a quiet meter, silent since its last reading before the cutoff
        batch.add(Events.electricity(community, "b01-0102", "em-quiet", midnight.plus(1, ChronoUnit.HOURS), "50.0"));
        batch.add(Events.electricity(community, "b01-0102", "em-quiet", midnight.plus(2, ChronoUnit.DAYS), "52.0"));
        readings.record(batch);
        List<String> before = rollups();
        long stored = count();
        String old = household(midnight, cutoff);
        assertThat(old).contains("\"consumption\":{\"value\":19.200");

        long purged = retention.purge(community, cutoff);

        assertThat(purged).isPositive();
        assertThat(count()).isEqualTo(stored - purged);
        assertThat(rollups()).as("every rollup unchanged").isEqualTo(before);
        assertThat(household(midnight, cutoff)).as("a household's answer over purged days, from the hourly rollups").isEqualTo(old);
        assertThat(jdbc.queryForList("""
                SELECT device_id || ' ' || to_char(observed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI') FROM meter_reading
                WHERE community_id = ? AND observed_at < ? ORDER BY device_id""", String.class, community, Timestamp.from(cutoff)))
                .as("before the cutoff, only each device's last trusted reading stays")
                .containsExactly("em-busy " + utc(cutoff.minus(30, ChronoUnit.MINUTES)), "em-quiet " + utc(midnight.plus(2, ChronoUnit.DAYS)));
        assertThat(retention.purge(community, cutoff)).as("nothing more to purge").isZero();

        // the next readings: the quiet meter's after days of silence, and a late reading of the busy one just after the cutoff
        readings.record(List.of(Events.electricity(community, "b01-0102", "em-quiet", cutoff.plus(3, ChronoUnit.HOURS), "53.5"),
                busy(4 * 24 * 60 + 10, new BigDecimal("119.21"))));
        assertThat(delta("em-quiet", cutoff.plus(3, ChronoUnit.HOURS))).isEqualByComparingTo("1.5");
        assertThat(delta("em-busy", cutoff.plus(10, ChronoUnit.MINUTES))).isEqualByComparingTo("0.01");
        assertThat(delta("em-busy", cutoff.plus(30, ChronoUnit.MINUTES))).isEqualByComparingTo("0.09");
    }

    private String household(Instant from, Instant to) throws Exception {
        return mvc.get().uri("/api/accounting/communities/{c}/households/b01-0101/consumption?from={f}&to={t}", community, from, to)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.propertyManager(community))).exchange().getResponse()
                .getContentAsString(StandardCharsets.UTF_8).replaceAll("\"meters\":\\[.*\\]", "");
    }

    private MeterReadingReceived busy(int minutes, BigDecimal kwh) {
        return Events.electricity(community, "b01-0101", "em-busy", midnight.plus(minutes, ChronoUnit.MINUTES), kwh.toPlainString());
    }

    private static String utc(Instant at) {
        return at.toString().substring(0, 16);
    }

    private long count() {
        return jdbc.queryForObject("SELECT count(*) FROM meter_reading WHERE community_id = ?", Long.class, community);
    }

    private BigDecimal delta(String device, Instant at) {
        return jdbc.queryForObject("SELECT delta FROM meter_reading WHERE community_id = ? AND device_id = ? AND observed_at = ?",
                BigDecimal.class, community, device, Timestamp.from(at));
    }

    /** Every rollup row of the community, as text. */
    private List<String> rollups() {
        List<String> rows = new ArrayList<>();
        for (String table : List.of("consumption_day", "community_consumption_day", "consumption_hour", "community_consumption_hour",
                "device_quality_day")) {
            rows.addAll(jdbc.queryForList("SELECT t::text FROM " + table + " t WHERE community_id = ? ORDER BY 1", String.class, community));
        }
        return rows;
    }
}
