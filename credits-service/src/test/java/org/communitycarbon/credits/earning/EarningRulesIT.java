package org.communitycarbon.credits.earning;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.communitycarbon.credits.CreditsServiceTest;
import org.communitycarbon.credits.ledger.Ledger;
import org.communitycarbon.model.Quantity;
import org.communitycarbon.model.Unit;
import org.communitycarbon.model.accounting.CarbonReductionRecorded;
import org.communitycarbon.model.accounting.ReductionBehaviour;
import org.communitycarbon.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/**
 * Earning rules as configuration: caps counted in the community's time zone, credits per unit with a participation
 * credit and a campaign, implausible drops and a too-fast household flagged and not credited, and a rule change that
 * applies from its effective date without touching entries already written.
 */
@CreditsServiceTest
class EarningRulesIT {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Autowired
    MockMvcTester mvc;

    @Autowired
    Ledger ledger;

    @Autowired
    JdbcTemplate jdbc;

    private final String community = "c-" + UUID.randomUUID();
    private final String household = "hh-" + UUID.randomUUID();
    private final String manager = TestTokens.bearer(TestTokens.propertyManager(community));
    private final String resident = TestTokens.bearer(TestTokens.resident(community, household));

    @Test
    void theDailyCapResetsAtMidnightInAsiaShanghaiNotInUtc() {
        publish("{\"householdDailyCap\":300}");
        // midnight in Shanghai two days from now is 16:00 UTC: all three drops fall on one UTC day, two Shanghai days
        Instant midnight = LocalDate.now(SHANGHAI).plusDays(2).atStartOfDay(SHANGHAI).toInstant();

        award(waste(midnight.minus(6, ChronoUnit.HOURS), "1.25"));   // 18:00: 250 credits
        award(waste(midnight.minus(1, ChronoUnit.MINUTES), "1.25")); // 23:59: 50 more, the cap of 300; 200 withheld
        award(waste(midnight.plus(1, ChronoUnit.MINUTES), "1.25"));  // 00:01 the next day: 250 again

        assertThat(amounts()).containsExactly(250L, 50L, 250L);
        assertThat(balance()).isEqualTo(550);
        assertThat(jdbc.queryForList("SELECT outcome FROM earning_event WHERE community_id = ? ORDER BY occurred_at", String.class, community))
                .containsExactly("CREDITED", "CAPPED", "CREDITED");
        assertThat(jdbc.queryForObject("SELECT reason FROM ledger_entry WHERE community_id = ? AND amount = 50", String.class, community))
                .endsWith("200 withheld: daily household cap 300 reached");
    }

    @Test
    void aBehaviourEarnsPerUnitWithAParticipationCreditAndTheCampaignsMultiplier() {
        Instant now = Instant.now();
        // the longest name a campaign may have: the entry's reason grows past the 200 characters an event carries
        String campaign = "Green week " + "x".repeat(89);
        publish("""
                {"behaviours":[{"behaviour":"SORTED_PERISHABLE_WASTE","basis":"ACTIVITY","creditsPerUnit":200,"participationCredits":10,
                                "dailyCap":100000}],
                 "campaigns":[{"name":"%s","behaviour":"SORTED_PERISHABLE_WASTE","multiplier":2,"startsAt":"%s","endsAt":"%s"}]}"""
                .formatted(campaign, now.plus(1, ChronoUnit.HOURS), now.plus(2, ChronoUnit.HOURS)));

        award(waste(now.plus(10, ChronoUnit.MINUTES), "1.25"));  // 1.25 kg x 200 + 10
        award(waste(now.plus(90, ChronoUnit.MINUTES), "1.25"));  // the same, doubled by the campaign

        assertThat(amounts()).containsExactly(260L, 520L);
        assertThat(jdbc.queryForObject("SELECT reason FROM ledger_entry WHERE community_id = ? AND amount = 520", String.class, community))
                .endsWith("; +10 for taking part; x2 campaign " + campaign);
    }

    @Test
    void implausibleDropsAndATooFastHouseholdAreFlaggedNotCredited() {
        Instant now = Instant.now();
        publish("""
                {"householdEventsPerHour":3,
                 "behaviours":[{"behaviour":"SORTED_PERISHABLE_WASTE","basis":"CO2E","creditsPerUnit":1000,"maxActivity":30}]}""");

        award(waste(now.plus(1, ChronoUnit.MINUTES), "100"));       // heavier than any bin takes in one drop
        for (int i = 0; i < 5; i++) {                               // five drops within an hour: three credited
            award(waste(now.plus(2 + i, ChronoUnit.MINUTES), "1"));
        }

        assertThat(amounts()).containsExactly(200L, 200L, 200L);
        assertThat(mvc.get().uri("/api/credits/communities/{c}/earning-anomalies", community).header(HttpHeaders.AUTHORIZATION, manager))
                .hasStatusOk().bodyJson()
                .hasPathSatisfying("$.totalItems", v -> v.assertThat().isEqualTo(3))
                .hasPathSatisfying("$.items[*].reason", v -> v.assertThat().asArray().containsExactlyInAnyOrder(
                        "implausible: 100 KG in one SORTED_PERISHABLE_WASTE, the most is 30",
                        "velocity: more than 3 behaviours of the household within an hour",
                        "velocity: more than 3 behaviours of the household within an hour"))
                .hasPathSatisfying("$.items[0].householdId", v -> v.assertThat().isEqualTo(household));
        assertThat(mvc.get().uri("/api/credits/communities/{c}/earning-anomalies", community).header(HttpHeaders.AUTHORIZATION, resident))
                .hasStatus(HttpStatus.FORBIDDEN);
    }

    @Test
    void aRuleChangeAppliesFromItsEffectiveDateAndNeverRewritesPastEntries() {
        Instant now = Instant.now();
        publish("{\"behaviours\":[{\"behaviour\":\"SORTED_PERISHABLE_WASTE\",\"basis\":\"ACTIVITY\",\"creditsPerUnit\":100}]}");
        award(waste(now.plus(1, ChronoUnit.MINUTES), "1"));
        String before = jdbc.queryForObject("SELECT encode(entry_hash, 'hex') FROM ledger_entry WHERE community_id = ?", String.class, community);

        Instant tomorrow = now.plus(1, ChronoUnit.DAYS);
        publish("{\"effectiveFrom\":\"" + tomorrow + "\",\"behaviours\":[{\"behaviour\":\"SORTED_PERISHABLE_WASTE\",\"basis\":\"ACTIVITY\",\"creditsPerUnit\":300}]}");
        award(waste(tomorrow.minus(1, ChronoUnit.MINUTES), "1"));  // still under the first version
        award(waste(tomorrow.plus(1, ChronoUnit.MINUTES), "1"));   // under the second

        assertThat(amounts()).containsExactly(100L, 100L, 300L);
        assertThat(jdbc.queryForObject("SELECT encode(entry_hash, 'hex') FROM ledger_entry WHERE community_id = ? AND account_seq = 1",
                String.class, community)).isEqualTo(before);
        // a change never takes effect in the past
        assertThat(mvc.post().uri("/api/credits/communities/{c}/earning-rules", community).header(HttpHeaders.AUTHORIZATION, manager)
                .contentType(MediaType.APPLICATION_JSON).content("{\"effectiveFrom\":\"" + now.minus(Duration.ofDays(1)) + "\"}"))
                .hasStatus(HttpStatus.BAD_REQUEST).bodyJson()
                .hasPathSatisfying("$.invalid-params[0].name", v -> v.assertThat().isEqualTo("effectiveFrom"));
        assertThat(mvc.get().uri("/api/credits/communities/{c}/earning-rules", community).header(HttpHeaders.AUTHORIZATION, resident))
                .hasStatusOk().bodyJson().hasPathSatisfying("$.length()", v -> v.assertThat().isEqualTo(2));
    }

    @Test
    void aResidentSeesWhenTheCapIsReached() {
        publish("{\"householdDailyCap\":300}");
        award(waste(Instant.now(), "2"));

        assertThat(mvc.get().uri("/api/credits/me/earnings").header(HttpHeaders.AUTHORIZATION, resident))
                .hasStatusOk().bodyJson()
                .hasPathSatisfying("$.timeZone", v -> v.assertThat().isEqualTo("Asia/Shanghai"))
                .hasPathSatisfying("$.earnedToday", v -> v.assertThat().isEqualTo(300))
                .hasPathSatisfying("$.dailyCap", v -> v.assertThat().isEqualTo(300))
                .hasPathSatisfying("$.capReached", v -> v.assertThat().isEqualTo(true))
                .hasPathSatisfying("$.withheldThisMonth", v -> v.assertThat().isEqualTo(100));
    }

    @Test
    void rulesOutOfBoundsAreRefusedNamingTheField() {
        for (String[] bad : List.of(
                new String[] {"{\"timeZone\":\"Mars/Olympus\"}", "timeZone"},
                new String[] {"{\"householdDailyCap\":0}", "householdDailyCap"},
                new String[] {"{\"behaviours\":[{\"behaviour\":\"GREEN_TRAVEL\",\"basis\":\"ACTIVITY\",\"creditsPerUnit\":1e999999999}]}",
                        "behaviours[0].creditsPerUnit"},
                new String[] {"{\"behaviours\":[{\"behaviour\":\"GREEN_TRAVEL\",\"basis\":\"ACTIVITY\",\"creditsPerUnit\":0.0001}]}",
                        "behaviours[0].creditsPerUnit"})) {
            assertThat(mvc.post().uri("/api/credits/communities/{c}/earning-rules", community).header(HttpHeaders.AUTHORIZATION, manager)
                    .contentType(MediaType.APPLICATION_JSON).content(bad[0]))
                    .as(bad[0]).hasStatus(HttpStatus.BAD_REQUEST).bodyJson()
                    .hasPathSatisfying("$.invalid-params[0].name", v -> v.assertThat().isEqualTo(bad[1]));
        }
    }

    private void publish(String rules) {
        assertThat(mvc.post().uri("/api/credits/communities/{c}/earning-rules", community).header(HttpHeaders.AUTHORIZATION, manager)
                .contentType(MediaType.APPLICATION_JSON).content(rules)).hasStatus(HttpStatus.CREATED);
    }

    /** A correctly sorted perishable drop as accounting records it: 0.2 kg CO2e per kg. */
    private CarbonReductionRecorded waste(Instant occurredAt, String kg) {
        BigDecimal weight = new BigDecimal(kg);
        return new CarbonReductionRecorded(UUID.randomUUID(), 1, community, occurredAt, household, ReductionBehaviour.SORTED_PERISHABLE_WASTE,
                Quantity.of(weight, Unit.KG), Quantity.of(weight.multiply(new BigDecimal("0.2")), Unit.KG_CO2E), "wuhan-pilot", UUID.randomUUID());
    }

    private void award(CarbonReductionRecorded reduction) {
        ledger.award(List.of(reduction));
    }

    private List<Long> amounts() {
        return jdbc.queryForList("SELECT amount FROM ledger_entry WHERE community_id = ? AND household_id = ? ORDER BY account_seq",
                Long.class, community, household);
    }

    private long balance() {
        return jdbc.queryForObject("SELECT balance FROM credit_account WHERE community_id = ? AND household_id = ?", Long.class, community, household);
    }
}
