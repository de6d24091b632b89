package org.communitycarbon.accounting.groundtruth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.communitycarbon.accounting.AccountingServiceTest;
import org.communitycarbon.accounting.Events;
import org.communitycarbon.model.accounting.ReductionBehaviour;
import org.communitycarbon.model.recycling.PickupSettled;
import org.communitycarbon.model.recycling.Settlement;
import org.communitycarbon.model.recycling.SettlementTopics;
import org.communitycarbon.model.sensing.SensingTopics;
import org.communitycarbon.model.sensing.WasteDeposited;
import org.communitycarbon.model.sensing.WasteKind;
import org.communitycarbon.support.messaging.EventCodec;
import org.communitycarbon.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;

/**
 * A simulated month of the behaviours with known ground truth: 24 households of one community sort perishable waste at
 * the bins, ride bikes and e-bikes (and take the metro) reported by two partner platforms, and have recyclables picked up
 * and weighed, every day of a local month that the partner import still accepts (trips may be reported up to 30 days
 * after they end, so the month is the recent one, not the electricity month of {@link GroundTruthMonthIT}). Everything
 * arrives as in production, with its faults: deposits delivered twice and delivered again after everything else, unsorted
 * and recyclable drops among them, a partner's batch sent again under its key and a trip of it re-sent under another, one
 * journey reported by both partners, settlements delivered twice. The truth is computed here from the known inputs ×
 * the {@code wuhan-pilot} v1 factors (0.2 kg CO2e per kg sorted perishable waste, 0.15 per km by shared bike or e-bike,
 * none for the metro, 0.3 per kg recycled goods), with no rounding; inputs are at the instruments' resolution (10 g, 100 m),
 * so a reduction to the gram is exact. Each behaviour's monthly reduction of the community and of every household equals
 * the truth: error 0, well within 0.1 %. docs/accounting.md#measured-against-a-known-month states the figures.
 */
@AccountingServiceTest
class GroundTruthBehavioursIT {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final int HOUSEHOLDS = 24;
    private static final BigDecimal PERISHABLE = new BigDecimal("0.2");
    private static final BigDecimal CYCLING = new BigDecimal("0.15");
    private static final BigDecimal RECYCLED = new BigDecimal("0.3");
    private static final BigDecimal TOLERANCE = new BigDecimal("0.001");

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    @Autowired
    EventCodec codec;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MockMvcTester mvc;

    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private final String community = "gtb-" + suffix;

    /** The truth per household and behaviour, kg CO2e, unrounded. */
    private final Map<String, Map<ReductionBehaviour, BigDecimal>> truth = new LinkedHashMap<>();

    @Test
    void accountsEachBehaviourOfASimulatedMonthExactlyAsTheTruth() throws Exception {
        // the month: the local month of 15 days ago; its days from 29 days ago to yesterday (14 to 29 days), all within
        // the partners' 30-day report window
        LocalDate today = LocalDate.now(SHANGHAI);
        YearMonth month = YearMonth.from(today.minusDays(15));
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate day = today.minusDays(29); day.isBefore(today); day = day.plusDays(1)) {
            if (YearMonth.from(day).equals(month)) {
                days.add(day);
            }
        }
        List<String> households = new ArrayList<>();
        for (int h = 0; h < HOUSEHOLDS; h++) {
            households.add(String.format("b%02d-%s-%02d", h / 8 + 1, suffix, h));
            truth.put(households.get(h), new EnumMap<>(ReductionBehaviour.class));
        }
        Random random = new Random(20251101L);
        long began = System.nanoTime();

        // sorted perishable waste: one to three drops a household and day, 0.05 to 3.00 kg in 10 g steps; one drop in
        // ten unsorted and one in ten recyclables (no reduction); 3 % delivered twice, 2 % delivered again at the end
        List<WasteDeposited> drops = new ArrayList<>();
        List<WasteDeposited> again = new ArrayList<>();
        int deposits = 0;
        for (String household : households) {
            for (LocalDate day : days) {
                int n = 1 + random.nextInt(3);
                for (int i = 0; i < n; i++) {
                    Instant at = day.atTime(7 + 5 * i, random.nextInt(60), random.nextInt(60)).atZone(SHANGHAI).toInstant();
                    BigDecimal kg = BigDecimal.valueOf(5 + random.nextInt(296), 2);
                    double kind = random.nextDouble();
                    boolean sorted = kind >= 0.1;
                    WasteKind wasteKind = kind >= 0.1 && kind < 0.2 ? WasteKind.RECYCLABLE : WasteKind.PERISHABLE;
                    WasteDeposited drop = Events.deposit(community, household, at, wasteKind, kg.toPlainString(), sorted);
                    drops.add(drop);
                    deposits++;
                    double fault = random.nextDouble();
                    if (fault < 0.03) {
                        drops.add(drop);
                    }
                    else if (fault < 0.05) {
                        again.add(drop);
                    }
                    if (sorted && wasteKind == WasteKind.PERISHABLE) {
                        add(household, ReductionBehaviour.SORTED_PERISHABLE_WASTE, kg.multiply(PERISHABLE));
                    }
                }
            }
        }
        for (WasteDeposited drop : drops) {
            kafka.send(SensingTopics.WASTE_DEPOSITS, drop.deviceId(), codec.encode(drop));
        }

        // recycled goods: one or two pickups a household in the month, paper and plastic in 10 g steps, cash or credits;
        // every settlement delivered twice, a fifth of them once more at the end
        List<PickupSettled> settlements = new ArrayList<>();
        for (String household : households) {
            int pickups = 1 + random.nextInt(2);
            for (int i = 0; i < pickups; i++) {
                LocalDate day = days.get(random.nextInt(days.size()));
                Instant at = day.atTime(10 + 4 * i, random.nextInt(60)).atZone(SHANGHAI).toInstant();
                BigDecimal paper = BigDecimal.valueOf(10 + random.nextInt(1500), 2);
                BigDecimal plastic = BigDecimal.valueOf(1 + random.nextInt(800), 2);
                PickupSettled settled = Events.settlement(community, household, at, random.nextBoolean() ? Settlement.CASH
                        : Settlement.CREDITS, paper.toPlainString(), plastic.toPlainString());
                settlements.add(settled);
                settlements.add(settled);
                add(household, ReductionBehaviour.RECYCLED_GOODS, paper.add(plastic).multiply(RECYCLED));
            }
        }
        List<PickupSettled> settledAgain = settlements.stream().filter(s -> random.nextInt(5) == 0).toList();
        for (PickupSettled settled : settlements) {
            kafka.send(SettlementTopics.PICKUP_SETTLEMENTS, community, codec.encode(settled)); // keyed as the recycling service does
        }

        // green travel: a bike-sharing app and a map app, each resident linked to both
        String bikes = onboard("gt-bikes-" + suffix, "[\"BIKE\",\"E_BIKE\"]");
        String maps = onboard("gt-maps-" + suffix, "[\"BIKE\",\"METRO\"]");
        Map<String, String> bikeCodes = new LinkedHashMap<>();
        Map<String, String> mapCodes = new LinkedHashMap<>();
        for (String household : households) {
            bikeCodes.put(household, link(household, bikes));
            mapCodes.put(household, link(household, maps));
        }
        // each resident: a ride to work most days (bike or e-bike, 1.0 to 12.0 km in 100 m steps) from the bike app, and
        // sometimes the metro home from the map app (recorded, no factor under wuhan-pilot v1)
        List<String> bikeTrips = new ArrayList<>();
        List<String> mapTrips = new ArrayList<>();
        String twice = null;
        for (String household : households) {
            for (LocalDate day : days) {
                if (random.nextInt(4) == 0) {
                    continue;
                }
                BigDecimal km = BigDecimal.valueOf(10 + random.nextInt(111), 1);
                String mode = random.nextBoolean() ? "BIKE" : "E_BIKE";
                int minutes = 10 + km.intValue() * 4; // 15 km/h or less
                Instant start = day.atTime(8, random.nextInt(30)).atZone(SHANGHAI).toInstant();
                String id = "ride-" + household + "-" + day;
                bikeTrips.add(trip(id, bikeCodes.get(household), mode, km, start, start.plusSeconds(60L * minutes)));
                add(household, ReductionBehaviour.GREEN_TRAVEL, km.multiply(CYCLING));
                if (twice == null) {
                    // the map app reports the same ride too, 4 % longer and a minute off: the same journey, credited once
                    twice = trip("same-ride", mapCodes.get(household), "BIKE", km.multiply(new BigDecimal("1.04")).setScale(1,
                            java.math.RoundingMode.HALF_UP), start.plusSeconds(60), start.plusSeconds(60L * (minutes + 1)));
                }
                if (random.nextInt(3) == 0) {
                    Instant home = day.atTime(18, random.nextInt(30)).atZone(SHANGHAI).toInstant();
                    mapTrips.add(trip("metro-" + household + "-" + day, mapCodes.get(household), "METRO",
                            BigDecimal.valueOf(30 + random.nextInt(150), 1), home, home.plusSeconds(40 * 60)));
                }
            }
        }
        // the bike app: batches of at most 1,000; the first batch sent again under its key (answered as before), one ride
        // sent again in a batch of its own under a new key (a duplicate)
        List<String> keys = new ArrayList<>();
        for (int from = 0; from < bikeTrips.size(); from += 1000) {
            String key = "gt-" + from;
            String body = batch(bikeTrips.subList(from, Math.min(from + 1000, bikeTrips.size())));
            DocumentContext answer = json(report(bikes, key, body));
            assertThat(answer.read("$.refused", Integer.class)).as(answer.jsonString()).isZero();
            keys.add(key);
        }
        String firstBody = batch(bikeTrips.subList(0, Math.min(1000, bikeTrips.size())));
        MvcTestResult replayed = report(bikes, keys.get(0), firstBody);
        assertThat(replayed.getResponse().getHeader("Idempotent-Replayed")).isEqualTo("true");
        DocumentContext resent = json(report(bikes, "gt-resent", batch(List.of(bikeTrips.get(0)))));
        assertThat(resent.read("$.lines[0].status", String.class)).isEqualTo("DUPLICATE");
        // the map app: its metro trips and the ride the bike app reported
        List<String> fromMaps = new ArrayList<>(mapTrips);
        fromMaps.add(twice);
        DocumentContext mapped = json(report(maps, "gt-maps-1", batch(fromMaps)));
        assertThat(mapped.read("$.refused", Integer.class)).as(mapped.jsonString()).isZero();
        assertThat(mapped.read("$.lines[" + (fromMaps.size() - 1) + "].status", String.class)).as("one ride, two partners")
                .isEqualTo("DUPLICATE");

        // deliveries again, after everything else, then one last drop and one last settlement: a bin's deposits share a
        // partition (keyed by the bin), and so do a community's settlements, so once the last ones are recorded every
        // delivery before them has been consumed
        for (WasteDeposited drop : again) {
            kafka.send(SensingTopics.WASTE_DEPOSITS, drop.deviceId(), codec.encode(drop));
        }
        for (PickupSettled settled : settledAgain) {
            kafka.send(SettlementTopics.PICKUP_SETTLEMENTS, community, codec.encode(settled));
        }
        String first = households.get(0);
        LocalDate lastDay = days.get(days.size() - 1);
        WasteDeposited lastDrop = Events.deposit(community, first, lastDay.atTime(21, 0).atZone(SHANGHAI).toInstant(),
                WasteKind.PERISHABLE, "1.00", true);
        add(first, ReductionBehaviour.SORTED_PERISHABLE_WASTE, new BigDecimal("1.00").multiply(PERISHABLE));
        deposits++;
        PickupSettled lastPickup = Events.settlement(community, first, lastDay.atTime(20, 0).atZone(SHANGHAI).toInstant(),
                Settlement.CASH, "1.00", "0.50");
        add(first, ReductionBehaviour.RECYCLED_GOODS, new BigDecimal("1.50").multiply(RECYCLED));
        kafka.send(SensingTopics.WASTE_DEPOSITS, lastDrop.deviceId(), codec.encode(lastDrop));
        kafka.send(SettlementTopics.PICKUP_SETTLEMENTS, community, codec.encode(lastPickup));
        kafka.flush();
        int qualifying = 1 + (int) drops.stream().distinct().filter(d -> d.correctlySorted() && d.wasteKind() == WasteKind.PERISHABLE)
                .count();
        int pickups = 1 + (int) settlements.stream().distinct().count();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> jdbc.queryForObject("""
                SELECT count(*) FILTER (WHERE behaviour = 'SORTED_PERISHABLE_WASTE') = ? AND count(*) FILTER (WHERE behaviour = 'RECYCLED_GOODS') = ?
                FROM carbon_reduction WHERE community_id = ?""", Boolean.class, qualifying, pickups, community));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM carbon_reduction WHERE community_id = ? AND source_event_id IN (?, ?)",
                Integer.class, community, lastDrop.eventId(), lastPickup.eventId())).as("the last deliveries are recorded").isEqualTo(2);
        Duration recorded = Duration.ofNanos(System.nanoTime() - began);

        // the community's month, per behaviour, against the truth
        Map<ReductionBehaviour, BigDecimal> communityTruth = new EnumMap<>(ReductionBehaviour.class);
        truth.values().forEach(byBehaviour -> byBehaviour.forEach((b, kg) -> communityTruth.merge(b, kg, BigDecimal::add)));
        Map<String, BigDecimal> communityMonth = reductions(get("/api/accounting/communities/{c}/portrait?to={m}&months=1",
                TestTokens.propertyManager(community), community, month));
        List<String> lines = new ArrayList<>();
        for (ReductionBehaviour behaviour : List.of(ReductionBehaviour.SORTED_PERISHABLE_WASTE, ReductionBehaviour.GREEN_TRAVEL,
                ReductionBehaviour.RECYCLED_GOODS)) {
            BigDecimal expected = communityTruth.get(behaviour);
            BigDecimal actual = communityMonth.get(behaviour.name());
            assertThat(actual).as(behaviour + " of the community's month").isNotNull();
            assertThat(error(actual, expected)).as(behaviour + ": " + actual + " against " + expected).isLessThan(TOLERANCE);
            assertThat(actual).as(behaviour.name()).isEqualByComparingTo(expected);
            lines.add(behaviour + " " + actual + " kg CO2e, truth " + expected);
        }
        // every household's month, per behaviour
        BigDecimal worst = BigDecimal.ZERO;
        for (String household : households) {
            Map<String, BigDecimal> mine = reductions(get("/api/accounting/communities/{c}/households/{h}/portrait?to={m}&months=1",
                    TestTokens.propertyManager(community), community, household, month));
            for (Map.Entry<ReductionBehaviour, BigDecimal> e : truth.get(household).entrySet()) {
                BigDecimal actual = mine.getOrDefault(e.getKey().name(), BigDecimal.ZERO);
                worst = worst.max(error(actual, e.getValue()));
                assertThat(actual).as(household + " " + e.getKey()).isEqualByComparingTo(e.getValue());
            }
            assertThat(mine.keySet()).as(household).containsExactlyInAnyOrderElementsOf(
                    truth.get(household).keySet().stream().map(Enum::name).toList());
        }
        assertThat(worst).isLessThan(TOLERANCE);
        System.out.printf("Ground truth of behaviours, %s (%d days), %d households: %d deposits (%d delivered more than once), "
                + "%d rides + %d metro trips from two partners, %d pickups (%d deliveries); recorded in %d ms; worst household "
                + "error %s%n  %s%n", month, days.size(), HOUSEHOLDS, deposits, drops.size() + again.size() + 1 - deposits,
                bikeTrips.size(), mapTrips.size(), pickups, settlements.size() + settledAgain.size() + 1, recorded.toMillis(), worst,
                String.join("\n  ", lines));
    }

    private void add(String household, ReductionBehaviour behaviour, BigDecimal kg) {
        truth.get(household).merge(behaviour, kg, BigDecimal::add);
    }

    private static BigDecimal error(BigDecimal actual, BigDecimal expected) {
        return expected.signum() == 0 ? actual.abs() : actual.subtract(expected).abs().divide(expected, MathContext.DECIMAL64);
    }

    /** A month's reductions by behaviour in a portrait of one month. */
    private static Map<String, BigDecimal> reductions(DocumentContext portrait) {
        Map<String, BigDecimal> byBehaviour = new LinkedHashMap<>();
        List<Map<String, Object>> reductions = portrait.read("$.months[0].reductions");
        for (Map<String, Object> r : reductions) {
            @SuppressWarnings("unchecked")
            Map<String, Object> quantity = (Map<String, Object>) r.get("reduction");
            byBehaviour.put((String) r.get("behaviour"), new BigDecimal(quantity.get("value").toString()));
        }
        return Collections.unmodifiableMap(byBehaviour);
    }

    private DocumentContext get(String uri, String token, Object... variables) throws Exception {
        MvcTestResult result = mvc.get().uri(uri, variables).header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(token)).exchange();
        assertThat(result.getResponse().getStatus()).as(result.getResponse().getContentAsString()).isEqualTo(200);
        return json(result);
    }

    private String onboard(String id, String modes) throws Exception {
        MvcTestResult result = mvc.post().uri("/api/accounting/partners")
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.admin())).contentType(MediaType.APPLICATION_JSON)
                .content("{\"id\":\"" + id + "\",\"name\":\"Partner " + id + "\",\"modes\":" + modes + ",\"communities\":[\"" + community
                        + "\"]}")
                .exchange();
        assertThat(result.getResponse().getStatus()).as(result.getResponse().getContentAsString()).isEqualTo(201);
        return id;
    }

    private String link(String household, String partner) throws Exception {
        MvcTestResult result = mvc.put().uri("/api/accounting/me/travel-links/{p}", partner)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.resident(community, household))).exchange();
        assertThat(result.getResponse().getStatus()).as(result.getResponse().getContentAsString()).isEqualTo(200);
        return json(result).read("$.linkCode");
    }

    private MvcTestResult report(String partner, String key, String body) throws Exception {
        MvcTestResult result = mvc.post().uri("/api/accounting/partners/{p}/trip-batches", partner)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.partner(partner))).header("Idempotency-Key", key)
                .contentType(MediaType.APPLICATION_JSON).content(body).exchange();
        assertThat(result.getResponse().getStatus()).as(result.getResponse().getContentAsString()).isEqualTo(200);
        return result;
    }

    private static String trip(String id, String rider, String mode, BigDecimal km, Instant start, Instant end) {
        return "{\"tripId\":\"" + id + "\",\"rider\":\"" + rider + "\",\"mode\":\"" + mode + "\",\"distanceKm\":" + km.toPlainString()
                + ",\"startedAt\":\"" + start + "\",\"endedAt\":\"" + end + "\"}";
    }

    private static String batch(List<String> trips) {
        return "{\"trips\":[" + String.join(",", trips) + "]}";
    }

    private static DocumentContext json(MvcTestResult result) throws Exception {
        return JsonPath.parse(result.getResponse().getContentAsString(StandardCharsets.UTF_8));
    }
}
