package org.communitycarbon.credits;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.communitycarbon.credits.ledger.Ledger;
import org.communitycarbon.model.Quantity;
import org.communitycarbon.model.Unit;
import org.communitycarbon.model.accounting.CarbonReductionRecorded;
import org.communitycarbon.model.accounting.ReductionBehaviour;
import org.communitycarbon.testing.AuthorizationMatrix;
import org.communitycarbon.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import com.jayway.jsonpath.JsonPath;

/**
 * Every operation of the service's OpenAPI description, called by every kind of caller, answers as
 * {@code authorization-matrix.txt} says (see {@link AuthorizationMatrix}).
 */
@CreditsServiceTest
class AuthorizationMatrixIT {

    private static final String ITEM = """
            {"kind":"COMMUNITY_REWARD","nameZh":"工具借用","nameEn":"Tool loan","price":10,"stock":100,
             "validFrom":"%s","validUntil":"%s"}""".formatted(Instant.now().minus(1, ChronoUnit.DAYS),
            Instant.now().plus(1, ChronoUnit.DAYS));

    @Autowired
    MockMvc mvc;

    @Autowired
    Ledger ledger;

    @Test
    void everyOperationAnswersEveryCallerAsTheMatrixSays() throws Exception {
        // the matrix household has credits, its community an item, and the household a redemption of it
        ledger.award(List.of(new CarbonReductionRecorded(UUID.randomUUID(), 1, AuthorizationMatrix.COMMUNITY,
                Instant.parse("2026-11-22T07:30:00Z"), AuthorizationMatrix.HOUSEHOLD, ReductionBehaviour.SORTED_PERISHABLE_WASTE,
                Quantity.of(new BigDecimal("5"), Unit.KG), Quantity.of(new BigDecimal("1"), Unit.KG_CO2E), "wuhan-pilot",
                UUID.randomUUID())));
        String item = JsonPath.read(mvc.perform(post("/api/credits/communities/{c}/catalogue", AuthorizationMatrix.COMMUNITY)
                        .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.propertyManager(AuthorizationMatrix.COMMUNITY)))
                        .contentType(MediaType.APPLICATION_JSON).content(ITEM))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8), "$.id");
        String redemption = JsonPath.read(mvc.perform(post("/api/credits/me/redemptions")
                        .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(
                                TestTokens.resident(AuthorizationMatrix.COMMUNITY, AuthorizationMatrix.HOUSEHOLD)))
                        .header("Idempotency-Key", "matrix-" + UUID.randomUUID())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"itemId\":\"" + item + "\"}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8), "$.id");
        // the matrix's merchant user (TestTokens.merchant()) acts for a merchant of the community, and has debited the household
        String manager = TestTokens.bearer(TestTokens.propertyManager(AuthorizationMatrix.COMMUNITY));
        String merchant = JsonPath.read(call(post("/api/credits/communities/{c}/merchants", AuthorizationMatrix.COMMUNITY), manager,
                "{\"name\":\"Matrix shop\"}", 201), "$.id");
        call(post("/api/credits/communities/{c}/merchants/{m}/users", AuthorizationMatrix.COMMUNITY, merchant), manager,
                "{\"subject\":\"merchant-1\",\"name\":\"Matrix cashier\"}", 200);
        String code = JsonPath.read(mvc.perform(get("/api/credits/me/household-code").header(HttpHeaders.AUTHORIZATION,
                TestTokens.bearer(TestTokens.resident(AuthorizationMatrix.COMMUNITY, AuthorizationMatrix.HOUSEHOLD))))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8), "$.code");
        String debit = JsonPath.read(mvc.perform(post("/api/credits/merchant/debits")
                        .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.merchant()))
                        .header("Idempotency-Key", "matrix-debit").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"code\":\"" + code + "\",\"amount\":1}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8), "$.id");
        AuthorizationMatrix.of(mvc, "/api/credits/openapi")
                .with("itemId", item)
                .with("redemptionId", redemption)
                .with("merchantId", merchant)
                .with("debitId", debit)
                .with("month", "2026-12")
                .withBody("POST /api/credits/household-codes/resolve", "{\"code\":\"" + code + "\"}")
                .withBody("POST /api/credits/communities/{communityId}/merchants", "{\"name\":\"Matrix shop\"}")
                .withBody("POST /api/credits/communities/{communityId}/merchants/{merchantId}/users",
                        "{\"subject\":\"matrix-user\",\"name\":\"Matrix cashier\"}")
                .withBody("POST /api/credits/merchant/debits", "{\"code\":\"" + code + "\",\"amount\":1}")
                .withBody("POST /api/credits/merchant/debits/{debitId}/reversal", "{\"reason\":\"matrix refund\"}")
                .withBody("POST /api/credits/communities/{communityId}/merchant-debits/{debitId}/reversal", "{\"reason\":\"matrix\"}")
                .with("Idempotency-Key", "matrix-key")
                .withBody("POST /api/credits/communities/{communityId}/catalogue", ITEM)
                .withBody("PUT /api/credits/communities/{communityId}/catalogue/{itemId}", ITEM)
                .withBody("POST /api/credits/me/redemptions", "{\"itemId\":\"" + item + "\"}")
                .withBody("POST /api/credits/communities/{communityId}/redemptions/{redemptionId}/reversal",
                        "{\"reason\":\"reversed by the matrix test\"}")
                .with("month", "2025-01")
                .verify("authorization-matrix.txt");
    }

    private String call(MockHttpServletRequestBuilder request, String token, String body, int expected) throws Exception {
        return mvc.perform(request.header(HttpHeaders.AUTHORIZATION, token).contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().is(expected)).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    }
}
