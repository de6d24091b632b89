package org.communitycarbon.credits.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.communitycarbon.credits.CreditsServiceTest;
import org.communitycarbon.testing.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

@CreditsServiceTest
class LedgerApiIT {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    Ledger ledger;

    private final String community = "c-" + UUID.randomUUID();
    private final String household = "hh-" + UUID.randomUUID();

    @BeforeEach
    void householdWithCredits() {
        ledger.award(List.of(Reductions.sortedWaste(community, household, "1.25")));
    }

    @Test
    void aResidentSeesTheirOwnBalanceAndLedger() {
        String resident = TestTokens.bearer(TestTokens.resident(community, household));

        assertThat(mvc.get().uri("/api/credits/me").header(HttpHeaders.AUTHORIZATION, resident))
                .hasStatusOk()
                .bodyJson()
                .hasPathSatisfying("$.balance", v -> v.assertThat().isEqualTo(250))
                .hasPathSatisfying("$.recentEntries[0].amount", v -> v.assertThat().isEqualTo(250))
                .hasPathSatisfying("$.recentEntries[0].kind", v -> v.assertThat().isEqualTo("REDUCTION_AWARD"));
        assertThat(mvc.get().uri("/api/credits/communities/{c}/households/{h}/ledger", community, household)
                .header(HttpHeaders.AUTHORIZATION, resident))
                .hasStatusOk()
                .bodyJson().hasPathSatisfying("$.totalItems", v -> v.assertThat().isEqualTo(1));
    }

    @Test
    void aResidentCannotReadAnotherHousehold() {
        String neighbour = TestTokens.bearer(TestTokens.resident(community, "hh-next-door"));

        assertThat(mvc.get().uri("/api/credits/communities/{c}/households/{h}", community, household)
                .header(HttpHeaders.AUTHORIZATION, neighbour))
                .hasStatus(HttpStatus.FORBIDDEN);
        assertThat(mvc.get().uri("/api/credits/communities/{c}/households/{h}/ledger", community, household)
                .header(HttpHeaders.AUTHORIZATION, neighbour))
                .hasStatus(HttpStatus.FORBIDDEN);
        assertThat(mvc.get().uri("/api/credits/communities/{c}/summary", community).header(HttpHeaders.AUTHORIZATION, neighbour))
                .hasStatus(HttpStatus.FORBIDDEN);
    }

    @Test
    void thePropertyManagerSeesHouseholdsAndStatisticsOfTheirCommunityOnly() {
        String manager = TestTokens.bearer(TestTokens.propertyManager(community));

        assertThat(mvc.get().uri("/api/credits/communities/{c}/households/{h}", community, household)
                .header(HttpHeaders.AUTHORIZATION, manager))
                .hasStatusOk().bodyJson().hasPathSatisfying("$.earnedTotal", v -> v.assertThat().isEqualTo(250));
        assertThat(mvc.get().uri("/api/credits/communities/{c}/summary", community).header(HttpHeaders.AUTHORIZATION, manager))
                .hasStatusOk()
                .bodyJson()
                .hasPathSatisfying("$.households", v -> v.assertThat().isEqualTo(1))
                .hasPathSatisfying("$.creditsAwarded", v -> v.assertThat().isEqualTo(250));
        assertThat(mvc.get().uri("/api/credits/communities/{c}/summary", "elsewhere").header(HttpHeaders.AUTHORIZATION, manager))
                .hasStatus(HttpStatus.FORBIDDEN);
    }

    @Test
    void aStreetOfficeSeesSummariesButNotHouseholds() {
        String street = TestTokens.bearer(TestTokens.streetOffice("s-1", community));

        assertThat(mvc.get().uri("/api/credits/communities/{c}/summary", community).header(HttpHeaders.AUTHORIZATION, street))
                .hasStatusOk();
        assertThat(mvc.get().uri("/api/credits/communities/{c}/households/{h}", community, household)
                .header(HttpHeaders.AUTHORIZATION, street))
                .hasStatus(HttpStatus.FORBIDDEN);
    }

    @Test
    void refusesEveryEndpointWithoutAToken() {
        assertThat(mvc.get().uri("/api/credits/me")).hasStatus(HttpStatus.UNAUTHORIZED);
        assertThat(mvc.get().uri("/api/credits/communities/{c}/households/{h}", community, household))
                .hasStatus(HttpStatus.UNAUTHORIZED);
        assertThat(mvc.get().uri("/api/credits/communities/{c}/summary", community)).hasStatus(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void theMeEndpointIsForResidents() {
        assertThat(mvc.get().uri("/api/credits/me").header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.admin())))
                .hasStatus(HttpStatus.FORBIDDEN);
    }

    @Test
    void namesAnInvalidPageSize() {
        assertThat(mvc.get().uri("/api/credits/communities/{c}/households/{h}/ledger?size=5000", community, household)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.propertyManager(community))))
                .hasStatus(HttpStatus.BAD_REQUEST)
                .bodyJson().hasPathSatisfying("$.invalid-params[0].name", v -> v.assertThat().isEqualTo("size"));
    }

    @Test
    void servesItsOpenApiDescriptionWithoutAToken() {
        assertThat(mvc.get().uri("/api/credits/openapi")).hasStatusOk()
                .bodyJson().hasPathSatisfying("$.paths['/api/credits/me']", v -> v.assertThat().isNotNull());
    }
}
