package org.communitycarbon.credits.householdcode;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.communitycarbon.credits.CreditsServiceTest;
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
 * One household, one code: a resident's code is signed and names no household, stays the same until rotated, and a
 * rotated, revoked or forged code does not resolve; a resolution names the household's pseudonym, not the household.
 */
@CreditsServiceTest
class HouseholdCodeIT {

    @Autowired
    MockMvcTester mvc;

    private final String community = "c-" + UUID.randomUUID();
    private final String household = "hh-" + UUID.randomUUID();
    private final String resident = TestTokens.bearer(TestTokens.resident(community, household));
    private final String manager = TestTokens.bearer(TestTokens.propertyManager(community));

    @Test
    void aResidentSeesTheSameSignedCodeUntilItIsRotated() throws Exception {
        String code = code();

        assertThat(code).startsWith("CC1.").doesNotContain(household).doesNotContain(community);
        assertThat(code()).isEqualTo(code);
        assertThat(resolve(code, manager)).hasStatusOk();

        MvcTestResult rotated = mvc.post().uri("/api/credits/me/household-code/rotation").header(HttpHeaders.AUTHORIZATION, resident).exchange();
        assertThat(rotated).hasStatus(HttpStatus.CREATED);
        String fresh = JsonPath.read(body(rotated), "$.code");
        assertThat(fresh).isNotEqualTo(code);
        assertThat(code()).isEqualTo(fresh);
        assertThat(resolve(code, manager)).hasStatus(HttpStatus.NOT_FOUND);
        assertThat(resolve(fresh, manager)).hasStatusOk();
    }

    @Test
    void aRevokedCodeDoesNotResolve() throws Exception {
        String lostPhone = code();

        assertThat(mvc.post().uri("/api/credits/me/household-code/revocation").header(HttpHeaders.AUTHORIZATION, resident))
                .hasStatusOk().bodyJson().hasPathSatisfying("$.revokedAt", v -> v.assertThat().isNotNull());
        assertThat(resolve(lostPhone, manager)).hasStatus(HttpStatus.NOT_FOUND);
        assertThat(mvc.post().uri("/api/credits/me/household-code/revocation").header(HttpHeaders.AUTHORIZATION, resident))
                .hasStatus(HttpStatus.NOT_FOUND);

        // the new phone gets a new code; the property manager revokes it when the card is lost too
        String lostCard = code();
        assertThat(lostCard).isNotEqualTo(lostPhone);
        assertThat(resolve(lostCard, manager)).hasStatusOk();
        assertThat(mvc.post().uri("/api/credits/communities/{c}/households/{h}/household-code/revocation", community, household)
                .header(HttpHeaders.AUTHORIZATION, manager)).hasStatusOk();
        assertThat(resolve(lostCard, manager)).hasStatus(HttpStatus.NOT_FOUND);
        assertThat(resolve(lostPhone, manager)).hasStatus(HttpStatus.NOT_FOUND);
    }

    @Test
    void aForgedCodeDoesNotResolve() throws Exception {
        String code = code();
        String[] parts = code.split("\\.");
        String otherId = parts[1].charAt(0) == 'A' ? "B" + parts[1].substring(1) : "A" + parts[1].substring(1);

        assertThat(resolve("CC1." + otherId + "." + parts[2], manager)).hasStatus(HttpStatus.NOT_FOUND);
        assertThat(resolve(code + "x", manager)).hasStatus(HttpStatus.NOT_FOUND);
        assertThat(resolve("b01-0101", manager)).hasStatus(HttpStatus.NOT_FOUND);
        assertThat(resolve(code, manager)).hasStatusOk();
    }

    @Test
    void aResolutionNamesThePseudonymNotTheHousehold() throws Exception {
        String code = code();

        MvcTestResult resolved = resolve(code, TestTokens.bearer(TestTokens.staff(community)));
        assertThat(resolved).hasStatusOk().bodyJson()
                .hasPathSatisfying("$.communityId", v -> v.assertThat().isEqualTo(community))
                .hasPathSatisfying("$.householdRef", v -> v.assertThat().asString().matches("HH-[0-9A-F]{8}"))
                .hasPathSatisfying("$.reference", v -> v.assertThat().asString().startsWith("CCR1."));
        assertThat(body(resolved)).doesNotContain(household);
        // another community's property team learns nothing, not even that the code exists
        assertThat(resolve(code, TestTokens.bearer(TestTokens.propertyManager("elsewhere")))).hasStatus(HttpStatus.NOT_FOUND);
        // a merchant the property manager has not onboarded acts for no community
        assertThat(resolve(code, TestTokens.bearer(TestTokens.merchant()))).hasStatus(HttpStatus.NOT_FOUND);
        assertThat(resolve(code, resident)).hasStatus(HttpStatus.FORBIDDEN);
    }

    private String code() throws Exception {
        MvcTestResult answer = mvc.get().uri("/api/credits/me/household-code").header(HttpHeaders.AUTHORIZATION, resident).exchange();
        assertThat(answer).hasStatusOk();
        return JsonPath.read(body(answer), "$.code");
    }

    private MvcTestResult resolve(String code, String caller) {
        return mvc.post().uri("/api/credits/household-codes/resolve").header(HttpHeaders.AUTHORIZATION, caller)
                .contentType(MediaType.APPLICATION_JSON).content("{\"code\":\"" + code + "\"}").exchange();
    }

    private static String body(MvcTestResult result) throws Exception {
        return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
    }
}
