package org.communitycarbon.ops.open311;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.communitycarbon.model.EventIds;
import org.communitycarbon.ops.OpsTicketServiceTest;
import org.communitycarbon.ops.workorder.Escalations;
import org.communitycarbon.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import com.jayway.jsonpath.JsonPath;

/**
 * A resident files an Open311 GeoReport v2 request the way a FixMyStreet-style client does (form-encoded) and follows it
 * — status, status notes, expected time, agency — as its work order is assigned, escalates and is resolved; bad requests
 * get the standard's errors naming the parameter.
 */
@OpsTicketServiceTest
class Open311IT {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    Escalations escalations;

    @Autowired
    JdbcTemplate jdbc;

    private final String community = "c-" + UUID.randomUUID();
    private final String resident = TestTokens.resident(community, "h-1");
    private final String neighbour = TestTokens.resident(community, "h-2");
    private final String manager = TestTokens.propertyManager(community);

    @Test
    void aResidentFilesARequestAndFollowsItThroughAssignmentEscalationAndResolution() {
        get(resident, "/api/ops/open311/v2/services.json").assertThat().hasStatusOk().bodyJson()
                .hasPathSatisfying("$[*].service_code", v -> v.assertThat().asList().contains("litter", "drop-point", "lighting"));
        assertThat(body(get(resident, "/api/ops/open311/v2/services.xml")))
                .startsWith("<?xml").contains("<services><service><service_code>drop-point</service_code>");

        Instant before = Instant.now();
        MvcTestResult filed = file(resident, "service_code=litter&lat=31.2304161&long=121.473701&description="
                + "Old+sofa+dumped+by+building+3&media_url=https%3A%2F%2Fphotos.example.org%2Fsofa.jpg&email=me%40example.org"
                + "&first_name=Li&attribute%5Bsize%5D=large");
        filed.assertThat().hasStatus(201).bodyJson()
                .hasPathSatisfying("$[0].service_notice", v -> v.assertThat().asString().contains("24 hours"));
        String id = JsonPath.read(body(filed), "$[0].service_request_id");
        UUID order = EventIds.derived(UUID.fromString(id), "work-order");

        String path = "/api/ops/open311/v2/requests/" + id + ".json";
        get(neighbour, path).assertThat().hasStatusOk().bodyJson()
                .hasPathSatisfying("$[0].status", v -> v.assertThat().isEqualTo("open"))
                .hasPathSatisfying("$[0].service_code", v -> v.assertThat().isEqualTo("litter"))
                .hasPathSatisfying("$[0].lat", v -> v.assertThat().isEqualTo("31.230416"))
                .hasPathSatisfying("$[0].media_url", v -> v.assertThat().isEqualTo("https://photos.example.org/sofa.jpg"))
                .hasPathSatisfying("$[0].agency_responsible", v -> v.assertThat().isEqualTo("Property company"))
                .hasPathSatisfying("$[0].status_notes", v -> v.assertThat().asString().startsWith("Received"));
        Instant expected = Instant.parse(JsonPath.read(body(get(resident, path)), "$[0].expected_datetime"));
        assertThat(expected).isBetween(before.plus(Duration.ofHours(24)).minusSeconds(1), Instant.now().plus(Duration.ofHours(24)));
        // the reporter's name and e-mail are not kept
        assertThat(jdbc.queryForObject("SELECT count(*) FROM resident_report WHERE id = ?::uuid AND household_id = 'h-1'",
                Integer.class, id)).isEqualTo(1);

        get(manager, "/api/ops/work-orders/" + order).assertThat().hasStatusOk().bodyJson()
                .hasPathSatisfying("$.type", v -> v.assertThat().isEqualTo("RESIDENT_REPORT"))
                .hasPathSatisfying("$.details.serviceRequestId", v -> v.assertThat().isEqualTo(id));
        post(manager, "/api/ops/work-orders/" + order + "/assign", "{\"assignee\":\"cleaning-team\"}").assertThat().hasStatusOk();
        get(resident, path).assertThat().bodyJson()
                .hasPathSatisfying("$[0].status_notes", v -> v.assertThat().asString().startsWith("Assigned"));

        // a day later the property company has not handled it (the clock moved by moving the order's times back a day)
        jdbc.update("UPDATE work_order SET opened_at = opened_at - interval '25 hours', deadline = deadline - interval '25 hours' "
                + "WHERE id = ?", order);
        escalations.check();
        get(resident, path).assertThat().bodyJson()
                .hasPathSatisfying("$[0].agency_responsible", v -> v.assertThat().isEqualTo("Residents' committee"))
                .hasPathSatisfying("$[0].status_notes", v -> v.assertThat().asString()
                        .startsWith("Escalated to the residents' committee"))
                .hasPathSatisfying("$[0].expected_datetime", v -> v.assertThat()
                        .isEqualTo(expected.minus(Duration.ofHours(1)).toString()));

        post(TestTokens.residentsCommittee(community), "/api/ops/work-orders/" + order + "/resolve",
                "{\"note\":\"Volunteers took the sofa to the bulky-waste point\"}").assertThat().hasStatusOk();
        get(resident, path).assertThat().bodyJson()
                .hasPathSatisfying("$[0].status", v -> v.assertThat().isEqualTo("closed"))
                .hasPathSatisfying("$[0].status_notes", v -> v.assertThat()
                        .isEqualTo("Resolved: Volunteers took the sofa to the bulky-waste point"))
                .hasPathSatisfying("$[0].expected_datetime", v -> v.assertThat().isNull());
        get(resident, "/api/ops/open311/v2/requests.json?status=closed&service_code=litter").assertThat().bodyJson()
                .hasPathSatisfying("$[*].service_request_id", v -> v.assertThat().asList().containsExactly(id));
        get(resident, "/api/ops/open311/v2/requests.json?status=open").assertThat().bodyJson()
                .hasPathSatisfying("$", v -> v.assertThat().asList().isEmpty());
        assertThat(body(get(TestTokens.streetOffice("s-" + community, community), "/api/ops/open311/v2/requests/" + id + ".xml")))
                .contains("<service_requests><request><service_request_id>" + id + "</service_request_id><status>closed</status>");
    }

    @Test
    void refusesBadRequestsInTheStandardsErrorFormatNamingTheParameter() {
        file(resident, "service_code=parking&address_string=Gate+1").assertThat().hasStatus(404).bodyJson()
                .hasPathSatisfying("$[0].code", v -> v.assertThat().isEqualTo(404))
                .hasPathSatisfying("$[0].description", v -> v.assertThat().asString().startsWith("service_code:"));
        file(resident, "description=No+service").assertThat().hasStatus(400).bodyJson()
                .hasPathSatisfying("$[0].description", v -> v.assertThat().asString().startsWith("service_code:"));
        file(resident, "service_code=litter&lat=91&long=121").assertThat().hasStatus(400).bodyJson()
                .hasPathSatisfying("$[0].description", v -> v.assertThat().asString().startsWith("lat:"));
        file(resident, "service_code=litter&lat=1e999999999&long=121").assertThat().hasStatus(400);
        file(resident, "service_code=litter").assertThat().hasStatus(400).bodyJson()
                .hasPathSatisfying("$[0].description", v -> v.assertThat().asString().contains("location is required"));
        file(resident, "service_code=litter&address_string=Gate+1&description=" + "x".repeat(4001)).assertThat().hasStatus(400)
                .bodyJson().hasPathSatisfying("$[0].description", v -> v.assertThat().asString().startsWith("description:"));
        file(resident, "service_code=litter&address_string=Gate+1&media_url=javascript%3Aalert(1)").assertThat().hasStatus(400)
                .bodyJson().hasPathSatisfying("$[0].description", v -> v.assertThat().asString().startsWith("media_url:"));
        // only residents file, for their own community
        file(manager, "service_code=litter&address_string=Gate+1").assertThat().hasStatus(403);
        file(resident, "service_code=litter&address_string=Gate+1&jurisdiction_id=elsewhere").assertThat().hasStatus(400);

        MvcTestResult filed = file(resident, "service_code=lighting&address_string=Path+by+building+2");
        String id = JsonPath.read(body(filed), "$[0].service_request_id");
        get(TestTokens.resident("other-" + community, "h-1"), "/api/ops/open311/v2/requests/" + id + ".json")
                .assertThat().hasStatus(404).bodyJson()
                .hasPathSatisfying("$[0].code", v -> v.assertThat().isEqualTo(404));
        get(TestTokens.streetOffice("s", "other-" + community), "/api/ops/open311/v2/requests.json?jurisdiction_id=" + community)
                .assertThat().hasStatus(403);
        assertThat(body(get(resident, "/api/ops/open311/v2/requests/not-a-request.xml"))).contains("<errors><error><code>404</code>");
    }

    private MvcTestResult file(String token, String form) {
        return mvc.post().uri("/api/ops/open311/v2/requests.json").header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(token))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).content(form).exchange();
    }

    private MvcTestResult get(String token, String path) {
        return mvc.get().uri(path).header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(token)).exchange();
    }

    private MvcTestResult post(String token, String path, String json) {
        return mvc.post().uri(path).header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(token))
                .contentType(MediaType.APPLICATION_JSON).content(json).exchange();
    }

    private static String body(MvcTestResult result) {
        try {
            return result.getResponse().getContentAsString();
        }
        catch (java.io.UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
