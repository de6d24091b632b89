package org.communitycarbon.recycling.price;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.LIST;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.communitycarbon.recycling.RecyclingServiceTest;
import org.communitycarbon.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import tools.jackson.databind.json.JsonMapper;

/**
 * A community's prices: the catalogue's defaults until it publishes a version; versions dated from today or later,
 * pricing every category, never edited; the version in force at an instant.
 */
@RecyclingServiceTest
class PriceListIT {

    static final List<String> CATEGORIES = List.of("PAPER", "PLASTIC", "METAL", "GLASS", "CLOTHING", "SMALL_APPLIANCES",
            "LARGE_APPLIANCES", "FURNITURE");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    MockMvcTester mvc;

    @Autowired
    JdbcTemplate jdbc;

    private final String community = "prices-" + UUID.randomUUID().toString().substring(0, 8);
    private final String manager = TestTokens.bearer(TestTokens.propertyManager(community));
    private final LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));

    @Test
    void aCommunityWithoutItsOwnPricesHasTheCataloguesDefaultsAsVersionZero() {
        assertThat(mvc.get().uri("/api/recycling/communities/{c}/prices", community)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.resident(community, "hh-1"))))
                .hasStatusOk().bodyJson()
                .hasPathSatisfying("$.version", v -> v.assertThat().isEqualTo(0))
                .hasPathSatisfying("$.items[*].category", v -> v.assertThat().asInstanceOf(LIST).containsExactlyElementsOf(CATEGORIES))
                .hasPathSatisfying("$.items[0].pricePerKgCny", v -> v.assertThat().isEqualTo(1.20))
                .hasPathSatisfying("$.items[*].creditsPerKg", v -> v.assertThat().asInstanceOf(LIST).containsOnly(300));
    }

    @Test
    void aVersionFromTodayAppliesAtOnceAndALaterOneFromItsDate() {
        assertThat(publish(today, prices("1.40", null), "new contract")).hasStatus(HttpStatus.CREATED).bodyJson()
                .hasPathSatisfying("$.version", v -> v.assertThat().isEqualTo(1))
                .hasPathSatisfying("$.items[0].pricePerKgCny", v -> v.assertThat().isEqualTo(1.40))
                .hasPathSatisfying("$.items[0].creditsPerKg", v -> v.assertThat().as("the methodology's 300 by default").isEqualTo(300));
        LocalDate later = today.plusDays(10);
        assertThat(publish(later, prices("1.60", 350), null)).hasStatus(HttpStatus.CREATED).bodyJson()
                .hasPathSatisfying("$.version", v -> v.assertThat().isEqualTo(2));

        assertThat(inForce(null)).hasStatusOk().bodyJson()
                .hasPathSatisfying("$.version", v -> v.assertThat().isEqualTo(1))
                .hasPathSatisfying("$.note", v -> v.assertThat().isEqualTo("new contract"));
        assertThat(inForce(later.atStartOfDay(ZoneId.of("Asia/Shanghai")).toInstant().toString())).hasStatusOk().bodyJson()
                .hasPathSatisfying("$.version", v -> v.assertThat().isEqualTo(2))
                .hasPathSatisfying("$.effectiveFrom", v -> v.assertThat().isEqualTo(later.toString()))
                .hasPathSatisfying("$.items[0].pricePerKgCny", v -> v.assertThat().isEqualTo(1.60))
                .hasPathSatisfying("$.items[0].creditsPerKg", v -> v.assertThat().isEqualTo(350));
        assertThat(inForce(later.atStartOfDay(ZoneId.of("Asia/Shanghai")).toInstant().minusSeconds(1).toString())).hasStatusOk()
                .bodyJson().hasPathSatisfying("$.version", v -> v.assertThat().isEqualTo(1));

        assertThat(mvc.get().uri("/api/recycling/communities/{c}/prices/versions", community).header(HttpHeaders.AUTHORIZATION, manager))
                .hasStatusOk().bodyJson()
                .hasPathSatisfying("$.items[*].version", v -> v.assertThat().asInstanceOf(LIST).containsExactly(2, 1))
                .hasPathSatisfying("$.totalItems", v -> v.assertThat().isEqualTo(2));
    }

    @Test
    void aPublishedVersionIsNeverEditedNotEvenByTheServicesOwnDatabaseRole() {
        assertThat(publish(today.plusDays(1), prices("1.40", null), null)).hasStatus(HttpStatus.CREATED);
        assertThatThrownBy(() -> jdbc.update("UPDATE price_list SET note = 'edited' WHERE community_id = ?", community))
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("permission denied");
        assertThatThrownBy(() -> jdbc.update("UPDATE price_list_item SET price_per_kg_cny = 9 WHERE community_id = ?", community))
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("permission denied");
        assertThatThrownBy(() -> jdbc.update("DELETE FROM price_list_item WHERE community_id = ?", community))
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("permission denied");
    }

    @Test
    void refusesAVersionThatRepricesThePastMissesACategoryOrIsOutOfBounds() {
        assertRefused(publish(today.minusDays(1), prices("1.40", null), null), "effectiveFrom");
        assertRefused(publish(today.plusDays(400), prices("1.40", null), null), "effectiveFrom");
        List<Map<String, Object>> missing = prices("1.40", null);
        missing.remove(7);
        assertRefused(publish(today, missing, null), "items");
        List<Map<String, Object>> twice = prices("1.40", null);
        twice.set(1, item("PAPER", "1.00", null));
        assertRefused(publish(today, twice, null), "items[1].category");
        assertRefused(publish(today, prices("1.401", null), null), "items[0].pricePerKgCny");
        assertRefused(publish(today, prices("10000.01", null), null), "items[0].pricePerKgCny");
        assertRefused(publish(today, prices("1e999999999", null), null), "items[0].pricePerKgCny");
        assertRefused(publish(today, prices("1.40", 100001), null), "items[0].creditsPerKg");
        assertRefused(publish(today, prices("1.40", null), "x".repeat(201)), "note");
        assertThat(inForce(null)).hasStatusOk().bodyJson().hasPathSatisfying("$.version", v -> v.assertThat().isEqualTo(0));
    }

    @Test
    void onlyTheCommunitysManagerPublishesAndOnlyItsPeopleAndRecyclersRead() {
        assertThat(mvc.post().uri("/api/recycling/communities/{c}/prices", community)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.propertyManager("elsewhere")))
                .contentType(MediaType.APPLICATION_JSON).content(body(today, prices("1.40", null), null)))
                .hasStatus(HttpStatus.FORBIDDEN);
        assertThat(mvc.get().uri("/api/recycling/communities/{c}/prices", community)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.resident("elsewhere", "hh-1"))))
                .hasStatus(HttpStatus.FORBIDDEN);
    }

    private void assertRefused(MvcTestResult result, String field) {
        assertThat(result).hasStatus(HttpStatus.BAD_REQUEST).hasContentType(MediaType.APPLICATION_PROBLEM_JSON).bodyJson()
                .hasPathSatisfying("$['invalid-params'][*].name", v -> v.assertThat().asInstanceOf(LIST).contains(field));
    }

    private MvcTestResult inForce(String at) {
        var request = mvc.get().uri("/api/recycling/communities/{c}/prices", community).header(HttpHeaders.AUTHORIZATION, manager);
        return (at == null ? request : request.param("at", at)).exchange();
    }

    private MvcTestResult publish(LocalDate from, List<Map<String, Object>> items, String note) {
        return mvc.post().uri("/api/recycling/communities/{c}/prices", community).header(HttpHeaders.AUTHORIZATION, manager)
                .contentType(MediaType.APPLICATION_JSON).content(body(from, items, note)).exchange();
    }

    private static String body(LocalDate from, List<Map<String, Object>> items, String note) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("effectiveFrom", from.toString());
        body.put("items", items);
        if (note != null) {
            body.put("note", note);
        }
        // numbers as written, not as a double would print them
        String json = JSON.writeValueAsString(body);
        return json.replaceAll("\"pricePerKgCny\":\"([^\"]+)\"", "\"pricePerKgCny\":$1");
    }

    /** Every category, paper at {@code paper} CNY/kg and the others at 0.50. */
    static List<Map<String, Object>> prices(String paper, Integer creditsPerKg) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (String category : CATEGORIES) {
            items.add(item(category, category.equals("PAPER") ? paper : "0.50", creditsPerKg));
        }
        return items;
    }

    private static Map<String, Object> item(String category, String price, Integer creditsPerKg) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("category", category);
        item.put("pricePerKgCny", price);
        if (creditsPerKg != null) {
            item.put("creditsPerKg", creditsPerKg);
        }
        return item;
    }
}
