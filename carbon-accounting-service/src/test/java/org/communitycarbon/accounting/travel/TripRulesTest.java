package org.communitycarbon.accounting.travel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import org.communitycarbon.accounting.travel.TripRules.Known;
import org.communitycarbon.accounting.travel.TripRules.Relation;
import org.communitycarbon.accounting.travel.TripRules.Trip;
import org.communitycarbon.model.ContractViolation;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The rules of a reported trip and of two reports being one trip, without Spring. */
class TripRulesTest {

    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    private static final Instant EIGHT = Instant.parse("2026-11-30T00:00:00Z");
    private static final String RIDER = "abcdefghijABCDEFGHIJ_-";
    private static final TravelSettings SETTINGS = TravelSettings.defaults();
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void readsATripAndRoundsItsDistanceToTheMetre() {
        Trip trip = TripRules.read(line("BIKE", "2.5004", 0, 15), 0, NOW, SETTINGS);

        assertThat(trip.distanceKm()).isEqualByComparingTo("2.500");
        assertThat(trip.mode()).isEqualTo(TravelMode.BIKE);
        assertThat(trip.duration().toMinutes()).isEqualTo(15);
    }

    @Test
    void refusesNamingTheField() {
        assertRefused(line("BIKE", "0.0004", 0, 15), "trips[2].distanceKm");
        assertRefused(line("BIKE", "1e999999999", 0, 15), "trips[2].distanceKm");
        assertRefused(line("BIKE", "201", 0, 600), "trips[2].distanceKm");
        assertRefused(line("PLANE", "2", 0, 15), "trips[2].mode");
        assertRefused(line("BIKE", "2", 15, 15), "trips[2].endedAt");
        assertRefused(line("BIKE", "2", 0, 13 * 60), "trips[2].endedAt");
        assertRefused(line("BIKE", "2", 12 * 60 + 10, 12 * 60 + 20), "trips[2].endedAt");
        assertRefused(json.readTree("{\"tripId\":\"t\",\"rider\":\"short\",\"mode\":\"BIKE\",\"distanceKm\":1,"
                + "\"startedAt\":\"2026-11-30T00:00:00Z\",\"endedAt\":\"2026-11-30T00:10:00Z\"}"), "trips[2].rider");
        assertRefused(json.readTree("[1]"), "trips[2]");
    }

    @Test
    void refusesASpeedTheModeCannotGo() {
        // 12 km in 20 minutes: 36 km/h, beyond a bike, within an e-bike
        assertRefused(line("BIKE", "12", 0, 20), "trips[2].distanceKm");
        assertThat(TripRules.read(line("E_BIKE", "12", 0, 20), 2, NOW, SETTINGS).mode()).isEqualTo(TravelMode.E_BIKE);
    }

    @Test
    void twoReportsOverlappingByHalfTheShorterWithTheSameFamilyAndACloseDistanceAreOneTrip() {
        Known ride = known(TravelMode.E_BIKE, "4.2", 0, 20);

        assertThat(relation(TravelMode.BIKE, "4.0", 1, 22, ride)).isEqualTo(Relation.DUPLICATE);
        // 0.5 km apart is always tolerated, 20 % of the longer beyond that
        assertThat(relation(TravelMode.BIKE, "4.7", 1, 22, ride)).isEqualTo(Relation.DUPLICATE);
        assertThat(relation(TravelMode.BIKE, "6.0", 1, 22, ride)).isEqualTo(Relation.CONFLICT);
        assertThat(relation(TravelMode.BUS, "4.2", 0, 20, ride)).isEqualTo(Relation.CONFLICT);
        // overlapping by less than half the shorter: a trip after the other
        assertThat(relation(TravelMode.BIKE, "4.2", 15, 35, ride)).isEqualTo(Relation.DISTINCT);
        assertThat(relation(TravelMode.BIKE, "4.2", 20, 40, ride)).isEqualTo(Relation.DISTINCT);
        // a metro card's and a map app's bus for the same journey
        assertThat(relation(TravelMode.BUS, "10", 60, 90, known(TravelMode.METRO, "9", 62, 88))).isEqualTo(Relation.DUPLICATE);
    }

    private Relation relation(TravelMode mode, String km, int from, int to, Known known) {
        Trip trip = new Trip(0, "t", RIDER, mode, new BigDecimal(km), EIGHT.plusSeconds(60L * from), EIGHT.plusSeconds(60L * to));
        return TripRules.relation(trip, known, SETTINGS);
    }

    private static Known known(TravelMode mode, String km, int from, int to) {
        return new Known(UUID.randomUUID(), mode, new BigDecimal(km), EIGHT.plusSeconds(60L * from), EIGHT.plusSeconds(60L * to));
    }

    private JsonNode line(String mode, String km, int from, int to) {
        return json.readTree("{\"tripId\":\"t-1\",\"rider\":\"" + RIDER + "\",\"mode\":\"" + mode + "\",\"distanceKm\":" + km
                + ",\"startedAt\":\"" + EIGHT.plusSeconds(60L * from) + "\",\"endedAt\":\"" + EIGHT.plusSeconds(60L * to) + "\"}");
    }

    private static void assertRefused(JsonNode line, String field) {
        assertThatThrownBy(() -> TripRules.read(line, 2, NOW, SETTINGS)).isInstanceOf(ContractViolation.class)
                .satisfies(e -> assertThat(((ContractViolation) e).field()).isEqualTo(field));
    }
}
