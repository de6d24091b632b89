package org.communitycarbon.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.communitycarbon.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

@SupportFixtureTest
class SecurityIT {

    @Autowired
    MockMvcTester mvc;

    @Test
    void refusesARequestWithoutATokenWithAProblem() {
        assertThat(mvc.get().uri("/api/test/communities/c1"))
                .hasStatus(HttpStatus.UNAUTHORIZED)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                .headers().hasHeaderSatisfying(HttpHeaders.WWW_AUTHENTICATE,
                        values -> assertThat(values.get(0)).startsWith("Bearer"));
        assertThat(mvc.get().uri("/api/test/communities/c1"))
                .bodyJson().extractingPath("$.detail").isEqualTo("A bearer token is required");
    }

    @Test
    void refusesATokenSignedByAnUntrustedKey() {
        assertThat(mvc.get().uri("/api/test/communities/c1")
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.signedByStranger())))
                .hasStatus(HttpStatus.UNAUTHORIZED)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void refusesATokenOfAnotherAudienceOrIssuerOrWithoutExpiry() {
        for (String token : new String[] {TestTokens.forAnotherAudience(), TestTokens.ofAnotherIssuer(), TestTokens.withoutExpiry()}) {
            assertThat(mvc.get().uri("/api/test/communities/c1").header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(token)))
                    .hasStatus(HttpStatus.UNAUTHORIZED).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        }
        assertThat(mvc.get().uri("/api/test/communities/c1").header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.admin())))
                .as("the same token, for this platform").hasStatusOk();
    }

    @Test
    void aBodyAboveTheLimitIs413BeforeAnythingElseLooksAtIt() {
        String big = "{\"text\":\"" + "x".repeat(70 * 1024) + "\"}";
        assertThat(mvc.post().uri("/api/test/communities/c1/notes").contentType(MediaType.APPLICATION_JSON).content(big))
                .as("not even authenticated: the size is checked first").hasStatus(HttpStatus.CONTENT_TOO_LARGE)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(mvc.post().uri("/api/test/communities/c1/notes")
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.propertyManager("c1")))
                .contentType(MediaType.APPLICATION_JSON).content(big)).hasStatus(HttpStatus.CONTENT_TOO_LARGE);
    }

    @Test
    void theRequestFirewallRefusesAControlCharacterInTheToken() {
        String token = TestTokens.bearer(TestTokens.admin());
        assertThat(mvc.get().uri("/api/test/communities/c1").header(HttpHeaders.AUTHORIZATION, token)).hasStatusOk();
        assertThat(mvc.get().uri("/api/test/communities/c1").header(HttpHeaders.AUTHORIZATION, token + "\u0007"))
                .as("a control character in the bearer token").hasStatus(HttpStatus.BAD_REQUEST);
    }

    @Test
    void refusesAnExpiredToken() {
        assertThat(mvc.get().uri("/api/test/communities/c1")
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.expired())))
                .hasStatus(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void aResidentReadsTheirOwnHouseholdOnly() {
        String token = TestTokens.bearer(TestTokens.resident("c1", "h1"));
        assertThat(mvc.get().uri("/api/test/communities/c1/households/h1").header(HttpHeaders.AUTHORIZATION, token))
                .hasStatusOk();
        assertThat(mvc.get().uri("/api/test/communities/c1/households/h2").header(HttpHeaders.AUTHORIZATION, token))
                .hasStatus(HttpStatus.FORBIDDEN)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson().extractingPath("$.detail").isEqualTo("Household h2 of community c1 is outside your scope");
        assertThat(mvc.get().uri("/api/test/communities/c1").header(HttpHeaders.AUTHORIZATION, token))
                .hasStatus(HttpStatus.FORBIDDEN);
    }

    @Test
    void aPropertyManagerSeesTheirCommunityOnly() {
        String token = TestTokens.bearer(TestTokens.propertyManager("c1"));
        assertThat(mvc.get().uri("/api/test/communities/c1/households/h7").header(HttpHeaders.AUTHORIZATION, token))
                .hasStatusOk();
        assertThat(mvc.get().uri("/api/test/communities/c2").header(HttpHeaders.AUTHORIZATION, token))
                .hasStatus(HttpStatus.FORBIDDEN);
        assertThat(mvc.get().uri("/api/test/communities/c2/households/h7").header(HttpHeaders.AUTHORIZATION, token))
                .hasStatus(HttpStatus.FORBIDDEN);
    }

    @Test
    void aStreetOfficeSeesItsCommunitiesButNoHousehold() {
        String token = TestTokens.bearer(TestTokens.streetOffice("s1", "c1", "c2"));
        assertThat(mvc.get().uri("/api/test/communities/c2").header(HttpHeaders.AUTHORIZATION, token)).hasStatusOk();
        assertThat(mvc.get().uri("/api/test/communities/c3").header(HttpHeaders.AUTHORIZATION, token))
                .hasStatus(HttpStatus.FORBIDDEN);
        assertThat(mvc.get().uri("/api/test/communities/c1/households/h1").header(HttpHeaders.AUTHORIZATION, token))
                .hasStatus(HttpStatus.FORBIDDEN);
    }

    @Test
    void aMerchantSeesNoCommunityData() {
        String token = TestTokens.bearer(TestTokens.merchant());
        assertThat(mvc.get().uri("/api/test/communities/c1").header(HttpHeaders.AUTHORIZATION, token))
                .hasStatus(HttpStatus.FORBIDDEN);
    }

    @Test
    void healthAndMetricsAreOpenForProbesAndScrapers() {
        assertThat(mvc.get().uri("/actuator/health/readiness")).hasStatusOk();
        assertThat(mvc.get().uri("/actuator/prometheus")).hasStatusOk();
        assertThat(mvc.get().uri("/actuator/env")).hasStatus(HttpStatus.UNAUTHORIZED);
    }
}
