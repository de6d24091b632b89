package org.communitycarbon.ops.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.communitycarbon.model.security.Role;
import org.communitycarbon.model.security.TokenClaims;
import org.communitycarbon.ops.OpsTicketServiceTest;
import org.communitycarbon.ops.workorder.Escalations;
import org.communitycarbon.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import com.jayway.jsonpath.JsonPath;

/**
 * The notification inbox: each escalation notifies the level it reached — every user of that role and community, each
 * reading and marking it on their own — and nobody else.
 */
@OpsTicketServiceTest
class NotificationInboxIT {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    Escalations escalations;

    @Autowired
    JdbcTemplate jdbc;

    private final String community = "c-" + UUID.randomUUID();
    private final String committee = TestTokens.residentsCommittee(community);
    private final String secondMember = TestTokens.sign("committee-member-2", Map.of(TokenClaims.ROLES,
            List.of(Role.RESIDENTS_COMMITTEE.name()), TokenClaims.COMMUNITY, community));
    private final String street = TestTokens.streetOffice("s-" + community, community);

    @Test
    void anOverdueOrderEscalatesTwiceNotifyingTheCommitteeThenTheStreetOffice() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        UUID order = overdueOrder(now.minus(Duration.ofHours(25)));

        escalations.check();
        inbox(committee).assertThat().hasStatusOk().bodyJson()
                .hasPathSatisfying("$.unread", v -> v.assertThat().isEqualTo(1))
                .hasPathSatisfying("$.items[0].kind", v -> v.assertThat().isEqualTo("WORK_ORDER_ESCALATED"))
                .hasPathSatisfying("$.items[0].workOrderId", v -> v.assertThat().isEqualTo(order.toString()))
                .hasPathSatisfying("$.items[0].details.level", v -> v.assertThat().isEqualTo("RESIDENTS_COMMITTEE"))
                .hasPathSatisfying("$.items[0].title", v -> v.assertThat().asString().startsWith("Escalated to the residents' committee"));
        inbox(street).assertThat().hasStatusOk().bodyJson().hasPathSatisfying("$.totalItems", v -> v.assertThat().isEqualTo(0));

        escalations.check();
        inbox(street).assertThat().hasStatusOk().bodyJson()
                .hasPathSatisfying("$.totalItems", v -> v.assertThat().isEqualTo(1))
                .hasPathSatisfying("$.items[0].details.level", v -> v.assertThat().isEqualTo("STREET_OFFICE"))
                .hasPathSatisfying("$.items[0].body", v -> v.assertThat().asString().contains("residents' committee's deadline"));
        // the committee was told once; the street office's notice is not the committee's
        escalations.check();
        inbox(committee).assertThat().bodyJson().hasPathSatisfying("$.totalItems", v -> v.assertThat().isEqualTo(1));

        // nobody else of the platform sees them
        for (String outsider : List.of(TestTokens.residentsCommittee("other-" + community), TestTokens.propertyManager(community),
                TestTokens.resident(community, "h-1"), TestTokens.streetOffice("other", "other-" + community))) {
            inbox(outsider).assertThat().hasStatusOk().bodyJson().hasPathSatisfying("$.totalItems", v -> v.assertThat().isEqualTo(0));
        }
        inbox(TestTokens.merchant()).assertThat().hasStatus(403);
    }

    @Test
    void eachUserOfTheAudienceMarksANotificationReadForThemselvesOnly() {
        overdueOrder(Instant.now().minus(Duration.ofHours(2)));
        escalations.check();
        String id = JsonPath.read(body(inbox(committee)), "$.items[0].id");

        mvc.post().uri("/api/ops/me/notifications/{id}/read", id).header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(committee))
                .assertThat().hasStatusOk().bodyJson().hasPathSatisfying("$.readAt", v -> v.assertThat().isNotNull());
        // again: unchanged
        mvc.post().uri("/api/ops/me/notifications/{id}/read", id).header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(committee))
                .assertThat().hasStatusOk();

        inbox(committee).assertThat().bodyJson().hasPathSatisfying("$.unread", v -> v.assertThat().isEqualTo(0));
        mvc.get().uri("/api/ops/me/notifications?unread=true").header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(committee))
                .assertThat().bodyJson().hasPathSatisfying("$.totalItems", v -> v.assertThat().isEqualTo(0));
        inbox(secondMember).assertThat().bodyJson()
                .hasPathSatisfying("$.unread", v -> v.assertThat().isEqualTo(1))
                .hasPathSatisfying("$.items[0].readAt", v -> v.assertThat().isNull());

        // not addressed to the caller: not found; pages are bounded
        mvc.post().uri("/api/ops/me/notifications/{id}/read", id)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.residentsCommittee("other-" + community)))
                .assertThat().hasStatus(404);
        mvc.get().uri("/api/ops/me/notifications?size=101").header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(committee))
                .assertThat().hasStatus(400);
    }

    private MvcTestResult inbox(String token) {
        return mvc.get().uri("/api/ops/me/notifications").header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(token)).exchange();
    }

    private static String body(MvcTestResult result) {
        try {
            return result.getResponse().getContentAsString();
        }
        catch (java.io.UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An active device-offline order of the community, due at {@code deadline}. */
    private UUID overdueOrder(Instant deadline) {
        UUID id = UUID.randomUUID();
        jdbc.update("""
                INSERT INTO work_order (id, community_id, type, source_id, source_event_id, title, observed, threshold, unit, status,
                                        owner, opened_at, deadline)
                VALUES (?, ?, 'DEVICE_OFFLINE', ?, ?, 'Device silent', ?, ?, 'MINUTE', 'OPEN', ?, ?, ?)""", id, community,
                "meter-" + id, UUID.randomUUID(), new BigDecimal("45"), new BigDecimal("30"), "property:" + community,
                java.sql.Timestamp.from(deadline.minus(Duration.ofHours(2))), java.sql.Timestamp.from(deadline));
        return id;
    }
}
