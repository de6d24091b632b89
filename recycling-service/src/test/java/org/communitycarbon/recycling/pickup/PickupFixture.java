package org.communitycarbon.recycling.pickup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.UnsupportedEncodingException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.communitycarbon.model.security.Role;
import org.communitycarbon.model.security.TokenClaims;
import org.communitycarbon.testing.TestTokens;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import com.jayway.jsonpath.JsonPath;

/**
 * Test data for what happens after a booking: a community of its own with a recycler and a collector, bookings taken
 * to the door through the API as residents, the dispatcher and collectors would.
 */
public final class PickupFixture {

    private final MockMvcTester mvc;
    private final JdbcTemplate jdbc;
    private final PickupDispatcher dispatcher;
    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private final String community = "c-" + suffix;
    private final String manager = TestTokens.bearer(TestTokens.propertyManager(community));

    public PickupFixture(MockMvcTester mvc, JdbcTemplate jdbc, PickupDispatcher dispatcher) {
        this.mvc = mvc;
        this.jdbc = jdbc;
        this.dispatcher = dispatcher;
    }

    public String community() {
        return community;
    }

    public String manager() {
        return manager;
    }

    public String resident(String household) {
        return TestTokens.bearer(TestTokens.resident(community, household));
    }

    /** Onboards a recycler serving the fixture's community; returns its id. */
    public String recycler(String name, List<String> categories, int capacity) {
        String id = name + "-" + suffix;
        assertThat(mvc.post().uri("/api/recycling/communities/{c}/recyclers", community).header(HttpHeaders.AUTHORIZATION, manager)
                .contentType(MediaType.APPLICATION_JSON).content("{\"id\":\"" + id + "\",\"name\":\"Recycler " + id
                        + "\",\"licenceNumber\":\"L-" + id + "\",\"categories\":" + categories.stream().map(c -> "\"" + c + "\"").toList()
                        + ",\"dailyCapacity\":" + capacity + "}"))
                .hasStatus(HttpStatus.CREATED);
        return id;
    }

    /** Adds a collector to the recycler; returns their bearer token. */
    public String collector(String recycler) {
        String subject = "collector-" + recycler;
        assertThat(mvc.post().uri("/api/recycling/recyclers/{r}/collectors", recycler).header(HttpHeaders.AUTHORIZATION, manager)
                .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"Wang Lei\",\"subject\":\"" + subject + "\"}"))
                .hasStatus(HttpStatus.CREATED);
        return TestTokens.bearer(TestTokens.sign(subject, Map.of(TokenClaims.ROLES, List.of(Role.RECYCLER.name()))));
    }

    /** Books a pickup of {@code categories} for the household; returns its id. */
    public String book(String household, List<String> categories, String settlement) {
        PickupRequestJson request = PickupRequestJson.paperAndPlastic().with("categories", categories);
        if (settlement != null) {
            request.with("settlement", settlement);
        }
        MvcTestResult result = mvc.post().uri("/api/recycling/pickups").header(HttpHeaders.AUTHORIZATION, resident(household))
                .header(IdempotencyKey.HEADER, UUID.randomUUID().toString()).contentType(MediaType.APPLICATION_JSON)
                .content(request.json()).exchange();
        assertThat(result).hasStatus(HttpStatus.CREATED);
        return JsonPath.read(body(result), "$.id");
    }

    /** Dispatches the booking, to whichever eligible recycler the dispatcher chooses. */
    public void dispatched(String id) {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            dispatcher.dispatchWaiting();
            return !jdbc.queryForList("SELECT 1 FROM pickup_booking WHERE id = ?::uuid AND status = 'DISPATCHED'", id).isEmpty();
        });
    }

    /** Dispatches the booking (to whichever eligible recycler the dispatcher chooses) and has it accepted and set out for. */
    public void toTheDoor(String id, String collector) {
        dispatched(id);
        for (String step : List.of("accept", "depart")) {
            assertThat(mvc.post().uri("/api/recycling/pickups/{id}/" + step, id).header(HttpHeaders.AUTHORIZATION, collector))
                    .hasStatusOk();
        }
    }

    public MvcTestResult collect(String id, String collector, String body) {
        return mvc.post().uri("/api/recycling/pickups/{id}/collect", id).header(HttpHeaders.AUTHORIZATION, collector)
                .contentType(MediaType.APPLICATION_JSON).content(body).exchange();
    }

    public static String body(MvcTestResult result) {
        try {
            return result.getResponse().getContentAsString();
        }
        catch (UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
