package org.communitycarbon.recycling.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.LIST;

import java.nio.charset.StandardCharsets;
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
    void itIsForResidentsThemselves() {
        for (String other : List.of(TestTokens.propertyManager(community), TestTokens.admin(), TestTokens.merchant())) {
            assertThat(mvc.delete().uri(PATH).header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(other)))
                    .hasStatus(HttpStatus.FORBIDDEN);
        }
        assertThat(mvc.get().uri(PATH)).hasStatus(HttpStatus.UNAUTHORIZED);
    }

    private void book(String token, String key, String json) {
        assertThat(mvc.post().uri("/api/recycling/pickups").header(HttpHeaders.AUTHORIZATION, token).header("Idempotency-Key", key)
                .contentType(MediaType.APPLICATION_JSON).content(json)).hasStatus(HttpStatus.CREATED);
    }
}
