package org.communitycarbon.ops.workorder;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.communitycarbon.model.sensing.BinStatusReported;
import org.communitycarbon.ops.OpsTicketServiceTest;
import org.communitycarbon.testing.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

@OpsTicketServiceTest
class WorkOrderApiIT {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    WorkOrders workOrders;

    @Autowired
    JdbcTemplate jdbc;

    private final String community = BinStatuses.community();
    private final String bin = BinStatuses.bin();
    private final Instant observedAt = BinStatuses.now();
    private UUID order;

    @BeforeEach
    void anOverflowingBin() {
        BinStatusReported full = BinStatuses.full(community, bin, observedAt);
        workOrders.recordBinStatuses(List.of(full));
        order = NewWorkOrder.idFor(full.eventId());
    }

    @Test
    void thePropertyManagerListsTheCommunitysOpenOrders() {
        assertThat(mvc.get().uri("/api/ops/communities/{c}/work-orders?status=OPEN", community)
                .header(HttpHeaders.AUTHORIZATION, bearer(TestTokens.propertyManager(community))))
                .hasStatusOk()
                .bodyJson()
                .hasPathSatisfying("$.totalItems", v -> v.assertThat().isEqualTo(1))
                .hasPathSatisfying("$.items[0].id", v -> v.assertThat().isEqualTo(order.toString()))
                .hasPathSatisfying("$.items[0].type", v -> v.assertThat().isEqualTo("BIN_OVERFLOW"))
                .hasPathSatisfying("$.items[0].sourceId", v -> v.assertThat().isEqualTo(bin))
                .hasPathSatisfying("$.items[0].title", v -> v.assertThat().isEqualTo("Bin " + bin + " is 85% full"))
                .hasPathSatisfying("$.items[0].observed.value", v -> v.assertThat().isEqualTo(0.85))
                .hasPathSatisfying("$.items[0].observed.unit", v -> v.assertThat().isEqualTo("RATIO"))
                .hasPathSatisfying("$.items[0].threshold.value", v -> v.assertThat().isEqualTo(0.8))
                .hasPathSatisfying("$.items[0].status", v -> v.assertThat().isEqualTo("OPEN"))
                .hasPathSatisfying("$.items[0].owner", v -> v.assertThat().isEqualTo("property:" + community))
                .hasPathSatisfying("$.items[0].openedAt", v -> v.assertThat().isEqualTo(observedAt.toString()))
                .hasPathSatisfying("$.items[0].deadline", v -> v.assertThat().isEqualTo(observedAt.plusSeconds(7200).toString()))
                .hasPathSatisfying("$.items[0].overdue", v -> v.assertThat().isEqualTo(false));
    }

    @Test
    void listsNewestFirstAndFiltersByStatus() {
        BinStatusReported newer = BinStatuses.full(community, BinStatuses.bin(), observedAt.plusSeconds(60));
        workOrders.recordBinStatuses(List.of(newer));
        resolve(TestTokens.staff(community), "Emptied").assertThat().hasStatusOk();
        String manager = bearer(TestTokens.propertyManager(community));

        assertThat(mvc.get().uri("/api/ops/communities/{c}/work-orders", community).header(HttpHeaders.AUTHORIZATION, manager))
                .hasStatusOk().bodyJson()
                .hasPathSatisfying("$.items[*].id", v -> v.assertThat().asList()
                        .containsExactly(NewWorkOrder.idFor(newer.eventId()).toString(), order.toString()));
        assertThat(mvc.get().uri("/api/ops/communities/{c}/work-orders?status=OPEN", community)
                .header(HttpHeaders.AUTHORIZATION, manager))
                .hasStatusOk().bodyJson()
                .hasPathSatisfying("$.items[*].id", v -> v.assertThat().asList()
                        .containsExactly(NewWorkOrder.idFor(newer.eventId()).toString()));
        assertThat(mvc.get().uri("/api/ops/communities/{c}/work-orders?status=RESOLVED", community)
                .header(HttpHeaders.AUTHORIZATION, manager))
                .hasStatusOk().bodyJson()
                .hasPathSatisfying("$.items[*].id", v -> v.assertThat().asList().containsExactly(order.toString()));
    }

    @Test
    void staffOfTheCommunityResolveAnOrder() {
        resolve(TestTokens.staff(community), "Emptied the bin and cleaned the drop point").assertThat()
                .hasStatusOk()
                .bodyJson()
                .hasPathSatisfying("$.status", v -> v.assertThat().isEqualTo("RESOLVED"))
                .hasPathSatisfying("$.resolvedBy", v -> v.assertThat().isEqualTo("staff-" + community))
                .hasPathSatisfying("$.resolutionNote", v -> v.assertThat().isEqualTo("Emptied the bin and cleaned the drop point"))
                .hasPathSatisfying("$.resolvedAt", v -> v.assertThat().isNotNull())
                .hasPathSatisfying("$.overdue", v -> v.assertThat().isEqualTo(false));
        assertThat(mvc.get().uri("/api/ops/work-orders/{id}", order)
                .header(HttpHeaders.AUTHORIZATION, bearer(TestTokens.propertyManager(community))))
                .hasStatusOk().bodyJson().hasPathSatisfying("$.status", v -> v.assertThat().isEqualTo("RESOLVED"));
    }

    @Test
    void resolvingAgainReturnsTheFirstResolutionUnchanged() {
        MvcTestResult first = resolve(TestTokens.staff(community), "Emptied");
        first.assertThat().hasStatusOk();
        String firstBody = body(first);

        MvcTestResult again = resolve(TestTokens.propertyManager(community), "Emptied it again");

        again.assertThat().hasStatusOk();
        assertThat(body(again)).isEqualTo(firstBody);
        assertThat(jdbc.queryForObject("SELECT version FROM work_order WHERE id = ?", Long.class, order)).isEqualTo(1L);
        assertThat(jdbc.queryForObject("SELECT resolution_note FROM work_order WHERE id = ?", String.class, order))
                .isEqualTo("Emptied");
    }

    @Test
    void anAdminMayResolve() {
        resolve(TestTokens.admin(), "Done remotely").assertThat().hasStatusOk();
    }

    @Test
    void theStreetOfficeReadsButDoesNotResolve() {
        String street = TestTokens.streetOffice("s-" + UUID.randomUUID(), community);

        assertThat(mvc.get().uri("/api/ops/communities/{c}/work-orders", community).header(HttpHeaders.AUTHORIZATION, bearer(street)))
                .hasStatusOk().bodyJson().hasPathSatisfying("$.totalItems", v -> v.assertThat().isEqualTo(1));
        assertThat(mvc.get().uri("/api/ops/work-orders/{id}", order).header(HttpHeaders.AUTHORIZATION, bearer(street)))
                .hasStatusOk();
        resolve(street, "Looks fine to me").assertThat().hasStatus(HttpStatus.FORBIDDEN);
        assertThat(status()).isEqualTo("OPEN");
    }

    @Test
    void anotherCommunitysManagerCannotSeeOrTellTheOrderExists() {
        String outsider = TestTokens.propertyManager(BinStatuses.community());

        assertThat(mvc.get().uri("/api/ops/communities/{c}/work-orders", community).header(HttpHeaders.AUTHORIZATION, bearer(outsider)))
                .hasStatus(HttpStatus.FORBIDDEN);
        assertThat(mvc.get().uri("/api/ops/work-orders/{id}", order).header(HttpHeaders.AUTHORIZATION, bearer(outsider)))
                .hasStatus(HttpStatus.NOT_FOUND);
        resolve(outsider, "Not mine").assertThat().hasStatus(HttpStatus.NOT_FOUND);
        assertThat(mvc.get().uri("/api/ops/work-orders/{id}", UUID.randomUUID()).header(HttpHeaders.AUTHORIZATION, bearer(outsider)))
                .hasStatus(HttpStatus.NOT_FOUND);
        assertThat(status()).isEqualTo("OPEN");
    }

    @Test
    void aStreetOfficeSeesOnlyTheCommunitiesItOversees() {
        String otherStreet = TestTokens.streetOffice("s-" + UUID.randomUUID(), BinStatuses.community());

        assertThat(mvc.get().uri("/api/ops/communities/{c}/work-orders", community).header(HttpHeaders.AUTHORIZATION, bearer(otherStreet)))
                .hasStatus(HttpStatus.FORBIDDEN);
        assertThat(mvc.get().uri("/api/ops/work-orders/{id}", order).header(HttpHeaders.AUTHORIZATION, bearer(otherStreet)))
                .hasStatus(HttpStatus.NOT_FOUND);
    }

    @Test
    void residentsAreRefused() {
        String resident = TestTokens.resident(community, "hh-1");

        assertThat(mvc.get().uri("/api/ops/communities/{c}/work-orders", community).header(HttpHeaders.AUTHORIZATION, bearer(resident)))
                .hasStatus(HttpStatus.FORBIDDEN);
        assertThat(mvc.get().uri("/api/ops/work-orders/{id}", order).header(HttpHeaders.AUTHORIZATION, bearer(resident)))
                .hasStatus(HttpStatus.FORBIDDEN);
        resolve(resident, "I emptied it myself").assertThat().hasStatus(HttpStatus.FORBIDDEN);
        assertThat(status()).isEqualTo("OPEN");
    }

    @Test
    void everyEndpointNeedsAToken() {
        assertThat(mvc.get().uri("/api/ops/communities/{c}/work-orders", community)).hasStatus(HttpStatus.UNAUTHORIZED);
        assertThat(mvc.get().uri("/api/ops/work-orders/{id}", order)).hasStatus(HttpStatus.UNAUTHORIZED);
        assertThat(mvc.post().uri("/api/ops/work-orders/{id}/resolve", order).contentType(MediaType.APPLICATION_JSON)
                .content("{\"note\": \"x\"}")).hasStatus(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void anOrderPastItsDeadlineIsOverdue() {
        String lateBin = BinStatuses.bin();
        BinStatusReported late = BinStatuses.full(community, lateBin, BinStatuses.now().minusSeconds(3 * 3600));
        workOrders.recordBinStatuses(List.of(late));

        assertThat(mvc.get().uri("/api/ops/work-orders/{id}", NewWorkOrder.idFor(late.eventId()))
                .header(HttpHeaders.AUTHORIZATION, bearer(TestTokens.staff(community))))
                .hasStatusOk().bodyJson().hasPathSatisfying("$.overdue", v -> v.assertThat().isEqualTo(true));
    }

    @Test
    void aResolutionNeedsANoteOfAtMost500Characters() {
        String staff = TestTokens.staff(community);

        resolveWithBody(staff, "{}").assertThat().hasStatus(HttpStatus.BAD_REQUEST)
                .bodyJson().hasPathSatisfying("$.invalid-params[0].name", v -> v.assertThat().isEqualTo("note"));
        resolveWithBody(staff, "{\"note\": \"   \"}").assertThat().hasStatus(HttpStatus.BAD_REQUEST)
                .bodyJson().hasPathSatisfying("$.invalid-params[0].name", v -> v.assertThat().isEqualTo("note"));
        resolveWithBody(staff, "{\"note\": \"" + "x".repeat(501) + "\"}").assertThat().hasStatus(HttpStatus.BAD_REQUEST)
                .bodyJson().hasPathSatisfying("$.invalid-params[0].name", v -> v.assertThat().isEqualTo("note"));
        resolveWithBody(staff, "{\"note\": \"Emptied\", \"resolvedBy\": \"someone-else\"}").assertThat()
                .hasStatus(HttpStatus.BAD_REQUEST)
                .bodyJson().hasPathSatisfying("$.invalid-params[0].name", v -> v.assertThat().isEqualTo("resolvedBy"));
        assertThat(status()).isEqualTo("OPEN");
        resolveWithBody(staff, "{\"note\": \"" + "x".repeat(500) + "\"}").assertThat().hasStatusOk();
    }

    @Test
    void namesAnUnknownStatus() {
        assertThat(mvc.get().uri("/api/ops/communities/{c}/work-orders?status=DONE", community)
                .header(HttpHeaders.AUTHORIZATION, bearer(TestTokens.propertyManager(community))))
                .hasStatus(HttpStatus.BAD_REQUEST)
                .bodyJson().hasPathSatisfying("$.invalid-params[0].name", v -> v.assertThat().isEqualTo("status"));
    }

    @Test
    void servesItsOpenApiDescriptionWithoutAToken() {
        assertThat(mvc.get().uri("/api/ops/openapi")).hasStatusOk()
                .bodyJson().hasPathSatisfying("$.paths['/api/ops/work-orders/{id}/resolve']", v -> v.assertThat().isNotNull());
    }

    private MvcTestResult resolve(String token, String note) {
        return resolveWithBody(token, "{\"note\": \"" + note + "\"}");
    }

    private MvcTestResult resolveWithBody(String token, String body) {
        return mvc.post().uri("/api/ops/work-orders/{id}/resolve", order)
                .header(HttpHeaders.AUTHORIZATION, bearer(token))
                .contentType(MediaType.APPLICATION_JSON).content(body).exchange();
    }

    private static String body(MvcTestResult result) {
        try {
            return result.getResponse().getContentAsString();
        }
        catch (java.io.UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String status() {
        return jdbc.queryForObject("SELECT status FROM work_order WHERE id = ?", String.class, order);
    }

    private static String bearer(String token) {
        return TestTokens.bearer(token);
    }
}
