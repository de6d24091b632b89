package org.communitycarbon.recycling.pickup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.UnsupportedEncodingException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.communitycarbon.infra.EmbeddedInfrastructure;
import org.communitycarbon.model.recycling.RecyclingTopics;
import org.communitycarbon.model.security.Role;
import org.communitycarbon.model.security.TokenClaims;
import org.communitycarbon.recycling.RecyclingServiceTest;
import org.communitycarbon.testing.KafkaTestConsumer;
import org.communitycarbon.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import com.jayway.jsonpath.JsonPath;

/**
 * A booking's life after it is booked: dispatched automatically to an eligible recycler, seen and moved on only by
 * that recycler's collectors, impossible steps refused, every step on Kafka, a missed deadline reported once.
 */
@RecyclingServiceTest
class PickupLifecycleIT {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    PickupDispatcher dispatcher;

    @Autowired
    PickupDeadlineWatch deadlines;

    @Autowired
    JdbcTemplate jdbc;

    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private final String community = "c-" + suffix;
    private final String manager = TestTokens.bearer(TestTokens.propertyManager(community));

    @Test
    void aBookingIsDispatchedAutomaticallyToAnEligibleRecyclerAndWorkIsSpread() {
        String first = onboard("first-" + suffix, List.of("PAPER", "PLASTIC", "METAL"), 10);
        String second = onboard("second-" + suffix, List.of("PAPER", "PLASTIC"), 10);
        onboard("metal-" + suffix, List.of("METAL"), 100); // does not take plastic
        onboardElsewhere("away-" + suffix, List.of("PAPER", "PLASTIC"));

        String one = book("hh-1", "a");
        String two = book("hh-2", "a");

        Set<String> assigned = new HashSet<>();
        for (String id : List.of(one, two)) {
            assigned.add(awaitDispatched(id));
        }
        assertThat(assigned).as("each eligible recycler gets one of the two").containsExactlyInAnyOrder(first, second);
    }

    @Test
    void aRecyclerSeesAndActsOnOnlyItsOwnCompanysOrders() {
        String mine = onboard("mine-" + suffix, List.of("PAPER", "PLASTIC"), 1);
        String theirs = onboard("theirs-" + suffix, List.of("PAPER", "PLASTIC"), 1);
        String collector = collectorOf(mine);
        String rival = collectorOf(theirs);
        String a = book("hh-1", "a");
        String b = book("hh-2", "b");
        String aTo = awaitDispatched(a);
        String bTo = awaitDispatched(b);
        assertThat(Set.of(aTo, bTo)).as("capacity 1 each: one order each").containsExactlyInAnyOrder(mine, theirs);
        String ours = aTo.equals(mine) ? a : b;
        String other = aTo.equals(mine) ? b : a;

        assertThat(mvc.get().uri("/api/recycling/recycler/pickups").header(HttpHeaders.AUTHORIZATION, collector))
                .hasStatusOk().bodyJson()
                .hasPathSatisfying("$.items[*].id", v -> v.assertThat().asList().containsExactly(ours));
        assertThat(mvc.get().uri("/api/recycling/pickups/{id}", ours).header(HttpHeaders.AUTHORIZATION, collector))
                .hasStatusOk().bodyJson().extractingPath("$.recyclerId").isEqualTo(mine);
        assertThat(mvc.get().uri("/api/recycling/pickups/{id}", other).header(HttpHeaders.AUTHORIZATION, collector))
                .hasStatus(HttpStatus.NOT_FOUND);
        assertThat(mvc.post().uri("/api/recycling/pickups/{id}/accept", other).header(HttpHeaders.AUTHORIZATION, collector))
                .hasStatus(HttpStatus.NOT_FOUND);
        assertThat(cancel(other, collector)).hasStatus(HttpStatus.NOT_FOUND);
        assertThat(mvc.get().uri("/api/recycling/pickups/{id}", ours).header(HttpHeaders.AUTHORIZATION, rival))
                .hasStatus(HttpStatus.NOT_FOUND);
        // a user with the role but recorded for no company sees nothing
        assertThat(mvc.get().uri("/api/recycling/recycler/pickups").header(HttpHeaders.AUTHORIZATION, recyclerToken("nobody-" + suffix)))
                .hasStatus(HttpStatus.FORBIDDEN);
    }

    @Test
    void takesTheStepsInOrderRefusesAnImpossibleOneAndPublishesEach() {
        String recycler = onboard("steps-" + suffix, List.of("PAPER", "PLASTIC"), 5);
        String collector = collectorOf(recycler);
        String id = book("hh-1", "a");
        awaitDispatched(id);

        assertThat(collect(id, collector)).hasStatus(HttpStatus.CONFLICT)
                .bodyJson().extractingPath("$.detail").asString().contains("DISPATCHED cannot be collected");
        assertThat(step(id, "accept", collector)).hasStatusOk().bodyJson().extractingPath("$.status").isEqualTo("ACCEPTED");
        assertThat(step(id, "accept", collector)).hasStatus(HttpStatus.CONFLICT);
        assertThat(step(id, "depart", collector)).hasStatusOk().bodyJson().extractingPath("$.status").isEqualTo("ON_THE_WAY");
        assertThat(collect(id, collector)).hasStatusOk().bodyJson().extractingPath("$.status").isEqualTo("COLLECTED");
        assertThat(cancel(id, TestTokens.bearer(TestTokens.resident(community, "hh-1")))).hasStatus(HttpStatus.CONFLICT)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON);

        try (var topic = new KafkaTestConsumer(EmbeddedInfrastructure.shared().kafka().bootstrapServers(), RecyclingTopics.PICKUPS)) {
            ConsumerRecord<String, byte[]> last = topic.await(r -> KafkaTestConsumer.value(r).contains(id)
                    && KafkaTestConsumer.value(r).contains("\"COLLECTED\""), Duration.ofSeconds(30));
            assertThat(last.key()).isEqualTo(community);
            List<String> steps = topic.drain(Duration.ZERO).stream().map(KafkaTestConsumer::value).filter(v -> v.contains(id))
                    .map(v -> JsonPath.<String>read(v, "$.status")).toList();
            assertThat(steps).containsExactly("REQUESTED", "DISPATCHED", "ACCEPTED", "ON_THE_WAY", "COLLECTED");
        }
    }

    @Test
    void theResidentCancelsWithAReasonAndTheManagerReassigns() {
        String first = onboard("one-" + suffix, List.of("PAPER", "PLASTIC"), 5);
        String second = onboard("two-" + suffix, List.of("PAPER", "PLASTIC"), 5);
        String id = book("hh-1", "a");
        String to = awaitDispatched(id);
        String other = to.equals(first) ? second : first;
        assertThat(mvc.post().uri("/api/recycling/pickups/{id}/assign", id).header(HttpHeaders.AUTHORIZATION, manager)
                .contentType(MediaType.APPLICATION_JSON).content("{\"recyclerId\":\"" + other + "\",\"reason\":\"no truck\"}"))
                .hasStatusOk().bodyJson().extractingPath("$.recyclerId").isEqualTo(other);
        assertThat(mvc.post().uri("/api/recycling/pickups/{id}/assign", id)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.propertyManager("elsewhere-" + suffix)))
                .contentType(MediaType.APPLICATION_JSON).content("{\"recyclerId\":\"" + other + "\"}"))
                .hasStatus(HttpStatus.NOT_FOUND);
        assertThat(cancel(id, TestTokens.bearer(TestTokens.resident(community, "hh-1")))).hasStatusOk()
                .bodyJson().extractingPath("$.cancelledBy").isEqualTo("RESIDENT");
    }

    @Test
    void aMissedDispatchDeadlineIsReportedOnce() {
        // a community no recycler serves: the booking waits, and its deadline passes
        String late = book("hh-1", "late");
        String marker = book("hh-2", "marker");
        backdate(late);
        deadlines.check();
        deadlines.check();
        backdate(marker);
        deadlines.check();
        try (var topic = new KafkaTestConsumer(EmbeddedInfrastructure.shared().kafka().bootstrapServers(), RecyclingTopics.PICKUP_DEADLINES)) {
            // same community, same key, same partition: the marker's alert comes after any repeat of the first one's
            topic.await(r -> KafkaTestConsumer.value(r).contains(marker), Duration.ofSeconds(30));
            List<String> alerts = topic.drain(Duration.ZERO).stream().map(KafkaTestConsumer::value).filter(v -> v.contains(late)).toList();
            assertThat(alerts).hasSize(1);
            assertThat(JsonPath.<String>read(alerts.get(0), "$.deadline")).isEqualTo("DISPATCH");
            assertThat(JsonPath.<String>read(alerts.get(0), "$.status")).isEqualTo("REQUESTED");
        }
    }

    private void backdate(String id) {
        jdbc.update("""
                UPDATE pickup_booking SET requested_at = requested_at - interval '2 hours',
                    dispatch_due_at = dispatch_due_at - interval '2 hours', arrival_due_at = arrival_due_at - interval '2 hours'
                WHERE id = ?::uuid""", id);
    }

    private String awaitDispatched(String id) {
        String[] recycler = new String[1];
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            dispatcher.dispatchWaiting();
            List<String> found = jdbc.queryForList("SELECT recycler_id FROM pickup_booking WHERE id = ?::uuid AND status = 'DISPATCHED'",
                    String.class, id);
            recycler[0] = found.isEmpty() ? null : found.get(0);
            return recycler[0] != null;
        });
        return recycler[0];
    }

    private String onboard(String id, List<String> categories, int capacity) {
        assertThat(mvc.post().uri("/api/recycling/communities/{c}/recyclers", community).header(HttpHeaders.AUTHORIZATION, manager)
                .contentType(MediaType.APPLICATION_JSON).content(recycler(id, categories, capacity)))
                .hasStatus(HttpStatus.CREATED);
        return id;
    }

    private void onboardElsewhere(String id, List<String> categories) {
        assertThat(mvc.post().uri("/api/recycling/communities/{c}/recyclers", "away-" + suffix)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.admin()))
                .contentType(MediaType.APPLICATION_JSON).content(recycler(id, categories, 100)))
                .hasStatus(HttpStatus.CREATED);
    }

    private static String recycler(String id, List<String> categories, int capacity) {
        return "{\"id\":\"" + id + "\",\"name\":\"Recycler " + id + "\",\"licenceNumber\":\"L-" + id + "\",\"categories\":"
                + categories.stream().map(c -> "\"" + c + "\"").toList() + ",\"dailyCapacity\":" + capacity + "}";
    }

    private String collectorOf(String recycler) {
        String subject = "collector-" + recycler;
        assertThat(mvc.post().uri("/api/recycling/recyclers/{r}/collectors", recycler).header(HttpHeaders.AUTHORIZATION, manager)
                .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"Wang Lei\",\"subject\":\"" + subject + "\"}"))
                .hasStatus(HttpStatus.CREATED);
        return recyclerToken(subject);
    }

    private static String recyclerToken(String subject) {
        return TestTokens.bearer(TestTokens.sign(subject, Map.of(TokenClaims.ROLES, List.of(Role.RECYCLER.name()))));
    }

    private MvcTestResult step(String id, String step, String token) {
        return mvc.post().uri("/api/recycling/pickups/{id}/" + step, id).header(HttpHeaders.AUTHORIZATION, token).exchange();
    }

    private MvcTestResult collect(String id, String token) {
        return mvc.post().uri("/api/recycling/pickups/{id}/collect", id).header(HttpHeaders.AUTHORIZATION, token)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"items\":[{\"category\":\"PAPER\",\"weightKg\":3.2}],\"settlement\":\"CASH\"}").exchange();
    }

    private MvcTestResult cancel(String id, String token) {
        return mvc.post().uri("/api/recycling/pickups/{id}/cancel", id).header(HttpHeaders.AUTHORIZATION, token)
                .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"changed my mind\"}").exchange();
    }

    private String book(String household, String key) {
        MvcTestResult result = mvc.post().uri("/api/recycling/pickups")
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.resident(community, household)))
                .header(IdempotencyKey.HEADER, key).contentType(MediaType.APPLICATION_JSON)
                .content(PickupRequestJson.paperAndPlastic().json()).exchange();
        assertThat(result).hasStatus(HttpStatus.CREATED);
        try {
            return JsonPath.read(result.getResponse().getContentAsString(), "$.id");
        }
        catch (UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
