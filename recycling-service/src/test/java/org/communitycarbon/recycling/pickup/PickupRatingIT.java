package org.communitycarbon.recycling.pickup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.LIST;

import java.util.List;

import org.communitycarbon.recycling.RecyclingServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/** The resident rates a collected pickup of their household once; the comment goes with their personal data. */
@RecyclingServiceTest
class PickupRatingIT {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PickupDispatcher dispatcher;

    @Test
    void theResidentRatesACollectedPickupOnceWithinBounds() {
        PickupFixture fixture = new PickupFixture(mvc, jdbc, dispatcher);
        String collector = fixture.collector(fixture.recycler("rated", List.of("PAPER", "PLASTIC"), 10));
        String id = fixture.book("hh-1", List.of("PAPER"), "CREDITS");
        String resident = fixture.resident("hh-1");

        assertThat(rate(id, resident, "{\"stars\":5}")).as("not collected yet").hasStatus(HttpStatus.CONFLICT)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        fixture.toTheDoor(id, collector);
        assertThat(fixture.collect(id, collector, "{\"items\":[{\"category\":\"PAPER\",\"weightKg\":2}]}")).hasStatusOk();

        assertRefused(rate(id, resident, "{\"stars\":6}"), "stars");
        assertRefused(rate(id, resident, "{\"stars\":0}"), "stars");
        assertRefused(rate(id, resident, "{}"), "stars");
        assertRefused(rate(id, resident, "{\"stars\":4,\"comment\":\"" + "x".repeat(501) + "\"}"), "comment");
        assertThat(rate(id, fixture.resident("hh-2"), "{\"stars\":1}")).as("a neighbour").hasStatus(HttpStatus.NOT_FOUND);

        assertThat(rate(id, resident, "{\"stars\":4,\"comment\":\"On time, friendly\"}")).hasStatusOk().bodyJson()
                .hasPathSatisfying("$.rating", v -> v.assertThat().isEqualTo(4))
                .hasPathSatisfying("$.ratingComment", v -> v.assertThat().isEqualTo("On time, friendly"))
                .hasPathSatisfying("$.ratedAt", v -> v.assertThat().isNotNull());
        assertThat(rate(id, resident, "{\"stars\":1}")).as("rated once").hasStatus(HttpStatus.CONFLICT);

        assertThat(mvc.delete().uri("/api/recycling/me/personal-data").header(HttpHeaders.AUTHORIZATION, resident)).hasStatusOk();
        assertThat(mvc.get().uri("/api/recycling/pickups/{id}", id).header(HttpHeaders.AUTHORIZATION, resident)).hasStatusOk()
                .bodyJson()
                .hasPathSatisfying("$.rating", v -> v.assertThat().as("the stars stay").isEqualTo(4))
                .hasPathSatisfying("$.ratingComment", v -> v.assertThat().as("the words go").isNull());
    }

    private MvcTestResult rate(String id, String token, String body) {
        return mvc.post().uri("/api/recycling/pickups/{id}/rating", id).header(HttpHeaders.AUTHORIZATION, token)
                .contentType(MediaType.APPLICATION_JSON).content(body).exchange();
    }

    private static void assertRefused(MvcTestResult result, String field) {
        assertThat(result).hasStatus(HttpStatus.BAD_REQUEST).hasContentType(MediaType.APPLICATION_PROBLEM_JSON).bodyJson()
                .hasPathSatisfying("$['invalid-params'][*].name", v -> v.assertThat().asInstanceOf(LIST).contains(field));
    }
}
