package org.communitycarbon.recycling.credits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.UnsupportedEncodingException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.communitycarbon.infra.EmbeddedInfrastructure;
import org.communitycarbon.model.Quantity;
import org.communitycarbon.model.Unit;
import org.communitycarbon.model.recycling.CreditRequestDecided;
import org.communitycarbon.model.recycling.CreditRequestKind;
import org.communitycarbon.model.recycling.CreditRequestOutcome;
import org.communitycarbon.model.recycling.CreditRequestTopics;
import org.communitycarbon.model.recycling.CreditRequested;
import org.communitycarbon.recycling.RecyclingServiceTest;
import org.communitycarbon.support.messaging.EventCodec;
import org.communitycarbon.testing.KafkaTestConsumer;
import org.communitycarbon.testing.TestTokens;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import com.jayway.jsonpath.JsonPath;

/**
 * The recycling service's half of the credits that move for tools and the exchange, through Kafka, the credits
 * service's answers sent as it sends them: a tool booking asks for its deposit to be held and is confirmed once it is,
 * or refused with the reason; the deposit is released on return and kept when the tool is lost; a hand-over asking
 * credits closes once they are transferred, an answer delivered twice moving it once, and stays reserved with a reason
 * when they are not.
 */
@RecyclingServiceTest
class CreditRequestsIT {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    @Autowired
    EventCodec codec;

    private final String community = "credit-" + UUID.randomUUID().toString().substring(0, 8);
    private final String manager = TestTokens.bearer(TestTokens.propertyManager(community));

    @Test
    void aBookingIsConfirmedOnceItsDepositIsHeldAndTheDepositIsReleasedOnReturn() {
        String tool = tool("Ladder, 3 m", 500);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        MvcTestResult booked = book(tool, "hh-1", now, now.plus(Duration.ofHours(2)));
        assertThat(booked).hasStatus(HttpStatus.CREATED).bodyJson()
                .hasPathSatisfying("$.status", v -> v.assertThat().isEqualTo("AWAITING_DEPOSIT"))
                .hasPathSatisfying("$.depositState", v -> v.assertThat().isEqualTo("REQUESTED"));
        String booking = JsonPath.read(body(booked.getResponse()), "$.id");
        UUID id = UUID.fromString(booking);

        CreditRequested hold = request(CreditRequested.holdIdOf(id));
        assertThat(hold.kind()).isEqualTo(CreditRequestKind.HOLD);
        assertThat(hold.householdId()).isEqualTo("hh-1");
        assertThat(hold.credits()).isEqualTo(Quantity.of("500", Unit.CREDIT));
        assertThat(hold.reason()).isEqualTo("deposit for the tool 'Ladder, 3 m', booking " + booking);
        assertThat(step(booking, "pick-up", manager)).as("not held yet").hasStatus(HttpStatus.CONFLICT).bodyJson()
                .extractingPath("$.detail").asString().contains("not held yet");

        answer(hold, CreditRequestOutcome.APPLIED, null);
        await().atMost(Duration.ofSeconds(30)).until(() -> "BOOKED".equals(field(booking, "hh-1", "$.status")));
        assertThat(field(booking, "hh-1", "$.depositState")).isEqualTo("HELD");

        assertThat(step(booking, "pick-up", manager)).hasStatusOk();
        assertThat(step(booking, "return", manager)).hasStatusOk().bodyJson()
                .hasPathSatisfying("$.depositState", v -> v.assertThat().isEqualTo("RELEASE_REQUESTED"));
        CreditRequested release = request(CreditRequested.settlementIdOf(id));
        assertThat(release.kind()).isEqualTo(CreditRequestKind.RELEASE);
        assertThat(release.holdId()).isEqualTo(hold.eventId());
        answer(release, CreditRequestOutcome.APPLIED, null);
        await().atMost(Duration.ofSeconds(30)).until(() -> "RELEASED".equals(field(booking, "hh-1", "$.depositState")));
    }

    @Test
    void aDepositTheHouseholdCannotPayFreesTheCalendarWithTheReason() {
        String tool = tool("Drill", 800);
        Instant tomorrow = Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.HOURS);
        String booking = JsonPath.read(body(book(tool, "hh-2", tomorrow, tomorrow.plus(Duration.ofHours(2))).getResponse()), "$.id");
        CreditRequested hold = request(CreditRequested.holdIdOf(UUID.fromString(booking)));
        assertThat(book(tool, "hh-3", tomorrow, tomorrow.plus(Duration.ofHours(1)))).as("awaiting its deposit, on the calendar")
                .hasStatus(HttpStatus.CONFLICT);

        answer(hold, CreditRequestOutcome.REFUSED, "The household holds 120 credits; the tool's deposit is 800");
        await().atMost(Duration.ofSeconds(30)).until(() -> "DEPOSIT_REFUSED".equals(field(booking, "hh-2", "$.status")));
        assertThat(field(booking, "hh-2", "$.depositNote"))
                .isEqualTo("The deposit of 800 credits could not be held: The household holds 120 credits; the tool's deposit is 800");
        assertThat(book(tool, "hh-3", tomorrow, tomorrow.plus(Duration.ofHours(1)))).as("the calendar is free again")
                .hasStatus(HttpStatus.CREATED);
    }

    @Test
    void aLostToolsDepositIsForfeitedWithTheManagersReason() {
        String tool = tool("Cart", 300);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String booking = JsonPath.read(body(book(tool, "hh-4", now, now.plus(Duration.ofHours(2))).getResponse()), "$.id");
        UUID id = UUID.fromString(booking);
        answer(request(CreditRequested.holdIdOf(id)), CreditRequestOutcome.APPLIED, null);
        await().atMost(Duration.ofSeconds(30)).until(() -> "BOOKED".equals(field(booking, "hh-4", "$.status")));
        assertThat(step(booking, "pick-up", manager)).hasStatusOk();

        assertThat(mvc.post().uri("/api/recycling/tool-bookings/{b}/forfeit", booking).header(HttpHeaders.AUTHORIZATION, manager)
                .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"\"}")).hasStatus(HttpStatus.BAD_REQUEST);
        assertThat(mvc.post().uri("/api/recycling/tool-bookings/{b}/forfeit", booking).header(HttpHeaders.AUTHORIZATION, manager)
                .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"Not brought back\"}")).hasStatusOk().bodyJson()
                .hasPathSatisfying("$.status", v -> v.assertThat().isEqualTo("FORFEITED"))
                .hasPathSatisfying("$.depositNote", v -> v.assertThat().isEqualTo("Not brought back"));
        CreditRequested forfeit = request(CreditRequested.settlementIdOf(id));
        assertThat(forfeit.kind()).isEqualTo(CreditRequestKind.FORFEIT);
        assertThat(forfeit.reason()).isEqualTo("deposit kept for the tool 'Cart': Not brought back");
        answer(forfeit, CreditRequestOutcome.APPLIED, null);
        await().atMost(Duration.ofSeconds(30)).until(() -> "FORFEITED".equals(field(booking, "hh-4", "$.depositState")));
    }

    @Test
    void aHandOverAskingCreditsClosesOnceTheyAreTransferredEvenWhenTheAnswerComesTwice() {
        String listing = reserved("{\"title\":\"Pram\",\"condition\":\"GOOD\",\"askingCredits\":200}", "seller", "buyer");
        assertThat(handOver(listing, "seller")).hasStatusOk().bodyJson()
                .hasPathSatisfying("$.status", v -> v.assertThat().isEqualTo("RESERVED"))
                .hasPathSatisfying("$.paymentState", v -> v.assertThat().isEqualTo("REQUESTED"));
        assertThat(handOver(listing, "seller")).as("while the transfer is asked").hasStatus(HttpStatus.CONFLICT);
        CreditRequested first = request(CreditRequested.transferIdOf(UUID.fromString(listing), 1));
        assertThat(first.householdId()).isEqualTo("buyer");
        assertThat(first.toHouseholdId()).isEqualTo("seller");
        assertThat(first.credits()).isEqualTo(Quantity.of("200", Unit.CREDIT));

        answer(first, CreditRequestOutcome.REFUSED, "The household holds 50 credits; the item asks 200");
        await().atMost(Duration.ofSeconds(30)).until(() -> "REFUSED".equals(listing(listing, "seller", "$.paymentState")));
        assertThat(listing(listing, "seller", "$.status")).isEqualTo("RESERVED");
        assertThat(listing(listing, "seller", "$.paymentNote")).isEqualTo("The 200 credits could not be transferred from the "
                + "requesting household; hand over again once it can pay, or close the listing");

        assertThat(handOver(listing, "seller")).hasStatusOk();
        CreditRequested second = request(CreditRequested.transferIdOf(UUID.fromString(listing), 2));
        answer(second, CreditRequestOutcome.APPLIED, null);
        answer(second, CreditRequestOutcome.APPLIED, null);
        answer(first, CreditRequestOutcome.REFUSED, "The household holds 50 credits; the item asks 200");
        await().atMost(Duration.ofSeconds(30)).until(() -> "HANDED_OVER".equals(listing(listing, "seller", "$.status")));
        assertThat(listing(listing, "seller", "$.paymentState")).isEqualTo("TRANSFERRED");
        assertThat(handOver(listing, "seller")).as("once").hasStatus(HttpStatus.CONFLICT);
    }

    @Test
    void aFreeListingIsHandedOverAtOnce() {
        String listing = reserved("{\"title\":\"Books\",\"condition\":\"GOOD\",\"askingCredits\":0}", "giver", "taker");
        assertThat(handOver(listing, "giver")).hasStatusOk().bodyJson()
                .hasPathSatisfying("$.status", v -> v.assertThat().isEqualTo("HANDED_OVER"))
                .hasPathSatisfying("$.paymentState", v -> v.assertThat().isEqualTo("NONE"));
    }

    /** The request of that id the service published, read back from its topic. */
    private CreditRequested request(UUID id) {
        try (var requests = new KafkaTestConsumer(EmbeddedInfrastructure.shared().kafka().bootstrapServers(),
                CreditRequestTopics.CREDIT_REQUESTS)) {
            var record = requests.await(r -> KafkaTestConsumer.value(r).contains(id.toString()), Duration.ofSeconds(30));
            assertThat(record.key()).isEqualTo(community);
            CreditRequested request = codec.decode(record.value(), CreditRequested.class);
            request.validate();
            assertThat(request.eventId()).isEqualTo(id);
            return request;
        }
    }

    /** The credits service's answer, as it sends it. */
    private void answer(CreditRequested request, CreditRequestOutcome outcome, @Nullable String reason) {
        CreditRequestDecided decided = new CreditRequestDecided(CreditRequestDecided.eventIdOf(request.eventId()), 1, community,
                Instant.now(), request.eventId(), request.kind(), request.subjectId(), request.householdId(), outcome,
                Quantity.of(outcome == CreditRequestOutcome.APPLIED ? request.credits().value() : BigDecimal.ZERO, Unit.CREDIT), reason);
        try {
            kafka.send(CreditRequestTopics.CREDIT_REQUEST_OUTCOMES, community, codec.encode(decided)).get();
        }
        catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String tool(String name, int deposit) {
        MvcTestResult added = mvc.post().uri("/api/recycling/communities/{c}/tools", community).header(HttpHeaders.AUTHORIZATION, manager)
                .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"" + name + "\",\"depositCredits\":" + deposit + "}").exchange();
        assertThat(added).hasStatus(HttpStatus.CREATED);
        return JsonPath.read(body(added.getResponse()), "$.id");
    }

    private MvcTestResult book(String tool, String household, Instant from, Instant until) {
        return mvc.post().uri("/api/recycling/tools/{t}/bookings", tool).header(HttpHeaders.AUTHORIZATION, resident(household))
                .contentType(MediaType.APPLICATION_JSON).content("{\"from\":\"" + from + "\",\"until\":\"" + until + "\"}").exchange();
    }

    private MvcTestResult step(String booking, String step, String token) {
        return mvc.post().uri("/api/recycling/tool-bookings/{b}/" + step, booking).header(HttpHeaders.AUTHORIZATION, token).exchange();
    }

    /** A field of the booking as its household reads it in its copy of its data. */
    private @Nullable Object field(String booking, String household, String path) {
        MvcTestResult copy = mvc.get().uri("/api/recycling/me/personal-data").header(HttpHeaders.AUTHORIZATION, resident(household)).exchange();
        List<Object> found = JsonPath.read(body(copy.getResponse()), "$.toolBookings[?(@.id == '" + booking + "')]" + path.substring(1));
        return found.isEmpty() ? null : found.get(0);
    }

    /** A listing with one request, accepted. */
    private String reserved(String json, String owner, String requester) {
        MvcTestResult listed = mvc.post().uri("/api/recycling/exchange/listings").header(HttpHeaders.AUTHORIZATION, resident(owner))
                .contentType(MediaType.APPLICATION_JSON).content(json).exchange();
        String listing = JsonPath.read(body(listed.getResponse()), "$.id");
        MvcTestResult asked = mvc.post().uri("/api/recycling/exchange/listings/{l}/requests", listing)
                .header(HttpHeaders.AUTHORIZATION, resident(requester)).contentType(MediaType.APPLICATION_JSON).content("{}").exchange();
        assertThat(mvc.post().uri("/api/recycling/exchange/requests/{r}/accept", JsonPath.<String>read(body(asked.getResponse()), "$.id"))
                .header(HttpHeaders.AUTHORIZATION, resident(owner))).hasStatusOk();
        return listing;
    }

    private MvcTestResult handOver(String listing, String owner) {
        return mvc.post().uri("/api/recycling/exchange/listings/{l}/hand-over", listing).header(HttpHeaders.AUTHORIZATION, resident(owner))
                .exchange();
    }

    private @Nullable Object listing(String listing, String household, String path) {
        MvcTestResult all = mvc.get().uri("/api/recycling/communities/{c}/exchange/listings", community)
                .header(HttpHeaders.AUTHORIZATION, resident(household)).exchange();
        List<Object> found = JsonPath.read(body(all.getResponse()), "$[?(@.id == '" + listing + "')]" + path.substring(1));
        return found.isEmpty() ? null : found.get(0);
    }

    private String resident(String household) {
        return TestTokens.bearer(TestTokens.resident(community, household));
    }

    private static String body(org.springframework.mock.web.MockHttpServletResponse response) {
        try {
            return response.getContentAsString();
        }
        catch (UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
