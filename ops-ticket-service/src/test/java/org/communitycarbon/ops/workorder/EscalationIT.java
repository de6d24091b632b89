package org.communitycarbon.ops.workorder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.communitycarbon.infra.EmbeddedInfrastructure;
import org.communitycarbon.model.Quantity;
import org.communitycarbon.model.Unit;
import org.communitycarbon.model.ops.EscalationLevel;
import org.communitycarbon.model.ops.OpsTopics;
import org.communitycarbon.model.ops.WorkOrderEscalated;
import org.communitycarbon.ops.OpsTicketServiceTest;
import org.communitycarbon.support.messaging.EventCodec;
import org.communitycarbon.testing.KafkaTestConsumer;
import org.communitycarbon.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Escalation: an active order past its deadline goes up to the residents' committee and, past the committee's deadline,
 * to the street office, once per level, with each level's deadline counted from the one missed; visible on the order,
 * in its trail, in the summary and as WorkOrderEscalated on ops.escalations. The committee acts on escalated orders only.
 */
@OpsTicketServiceTest
class EscalationIT {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @Autowired
    MockMvcTester mvc;

    @Autowired
    WorkOrders workOrders;

    @Autowired
    Escalations escalations;

    @Autowired
    EventCodec codec;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    JdbcTemplate jdbc;

    private final String community = BinStatuses.community();
    private final String committee = TestTokens.residentsCommittee(community);
    private final String manager = TestTokens.propertyManager(community);

    @Test
    void anOverdueOrderGoesUpToTheCommitteeThenTheStreetOfficeOnceEachWithItsLevelsDeadline() {
        Instant now = BinStatuses.now();
        // due 25 hours ago: the committee's 24 hours after it are over too
        Instant deadline = now.minus(Duration.ofHours(25));
        UUID order = order(deadline.minus(Duration.ofHours(2)), deadline);

        escalations.check();
        get(committee, order).assertThat().hasStatusOk().bodyJson()
                .hasPathSatisfying("$.escalationLevel", v -> v.assertThat().isEqualTo("RESIDENTS_COMMITTEE"))
                .hasPathSatisfying("$.levelDeadline", v -> v.assertThat().isEqualTo(deadline.plus(Duration.ofHours(24)).toString()))
                .hasPathSatisfying("$.status", v -> v.assertThat().isEqualTo("OPEN"));

        escalations.check();
        escalations.check();
        get(manager, order).assertThat().hasStatusOk().bodyJson()
                .hasPathSatisfying("$.escalationLevel", v -> v.assertThat().isEqualTo("STREET_OFFICE"))
                .hasPathSatisfying("$.levelDeadline", v -> v.assertThat().isEqualTo(deadline.plus(Duration.ofHours(72)).toString()));

        assertThat(mvc.get().uri("/api/ops/work-orders/{id}/history", order)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.streetOffice("s-" + community, community))))
                .hasStatusOk().bodyJson()
                .hasPathSatisfying("$[*].kind", v -> v.assertThat().asList().containsExactly("ESCALATION", "ESCALATION"))
                .hasPathSatisfying("$[*].escalationLevel", v -> v.assertThat().asList()
                        .containsExactly("RESIDENTS_COMMITTEE", "STREET_OFFICE"))
                .hasPathSatisfying("$[*].actor", v -> v.assertThat().asList().containsExactly("platform", "platform"))
                .hasPathSatisfying("$[0].note", v -> v.assertThat().asString()
                        .contains("Escalated to the residents' committee").contains(deadline.toString()));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM work_order_escalation WHERE work_order_id = ?", Integer.class, order))
                .isEqualTo(2);

        List<WorkOrderEscalated> events = escalated(order, 2);
        assertThat(events).extracting(WorkOrderEscalated::toLevel)
                .containsExactly(EscalationLevel.RESIDENTS_COMMITTEE, EscalationLevel.STREET_OFFICE);
        assertThat(events).extracting(WorkOrderEscalated::sequence).containsExactly(1, 2);
        assertThat(events.get(0).eventId()).isEqualTo(WorkOrderEscalated.eventIdOf(order, EscalationLevel.RESIDENTS_COMMITTEE));
        assertThat(events.get(0).missedDeadline()).isEqualTo(deadline);
        assertThat(events.get(1).missedDeadline()).isEqualTo(deadline.plus(Duration.ofHours(24)));

        mvc.get().uri("/api/ops/communities/{c}/work-orders/summary?from={from}", community, now.minus(Duration.ofDays(3)))
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(committee)).assertThat().hasStatusOk().bodyJson()
                .hasPathSatisfying("$.total.opened", v -> v.assertThat().isEqualTo(1))
                .hasPathSatisfying("$.total.activeOverdue", v -> v.assertThat().isEqualTo(1))
                .hasPathSatisfying("$.total.escalatedToCommittee", v -> v.assertThat().isEqualTo(1))
                .hasPathSatisfying("$.total.escalatedToStreetOffice", v -> v.assertThat().isEqualTo(1))
                .hasPathSatisfying("$.byType[0].type", v -> v.assertThat().isEqualTo("DEVICE_OFFLINE"));
        // the escalations are kept for good
        assertThatThrownBy(() -> jdbc.update("DELETE FROM work_order_escalation WHERE work_order_id = ?", order))
                .isInstanceOf(DataAccessException.class);
    }

    @Test
    void anOrderWithinItsDeadlineOrHandledInTimeDoesNotEscalate() {
        Instant now = BinStatuses.now();
        UUID current = order(now.minus(Duration.ofHours(1)), now.plus(Duration.ofHours(1)));
        UUID resolved = order(now.minus(Duration.ofHours(3)), now.minus(Duration.ofHours(2)));
        post(manager, resolved, "resolve", "{\"note\":\"Handled, late\"}").assertThat().hasStatusOk();

        escalations.check();

        get(manager, current).assertThat().bodyJson()
                .hasPathSatisfying("$.escalationLevel", v -> v.assertThat().isEqualTo("PROPERTY_COMPANY"))
                .hasPathSatisfying("$.escalatedAt", v -> v.assertThat().isNull());
        get(manager, resolved).assertThat().bodyJson()
                .hasPathSatisfying("$.escalationLevel", v -> v.assertThat().isEqualTo("PROPERTY_COMPANY"));
    }

    @Test
    void theCommitteeReassignsAndResolvesAnOrderOnlyOnceItWasEscalatedToIt() {
        Instant now = BinStatuses.now();
        UUID notYet = order(now.minus(Duration.ofHours(1)), now.plus(Duration.ofHours(1)));
        UUID overdue = order(now.minus(Duration.ofHours(3)), now.minus(Duration.ofMinutes(5)));

        post(committee, notYet, "assign", "{\"assignee\":\"committee-volunteers\"}").assertThat().hasStatus(403).bodyJson()
                .hasPathSatisfying("$.detail", v -> v.assertThat().asString().contains("once it is escalated"));
        post(committee, notYet, "resolve", "{\"note\":\"Seen to\"}").assertThat().hasStatus(403);
        post(committee, notYet, "comment", "{\"note\":\"We will look at it tomorrow if the company does not\"}")
                .assertThat().hasStatusOk().bodyJson()
                .hasPathSatisfying("$.kind", v -> v.assertThat().isEqualTo("COMMENT"));

        escalations.check();
        mvc.get().uri("/api/ops/communities/{c}/work-orders?level=RESIDENTS_COMMITTEE", community)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(committee)).assertThat().hasStatusOk().bodyJson()
                .hasPathSatisfying("$.items[*].id", v -> v.assertThat().asList().containsExactly(overdue.toString()));
        post(TestTokens.residentsCommittee("elsewhere-" + community), overdue, "assign", "{\"assignee\":\"x\"}")
                .assertThat().hasStatus(404);
        post(committee, overdue, "assign", "{\"assignee\":\"committee-volunteers\"}").assertThat().hasStatusOk().bodyJson()
                .hasPathSatisfying("$.assignee", v -> v.assertThat().isEqualTo("committee-volunteers"))
                .hasPathSatisfying("$.escalationLevel", v -> v.assertThat().isEqualTo("RESIDENTS_COMMITTEE"));
        post(committee, overdue, "resolve", "{\"note\":\"Volunteers cleared it\"}").assertThat().hasStatusOk().bodyJson()
                .hasPathSatisfying("$.status", v -> v.assertThat().isEqualTo("RESOLVED"))
                .hasPathSatisfying("$.resolvedBy", v -> v.assertThat().isEqualTo("committee-" + community));
        // the committee does not close or reopen: the property manager verifies
        post(committee, overdue, "close", null).assertThat().hasStatus(403);
    }

    private UUID order(Instant openedAt, Instant deadline) {
        UUID source = UUID.randomUUID();
        NewWorkOrder order = new NewWorkOrder(NewWorkOrder.idFor(source), community, WorkOrderType.DEVICE_OFFLINE,
                "meter-" + source, source, "Device silent", Quantity.of(new BigDecimal("45"), Unit.MINUTE),
                Quantity.of(new BigDecimal("30"), Unit.MINUTE), NewWorkOrder.propertyTeamOf(community), openedAt, deadline);
        new TransactionTemplate(transactions).executeWithoutResult(status -> workOrders.open(List.of(order)));
        return order.id();
    }

    private MvcTestResult get(String token, UUID order) {
        return mvc.get().uri("/api/ops/work-orders/{id}", order).header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(token))
                .exchange();
    }

    private MvcTestResult post(String token, UUID order, String action, String body) {
        var request = mvc.post().uri("/api/ops/work-orders/{id}/" + action, order)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(token));
        if (body != null) {
            request = request.contentType(MediaType.APPLICATION_JSON).content(body);
        }
        return request.exchange();
    }

    /** The order's escalations on ops.escalations once {@code expected} have arrived, in sequence. */
    private List<WorkOrderEscalated> escalated(UUID order, int expected) {
        List<WorkOrderEscalated> seen = new ArrayList<>();
        try (var consumer = new KafkaTestConsumer(EmbeddedInfrastructure.shared().kafka().bootstrapServers(), OpsTopics.ESCALATIONS)) {
            await().atMost(PATIENCE).until(() -> {
                for (ConsumerRecord<String, byte[]> record : consumer.drain(Duration.ofMillis(200))) {
                    WorkOrderEscalated escalation = codec.decode(record.value(), WorkOrderEscalated.class);
                    if (escalation.workOrderId().equals(order)) {
                        seen.add(escalation);
                    }
                }
                return seen.size() >= expected;
            });
        }
        seen.sort(java.util.Comparator.comparingInt(WorkOrderEscalated::sequence));
        return seen;
    }
}
