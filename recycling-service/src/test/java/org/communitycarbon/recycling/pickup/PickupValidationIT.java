package org.communitycarbon.recycling.pickup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.LIST;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.communitycarbon.recycling.RecyclingServiceTest;
import org.communitycarbon.testing.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

@RecyclingServiceTest
class PickupValidationIT {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    JdbcTemplate jdbc;

    private final String community = "c-" + UUID.randomUUID();
    private final String resident = TestTokens.bearer(TestTokens.resident(community, "hh-1"));

    @AfterEach
    void nothingWasBooked() {
        assertThat(jdbc.queryForObject("SELECT count(*) FROM pickup_booking WHERE community_id = ?", Integer.class, community))
                .isZero();
    }

    static Stream<Arguments> invalidRequests() {
        Instant now = Instant.now();
        return Stream.of(
                invalid("no categories", r -> r.with("categories", List.of()), "categories"),
                invalid("categories missing", r -> r.without("categories"), "categories"),
                invalid("a blank category", r -> r.with("categories", List.of("PAPER", " ")), "categories[1]"),
                invalid("an unknown category", r -> r.with("categories", List.of("PAPER", "BATTERIES")), "categories[1]"),
                invalid("a category in lower case", r -> r.with("categories", List.of("paper")), "categories[0]"),
                invalid("weight missing", r -> r.without("estimatedWeightKg"), "estimatedWeightKg"),
                invalid("weight zero", r -> r.with("estimatedWeightKg", 0), "estimatedWeightKg"),
                invalid("weight negative", r -> r.with("estimatedWeightKg", -2), "estimatedWeightKg"),
                invalid("weight over a tonne", r -> r.with("estimatedWeightKg", 1000.001), "estimatedWeightKg"),
                invalid("weight not a number", r -> r.with("estimatedWeightKg", "heavy"), "estimatedWeightKg"),
                invalid("address too long", r -> r.with("address", "x".repeat(201)), "address"),
                invalid("note too long", r -> r.with("note", "x".repeat(501)), "note"),
                invalid("window without an end", r -> r.with("preferredFrom", now.plus(Duration.ofHours(2)).toString()),
                        "preferredUntil"),
                invalid("window without a start", r -> r.with("preferredUntil", now.plus(Duration.ofHours(2)).toString()),
                        "preferredFrom"),
                invalid("window ending before it starts", r -> r
                        .with("preferredFrom", now.plus(Duration.ofHours(5)).toString())
                        .with("preferredUntil", now.plus(Duration.ofHours(2)).toString()), "preferredUntil"),
                invalid("window already over", r -> r
                        .with("preferredFrom", now.minus(Duration.ofHours(5)).toString())
                        .with("preferredUntil", now.minus(Duration.ofHours(2)).toString()), "preferredUntil"),
                invalid("window more than 14 days ahead", r -> r
                        .with("preferredFrom", now.plus(Duration.ofDays(14)).toString())
                        .with("preferredUntil", now.plus(Duration.ofDays(15)).toString()), "preferredUntil"),
                invalid("window start not a time", r -> r.with("preferredFrom", "tomorrow")
                        .with("preferredUntil", now.plus(Duration.ofHours(2)).toString()), "preferredFrom"));
    }

    private static Arguments invalid(String what, UnaryOperator<PickupRequestJson> change, String field) {
        return Arguments.of(what, change.apply(PickupRequestJson.paperAndPlastic()), field);
    }

    @ParameterizedTest(name = "{0} is refused naming {2}")
    @MethodSource("invalidRequests")
    void refusesAnInvalidRequestNamingTheField(String what, PickupRequestJson request, String field) {
        assertThat(book("key-1", request.json()))
                .hasStatus(HttpStatus.BAD_REQUEST)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson().hasPathSatisfying("$.invalid-params[*].name", v -> v.assertThat()
                        .asInstanceOf(LIST).containsExactly(field));
    }

    @Test
    void refusesAHouseholdOrCommunityInTheBody() {
        for (String smuggled : List.of("householdId", "communityId", "status", "dispatchDueAt", "id")) {
            assertThat(book("key-1", PickupRequestJson.paperAndPlastic().with(smuggled, "someone-else").json()))
                    .hasStatus(HttpStatus.BAD_REQUEST)
                    .bodyJson().hasPathSatisfying("$.invalid-params[0].name", v -> v.assertThat().isEqualTo(smuggled));
        }
    }

    @Test
    void namesTheMissingIdempotencyKeyHeader() {
        assertThat(mvc.post().uri("/api/recycling/pickups").header(HttpHeaders.AUTHORIZATION, resident)
                .contentType(MediaType.APPLICATION_JSON).content(PickupRequestJson.paperAndPlastic().json()))
                .hasStatus(HttpStatus.BAD_REQUEST)
                .bodyJson().hasPathSatisfying("$.invalid-params[0].name", v -> v.assertThat().isEqualTo("Idempotency-Key"));
    }

    @Test
    void namesAMalformedIdempotencyKeyHeader() {
        for (String malformed : List.of("has space", "k".repeat(65), "a/b")) {
            assertThat(book(malformed, PickupRequestJson.paperAndPlastic().json()))
                    .hasStatus(HttpStatus.BAD_REQUEST)
                    .bodyJson().hasPathSatisfying("$.invalid-params[0].name", v -> v.assertThat().isEqualTo("Idempotency-Key"));
        }
    }

    @Test
    void explainsABodyThatIsNotJson() {
        assertThat(book("key-1", "categories=PAPER&estimatedWeightKg=5"))
                .hasStatus(HttpStatus.BAD_REQUEST)
                .bodyJson().extractingPath("$.detail").asString().startsWith("The request body is not valid JSON");
    }

    private MockMvcTester.MockMvcRequestBuilder book(String key, String body) {
        return mvc.post().uri("/api/recycling/pickups").header(HttpHeaders.AUTHORIZATION, resident).header(IdempotencyKey.HEADER, key)
                .contentType(MediaType.APPLICATION_JSON).content(body);
    }
}
