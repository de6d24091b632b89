package org.communitycarbon.recycling.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.LIST;

import java.io.UnsupportedEncodingException;
import java.util.UUID;

import org.communitycarbon.recycling.RecyclingServiceTest;
import org.communitycarbon.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import com.jayway.jsonpath.JsonPath;

/**
 * The second-hand exchange: a resident lists an item, neighbours ask for it, the owner accepts one and hands it over;
 * the property team removes a listing that does not belong.
 */
@RecyclingServiceTest
class ExchangeIT {

    @Autowired
    MockMvcTester mvc;

    private final String community = "exchange-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void aListedItemIsAskedForAcceptedForOneNeighbourAndHandedOver() {
        String listing = list("hh-1", "{\"title\":\"Picture books, 12 volumes\",\"condition\":\"GOOD\",\"askingCredits\":0,"
                + "\"photoRefs\":[\"photos/books-1.jpg\"]}");
        MvcTestResult asked = ask(listing, "hh-2", "{\"message\":\"Saturday?\"}");
        assertThat(asked).hasStatus(HttpStatus.CREATED);
        String first = JsonPath.read(body(asked.getResponse()), "$.id");
        assertThat(ask(listing, "hh-3", "{}")).hasStatus(HttpStatus.CREATED);
        assertThat(ask(listing, "hh-2", "{}")).as("once per household").hasStatus(HttpStatus.CONFLICT);
        assertThat(ask(listing, "hh-1", "{}")).as("own listing").hasStatus(HttpStatus.CONFLICT);
        assertThat(mvc.post().uri("/api/recycling/exchange/listings/{l}/requests", listing)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.resident("elsewhere", "hh-9")))
                .contentType(MediaType.APPLICATION_JSON).content("{}")).as("another community").hasStatus(HttpStatus.NOT_FOUND);

        assertThat(mvc.get().uri("/api/recycling/exchange/listings/{l}/requests", listing).header(HttpHeaders.AUTHORIZATION, resident("hh-1")))
                .hasStatusOk().bodyJson().hasPathSatisfying("$[*].householdId", v -> v.assertThat().asInstanceOf(LIST)
                        .containsExactly("hh-2", "hh-3"));
        assertThat(mvc.get().uri("/api/recycling/exchange/listings/{l}/requests", listing).header(HttpHeaders.AUTHORIZATION, resident("hh-2")))
                .as("only the owner sees who asked").hasStatus(HttpStatus.NOT_FOUND);
        assertThat(step(listing, "hand-over", resident("hh-1"))).as("nothing accepted yet").hasStatus(HttpStatus.CONFLICT);
        assertThat(mvc.post().uri("/api/recycling/exchange/requests/{r}/accept", first).header(HttpHeaders.AUTHORIZATION, resident("hh-2")))
                .as("the requester cannot accept").hasStatus(HttpStatus.NOT_FOUND);
        assertThat(mvc.post().uri("/api/recycling/exchange/requests/{r}/accept", first).header(HttpHeaders.AUTHORIZATION, resident("hh-1")))
                .hasStatusOk().bodyJson()
                .hasPathSatisfying("$.status", v -> v.assertThat().isEqualTo("RESERVED"))
                .hasPathSatisfying("$.acceptedRequestId", v -> v.assertThat().isEqualTo(first));
        assertThat(ask(listing, "hh-4", "{}")).as("reserved").hasStatus(HttpStatus.CONFLICT);
        assertThat(step(listing, "hand-over", resident("hh-1"))).hasStatusOk().bodyJson()
                .hasPathSatisfying("$.status", v -> v.assertThat().isEqualTo("HANDED_OVER"));
        assertThat(step(listing, "hand-over", resident("hh-1"))).as("once").hasStatus(HttpStatus.CONFLICT);

        assertThat(mvc.get().uri("/api/recycling/communities/{c}/exchange/listings", community)
                .header(HttpHeaders.AUTHORIZATION, resident("hh-5")).param("status", "HANDED_OVER"))
                .hasStatusOk().bodyJson()
                .hasPathSatisfying("$[0].title", v -> v.assertThat().isEqualTo("Picture books, 12 volumes"))
                .hasPathSatisfying("$[0].householdId", v -> v.assertThat().as("the owner is not shown to neighbours").isNull());
    }

    @Test
    void thePropertyTeamRemovesAListingWithAReasonAndBadListingsAreRefused() {
        String listing = list("hh-1", "{\"title\":\"Something odd\",\"condition\":\"FAIR\",\"askingCredits\":200}");
        assertThat(mvc.post().uri("/api/recycling/exchange/listings/{l}/close", listing)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.staff(community)))
                .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"Not allowed on the exchange\"}"))
                .hasStatusOk().bodyJson()
                .hasPathSatisfying("$.status", v -> v.assertThat().isEqualTo("REMOVED"))
                .hasPathSatisfying("$.closeReason", v -> v.assertThat().isEqualTo("Not allowed on the exchange"));
        assertThat(ask(listing, "hh-2", "{}")).hasStatus(HttpStatus.CONFLICT);

        assertRefused(post("hh-1", "{\"title\":\"\",\"condition\":\"GOOD\",\"askingCredits\":0}"), "title");
        assertRefused(post("hh-1", "{\"title\":\"Chair\",\"condition\":\"BROKEN\",\"askingCredits\":0}"), "condition");
        assertRefused(post("hh-1", "{\"title\":\"Chair\",\"condition\":\"GOOD\",\"askingCredits\":100001}"), "askingCredits");
        assertRefused(post("hh-1", "{\"title\":\"Chair\",\"condition\":\"GOOD\",\"askingCredits\":0,\"photoRefs\":[\"../etc/passwd\"]}"),
                "photoRefs[0]");
        assertRefused(post("hh-1", "{\"title\":\"Chair\",\"condition\":\"GOOD\",\"askingCredits\":0,\"householdId\":\"hh-2\"}"),
                "householdId");
    }

    private String list(String household, String json) {
        MvcTestResult listed = post(household, json);
        assertThat(listed).hasStatus(HttpStatus.CREATED);
        return JsonPath.read(body(listed.getResponse()), "$.id");
    }

    private MvcTestResult post(String household, String json) {
        return mvc.post().uri("/api/recycling/exchange/listings").header(HttpHeaders.AUTHORIZATION, resident(household))
                .contentType(MediaType.APPLICATION_JSON).content(json).exchange();
    }

    private MvcTestResult ask(String listing, String household, String json) {
        return mvc.post().uri("/api/recycling/exchange/listings/{l}/requests", listing).header(HttpHeaders.AUTHORIZATION, resident(household))
                .contentType(MediaType.APPLICATION_JSON).content(json).exchange();
    }

    private MvcTestResult step(String listing, String step, String token) {
        return mvc.post().uri("/api/recycling/exchange/listings/{l}/" + step, listing).header(HttpHeaders.AUTHORIZATION, token).exchange();
    }

    private String resident(String household) {
        return TestTokens.bearer(TestTokens.resident(community, household));
    }

    private static void assertRefused(MvcTestResult result, String field) {
        assertThat(result).hasStatus(HttpStatus.BAD_REQUEST).hasContentType(MediaType.APPLICATION_PROBLEM_JSON).bodyJson()
                .hasPathSatisfying("$['invalid-params'][*].name", v -> v.assertThat().asInstanceOf(LIST).contains(field));
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
