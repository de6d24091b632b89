package org.communitycarbon.recycling.pickup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.communitycarbon.recycling.RecyclingServiceTest;
import org.communitycarbon.testing.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/** A household books at most 3 pickups a day and has at most 5 waiting (the defaults of {@link BookingLimits}). */
@RecyclingServiceTest
class BookingLimitsIT {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    JdbcTemplate jdbc;

    private final String community = "c-" + UUID.randomUUID();
    private final String household = "hh-" + UUID.randomUUID();
    private final String resident = TestTokens.bearer(TestTokens.resident(community, household));
    private final ExecutorService executor = Executors.newFixedThreadPool(6);

    @AfterEach
    void stopThreads() {
        executor.shutdownNow();
    }

    @Test
    void theFourthBookingOfADayWaitsUntilTheFirstIsADayOld() {
        for (String key : List.of("one", "two", "three")) {
            assertThat(book(resident, key)).hasStatus(HttpStatus.CREATED);
        }
        assertThat(book(resident, "four")).hasStatus(HttpStatus.TOO_MANY_REQUESTS)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                .headers().hasHeaderSatisfying(HttpHeaders.RETRY_AFTER,
                        values -> assertThat(Long.parseLong(values.get(0))).isBetween(86_300L, 86_400L));
        assertThat(book(resident, "four")).bodyJson().extractingPath("$.limit").isEqualTo("per-window");
        assertThat(book(resident, "four")).bodyJson().extractingPath("$.detail").asString()
                .startsWith("This household has booked 3 pickups within 24 h, the most allowed; the next can be booked in 2");
        assertThat(rows(household)).isEqualTo(3);
    }

    @Test
    void aRetryOfABookingIsNotANewBookingAndNeighboursHaveTheirOwnLimit() {
        for (String key : List.of("one", "two", "three")) {
            book(resident, key);
        }
        assertThat(book(resident, "one")).as("the app retrying the first booking").hasStatusOk();
        String neighbour = TestTokens.bearer(TestTokens.resident(community, household + "-next-door"));
        assertThat(book(neighbour, "one")).hasStatus(HttpStatus.CREATED);
    }

    @Test
    void concurrentBookingsOfOneHouseholdCannotOvershootTheLimit() throws Exception {
        List<Future<MvcTestResult>> requests = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String key = "burst-" + i;
            requests.add(executor.submit(() -> book(resident, key)));
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<MvcTestResult> request : requests) {
            statuses.add(request.get(30, TimeUnit.SECONDS).getResponse().getStatus());
        }
        assertThat(statuses).containsExactlyInAnyOrder(201, 201, 201, 429, 429, 429);
        assertThat(rows(household)).isEqualTo(3);
    }

    @Test
    void fiveBookingsWaitingForARecyclerAreTheMost() {
        Instant longAgo = Instant.now().minus(3, ChronoUnit.DAYS);
        for (int i = 0; i < 5; i++) {
            waitingSince(longAgo.plusSeconds(i), "waiting-" + i);
        }
        assertThat(book(resident, "sixth")).hasStatus(HttpStatus.CONFLICT)
                .bodyJson().extractingPath("$.limit").isEqualTo("open");
        assertThat(book(resident, "sixth")).headers().doesNotContainHeader(HttpHeaders.RETRY_AFTER);
        assertThat(rows(household)).isEqualTo(5);
    }

    private void waitingSince(Instant requestedAt, String key) {
        OffsetDateTime at = requestedAt.atOffset(ZoneOffset.UTC);
        jdbc.update("""
                INSERT INTO pickup_booking (id, community_id, household_id, idempotency_key, request_hash, categories,
                    estimated_weight_kg, status, requested_at, dispatch_due_at, arrival_due_at)
                VALUES (?, ?, ?, ?, ?, ARRAY['PAPER'], 1, 'REQUESTED', ?, ?, ?)""",
                UUID.randomUUID(), community, household, key, "0".repeat(64), at, at.plusHours(1), at.plusHours(24));
    }

    private MvcTestResult book(String token, String key) {
        return mvc.post().uri("/api/recycling/pickups").header(HttpHeaders.AUTHORIZATION, token).header(IdempotencyKey.HEADER, key)
                .contentType(MediaType.APPLICATION_JSON).content(PickupRequestJson.paperAndPlastic().json()).exchange();
    }

    private int rows(String householdId) {
        Integer rows = jdbc.queryForObject("SELECT count(*) FROM pickup_booking WHERE community_id = ? AND household_id = ?",
                Integer.class, community, householdId);
        return rows == null ? 0 : rows;
    }
}
