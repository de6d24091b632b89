package org.communitycarbon.ops.workorder;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.communitycarbon.model.Quantity;
import org.communitycarbon.model.Unit;
import org.communitycarbon.ops.OpsTicketServiceTest;
import org.communitycarbon.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The dashboard's overview of a community's work orders: counts by status, overdue and escalated, and the newest few. */
@OpsTicketServiceTest
class WorkOrderOverviewIT {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    WorkOrders workOrders;

    @Autowired
    Escalations escalations;

    @Autowired
    PlatformTransactionManager transactions;

    private final String community = BinStatuses.community();
    private final String manager = TestTokens.propertyManager(community);

    @Test
    void countsTheActiveOrdersByStatusOverdueAndEscalatedAndListsTheNewest() {
        Instant now = BinStatuses.now();
        UUID fresh = order(now.minus(Duration.ofMinutes(10)), now.plus(Duration.ofHours(4)));
        UUID assigned = order(now.minus(Duration.ofMinutes(20)), now.plus(Duration.ofHours(4)));
        UUID late = order(now.minus(Duration.ofHours(3)), now.minus(Duration.ofHours(1)));
        UUID resolved = order(now.minus(Duration.ofHours(5)), now.plus(Duration.ofHours(1)));
        // past their deadlines: both go up to the residents' committee
        UUID escalated = order(now.minus(Duration.ofHours(27)), now.minus(Duration.ofHours(25)));
        act(assigned, "assign", "{\"assignee\":\"staff-1\"}");
        act(resolved, "resolve", "{\"note\":\"Emptied\"}");
        escalations.check();

        mvc.get().uri("/api/ops/communities/{c}/work-orders/overview?latest=3", community)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(manager)).assertThat().hasStatusOk().bodyJson()
                .hasPathSatisfying("$.communityId", v -> v.assertThat().isEqualTo(community))
                .hasPathSatisfying("$.open", v -> v.assertThat().isEqualTo(3))
                .hasPathSatisfying("$.assigned", v -> v.assertThat().isEqualTo(1))
                .hasPathSatisfying("$.inProgress", v -> v.assertThat().isEqualTo(0))
                .hasPathSatisfying("$.overdue", v -> v.assertThat().isEqualTo(2))
                .hasPathSatisfying("$.escalated", v -> v.assertThat().isEqualTo(2))
                .hasPathSatisfying("$.latest[*].id", v -> v.assertThat().asList()
                        .containsExactly(fresh.toString(), assigned.toString(), late.toString()))
                .hasPathSatisfying("$.latest[2].overdue", v -> v.assertThat().isEqualTo(true));

        // the default is the six newest; none at all is allowed, more than 20 is not
        mvc.get().uri("/api/ops/communities/{c}/work-orders/overview", community)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.residentsCommittee(community))).assertThat()
                .hasStatusOk().bodyJson().hasPathSatisfying("$.latest[*].id", v -> v.assertThat().asList()
                        .containsExactly(fresh.toString(), assigned.toString(), late.toString(), resolved.toString(),
                                escalated.toString()));
        mvc.get().uri("/api/ops/communities/{c}/work-orders/overview?latest=0", community)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(manager)).assertThat().hasStatusOk().bodyJson()
                .hasPathSatisfying("$.latest", v -> v.assertThat().asList().isEmpty())
                .hasPathSatisfying("$.open", v -> v.assertThat().isEqualTo(3));
        mvc.get().uri("/api/ops/communities/{c}/work-orders/overview?latest=21", community)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(manager)).assertThat().hasStatus(400)
                .bodyText().contains("latest");
    }

    @Test
    void anotherCommunitysTeamAndResidentsAreRefused() {
        mvc.get().uri("/api/ops/communities/{c}/work-orders/overview", community)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.propertyManager("elsewhere-" + community)))
                .assertThat().hasStatus(403);
        mvc.get().uri("/api/ops/communities/{c}/work-orders/overview", community)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.resident(community, "h-1")))
                .assertThat().hasStatus(403);
    }

    private UUID order(Instant openedAt, Instant deadline) {
        UUID source = UUID.randomUUID();
        NewWorkOrder order = new NewWorkOrder(NewWorkOrder.idFor(source), community, WorkOrderType.DEVICE_OFFLINE,
                "meter-" + source, source, "Device silent", Quantity.of(new BigDecimal("45"), Unit.MINUTE),
                Quantity.of(new BigDecimal("30"), Unit.MINUTE), NewWorkOrder.propertyTeamOf(community), openedAt, deadline);
        new TransactionTemplate(transactions).executeWithoutResult(status -> workOrders.open(List.of(order)));
        return order.id();
    }

    private void act(UUID order, String action, String body) {
        mvc.post().uri("/api/ops/work-orders/{id}/" + action, order).header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(manager))
                .contentType(MediaType.APPLICATION_JSON).content(body).assertThat().hasStatusOk();
    }
}
