package org.communitycarbon.credits.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.communitycarbon.credits.CreditsServiceTest;
import org.communitycarbon.credits.ledger.Ledger;
import org.communitycarbon.infra.EmbeddedInfrastructure;
import org.communitycarbon.model.Quantity;
import org.communitycarbon.model.Unit;
import org.communitycarbon.model.recycling.CreditRequestDecided;
import org.communitycarbon.model.recycling.CreditRequestKind;
import org.communitycarbon.model.recycling.CreditRequestOutcome;
import org.communitycarbon.model.recycling.CreditRequestTopics;
import org.communitycarbon.model.recycling.CreditRequested;
import org.communitycarbon.model.recycling.PickupSettled;
import org.communitycarbon.model.recycling.SettledItem;
import org.communitycarbon.model.recycling.Settlement;
import org.communitycarbon.support.messaging.EventCodec;
import org.communitycarbon.testing.KafkaTestConsumer;
import org.communitycarbon.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/**
 * Credits the recycling service asks to move, through Kafka: a tool's deposit is held in the community's deposit
 * account and given back on return, or kept for the community; a hold or transfer the household cannot pay is refused
 * with a reason, moves nothing and opens no account; an exchange's transfer delivered twice moves the credits once; every entry is
 * chained.
 */
@CreditsServiceTest
class CreditRequestIT {

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    @Autowired
    EventCodec codec;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Ledger ledger;

    @Autowired
    MockMvcTester mvc;

    private final String community = "cr-" + UUID.randomUUID().toString().substring(0, 8);
    private final String manager = TestTokens.bearer(TestTokens.propertyManager(community));

    @Test
    void aDepositIsHeldOnceAndReleasedOnReturn() throws Exception {
        earn("hh-1");  // 960 credits
        UUID booking = UUID.randomUUID();
        CreditRequested hold = request(CreditRequestKind.HOLD, CreditRequested.holdIdOf(booking), booking, "hh-1", null, 500, null,
                "deposit for the tool 'Ladder', booking " + booking);

        List<CreditRequestDecided> outcomes = sendAndAwait(List.of(hold, hold), 1);
        assertThat(outcomes).singleElement().satisfies(outcome -> {
            assertThat(outcome.outcome()).isEqualTo(CreditRequestOutcome.APPLIED);
            assertThat(outcome.requestId()).isEqualTo(hold.eventId());
            assertThat(outcome.credits().value()).isEqualByComparingTo("500");
        });
        assertThat(balance("hh-1")).isEqualTo(460);
        assertThat(balance(CreditRequests.DEPOSITS)).isEqualTo(500);

        CreditRequested release = request(CreditRequestKind.RELEASE, CreditRequested.settlementIdOf(booking), booking, "hh-1", null, 500,
                hold.eventId(), "deposit given back: the tool 'Ladder' returned, booking " + booking);
        assertThat(sendAndAwait(List.of(release, release), 1)).singleElement()
                .satisfies(outcome -> assertThat(outcome.outcome()).isEqualTo(CreditRequestOutcome.APPLIED));
        assertThat(balance("hh-1")).isEqualTo(960);
        assertThat(balance(CreditRequests.DEPOSITS)).isZero();
        assertThat(jdbc.queryForList("SELECT household_id || ' ' || kind || ' ' || amount FROM ledger_entry WHERE community_id = ?"
                + " AND kind LIKE 'DEPOSIT%' ORDER BY recorded_at, amount", String.class, community))
                .containsExactly("hh-1 DEPOSIT_HOLD -500", CreditRequests.DEPOSITS + " DEPOSIT_HOLD 500",
                        CreditRequests.DEPOSITS + " DEPOSIT_RELEASE -500", "hh-1 DEPOSIT_RELEASE 500");
        assertThat(mvc.get().uri("/api/credits/communities/{c}/ledger/verification", community).header(HttpHeaders.AUTHORIZATION, manager))
                .hasStatusOk().bodyJson().hasPathSatisfying("$.intact", v -> v.assertThat().isEqualTo(true));
    }

    @Test
    void aHoldTheHouseholdCannotPayIsRefusedWithAReasonAndItsReleaseFindsNothingHeld() {
        earn("hh-2");  // 960 credits
        UUID booking = UUID.randomUUID();
        CreditRequested hold = request(CreditRequestKind.HOLD, CreditRequested.holdIdOf(booking), booking, "hh-2", null, 1000, null,
                "deposit for the tool 'Cart', booking " + booking);
        assertThat(sendAndAwait(List.of(hold), 1)).singleElement().satisfies(outcome -> {
            assertThat(outcome.outcome()).isEqualTo(CreditRequestOutcome.REFUSED);
            assertThat(outcome.reason()).isEqualTo("The household holds 960 credits; the tool's deposit is 1000");
            assertThat(outcome.credits().value()).isZero();
        });
        CreditRequested release = request(CreditRequestKind.RELEASE, CreditRequested.settlementIdOf(booking), booking, "hh-2", null,
                1000, hold.eventId(), "deposit given back");
        assertThat(sendAndAwait(List.of(release), 1)).singleElement()
                .satisfies(outcome -> assertThat(outcome.reason()).isEqualTo("No deposit was held for this booking"));
        assertThat(balance("hh-2")).isEqualTo(960);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM ledger_entry WHERE community_id = ? AND kind LIKE 'DEPOSIT%'",
                Integer.class, community)).isZero();
        assertThat(accounts()).as("the refused hold opened no deposit account").doesNotContain(CreditRequests.DEPOSITS);
    }

    @Test
    void aForfeitedDepositGoesToTheCommunitysAccount() {
        earn("hh-3");
        UUID booking = UUID.randomUUID();
        CreditRequested hold = request(CreditRequestKind.HOLD, CreditRequested.holdIdOf(booking), booking, "hh-3", null, 300, null,
                "deposit");
        sendAndAwait(List.of(hold), 1);
        CreditRequested forfeit = request(CreditRequestKind.FORFEIT, CreditRequested.settlementIdOf(booking), booking, "hh-3", null,
                300, hold.eventId(), "deposit kept: the drill came back broken");
        assertThat(sendAndAwait(List.of(forfeit), 1)).singleElement()
                .satisfies(outcome -> assertThat(outcome.outcome()).isEqualTo(CreditRequestOutcome.APPLIED));
        assertThat(balance("hh-3")).isEqualTo(660);
        assertThat(balance(CreditRequests.DEPOSITS)).isZero();
        assertThat(balance(CreditRequests.COMMUNITY)).isEqualTo(300);
        // the community's two accounts are not households (the other account: hh-3; the test's refused marker transfer
        // opens none), and moving credits between accounts issues none
        List<String> accounts = accounts();
        assertThat(accounts).containsExactlyInAnyOrder("hh-3", CreditRequests.COMMUNITY, CreditRequests.DEPOSITS);
        assertThat(mvc.get().uri("/api/credits/communities/{c}/summary", community).header(HttpHeaders.AUTHORIZATION, manager))
                .hasStatusOk().bodyJson()
                .hasPathSatisfying("$.households", v -> v.assertThat().isEqualTo(accounts.size() - 2))
                .hasPathSatisfying("$.creditsAwarded", v -> v.assertThat().isEqualTo(960));
    }

    @Test
    void anExchangeTransferDeliveredTwiceMovesTheCreditsOnceAndOneTooBigIsRefused() {
        earn("buyer");
        UUID listing = UUID.randomUUID();
        CreditRequested transfer = request(CreditRequestKind.TRANSFER, CreditRequested.transferIdOf(listing, 1), listing, "buyer", "seller",
                200, null, "second-hand 'Children's books' handed over, listing " + listing);
        assertThat(sendAndAwait(List.of(transfer, transfer, transfer), 1)).singleElement()
                .satisfies(outcome -> assertThat(outcome.outcome()).isEqualTo(CreditRequestOutcome.APPLIED));
        assertThat(balance("buyer")).isEqualTo(760);
        assertThat(balance("seller")).isEqualTo(200);

        CreditRequested tooBig = request(CreditRequestKind.TRANSFER, CreditRequested.transferIdOf(listing, 2), listing, "buyer", "seller",
                5000, null, "second-hand 'Piano' handed over");
        assertThat(sendAndAwait(List.of(tooBig), 1)).singleElement()
                .satisfies(outcome -> assertThat(outcome.reason()).isEqualTo("The household holds 760 credits; the item asks 5000"));
        assertThat(balance("seller")).isEqualTo(200);
    }

    @Test
    void aRefusedTransferLeavesNoTraceInTheAccounts() {
        earn("giver");  // 960 credits
        UUID listing = UUID.randomUUID();
        CreditRequested tooBig = request(CreditRequestKind.TRANSFER, CreditRequested.transferIdOf(listing, 1), listing, "giver",
                "new-owner", 1000, null, "second-hand 'Sofa' handed over, listing " + listing);
        CreditRequested fromNobody = request(CreditRequestKind.TRANSFER, CreditRequested.transferIdOf(listing, 2), listing,
                "never-earned", "other-owner", 1, null, "second-hand 'Lamp' handed over, listing " + listing);
        assertThat(sendAndAwait(List.of(tooBig, fromNobody), 2)).allSatisfy(outcome -> {
            assertThat(outcome.outcome()).isEqualTo(CreditRequestOutcome.REFUSED);
            assertThat(outcome.credits().value()).isZero();
        }).extracting(CreditRequestDecided::reason).containsExactlyInAnyOrder(
                "The household holds 960 credits; the item asks 1000", "The household holds 0 credits; the item asks 1");
        // neither payee nor the payer without credits has an account, the giver's is as it was, and the refusals are
        // still the outcomes' record (the inbox and the published decisions)
        assertThat(accounts()).containsExactly("giver");
        assertThat(balance("giver")).isEqualTo(960);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM ledger_entry WHERE community_id = ? AND kind = 'EXCHANGE_TRANSFER'",
                Integer.class, community)).isZero();

        CreditRequested fits = request(CreditRequestKind.TRANSFER, CreditRequested.transferIdOf(listing, 3), listing, "giver",
                "new-owner", 960, null, "second-hand 'Sofa' handed over, listing " + listing);
        assertThat(sendAndAwait(List.of(fits), 1)).singleElement()
                .satisfies(outcome -> assertThat(outcome.outcome()).isEqualTo(CreditRequestOutcome.APPLIED));
        assertThat(accounts()).as("an applied transfer opens the payee's account").containsExactly("giver", "new-owner");
        assertThat(balance("new-owner")).isEqualTo(960);
        assertThat(mvc.get().uri("/api/credits/communities/{c}/ledger/verification", community).header(HttpHeaders.AUTHORIZATION, manager))
                .hasStatusOk().bodyJson().hasPathSatisfying("$.intact", v -> v.assertThat().isEqualTo(true));
    }

    /** Sends the requests, then awaits the community's outcomes of their ids: {@code expected} of them, no more. */
    private List<CreditRequestDecided> sendAndAwait(List<CreditRequested> requests, int expected) {
        try (var outcomes = new KafkaTestConsumer(EmbeddedInfrastructure.shared().kafka().bootstrapServers(),
                CreditRequestTopics.CREDIT_REQUEST_OUTCOMES)) {
            for (CreditRequested request : requests) {
                kafka.send(CreditRequestTopics.CREDIT_REQUESTS, community, codec.encode(request)).get();
            }
            List<UUID> ids = requests.stream().map(CreditRequested::eventId).distinct().toList();
            await().atMost(Duration.ofSeconds(30)).until(() -> processed(ids) == ids.size());
            // a marker from the same community, on the same partition, comes after any second outcome
            UUID marker = UUID.randomUUID();
            kafka.send(CreditRequestTopics.CREDIT_REQUESTS, community, codec.encode(request(CreditRequestKind.TRANSFER,
                    marker, marker, "nobody", "somebody", 1, null, "marker"))).get();
            outcomes.await(r -> KafkaTestConsumer.value(r).contains(marker.toString()), Duration.ofSeconds(30));
            List<CreditRequestDecided> decided = outcomes.drain(Duration.ZERO).stream()
                    .map(r -> codec.decode(r.value(), CreditRequestDecided.class))
                    .filter(d -> ids.contains(d.requestId())).toList();
            assertThat(decided).hasSize(expected);
            return decided;
        }
        catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private int processed(List<UUID> ids) {
        return ids.stream().mapToInt(id -> jdbc.queryForObject("SELECT count(*) FROM processed_event WHERE consumer = ? AND event_id = ?",
                Integer.class, CreditRequests.CONSUMER, id)).sum();
    }

    private CreditRequested request(CreditRequestKind kind, UUID id, UUID subject, String household, String to, long credits, UUID hold,
            String reason) {
        CreditRequested request = new CreditRequested(id, 1, community, Instant.now(), kind, subject, household, to,
                Quantity.of(BigDecimal.valueOf(credits), Unit.CREDIT), hold, reason);
        request.validate();
        return request;
    }

    /** 3.2 kg of paper settled in credits at 300 per kg: 960 credits. */
    private void earn(String household) {
        UUID pickup = UUID.randomUUID();
        List<SettledItem> items = List.of(new SettledItem("PAPER", Quantity.of("3.2", Unit.KG), new BigDecimal("1.40"), 300));
        ledger.paySettlements(List.of(new PickupSettled(PickupSettled.eventIdOf(pickup), 1, community, Instant.now(), pickup, household,
                "green-cycle", Settlement.CREDITS, 1, items, Quantity.of("3.2", Unit.KG), BigDecimal.ZERO,
                Quantity.of(PickupSettled.creditsFor(items), Unit.CREDIT))));
    }

    /** The community's accounts, by household id. */
    private List<String> accounts() {
        return jdbc.queryForList("SELECT household_id FROM credit_account WHERE community_id = ? ORDER BY household_id", String.class,
                community);
    }

    private long balance(String household) {
        return jdbc.queryForList("SELECT balance FROM credit_account WHERE community_id = ? AND household_id = ?", Long.class,
                community, household).stream().findFirst().orElse(0L);
    }
}
