package org.communitycarbon.recycling;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.communitycarbon.testing.AuthorizationMatrix;
import org.communitycarbon.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import com.jayway.jsonpath.JsonPath;

/**
 * Every operation of the service's OpenAPI description, called by every kind of caller, answers as
 * {@code authorization-matrix.txt} says (see {@link AuthorizationMatrix}).
 */
@RecyclingServiceTest
class AuthorizationMatrixIT {

    @Autowired
    MockMvc mvc;

    @Test
    void everyOperationAnswersEveryCallerAsTheMatrixSays() throws Exception {
        String booked = mvc.perform(post("/api/recycling/pickups")
                        .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(
                                TestTokens.resident(AuthorizationMatrix.COMMUNITY, AuthorizationMatrix.HOUSEHOLD)))
                        .header("Idempotency-Key", "matrix-" + UUID.randomUUID())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"categories\":[\"PAPER\"],\"estimatedWeightKg\":2}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        // a recycler serving the community, taking the booking's category
        mvc.perform(post("/api/recycling/communities/{c}/recyclers", AuthorizationMatrix.COMMUNITY)
                        .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.propertyManager(AuthorizationMatrix.COMMUNITY)))
                        .contentType(MediaType.APPLICATION_JSON).content("""
                                {"id":"matrix-recycler","name":"Matrix","licenceNumber":"MATRIX-1","categories":["PAPER"],"dailyCapacity":10}"""))
                .andExpect(status().isCreated());
        // a shared tool of the community and a booking of it by the own resident, tomorrow
        String tool = mvc.perform(post("/api/recycling/communities/{c}/tools", AuthorizationMatrix.COMMUNITY)
                        .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.propertyManager(AuthorizationMatrix.COMMUNITY)))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"Matrix ladder\",\"depositCredits\":100}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        Instant tomorrow = Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
        String period = "{\"from\":\"" + tomorrow + "\",\"until\":\"" + tomorrow.plus(Duration.ofHours(2)) + "\"}";
        String toolBooking = mvc.perform(post("/api/recycling/tools/{t}/bookings", JsonPath.<String>read(tool, "$.id"))
                        .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(
                                TestTokens.resident(AuthorizationMatrix.COMMUNITY, AuthorizationMatrix.HOUSEHOLD)))
                        .contentType(MediaType.APPLICATION_JSON).content(period))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        // an exchange listing of the own household, asked for by the neighbour
        String listing = mvc.perform(post("/api/recycling/exchange/listings")
                        .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(
                                TestTokens.resident(AuthorizationMatrix.COMMUNITY, AuthorizationMatrix.HOUSEHOLD)))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"title\":\"Books\",\"condition\":\"GOOD\",\"askingCredits\":0}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        String asked = mvc.perform(post("/api/recycling/exchange/listings/{l}/requests", JsonPath.<String>read(listing, "$.id"))
                        .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(
                                TestTokens.resident(AuthorizationMatrix.COMMUNITY, AuthorizationMatrix.OTHER_HOUSEHOLD)))
                        .contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        AuthorizationMatrix.of(mvc, "/api/recycling/openapi")
                .with("listingId", JsonPath.read(listing, "$.id"))
                .with("requestId", JsonPath.read(asked, "$.id"))
                .withBody("POST /api/recycling/exchange/listings/{listingId}/close", "{\"reason\":\"closed by the matrix test\"}")
                .with("toolId", JsonPath.read(tool, "$.id"))
                .with("bookingId", JsonPath.read(toolBooking, "$.id"))
                .withBody("POST /api/recycling/tools/{toolId}/bookings", period)
                .withBody("POST /api/recycling/tool-bookings/{bookingId}/forfeit", "{\"reason\":\"lost, says the matrix test\"}")
                .with("id", JsonPath.read(booked, "$.id"))
                .with("recyclerId", "matrix-recycler")
                .withBody("POST /api/recycling/pickups/{id}/cancel", "{\"reason\":\"cancelled by the matrix test\"}")
                .withBody("POST /api/recycling/pickups/{id}/rating", "{\"stars\":5}")
                .withBody("POST /api/recycling/pickups/{id}/assign", "{\"recyclerId\":\"matrix-recycler\"}")
                .withBody("POST /api/recycling/recyclers/{recyclerId}/collectors", "{\"name\":\"Matrix\",\"subject\":\"matrix-collector\"}")
                .with("Idempotency-Key", "matrix-key")
                .with("month", "2025-01")
                .verify("authorization-matrix.txt");
    }
}
