package org.communitycarbon.recycling.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.LIST;

import java.util.List;

import org.communitycarbon.recycling.RecyclingServiceTest;
import org.communitycarbon.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

@RecyclingServiceTest
class CategoryApiIT {

    @Autowired
    MockMvcTester mvc;

    @Test
    void listsTheEightCategoriesWithPriceAndCreditsPerKg() {
        assertThat(mvc.get().uri("/api/recycling/categories")
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.resident("maple-court", "hh-1"))))
                .hasStatusOk()
                .bodyJson()
                .hasPathSatisfying("$[*].code", v -> v.assertThat().asInstanceOf(
                        LIST).containsExactly("PAPER", "PLASTIC", "METAL",
                                "GLASS", "CLOTHING", "SMALL_APPLIANCES", "LARGE_APPLIANCES", "FURNITURE"))
                .hasPathSatisfying("$[*].creditsPerKg", v -> v.assertThat().asInstanceOf(
                        LIST).containsOnly(300))
                .hasPathSatisfying("$[0].nameZh", v -> v.assertThat().isEqualTo("纸类"))
                .hasPathSatisfying("$[0].pricePerKgCny", v -> v.assertThat().isEqualTo(1.20))
                .hasPathSatisfying("$[2].pricePerKgCny", v -> v.assertThat().isEqualTo(2.00));
    }

    @Test
    void everyRoleCanReadTheCatalogue() {
        List<String> everyRole = List.of(TestTokens.resident("maple-court", "hh-1"), TestTokens.propertyManager("maple-court"),
                TestTokens.staff("maple-court"), TestTokens.streetOffice("s-1", "maple-court"), TestTokens.merchant(),
                TestTokens.admin());
        for (String token : everyRole) {
            assertThat(mvc.get().uri("/api/recycling/categories").header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(token)))
                    .hasStatusOk()
                    .bodyJson().hasPathSatisfying("$.length()", v -> v.assertThat().isEqualTo(8));
        }
    }

    @Test
    void refusesACallerWithoutAToken() {
        assertThat(mvc.get().uri("/api/recycling/categories")).hasStatus(HttpStatus.UNAUTHORIZED);
    }
}
