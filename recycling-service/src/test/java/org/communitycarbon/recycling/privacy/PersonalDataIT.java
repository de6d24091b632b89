package org.communitycarbon.recycling.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.LIST;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.communitycarbon.model.security.Role;
import org.communitycarbon.model.security.TokenClaims;
import org.communitycarbon.recycling.RecyclingServiceTest;
import org.communitycarbon.testing.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import com.jayway.jsonpath.JsonPath;

@RecyclingServiceTest
class PersonalDataIT {

    private static final String PATH = "/api/recycling/me/personal-data";

    @Autowired
    MockMvcTester mvc;

    @Autowired
    JdbcTemplate jdbc;

    private final String community = "c-" + UUID.randomUUID();
    private final String resident = TestTokens.bearer(TestTokens.resident(community, "hh-301"));
    private final String neighbour = TestTokens.bearer(TestTokens.resident(community, "hh-302"));

    @BeforeEach
    void bookings() {
        book(resident, "first", "{\"categories\":[\"PAPER\"],\"estimatedWeightKg\":3.2,\"address\":\"Building 3, room 301\","
                + "\"note\":\"Ring twice, Mrs Wang\"}");
        book(resident, "second", "{\"categories\":[\"GLASS\"],\"estimatedWeightKg\":1,\"note\":\"Bottles by the door\"}");
        book(neighbour, "first", "{\"categories\":[\"METAL\"],\"estimatedWeightKg\":2,\"address\":\"Building 3, room 302\"}");
    }

    @Test
    void aResidentGetsACopyOfWhatIsHeldAboutTheirHousehold() {
        assertThat(mvc.get().uri(PATH).header(HttpHeaders.AUTHORIZATION, resident)).hasStatusOk().bodyJson()
                .hasPathSatisfying("$.service", v -> v.assertThat().isEqualTo("recycling-service"))
                .hasPathSatisfying("$.householdId", v -> v.assertThat().isEqualTo("hh-301"))
                .hasPathSatisfying("$.pickups[*].note", v -> v.assertThat().asInstanceOf(LIST)
                        .containsExactly("Bottles by the door", "Ring twice, Mrs Wang"))
                .hasPathSatisfying("$.pickups[*].address", v -> v.assertThat().asInstanceOf(LIST)
                        .containsExactly(null, "Building 3, room 301"));
    }

    @Test
    void erasureRemovesAddressesAndNotesButKeepsTheBookingsAndTheNeighbours() {
        assertThat(mvc.delete().uri(PATH).header(HttpHeaders.AUTHORIZATION, resident)).hasStatusOk().bodyJson()
                .extractingPath("$.pickupsErased").isEqualTo(2);
        assertThat(mvc.get().uri(PATH).header(HttpHeaders.AUTHORIZATION, resident)).hasStatusOk().bodyJson()
                .hasPathSatisfying("$.pickups[*].address", v -> v.assertThat().asInstanceOf(LIST).containsOnlyNulls().hasSize(2))
                .hasPathSatisfying("$.pickups[*].note", v -> v.assertThat().asInstanceOf(LIST).containsOnlyNulls())
                .hasPathSatisfying("$.pickups[*].categories[0]", v -> v.assertThat().asInstanceOf(LIST).containsExactly("GLASS", "PAPER"));
        assertThat(jdbc.queryForList("SELECT address FROM pickup_booking WHERE community_id = ? AND household_id = ?",
                String.class, community, "hh-302")).containsExactly("Building 3, room 302");
        assertThat(mvc.delete().uri(PATH).header(HttpHeaders.AUTHORIZATION, resident)).as("nothing more to erase").hasStatusOk()
                .bodyJson().extractingPath("$.pickupsErased").isEqualTo(0);
    }

    @Test
    void whoBookedIsInTheBookersOwnCopyOnlyAndErasedAtTheirOwnRequest() {
        String housemate = TestTokens.bearer(TestTokens.sign("housemate-301", Map.of(TokenClaims.ROLES, List.of(Role.RESIDENT.name()),
                TokenClaims.COMMUNITY, community, TokenClaims.HOUSEHOLD, "hh-301")));
        book(housemate, "third", "{\"categories\":[\"METAL\"],\"estimatedWeightKg\":1}");
        List<String> mine = bookedBy("resident-hh-301");
        List<String> theirs = bookedBy("housemate-301");
        assertThat(mine).hasSize(2);
        assertThat(theirs).hasSize(1);

        assertThat(mvc.get().uri(PATH).header(HttpHeaders.AUTHORIZATION, resident)).hasStatusOk().bodyJson()
                .hasPathSatisfying("$.pickups", v -> v.assertThat().asInstanceOf(LIST).hasSize(3))
                .hasPathSatisfying("$.bookedBy.subject", v -> v.assertThat().isEqualTo("resident-hh-301"))
                .hasPathSatisfying("$.bookedBy.pickups", v -> v.assertThat().asInstanceOf(LIST).containsExactlyElementsOf(mine));
        assertThat(mvc.get().uri(PATH).header(HttpHeaders.AUTHORIZATION, housemate)).hasStatusOk().bodyJson()
                .hasPathSatisfying("$.bookedBy.subject", v -> v.assertThat().isEqualTo("housemate-301"))
                .hasPathSatisfying("$.bookedBy.pickups", v -> v.assertThat().asInstanceOf(LIST).containsExactlyElementsOf(theirs));

        // the resident's erasure takes their name off the pickups they booked, not the housemate's, nor the neighbour's
        assertThat(mvc.delete().uri(PATH).header(HttpHeaders.AUTHORIZATION, resident)).hasStatusOk().bodyJson()
                .extractingPath("$.pickupsErased").isEqualTo(2);
        assertThat(bookedBy("resident-hh-301")).isEmpty();
        assertThat(bookedBy("housemate-301")).isEqualTo(theirs);
        assertThat(jdbc.queryForList("SELECT booked_by FROM pickup_booking WHERE community_id = ? AND household_id = ?",
                String.class, community, "hh-302")).containsExactly("resident-hh-302");
        assertThat(mvc.get().uri(PATH).header(HttpHeaders.AUTHORIZATION, resident)).hasStatusOk().bodyJson()
                .hasPathSatisfying("$.bookedBy.pickups", v -> v.assertThat().asInstanceOf(LIST).isEmpty())
                .hasPathSatisfying("$.pickups[*].id", v -> v.assertThat().asInstanceOf(LIST).hasSize(3));

        // the housemate's booking held nothing else personal: erasing their name is an erasure of that booking
        assertThat(mvc.delete().uri(PATH).header(HttpHeaders.AUTHORIZATION, housemate)).hasStatusOk().bodyJson()
                .extractingPath("$.pickupsErased").isEqualTo(1);
        assertThat(jdbc.queryForList("SELECT booked_by FROM pickup_booking WHERE community_id = ? AND household_id = ?",
                String.class, community, "hh-301")).containsOnlyNulls().hasSize(3);
        assertThat(mvc.delete().uri(PATH).header(HttpHeaders.AUTHORIZATION, housemate)).as("nothing more to erase").hasStatusOk()
                .bodyJson().extractingPath("$.pickupsErased").isEqualTo(0);
    }

    @Test
    void theReasonAResidentGaveForCancellingIsErasedToo() {
        String id = JsonPath.read(new String(mvc.get().uri("/api/recycling/pickups").header(HttpHeaders.AUTHORIZATION, resident)
                .exchange().getResponse().getContentAsByteArray(), StandardCharsets.UTF_8), "$.items[0].id").toString();
        assertThat(mvc.post().uri("/api/recycling/pickups/{id}/cancel", id).header(HttpHeaders.AUTHORIZATION, resident)
                .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"Mrs Wang is in hospital\"}")).hasStatusOk();
        assertThat(mvc.delete().uri(PATH).header(HttpHeaders.AUTHORIZATION, resident)).hasStatusOk();
        assertThat(mvc.get().uri(PATH).header(HttpHeaders.AUTHORIZATION, resident)).hasStatusOk().bodyJson()
                .hasPathSatisfying("$.pickups[?(@.id == '" + id + "')].cancelReason",
                        v -> v.assertThat().asInstanceOf(LIST).containsExactly("(erased at the resident's request)"));
    }

    @Test
    void theCopyHoldsToolBookingsAndTheExchangeAndErasureTakesTheResidentsWordsAndPhotosOffTheExchange() {
        String tool = JsonPath.read(new String(mvc.post().uri("/api/recycling/communities/{c}/tools", community)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.propertyManager(community)))
                .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"Ladder\",\"depositCredits\":0}").exchange().getResponse()
                .getContentAsByteArray(), StandardCharsets.UTF_8), "$.id");
        Instant tomorrow = Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.HOURS);
        assertThat(mvc.post().uri("/api/recycling/tools/{t}/bookings", tool).header(HttpHeaders.AUTHORIZATION, resident)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"from\":\"" + tomorrow + "\",\"until\":\"" + tomorrow.plus(Duration.ofHours(1)) + "\"}"))
                .hasStatus(HttpStatus.CREATED);
        String mine = JsonPath.read(new String(mvc.post().uri("/api/recycling/exchange/listings").header(HttpHeaders.AUTHORIZATION, resident)
                .contentType(MediaType.APPLICATION_JSON).content("{\"title\":\"Pram\",\"description\":\"Used by our twins, ask for Mrs Wang\","
                        + "\"condition\":\"GOOD\",\"askingCredits\":0,\"photoRefs\":[\"photos/pram.jpg\"]}").exchange().getResponse()
                .getContentAsByteArray(), StandardCharsets.UTF_8), "$.id");
        String theirs = JsonPath.read(new String(mvc.post().uri("/api/recycling/exchange/listings").header(HttpHeaders.AUTHORIZATION, neighbour)
                .contentType(MediaType.APPLICATION_JSON).content("{\"title\":\"Books\",\"condition\":\"GOOD\",\"askingCredits\":0}")
                .exchange().getResponse().getContentAsByteArray(), StandardCharsets.UTF_8), "$.id");
        assertThat(mvc.post().uri("/api/recycling/exchange/listings/{l}/requests", theirs).header(HttpHeaders.AUTHORIZATION, resident)
                .contentType(MediaType.APPLICATION_JSON).content("{\"message\":\"For my son in room 301\"}")).hasStatus(HttpStatus.CREATED);

        assertThat(mvc.get().uri(PATH).header(HttpHeaders.AUTHORIZATION, resident)).hasStatusOk().bodyJson()
                .hasPathSatisfying("$.toolBookings[*].toolId", v -> v.assertThat().asInstanceOf(LIST).containsExactly(tool))
                .hasPathSatisfying("$.exchangeListings[*].id", v -> v.assertThat().asInstanceOf(LIST).containsExactly(mine))
                .hasPathSatisfying("$.exchangeRequests[*].message", v -> v.assertThat().asInstanceOf(LIST)
                        .containsExactly("For my son in room 301"));
        assertThat(mvc.delete().uri(PATH).header(HttpHeaders.AUTHORIZATION, resident)).hasStatusOk().bodyJson()
                .hasPathSatisfying("$.exchangeListingsErased", v -> v.assertThat().isEqualTo(1))
                .hasPathSatisfying("$.exchangeRequestsErased", v -> v.assertThat().isEqualTo(1));
        assertThat(mvc.get().uri(PATH).header(HttpHeaders.AUTHORIZATION, resident)).hasStatusOk().bodyJson()
                .hasPathSatisfying("$.exchangeListings[0].title", v -> v.assertThat().isEqualTo("Pram"))
                .hasPathSatisfying("$.exchangeListings[0].description", v -> v.assertThat().isNull())
                .hasPathSatisfying("$.exchangeListings[0].photoRefs", v -> v.assertThat().asInstanceOf(LIST).isEmpty())
                .hasPathSatisfying("$.exchangeRequests[0].message", v -> v.assertThat().isNull());
    }

    @Test
    void itIsForResidentsThemselves() {
        for (String other : List.of(TestTokens.propertyManager(community), TestTokens.admin(), TestTokens.merchant())) {
            assertThat(mvc.delete().uri(PATH).header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(other)))
                    .hasStatus(HttpStatus.FORBIDDEN);
        }
        assertThat(mvc.get().uri(PATH)).hasStatus(HttpStatus.UNAUTHORIZED);
    }

    /** The ids of the household hh-301's pickups kept as booked by this subject, newest first. */
    private List<String> bookedBy(String subject) {
        return jdbc.queryForList("""
                SELECT id::text FROM pickup_booking WHERE community_id = ? AND household_id = ? AND booked_by = ?
                ORDER BY requested_at DESC, id DESC""", String.class, community, "hh-301", subject);
    }

    private void book(String token, String key, String json) {
        assertThat(mvc.post().uri("/api/recycling/pickups").header(HttpHeaders.AUTHORIZATION, token).header("Idempotency-Key", key)
                .contentType(MediaType.APPLICATION_JSON).content(json)).hasStatus(HttpStatus.CREATED);
    }
}
