package org.communitycarbon.recycling.performance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.LIST;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.communitycarbon.recycling.RecyclingServiceTest;
import org.communitycarbon.recycling.pickup.PickupDispatcher;
import org.communitycarbon.recycling.pickup.PickupFixture;
import org.communitycarbon.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * The property manager sees, per recycler serving the community, its orders, dispatches and visits on time, the
 * residents' average rating and the kilograms it collected by category.
 */
@RecyclingServiceTest
class RecyclerPerformanceIT {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PickupDispatcher dispatcher;

    private final LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));

    @Test
    void showsEachRecyclersOrdersTimelinessRatingAndKilogramsByCategory() {
        PickupFixture fixture = new PickupFixture(mvc, jdbc, dispatcher);
        // booked before any recycler takes metal, so nothing dispatches it before its deadline has passed
        String slow = fixture.book("hh-4", List.of("METAL"), null);
        jdbc.update("UPDATE pickup_booking SET dispatch_due_at = requested_at WHERE id = ?::uuid", slow);
        String paper = fixture.recycler("paper", List.of("PAPER", "PLASTIC"), 10);
        String metal = fixture.recycler("metal", List.of("METAL"), 10);
        String idle = fixture.recycler("idle", List.of("GLASS"), 10);
        String paperCollector = fixture.collector(paper);

        // on time, 3.2 kg paper and 1.5 kg plastic, rated 5
        String onTime = fixture.book("hh-1", List.of("PAPER"), "CREDITS");
        fixture.toTheDoor(onTime, paperCollector);
        assertThat(fixture.collect(onTime, paperCollector,
                "{\"items\":[{\"category\":\"PAPER\",\"weightKg\":3.2},{\"category\":\"PLASTIC\",\"weightKg\":1.5}]}")).hasStatusOk();
        rate(fixture, onTime, "hh-1", 5);
        // collected after its arrival deadline, 2 kg paper, rated 3
        String late = fixture.book("hh-2", List.of("PAPER"), "CASH");
        fixture.toTheDoor(late, paperCollector);
        jdbc.update("UPDATE pickup_booking SET arrival_due_at = requested_at WHERE id = ?::uuid", late);
        assertThat(fixture.collect(late, paperCollector, "{\"items\":[{\"category\":\"PAPER\",\"weightKg\":2}]}")).hasStatusOk();
        rate(fixture, late, "hh-2", 3);
        // dispatched, then cancelled by the resident before the visit was due
        String cancelled = fixture.book("hh-3", List.of("PAPER"), null);
        fixture.dispatched(cancelled);
        assertThat(mvc.post().uri("/api/recycling/pickups/{id}/cancel", cancelled).header(HttpHeaders.AUTHORIZATION, fixture.resident("hh-3"))
                .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"sold them\"}")).hasStatusOk();
        // dispatched after its dispatch deadline, not visited yet
        fixture.dispatched(slow);

        assertThat(performance(fixture, fixture.manager(), null, null)).hasStatusOk().bodyJson()
                .hasPathSatisfying("$.zone", v -> v.assertThat().isEqualTo("Asia/Shanghai"))
                .hasPathSatisfying("$.to", v -> v.assertThat().isEqualTo(today.toString()))
                .hasPathSatisfying("$.recyclers[*].recyclerId", v -> v.assertThat().asInstanceOf(LIST)
                        .containsExactly(idle, metal, paper))
                .hasPathSatisfying("$.recyclers[2].orders", v -> v.assertThat().isEqualTo(3))
                .hasPathSatisfying("$.recyclers[2].collected", v -> v.assertThat().isEqualTo(2))
                .hasPathSatisfying("$.recyclers[2].cancelled", v -> v.assertThat().isEqualTo(1))
                .hasPathSatisfying("$.recyclers[2].onTimeDispatchRate", v -> v.assertThat().isEqualTo(1.0))
                .hasPathSatisfying("$.recyclers[2].visitsDue", v -> v.assertThat().isEqualTo(2))
                .hasPathSatisfying("$.recyclers[2].visitsOnTime", v -> v.assertThat().isEqualTo(1))
                .hasPathSatisfying("$.recyclers[2].onTimeVisitRate", v -> v.assertThat().isEqualTo(0.5))
                .hasPathSatisfying("$.recyclers[2].ratings", v -> v.assertThat().isEqualTo(2))
                .hasPathSatisfying("$.recyclers[2].averageRating", v -> v.assertThat().isEqualTo(4.0))
                .hasPathSatisfying("$.recyclers[2].collectedKg", v -> v.assertThat().isEqualTo(6.7))
                .hasPathSatisfying("$.recyclers[2].kgByCategory.PAPER", v -> v.assertThat().isEqualTo(5.2))
                .hasPathSatisfying("$.recyclers[2].kgByCategory.PLASTIC", v -> v.assertThat().isEqualTo(1.5))
                .hasPathSatisfying("$.recyclers[1].orders", v -> v.assertThat().isEqualTo(1))
                .hasPathSatisfying("$.recyclers[1].onTimeDispatchRate", v -> v.assertThat().isEqualTo(0.0))
                .hasPathSatisfying("$.recyclers[1].onTimeVisitRate", v -> v.assertThat().as("no visit judged yet").isNull())
                .hasPathSatisfying("$.recyclers[1].averageRating", v -> v.assertThat().isNull())
                .hasPathSatisfying("$.recyclers[0].orders", v -> v.assertThat().isEqualTo(0))
                .hasPathSatisfying("$.recyclers[0].collectedKg", v -> v.assertThat().isEqualTo(0));

        assertThat(performance(fixture, fixture.manager(), today.plusDays(1).toString(), today.plusDays(2).toString())).hasStatusOk()
                .bodyJson().hasPathSatisfying("$.recyclers[*].orders", v -> v.assertThat().asInstanceOf(LIST).containsOnly(0));
        assertThat(performance(fixture, TestTokens.bearer(TestTokens.streetOffice("s-1", fixture.community())), null, null))
                .hasStatusOk();
    }

    @Test
    void refusesAnUpsideDownOrTooLongPeriodAndOtherCommunitiesManagers() {
        PickupFixture fixture = new PickupFixture(mvc, jdbc, dispatcher);
        assertThat(performance(fixture, fixture.manager(), "2026-03-02", "2026-03-01")).hasStatus(HttpStatus.BAD_REQUEST).bodyJson()
                .hasPathSatisfying("$['invalid-params'][0].name", v -> v.assertThat().isEqualTo("from"));
        assertThat(performance(fixture, fixture.manager(), "2025-01-01", "2026-03-01")).hasStatus(HttpStatus.BAD_REQUEST).bodyJson()
                .hasPathSatisfying("$['invalid-params'][0].name", v -> v.assertThat().isEqualTo("to"));
        assertThat(performance(fixture, fixture.manager(), "yesterday", null)).hasStatus(HttpStatus.BAD_REQUEST);
        assertThat(performance(fixture, TestTokens.bearer(TestTokens.propertyManager("elsewhere")), null, null))
                .hasStatus(HttpStatus.FORBIDDEN);
    }

    private void rate(PickupFixture fixture, String id, String household, int stars) {
        assertThat(mvc.post().uri("/api/recycling/pickups/{id}/rating", id).header(HttpHeaders.AUTHORIZATION, fixture.resident(household))
                .contentType(MediaType.APPLICATION_JSON).content("{\"stars\":" + stars + "}")).hasStatusOk();
    }

    private MvcTestResult performance(PickupFixture fixture, String token, String from, String to) {
        var request = mvc.get().uri("/api/recycling/communities/{c}/recyclers/performance", fixture.community())
                .header(HttpHeaders.AUTHORIZATION, token);
        if (from != null) {
            request = request.param("from", from);
        }
        if (to != null) {
            request = request.param("to", to);
        }
        return request.exchange();
    }
}
