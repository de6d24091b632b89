package org.communitycarbon.recycling.tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.LIST;

import java.io.UnsupportedEncodingException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.communitycarbon.recycling.RecyclingServiceTest;
import org.communitycarbon.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import com.jayway.jsonpath.JsonPath;

/**
 * Shared tools: residents book a community's tool on a calendar where active bookings never overlap, even when they
 * race; the property office hands it over and takes it back, late or not.
 */
@RecyclingServiceTest
class SharedToolsIT {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    JdbcTemplate jdbc;

    private final String community = "tools-" + UUID.randomUUID().toString().substring(0, 8);
    private final String manager = TestTokens.bearer(TestTokens.propertyManager(community));
    private final Instant tomorrow = Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.HOURS);

    @Test
    void aBookingOverlappingAnotherIsRefusedWithAProblemNamingTheBookedPeriod() {
        String ladder = tool("Ladder, 3 m");
        assertThat(book(ladder, "hh-1", tomorrow, tomorrow.plus(Duration.ofHours(3)))).hasStatus(HttpStatus.CREATED).bodyJson()
                .hasPathSatisfying("$.status", v -> v.assertThat().as("on the calendar while its deposit is held")
                        .isEqualTo("AWAITING_DEPOSIT"))
                .hasPathSatisfying("$.depositCredits", v -> v.assertThat().isEqualTo(500))
                .hasPathSatisfying("$.mine", v -> v.assertThat().isEqualTo(true));
        assertThat(book(ladder, "hh-2", tomorrow.plus(Duration.ofHours(2)), tomorrow.plus(Duration.ofHours(4))))
                .hasStatus(HttpStatus.CONFLICT).hasContentType(MediaType.APPLICATION_PROBLEM_JSON).bodyJson()
                .extractingPath("$.detail").asString()
                .contains("already booked from " + tomorrow + " to " + tomorrow.plus(Duration.ofHours(3)));
        assertThat(book(ladder, "hh-2", tomorrow.plus(Duration.ofHours(3)), tomorrow.plus(Duration.ofHours(4))))
                .as("right after the first").hasStatus(HttpStatus.CREATED);

        assertThat(mvc.get().uri("/api/recycling/tools/{t}/bookings", ladder).header(HttpHeaders.AUTHORIZATION, resident("hh-2")))
                .hasStatusOk().bodyJson()
                .hasPathSatisfying("$[*].mine", v -> v.assertThat().asInstanceOf(LIST).containsExactly(false, true))
                .hasPathSatisfying("$[0].householdId", v -> v.assertThat().as("a neighbour's booking is anonymous").isNull())
                .hasPathSatisfying("$[1].householdId", v -> v.assertThat().isEqualTo("hh-2"));
        assertThat(mvc.get().uri("/api/recycling/tools/{t}/bookings", ladder)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.resident("elsewhere", "hh-1"))))
                .hasStatus(HttpStatus.NOT_FOUND);
        assertThat(book(ladder, "elsewhere", "hh-1", tomorrow.plus(Duration.ofDays(2)), tomorrow.plus(Duration.ofDays(2).plusHours(1))))
                .hasStatus(HttpStatus.NOT_FOUND);
    }

    @Test
    void ofRacingBookingsForTheSameTimeOneWins() throws Exception {
        String drill = tool("Drill");
        ExecutorService executor = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String household = "racer-" + i;
                answers.add(executor.submit(() -> book(drill, household, tomorrow, tomorrow.plus(Duration.ofHours(1)))
                        .getResponse().getStatus()));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
            assertThat(statuses).containsOnly(201, 409).filteredOn(s -> s == 201).hasSize(1);
        }
        finally {
            executor.shutdownNow();
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM tool_booking WHERE tool_id = ?::uuid", Integer.class, drill)).isEqualTo(1);
    }

    @Test
    void refusesAPeriodInThePastTooLongOrTooFarAheadAndTooManyBookingsOfAHousehold() {
        String cart = tool("Cart");
        Instant now = Instant.now();
        assertRefused(book(cart, "hh-1", tomorrow, tomorrow), "until");
        assertRefused(book(cart, "hh-1", now.minus(Duration.ofHours(2)), now.plus(Duration.ofHours(1))), "from");
        assertRefused(book(cart, "hh-1", tomorrow, tomorrow.plus(Duration.ofDays(7)).plusSeconds(1)), "until");
        assertRefused(book(cart, "hh-1", now.plus(Duration.ofDays(61)), now.plus(Duration.ofDays(61)).plus(Duration.ofHours(1))), "from");
        for (int day = 1; day <= 3; day++) {
            assertThat(book(cart, "hh-1", tomorrow.plus(Duration.ofDays(day)), tomorrow.plus(Duration.ofDays(day)).plus(Duration.ofHours(1))))
                    .hasStatus(HttpStatus.CREATED);
        }
        assertThat(book(cart, "hh-1", tomorrow.plus(Duration.ofDays(5)), tomorrow.plus(Duration.ofDays(5)).plus(Duration.ofHours(1))))
                .as("a fourth booking not yet returned").hasStatus(HttpStatus.CONFLICT).bodyJson()
                .extractingPath("$.detail").asString().contains("at most 3");
    }

    @Test
    void thePropertyOfficeHandsTheToolOverAndTakesItBackLate() {
        String ladder = tool("Ladder, 5 m", 0);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String id = JsonPath.read(body(book(ladder, "hh-1", now, now.plus(Duration.ofHours(1)))), "$.id");
        String neighbourBooking = JsonPath.read(body(book(ladder, "hh-2", now.plus(Duration.ofHours(2)), now.plus(Duration.ofHours(3)))),
                "$.id");

        assertThat(step(id, "return", manager)).as("not picked up yet").hasStatus(HttpStatus.CONFLICT);
        assertThat(step(id, "pick-up", TestTokens.bearer(TestTokens.staff(community)))).hasStatusOk().bodyJson()
                .hasPathSatisfying("$.status", v -> v.assertThat().isEqualTo("PICKED_UP"));
        assertThat(step(id, "cancel", resident("hh-1"))).as("picked up").hasStatus(HttpStatus.CONFLICT);
        assertThat(step(neighbourBooking, "cancel", resident("hh-1"))).as("a neighbour's").hasStatus(HttpStatus.NOT_FOUND);
        assertThat(step(id, "pick-up", TestTokens.bearer(TestTokens.propertyManager("elsewhere")))).hasStatus(HttpStatus.NOT_FOUND);

        jdbc.update("UPDATE tool_booking SET starts_at = starts_at - interval '3 hours', ends_at = ends_at - interval '3 hours' WHERE id = ?::uuid",
                id);
        assertThat(step(id, "return", manager)).hasStatusOk().bodyJson()
                .hasPathSatisfying("$.status", v -> v.assertThat().isEqualTo("RETURNED"))
                .hasPathSatisfying("$.overdue", v -> v.assertThat().isEqualTo(true));
        assertThat(step(neighbourBooking, "cancel", resident("hh-2"))).hasStatusOk().bodyJson()
                .hasPathSatisfying("$.status", v -> v.assertThat().isEqualTo("CANCELLED"));
    }

    private String tool(String name) {
        return tool(name, 500);
    }

    /** A tool; one without a deposit is BOOKED at once (CreditRequestsIT follows a deposit). */
    private String tool(String name, int deposit) {
        MvcTestResult added = mvc.post().uri("/api/recycling/communities/{c}/tools", community).header(HttpHeaders.AUTHORIZATION, manager)
                .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"" + name + "\",\"depositCredits\":" + deposit + "}").exchange();
        assertThat(added).hasStatus(HttpStatus.CREATED);
        return JsonPath.read(body(added), "$.id");
    }

    private MvcTestResult book(String tool, String household, Instant from, Instant until) {
        return book(tool, community, household, from, until);
    }

    private MvcTestResult book(String tool, String ofCommunity, String household, Instant from, Instant until) {
        return mvc.post().uri("/api/recycling/tools/{t}/bookings", tool)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.resident(ofCommunity, household)))
                .contentType(MediaType.APPLICATION_JSON).content("{\"from\":\"" + from + "\",\"until\":\"" + until + "\"}").exchange();
    }

    private MvcTestResult step(String booking, String step, String token) {
        return mvc.post().uri("/api/recycling/tool-bookings/{b}/" + step, booking).header(HttpHeaders.AUTHORIZATION, token).exchange();
    }

    private String resident(String household) {
        return TestTokens.bearer(TestTokens.resident(community, household));
    }

    private static void assertRefused(MvcTestResult result, String field) {
        assertThat(result).hasStatus(HttpStatus.BAD_REQUEST).hasContentType(MediaType.APPLICATION_PROBLEM_JSON).bodyJson()
                .hasPathSatisfying("$['invalid-params'][*].name", v -> v.assertThat().asInstanceOf(LIST).contains(field));
    }

    private static String body(MvcTestResult result) {
        try {
            return result.getResponse().getContentAsString();
        }
        catch (UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
