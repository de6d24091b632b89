package org.communitycarbon.credits;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.communitycarbon.credits.ledger.Ledger;
import org.communitycarbon.model.Quantity;
import org.communitycarbon.model.Unit;
import org.communitycarbon.model.accounting.CarbonReductionRecorded;
import org.communitycarbon.model.accounting.ReductionBehaviour;
import org.communitycarbon.model.security.Role;
import org.communitycarbon.model.security.TokenClaims;
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
 * Settlement and the rating: a merchant's monthly statement of debits and reversals, the property-fee deductions as
 * CSV, credits issued, redeemed and outstanding per community, the resident's filtered ledger and monthly rating.
 */
@CreditsServiceTest
class SettlementIT {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Autowired
    MockMvcTester mvc;

    @Autowired
    Ledger ledger;

    private final String community = "c-" + UUID.randomUUID();
    private final String household = "hh-" + UUID.randomUUID();
    private final String resident = TestTokens.bearer(TestTokens.resident(community, household));
    private final String manager = TestTokens.bearer(TestTokens.propertyManager(community));
    private final String month = YearMonth.now(SHANGHAI).toString();

    @Test
    void aMerchantsMonthlyStatementNetsItsDebitsAndReversals() throws Exception {
        earn(2_000);
        String user = "till-" + UUID.randomUUID();
        String merchant = TestTokens.bearer(TestTokens.sign(user, Map.of(TokenClaims.ROLES, List.of(Role.MERCHANT.name()))));
        String merchantId = JsonPath.read(body(mvc.post().uri("/api/credits/communities/{c}/merchants", community)
                .header(HttpHeaders.AUTHORIZATION, manager).contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"Tea house\"}")
                .exchange()), "$.id");
        assertThat(mvc.post().uri("/api/credits/communities/{c}/merchants/{m}/users", community, merchantId).header(HttpHeaders.AUTHORIZATION, manager)
                .contentType(MediaType.APPLICATION_JSON).content("{\"subject\":\"" + user + "\",\"name\":\"Li\"}")).hasStatusOk();
        String code = JsonPath.read(body(mvc.get().uri("/api/credits/me/household-code").header(HttpHeaders.AUTHORIZATION, resident).exchange()), "$.code");
        String first = null;
        for (int i = 1; i <= 3; i++) {
            MvcTestResult debited = mvc.post().uri("/api/credits/merchant/debits").header(HttpHeaders.AUTHORIZATION, merchant)
                    .header("Idempotency-Key", "s-" + i).contentType(MediaType.APPLICATION_JSON)
                    .content("{\"code\":\"" + code + "\",\"amount\":" + (100 * i) + "}").exchange();
            assertThat(debited).hasStatus(HttpStatus.CREATED);
            first = first == null ? JsonPath.read(body(debited), "$.id") : first;
        }
        assertThat(mvc.post().uri("/api/credits/merchant/debits/{d}/reversal", first).header(HttpHeaders.AUTHORIZATION, merchant)
                .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"refund\"}")).hasStatus(HttpStatus.CREATED);

        for (var statement : List.of(
                mvc.get().uri("/api/credits/merchant/statements/{m}", month).header(HttpHeaders.AUTHORIZATION, merchant),
                mvc.get().uri("/api/credits/communities/{c}/merchants/{id}/statements/{m}", community, merchantId, month)
                        .header(HttpHeaders.AUTHORIZATION, manager))) {
            assertThat(statement).hasStatusOk().bodyJson()
                    .hasPathSatisfying("$.timeZone", v -> v.assertThat().isEqualTo("Asia/Shanghai"))
                    .hasPathSatisfying("$.debits", v -> v.assertThat().isEqualTo(3))
                    .hasPathSatisfying("$.debited", v -> v.assertThat().isEqualTo(600))
                    .hasPathSatisfying("$.reversals", v -> v.assertThat().isEqualTo(1))
                    .hasPathSatisfying("$.reversed", v -> v.assertThat().isEqualTo(100))
                    .hasPathSatisfying("$.net", v -> v.assertThat().isEqualTo(500))
                    .hasPathSatisfying("$.lines.length()", v -> v.assertThat().isEqualTo(4));
        }
        assertThat(mvc.get().uri("/api/credits/merchant/statements/2026-13").header(HttpHeaders.AUTHORIZATION, merchant))
                .hasStatus(HttpStatus.BAD_REQUEST);
        // issued, redeemed and outstanding
        assertThat(mvc.get().uri("/api/credits/communities/{c}/summary", community).header(HttpHeaders.AUTHORIZATION, manager))
                .hasStatusOk().bodyJson()
                .hasPathSatisfying("$.creditsAwarded", v -> v.assertThat().isEqualTo(2_000))
                .hasPathSatisfying("$.creditsRedeemed", v -> v.assertThat().isEqualTo(500))
                .hasPathSatisfying("$.creditsOutstanding", v -> v.assertThat().isEqualTo(1_500));
        // the resident's ledger, filtered by kind
        assertThat(mvc.get().uri("/api/credits/me/ledger?kind=MERCHANT_DEBIT_REVERSAL&kind=REDUCTION_AWARD").header(HttpHeaders.AUTHORIZATION, resident))
                .hasStatusOk().bodyJson()
                .hasPathSatisfying("$.totalItems", v -> v.assertThat().isEqualTo(2))
                .hasPathSatisfying("$.items[0].kind", v -> v.assertThat().isEqualTo("MERCHANT_DEBIT_REVERSAL"));
        assertThat(mvc.get().uri("/api/credits/me/ledger?from={f}", Instant.now().plus(1, ChronoUnit.HOURS)).header(HttpHeaders.AUTHORIZATION, resident))
                .hasStatusOk().bodyJson().hasPathSatisfying("$.totalItems", v -> v.assertThat().isEqualTo(0));
    }

    @Test
    void thePropertyFeeDeductionsOfAMonthAreACsvForBilling() throws Exception {
        earn(5_000);
        String item = JsonPath.read(body(mvc.post().uri("/api/credits/communities/{c}/catalogue", community).header(HttpHeaders.AUTHORIZATION, manager)
                .contentType(MediaType.APPLICATION_JSON).content("""
                        {"kind":"PROPERTY_FEE","nameZh":"物业费抵扣 10 元","nameEn":"Property fee, 10 yuan","price":1000,"stock":100,
                         "validFrom":"%s","validUntil":"%s"}""".formatted(Instant.now().minus(1, ChronoUnit.DAYS), Instant.now().plus(1, ChronoUnit.DAYS)))
                .exchange()), "$.id");
        String redemption = JsonPath.read(body(mvc.post().uri("/api/credits/me/redemptions").header(HttpHeaders.AUTHORIZATION, resident)
                .header("Idempotency-Key", "fee-1").contentType(MediaType.APPLICATION_JSON).content("{\"itemId\":\"" + item + "\",\"quantity\":2}")
                .exchange()), "$.id");

        MvcTestResult csv = mvc.get().uri("/api/credits/communities/{c}/property-fee-deductions/{m}", community, month)
                .header(HttpHeaders.AUTHORIZATION, manager).exchange();
        assertThat(csv).hasStatusOk().hasContentTypeCompatibleWith("text/csv");
        String[] lines = body(csv).split("\r\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).isEqualTo("redemption_id,household_id,item_id,item_name_zh,item_name_en,quantity,credits,redeemed_at,reversed_at");
        assertThat(lines[1]).startsWith(redemption + "," + household + "," + item + ",物业费抵扣 10 元,\"Property fee, 10 yuan\",2,2000,")
                .endsWith(",");
        assertThat(mvc.get().uri("/api/credits/communities/{c}/property-fee-deductions/{m}", community, month)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.propertyManager("elsewhere")))).hasStatus(HttpStatus.FORBIDDEN);
    }

    @Test
    void aHouseholdsMonthlyRatingIsShownToItAndCountedForItsCommunity() throws Exception {
        earn(1_200);

        assertThat(mvc.get().uri("/api/credits/me/rating").header(HttpHeaders.AUTHORIZATION, resident))
                .hasStatusOk().bodyJson()
                .hasPathSatisfying("$.grade", v -> v.assertThat().isEqualTo("PARTICIPANT"))
                .hasPathSatisfying("$.credits", v -> v.assertThat().isEqualTo(1_200))
                .hasPathSatisfying("$.activeDays", v -> v.assertThat().isEqualTo(1))
                .hasPathSatisfying("$.behaviours", v -> v.assertThat().isEqualTo(1));
        assertThat(mvc.get().uri("/api/credits/communities/{c}/ratings/{m}", community, month)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.streetOffice("s-1", community))))
                .hasStatusOk().bodyJson()
                .hasPathSatisfying("$.households", v -> v.assertThat().isEqualTo(1))
                .hasPathSatisfying("$.grades.PARTICIPANT", v -> v.assertThat().isEqualTo(1))
                .hasPathSatisfying("$.grades.LOW_CARBON_FAMILY", v -> v.assertThat().isEqualTo(0));
    }

    /** Credits for a sorted drop that occurs now, in this month. */
    private void earn(long credits) {
        BigDecimal co2eKg = BigDecimal.valueOf(credits).movePointLeft(3);
        ledger.award(List.of(new CarbonReductionRecorded(UUID.randomUUID(), 1, community, Instant.now(), household,
                ReductionBehaviour.SORTED_PERISHABLE_WASTE, Quantity.of(co2eKg.multiply(BigDecimal.valueOf(5)), Unit.KG),
                Quantity.of(co2eKg, Unit.KG_CO2E), "wuhan-pilot", UUID.randomUUID())));
    }

    private static String body(MvcTestResult result) throws Exception {
        return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
    }
}
