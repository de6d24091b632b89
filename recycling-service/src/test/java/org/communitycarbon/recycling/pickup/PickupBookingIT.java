package org.communitycarbon.recycling.pickup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.LIST;
import static org.awaitility.Awaitility.await;

import java.io.UnsupportedEncodingException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

import org.communitycarbon.model.security.Role;
import org.communitycarbon.model.security.TokenClaims;
import org.communitycarbon.recycling.RecyclingServiceTest;
import org.communitycarbon.support.security.Caller;
import org.communitycarbon.support.web.ConflictException;
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
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.jayway.jsonpath.JsonPath;

@RecyclingServiceTest
class PickupBookingIT {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    PickupBookings bookings;

    private final String community = "c-" + UUID.randomUUID();
    private final String household = "hh-" + UUID.randomUUID();
    private final String resident = TestTokens.bearer(TestTokens.resident(community, household));
    private final ExecutorService executor = Executors.newFixedThreadPool(2);

    @AfterEach
    void stopThreads() {
        executor.shutdownNow();
    }

    @Test
    void booksAPickupForTheCallersHouseholdWithTheMissionsDeadlines() {
        Instant before = Instant.now().minusMillis(1);

        MvcTestResult result = book(resident, "first-booking", PickupRequestJson.paperAndPlastic());

        Instant after = Instant.now().plusMillis(1);
        String id = JsonPath.read(body(result), "$.id");
        assertThat(result).hasStatus(HttpStatus.CREATED)
                .hasHeader(HttpHeaders.LOCATION, "/api/recycling/pickups/" + id)
                .bodyJson()
                .hasPathSatisfying("$.communityId", v -> v.assertThat().isEqualTo(community))
                .hasPathSatisfying("$.householdId", v -> v.assertThat().isEqualTo(household))
                .hasPathSatisfying("$.categories", v -> v.assertThat().asInstanceOf(
                        LIST).containsExactly("PAPER", "PLASTIC"))
                .hasPathSatisfying("$.estimatedWeightKg", v -> v.assertThat().isEqualTo(12.5))
                .hasPathSatisfying("$.status", v -> v.assertThat().isEqualTo("REQUESTED"))
                .hasPathSatisfying("$.note", v -> v.assertThat().isEqualTo("Boxes are by the door"));

        Map<String, Object> row = jdbc.queryForMap("SELECT * FROM pickup_booking WHERE id = ?", UUID.fromString(id));
        Instant requestedAt = instant(row.get("requested_at"));
        assertThat(requestedAt).isBetween(before, after);
        assertThat(instant(row.get("dispatch_due_at"))).isEqualTo(requestedAt.plus(Duration.ofHours(1)));
        assertThat(instant(row.get("arrival_due_at"))).isEqualTo(requestedAt.plus(Duration.ofHours(24)));
        assertThat(row).containsEntry("status", "REQUESTED").containsEntry("community_id", community)
                .containsEntry("household_id", household).containsEntry("idempotency_key", "first-booking")
                .as("who booked it: the resident's account subject").containsEntry("booked_by", "resident-" + household);
        assertThat(row.get("request_hash")).asString().hasSize(64);
        assertThat(JsonPath.<String>read(body(result), "$.dispatchDueAt")).isEqualTo(requestedAt.plus(Duration.ofHours(1)).toString());
    }

    @Test
    void aResidentWhoseSubjectIsNoIdentifierStillBooksAndTheBookingNamesNoBooker() {
        String oddSubject = TestTokens.bearer(TestTokens.sign("ann smith@example", Map.of(TokenClaims.ROLES,
                List.of(Role.RESIDENT.name()), TokenClaims.COMMUNITY, community, TokenClaims.HOUSEHOLD, household)));

        MvcTestResult result = book(oddSubject, "odd-subject", PickupRequestJson.paperAndPlastic());

        assertThat(result).hasStatus(HttpStatus.CREATED);
        assertThat(jdbc.queryForObject("SELECT booked_by FROM pickup_booking WHERE id = ?", String.class,
                UUID.fromString(JsonPath.read(body(result), "$.id")))).isNull();
    }

    @Test
    void aLaterPreferredWindowMovesTheArrivalDeadlineToItsEnd() {
        Instant from = Instant.now().plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.HOURS);
        Instant until = from.plus(Duration.ofHours(3));

        MvcTestResult result = book(resident, "saturday-morning", PickupRequestJson.paperAndPlastic()
                .with("preferredFrom", from.toString()).with("preferredUntil", until.toString())
                .with("address", "Building 3, unit 2, room 501"));

        assertThat(result).hasStatus(HttpStatus.CREATED).bodyJson()
                .hasPathSatisfying("$.preferredFrom", v -> v.assertThat().isEqualTo(from.toString()))
                .hasPathSatisfying("$.preferredUntil", v -> v.assertThat().isEqualTo(until.toString()))
                .hasPathSatisfying("$.arrivalDueAt", v -> v.assertThat().isEqualTo(until.toString()))
                .hasPathSatisfying("$.address", v -> v.assertThat().isEqualTo("Building 3, unit 2, room 501"));
    }

    @Test
    void aRetryWithTheSameKeyReturnsTheFirstBookingAndBooksNothingNew() {
        MvcTestResult first = book(resident, "retry-me", PickupRequestJson.paperAndPlastic());
        MvcTestResult retry = book(resident, "retry-me", PickupRequestJson.paperAndPlastic());

        assertThat(first).hasStatus(HttpStatus.CREATED);
        assertThat(retry).hasStatus(HttpStatus.OK).hasHeader(PickupController.REPLAYED_HEADER, "true");
        assertThat(body(retry)).isEqualTo(body(first));
        assertThat(rows()).isEqualTo(1);
    }

    @Test
    void twoConcurrentRequestsWithTheSameKeyBookOnce() throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<MvcTestResult>> requests = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            requests.add(executor.submit(() -> {
                start.await();
                return book(resident, "double-tap", PickupRequestJson.paperAndPlastic());
            }));
        }
        start.countDown();

        List<Integer> statuses = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (Future<MvcTestResult> request : requests) {
            MvcTestResult result = request.get(20, TimeUnit.SECONDS);
            statuses.add(result.getResponse().getStatus());
            ids.add(JsonPath.read(body(result), "$.id"));
        }
        assertThat(statuses).containsExactlyInAnyOrder(201, 200);
        assertThat(ids.get(0)).isEqualTo(ids.get(1));
        assertThat(rows()).isEqualTo(1);
    }

    @Test
    void theLoserOfARaceOnTheSameKeyIsAnsweredAsAReplay() throws Exception {
        Caller.ResidentScope me = new Caller.ResidentScope(community, household);
        PickupRequest request = request();
        AtomicReference<Future<PickupBookings.Booking>> loser = new AtomicReference<>();

        // The winner's row is inserted but not committed when the loser arrives: the loser waits for the household's
        // booking lock (and, were it past that, on the unique constraint) until the winner commits.
        PickupBookings.Booking winner = new TransactionTemplate(transactions).execute(status -> {
            PickupBookings.Booking booked = bookings.book(me, "resident-" + household, "race", request);
            loser.set(executor.submit(() -> bookings.book(me, "resident-" + household, "race", request)));
            await().atMost(Duration.ofSeconds(10)).until(this::aBookingInsertIsWaitingForALock);
            return booked;
        });

        PickupBookings.Booking replay = loser.get().get(10, TimeUnit.SECONDS);
        assertThat(winner.replayed()).isFalse();
        assertThat(replay.replayed()).isTrue();
        assertThat(replay.view()).isEqualTo(winner.view());
        assertThat(rows()).isEqualTo(1);
    }

    @Test
    void theLoserOfARaceWithAnotherRequestUnderTheSameKeyIsRefused() throws Exception {
        Caller.ResidentScope me = new Caller.ResidentScope(community, household);
        AtomicReference<Future<PickupBookings.Booking>> loser = new AtomicReference<>();

        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            bookings.book(me, "resident-" + household, "race", request());
            loser.set(executor.submit(() -> bookings.book(me, "resident-" + household, "race", new PickupRequest(List.of("GLASS"),
                    BigDecimal.ONE, null, null, null, null, null))));
            await().atMost(Duration.ofSeconds(10)).until(this::aBookingInsertIsWaitingForALock);
        });

        assertThat(loser.get()).failsWithin(Duration.ofSeconds(10))
                .withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(ConflictException.class);
        assertThat(rows()).isEqualTo(1);
    }

    @Test
    void theSameKeyWithAnotherRequestIsAConflict() {
        book(resident, "reused-key", PickupRequestJson.paperAndPlastic());

        assertThat(book(resident, "reused-key", PickupRequestJson.paperAndPlastic().with("estimatedWeightKg", 30)))
                .hasStatus(HttpStatus.CONFLICT)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson().extractingPath("$.detail").asString().contains("Idempotency-Key reused-key");
        assertThat(rows()).isEqualTo(1);
    }

    @Test
    void aKeyBelongsToItsHousehold() {
        String neighbour = TestTokens.bearer(TestTokens.resident(community, household + "-next-door"));

        assertThat(book(resident, "shared-key", PickupRequestJson.paperAndPlastic())).hasStatus(HttpStatus.CREATED);
        assertThat(book(neighbour, "shared-key", PickupRequestJson.paperAndPlastic().with("estimatedWeightKg", 3)))
                .hasStatus(HttpStatus.CREATED)
                .bodyJson().hasPathSatisfying("$.householdId", v -> v.assertThat().isEqualTo(household + "-next-door"));
    }

    @Test
    void onlyResidentsBookPickups() {
        for (String token : List.of(TestTokens.propertyManager(community), TestTokens.staff(community),
                TestTokens.streetOffice("s-1", community), TestTokens.admin())) {
            assertThat(book(TestTokens.bearer(token), "not-a-resident", PickupRequestJson.paperAndPlastic()))
                    .hasStatus(HttpStatus.FORBIDDEN);
        }
        assertThat(mvc.post().uri("/api/recycling/pickups").header(IdempotencyKey.HEADER, "anonymous")
                .contentType(MediaType.APPLICATION_JSON).content(PickupRequestJson.paperAndPlastic().json()))
                .hasStatus(HttpStatus.UNAUTHORIZED);
        assertThat(rows()).isZero();
    }

    private PickupRequest request() {
        return new PickupRequest(List.of("PAPER", "METAL"), new BigDecimal("8.5"), null, null, null, "Ring twice", null);
    }

    private MvcTestResult book(String token, String key, PickupRequestJson request) {
        return mvc.post().uri("/api/recycling/pickups").header(HttpHeaders.AUTHORIZATION, token).header(IdempotencyKey.HEADER, key)
                .contentType(MediaType.APPLICATION_JSON).content(request.json()).exchange();
    }

    private int rows() {
        Integer rows = jdbc.queryForObject("SELECT count(*) FROM pickup_booking WHERE community_id = ?", Integer.class, community);
        return rows == null ? 0 : rows;
    }

    /** Asked on a connection of its own: a transaction sees pg_stat_activity as it was when first read. */
    private boolean aBookingInsertIsWaitingForALock() throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet waiting = statement.executeQuery("""
                        SELECT count(*) FROM pg_stat_activity
                        WHERE wait_event_type = 'Lock'
                          AND (query LIKE 'INSERT INTO pickup_booking%' OR query LIKE 'SELECT pg_advisory_xact_lock%')""")) {
            waiting.next();
            return waiting.getInt(1) > 0;
        }
    }

    private static String body(MvcTestResult result) {
        try {
            return result.getResponse().getContentAsString();
        }
        catch (UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Instant instant(Object timestamp) {
        return timestamp instanceof Timestamp t ? t.toInstant() : ((OffsetDateTime) timestamp).toInstant();
    }
}
