package org.communitycarbon.ops.workorder;

import java.util.List;
import java.util.UUID;

import org.communitycarbon.model.sensing.BinStatusReported;
import org.communitycarbon.ops.OpsTicketServiceTest;
import org.communitycarbon.testing.AuthorizationMatrix;
import org.communitycarbon.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

import com.jayway.jsonpath.JsonPath;

/**
 * Every operation of the service's OpenAPI description, called by every kind of caller, answers as
 * {@code authorization-matrix.txt} says (see {@link AuthorizationMatrix}), with a work order of the own community.
 */
@OpsTicketServiceTest
class AuthorizationMatrixIT {

    @Autowired
    MockMvc mvc;

    @Autowired
    WorkOrders workOrders;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void everyOperationAnswersEveryCallerAsTheMatrixSays() throws Exception {
        BinStatusReported full = BinStatuses.full(AuthorizationMatrix.COMMUNITY, BinStatuses.bin(), BinStatuses.now());
        workOrders.recordBinStatuses(List.of(full));
        // a monitoring alert of the own community, to acknowledge
        UUID alert = UUID.randomUUID();
        jdbc.update("""
                INSERT INTO monitoring_alert (id, community_id, rule, source_id, severity, status, title, raised_at, observed,
                                              threshold, unit, peak)
                VALUES (?, ?, 'PM25', ?, 'WARNING', 'ACTIVE', 'PM2.5 over its limit', now(), 80, 75, 'MICROGRAM_PER_M3', 80)""",
                alert, AuthorizationMatrix.COMMUNITY, "matrix-area-" + alert);
        // a resident's Open311 request of the own community
        String filed = mvc.perform(MockMvcRequestBuilders.post("/api/ops/open311/v2/requests.json")
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.resident(AuthorizationMatrix.COMMUNITY,
                        AuthorizationMatrix.HOUSEHOLD)))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .content("service_code=litter&address_string=Gate+2&description=Matrix+report"))
                .andReturn().getResponse().getContentAsString();
        String serviceRequest = JsonPath.read(filed, "$[0].service_request_id");
        AuthorizationMatrix.of(mvc, "/api/ops/openapi")
                .with("serviceRequestId", serviceRequest)
                .with("id", NewWorkOrder.idFor(full.eventId()).toString())
                .with("alertId", alert.toString())
                // nobody's key: revoking it is a 404 for those who may
                .with("keyId", UUID.randomUUID().toString())
                // nobody's notification: every inbox answers 404 for it
                .with("notificationId", UUID.randomUUID().toString())
                .with("areaId", "matrix-area")
                .with("measure", "PM25")
                // nobody's planned task: every caller allowed to cancel one is told 404
                .with("taskId", UUID.randomUUID().toString())
                // no kept report has this id: found by nobody; a month of the monthly figures to count again
                .with("reportId", UUID.randomUUID().toString())
                .with("month", "2026-01")
                // a valid note, so that the order's community decides (resolving again changes nothing)
                .withBody("POST /api/ops/work-orders/{id}/resolve", "{\"note\":\"Emptied by the matrix test\"}")
                .withBody("POST /api/ops/work-orders/{id}/assign", "{\"assignee\":\"matrix-team\"}")
                .withBody("POST /api/ops/work-orders/{id}/close", "{\"note\":\"Verified by the matrix test\"}")
                .withBody("POST /api/ops/work-orders/{id}/reopen", "{\"reason\":\"Reopened by the matrix test\"}")
                .withBody("POST /api/ops/work-orders/{id}/comment", "{\"note\":\"Commented by the matrix test\"}")
                // a valid evaluation, so that whose request it is decides
                .withBody("POST /api/ops/me/service-requests/{serviceRequestId}/evaluation", "{\"satisfied\":true}")
                .verify("authorization-matrix.txt");
    }
}
