package org.communitycarbon.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.communitycarbon.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * {@link org.communitycarbon.support.security.Allowed} is decided before the body is read: a caller outside the rule gets 403 even for a body that
 * is not JSON at all (reading it first would have answered 400), a caller inside it gets the 400.
 */
@SupportFixtureTest
class EarlyAuthorizationIT {

    private static final String NOT_JSON = "{\"text\": \"unterminated";

    @Autowired
    MockMvcTester mvc;

    private MvcTestResult post(String path, String token, String body) {
        return mvc.post().uri(path).header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(token))
                .contentType(MediaType.APPLICATION_JSON).content(body).exchange();
    }

    @Test
    void aCallerOutsideTheRuleIsRefusedWithoutTheBodyBeingRead() {
        for (String outsider : List.of(TestTokens.merchant(), TestTokens.resident("c1", "h1"), TestTokens.staff("c1"),
                TestTokens.propertyManager("c2"), TestTokens.streetOffice("s1", "c1"))) {
            assertThat(post("/api/test/communities/c1/decrees", outsider, NOT_JSON))
                    .hasStatus(HttpStatus.FORBIDDEN).hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .bodyJson().extractingPath("$.detail")
                    .isEqualTo("This needs one of the roles ADMIN, PROPERTY_MANAGER for community c1");
        }
    }

    @Test
    void aCallerInsideTheRuleHasTheBodyRead() {
        assertThat(post("/api/test/communities/c1/decrees", TestTokens.propertyManager("c1"), NOT_JSON))
                .as("allowed, so the body is read and found wanting").hasStatus(HttpStatus.BAD_REQUEST);
        assertThat(post("/api/test/communities/c1/decrees", TestTokens.propertyManager("c1"), "{\"text\":\"quiet hours\"}"))
                .hasStatusOk().bodyJson().extractingPath("$.text").isEqualTo("quiet hours");
        assertThat(post("/api/test/communities/c9/decrees", TestTokens.admin(), "{\"text\":\"anywhere\"}")).hasStatusOk();
    }

    @Test
    void aResidentIsScopedToTheirHouseholdAndAStreetOfficeToItsCommunities() {
        String path = "/api/test/communities/c1/households/h1/wishes";
        assertThat(post(path, TestTokens.resident("c1", "h1"), "{\"text\":\"a bench\"}")).hasStatusOk();
        assertThat(post(path, TestTokens.resident("c1", "h2"), NOT_JSON)).hasStatus(HttpStatus.FORBIDDEN);
        assertThat(post(path, TestTokens.resident("c2", "h1"), NOT_JSON)).hasStatus(HttpStatus.FORBIDDEN);
        assertThat(post(path, TestTokens.streetOffice("s1", "c1", "c3"), "{\"text\":\"a bench\"}")).hasStatusOk();
        assertThat(post(path, TestTokens.streetOffice("s2", "c2"), NOT_JSON)).hasStatus(HttpStatus.FORBIDDEN);
    }

    @Test
    void aRuleWithoutACommunityIsARoleCheck() {
        assertThat(post("/api/test/decrees", TestTokens.merchant(), "{\"text\":\"10% off\"}")).hasStatusOk();
        assertThat(post("/api/test/decrees", TestTokens.admin(), NOT_JSON)).hasStatus(HttpStatus.FORBIDDEN)
                .bodyJson().extractingPath("$.detail").isEqualTo("This needs one of the roles MERCHANT");
    }

    @Test
    void withoutATokenItIs401AsEverywhere() {
        assertThat(mvc.post().uri("/api/test/communities/c1/decrees").contentType(MediaType.APPLICATION_JSON).content(NOT_JSON))
                .hasStatus(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void theRuleIsInTheOpenApiDescription() {
        assertThat(mvc.get().uri("/api/test/openapi")).hasStatusOk().bodyJson()
                .extractingPath("$.paths['/api/test/communities/{communityId}/decrees'].post.x-allowed-roles")
                .asArray().containsExactly("ADMIN", "PROPERTY_MANAGER");
    }
}
