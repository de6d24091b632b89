package org.communitycarbon.recycling.pickup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.LIST;

import java.io.UnsupportedEncodingException;
import java.util.List;
import java.util.UUID;

import org.communitycarbon.recycling.RecyclingServiceTest;
import org.communitycarbon.testing.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import com.jayway.jsonpath.JsonPath;

/** Who sees which bookings. */
@RecyclingServiceTest
class PickupAccessIT {

    @Autowired
    MockMvcTester mvc;

    private final String community = "c-" + UUID.randomUUID();
    private final String otherCommunity = "c-" + UUID.randomUUID();
    private final String resident = TestTokens.bearer(TestTokens.resident(community, "hh-501"));
    private final String neighbour = TestTokens.bearer(TestTokens.resident(community, "hh-502"));

    private String older;
    private String newer;
    private String neighbours;

    @BeforeEach
    void bookings() {
        older = book(resident, "older", PickupRequestJson.paperAndPlastic());
        newer = book(resident, "newer", PickupRequestJson.paperAndPlastic().with("categories", List.of("METAL")));
        neighbours = book(neighbour, "older", PickupRequestJson.paperAndPlastic());
        book(TestTokens.bearer(TestTokens.resident(otherCommunity, "hh-9")), "elsewhere", PickupRequestJson.paperAndPlastic());
    }

    @Test
    void aResidentListsOnlyTheirOwnBookingsNewestFirst() {
        assertThat(mvc.get().uri("/api/recycling/pickups").header(HttpHeaders.AUTHORIZATION, resident))
                .hasStatusOk()
                .bodyJson()
                .hasPathSatisfying("$.items[*].id", v -> v.assertThat().asInstanceOf(LIST).containsExactly(newer, older))
                .hasPathSatisfying("$.totalItems", v -> v.assertThat().isEqualTo(2));
        assertThat(mvc.get().uri("/api/recycling/pickups?page=1&size=1").header(HttpHeaders.AUTHORIZATION, resident))
                .hasStatusOk()
                .bodyJson().hasPathSatisfying("$.items[*].id", v -> v.assertThat().asInstanceOf(LIST).containsExactly(older));
    }

    @Test
    void theListOfOwnBookingsIsForResidents() {
        assertThat(mvc.get().uri("/api/recycling/pickups")
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.propertyManager(community))))
                .hasStatus(HttpStatus.FORBIDDEN);
    }

    @Test
    void namesAnInvalidPageSize() {
        assertThat(mvc.get().uri("/api/recycling/pickups?size=201").header(HttpHeaders.AUTHORIZATION, resident))
                .hasStatus(HttpStatus.BAD_REQUEST)
                .bodyJson().hasPathSatisfying("$.invalid-params[0].name", v -> v.assertThat().isEqualTo("size"));
    }

    @Test
    void aBookingIsShownToItsHouseholdAndItsCommunitysPropertyCompany() {
        for (String token : List.of(resident, TestTokens.bearer(TestTokens.propertyManager(community)),
                TestTokens.bearer(TestTokens.staff(community)), TestTokens.bearer(TestTokens.admin()))) {
            assertThat(mvc.get().uri("/api/recycling/pickups/{id}", older).header(HttpHeaders.AUTHORIZATION, token))
                    .hasStatusOk()
                    .bodyJson().hasPathSatisfying("$.householdId", v -> v.assertThat().isEqualTo("hh-501"));
        }
    }

    @Test
    void anotherHouseholdsBookingIsNotFoundRatherThanForbidden() {
        List<String> outsiders = List.of(neighbour, TestTokens.bearer(TestTokens.resident(otherCommunity, "hh-501")),
                TestTokens.bearer(TestTokens.propertyManager(otherCommunity)), TestTokens.bearer(TestTokens.staff(otherCommunity)),
                TestTokens.bearer(TestTokens.streetOffice("s-1", community)), TestTokens.bearer(TestTokens.merchant()));
        String missing = UUID.randomUUID().toString();
        for (String token : outsiders) {
            assertThat(mvc.get().uri("/api/recycling/pickups/{id}", older).header(HttpHeaders.AUTHORIZATION, token))
                    .hasStatus(HttpStatus.NOT_FOUND)
                    .hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .bodyJson().extractingPath("$.detail").asString().isEqualTo("No pickup booking " + older);
        }
        assertThat(mvc.get().uri("/api/recycling/pickups/{id}", missing).header(HttpHeaders.AUTHORIZATION, neighbour))
                .hasStatus(HttpStatus.NOT_FOUND)
                .bodyJson().extractingPath("$.detail").asString().isEqualTo("No pickup booking " + missing);
    }

    @Test
    void thePropertyManagerListsTheCommunitysBookings() {
        assertThat(mvc.get().uri("/api/recycling/communities/{c}/pickups", community)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.propertyManager(community))))
                .hasStatusOk()
                .bodyJson()
                .hasPathSatisfying("$.items[*].id", v -> v.assertThat().asInstanceOf(LIST).containsExactly(neighbours, newer, older))
                .hasPathSatisfying("$.totalItems", v -> v.assertThat().isEqualTo(3));
        assertThat(mvc.get().uri("/api/recycling/communities/{c}/pickups?status=REQUESTED", community)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.staff(community))))
                .hasStatusOk()
                .bodyJson().hasPathSatisfying("$.totalItems", v -> v.assertThat().isEqualTo(3));
    }

    @Test
    void namesAnUnknownStatusFilter() {
        assertThat(mvc.get().uri("/api/recycling/communities/{c}/pickups?status=LOST", community)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.propertyManager(community))))
                .hasStatus(HttpStatus.BAD_REQUEST)
                .bodyJson().hasPathSatisfying("$.invalid-params[0].name", v -> v.assertThat().isEqualTo("status"));
    }

    @Test
    void aManagerOfAnotherCommunityMayNotListItsBookings() {
        assertThat(mvc.get().uri("/api/recycling/communities/{c}/pickups", community)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.propertyManager(otherCommunity))))
                .hasStatus(HttpStatus.FORBIDDEN);
    }

    @Test
    void residentsMayNotListTheCommunitysBookings() {
        assertThat(mvc.get().uri("/api/recycling/communities/{c}/pickups", community).header(HttpHeaders.AUTHORIZATION, resident))
                .hasStatus(HttpStatus.FORBIDDEN);
    }

    @Test
    void theStreetOfficeDoesNotSeeHouseholdsBookings() {
        // Bookings carry addresses and notes: a street office gets aggregates, not households' data.
        assertThat(mvc.get().uri("/api/recycling/communities/{c}/pickups", community)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.streetOffice("s-1", otherCommunity, community))))
                .hasStatus(HttpStatus.FORBIDDEN);
    }

    @Test
    void staffListTheBookingsOfTheirCommunity() {
        assertThat(mvc.get().uri("/api/recycling/communities/{c}/pickups", community)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.staff(community))))
                .hasStatusOk()
                .bodyJson().hasPathSatisfying("$.totalItems", v -> v.assertThat().isEqualTo(3));
    }

    @Test
    void refusesEveryEndpointWithoutAToken() {
        assertThat(mvc.get().uri("/api/recycling/pickups")).hasStatus(HttpStatus.UNAUTHORIZED);
        assertThat(mvc.get().uri("/api/recycling/pickups/{id}", older)).hasStatus(HttpStatus.UNAUTHORIZED);
        assertThat(mvc.get().uri("/api/recycling/communities/{c}/pickups", community)).hasStatus(HttpStatus.UNAUTHORIZED);
        assertThat(mvc.get().uri("/api/recycling/pickups").header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.expired())))
                .hasStatus(HttpStatus.UNAUTHORIZED);
    }

    private String book(String token, String key, PickupRequestJson request) {
        MvcTestResult result = mvc.post().uri("/api/recycling/pickups").header(HttpHeaders.AUTHORIZATION, token)
                .header(IdempotencyKey.HEADER, key).contentType(MediaType.APPLICATION_JSON).content(request.json()).exchange();
        assertThat(result).hasStatus(HttpStatus.CREATED);
        try {
            return JsonPath.read(result.getResponse().getContentAsString(), "$.id");
        }
        catch (UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
