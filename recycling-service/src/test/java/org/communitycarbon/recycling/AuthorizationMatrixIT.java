package org.communitycarbon.recycling;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
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
        AuthorizationMatrix.of(mvc, "/api/recycling/openapi")
                .with("id", JsonPath.read(booked, "$.id"))
                .with("recyclerId", "matrix-recycler")
                .withBody("POST /api/recycling/pickups/{id}/cancel", "{\"reason\":\"cancelled by the matrix test\"}")
                .withBody("POST /api/recycling/pickups/{id}/rating", "{\"stars\":5}")
                .withBody("POST /api/recycling/pickups/{id}/assign", "{\"recyclerId\":\"matrix-recycler\"}")
                .withBody("POST /api/recycling/recyclers/{recyclerId}/collectors", "{\"name\":\"Matrix\",\"subject\":\"matrix-collector\"}")
                .with("Idempotency-Key", "matrix-key")
                .verify("authorization-matrix.txt");
    }
}
