package org.communitycarbon.ops.open311;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.communitycarbon.infra.EmbeddedInfrastructure;

import org.communitycarbon.model.EventIds;
import org.communitycarbon.model.ops.OpsTopics;
import org.communitycarbon.model.ops.WorkOrderChanged;
import org.communitycarbon.model.ops.WorkOrderState;
import org.communitycarbon.ops.OpsTicketServiceTest;
import org.communitycarbon.ops.workorder.Escalations;
import org.communitycarbon.support.messaging.EventCodec;
import org.communitycarbon.testing.KafkaTestConsumer;
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

    @Autowired
    EventCodec codec;

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

    @Test
    void aPartnerAppWithAKeyFilesAndFollowsARequestOfItsCommunity() {
        MvcTestResult issued = post(manager, "/api/ops/communities/" + community + "/open311/api-keys",
                "{\"name\":\"City FixMyStreet\",\"dailyLimit\":5}");
        issued.assertThat().hasStatus(201).bodyJson()
                .hasPathSatisfying("$.key", v -> v.assertThat().asString().startsWith("o311_").hasSize(60))
                .hasPathSatisfying("$.details.active", v -> v.assertThat().isEqualTo(true));
        String key = JsonPath.read(body(issued), "$.key");
        String keyId = JsonPath.read(body(issued), "$.details.id");
        // listed without the key; only its hash is kept
        assertThat(body(get(manager, "/api/ops/communities/" + community + "/open311/api-keys")))
                .contains("City FixMyStreet").doesNotContain(key);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM open311_partner_key WHERE id = ?::uuid AND key_sha256 = "
                + "sha256(convert_to(?, 'UTF8'))", Integer.class, keyId, key)).isEqualTo(1);

        MvcTestResult filed = mvc.post().uri("/api/ops/open311/v2/requests.json").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .content("api_key=" + key + "&service_code=lighting&lat=31.2304&long=121.4737&description=Lamp+out+by+gate+2"
                        + "&email=reporter%40example.org&first_name=Wang")
                .exchange();
        filed.assertThat().hasStatus(201);
        String id = JsonPath.read(body(filed), "$[0].service_request_id");
        UUID order = EventIds.derived(UUID.fromString(id), "work-order");
        assertThat(jdbc.queryForMap("SELECT household_id, partner_key_id::text AS key FROM resident_report WHERE id = ?::uuid", id))
                .containsEntry("household_id", null).containsEntry("key", keyId);
        get(manager, "/api/ops/work-orders/" + order).assertThat().hasStatusOk().bodyJson()
                .hasPathSatisfying("$.communityId", v -> v.assertThat().isEqualTo(community))
                .hasPathSatisfying("$.details.filedThrough", v -> v.assertThat().isEqualTo("City FixMyStreet"));

        // the partner follows it with its key; so do the community's residents with their tokens
        partnerGet("/api/ops/open311/v2/requests/" + id + ".json", key).assertThat().hasStatusOk().bodyJson()
                .hasPathSatisfying("$[0].status", v -> v.assertThat().isEqualTo("open"))
                .hasPathSatisfying("$[0].agency_responsible", v -> v.assertThat().isEqualTo("Property company"));
        get(resident, "/api/ops/open311/v2/requests/" + id + ".json").assertThat().hasStatusOk();
        partnerGet("/api/ops/open311/v2/services.json", key).assertThat().hasStatusOk();
        assertThat(body(partnerGet("/api/ops/open311/v2/requests.xml", key))).contains("<service_request_id>" + id);
        post(manager, "/api/ops/work-orders/" + order + "/assign", "{\"assignee\":\"electricians\"}").assertThat().hasStatusOk();
        partnerGet("/api/ops/open311/v2/servicerequestupdates.json", key).assertThat().hasStatusOk().bodyJson()
                .hasPathSatisfying("$[*].description", v -> v.assertThat().asList()
                        .containsExactly("Received; waiting for the property company", "Assigned; someone is on it"));
        // the key reads its own community only, and files in it only
        partnerGet("/api/ops/open311/v2/requests.json?jurisdiction_id=other-" + community, key).assertThat().hasStatus(403);
        partnerFile(key, "service_code=litter&address_string=Gate+1&jurisdiction_id=other-" + community).assertThat()
                .hasStatus(400).bodyJson()
                .hasPathSatisfying("$[0].description", v -> v.assertThat().asString().startsWith("jurisdiction_id:"));
        // its daily limit (5): 1 filed, 4 more, then 429
        for (int i = 0; i < 4; i++) {
            partnerFile(key, "service_code=litter&address_string=Gate+" + i).assertThat().hasStatus(201);
        }
        partnerFile(key, "service_code=litter&address_string=Gate+9").assertThat().hasStatus(429).bodyJson()
                .hasPathSatisfying("$[0].description", v -> v.assertThat().asString().startsWith("api_key:"));
        // the partner's request has no household: nobody evaluates it as its reporter
        jdbc.update("UPDATE work_order SET status = 'RESOLVED', resolved_at = now(), resolved_by = 'x', resolution_note = 'Fixed' "
                + "WHERE id = ?", order);
        post(resident, "/api/ops/me/service-requests/" + id + "/evaluation", "{\"satisfied\":true}").assertThat().hasStatus(403);
    }

    @Test
    void refusesAWrongRevokedOrExpiredKeyAndACallWithNeitherKeyNorToken() {
        String key = JsonPath.read(body(post(manager, "/api/ops/communities/" + community + "/open311/api-keys",
                "{\"name\":\"Mini-program\"}")), "$.key");
        String keyId = JsonPath.read(body(get(manager, "/api/ops/communities/" + community + "/open311/api-keys")), "$[0].id");
        partnerGet("/api/ops/open311/v2/requests.json", key).assertThat().hasStatusOk();

        String wrong = key.substring(0, key.length() - 4) + (key.endsWith("AAAA") ? "BBBB" : "AAAA");
        for (String bad : List.of(wrong, "o311_short", "")) {
            partnerGet("/api/ops/open311/v2/requests.json", bad).assertThat().hasStatus(401)
                    .hasContentType(MediaType.APPLICATION_PROBLEM_JSON).bodyJson()
                    .hasPathSatisfying("$.detail", v -> v.assertThat().asString().startsWith("api_key:").doesNotContain(bad.isEmpty() ? "~" : bad));
        }
        partnerFile(wrong, "service_code=litter&address_string=Gate+1").assertThat().hasStatus(401);
        mvc.get().uri("/api/ops/open311/v2/requests.json").exchange().assertThat().hasStatus(401);
        mvc.post().uri("/api/ops/open311/v2/requests.json").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .content("service_code=litter&address_string=Gate+1").exchange().assertThat().hasStatus(401);
        // a key is good for Open311 only
        mvc.get().uri("/api/ops/communities/" + community + "/work-orders?api_key=" + key).exchange().assertThat().hasStatus(401);

        // only the community's property manager (or an admin) issues and revokes
        post(resident, "/api/ops/communities/" + community + "/open311/api-keys", "{\"name\":\"Mine\"}").assertThat().hasStatus(403);
        mvc.delete().uri("/api/ops/communities/" + community + "/open311/api-keys/" + keyId)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.propertyManager("other-" + community)))
                .exchange().assertThat().hasStatus(403);
        post(manager, "/api/ops/communities/" + community + "/open311/api-keys", "{\"name\":\"\"}").assertThat().hasStatus(400);
        post(manager, "/api/ops/communities/" + community + "/open311/api-keys",
                "{\"name\":\"Old\",\"expiresAt\":\"2020-01-01T00:00:00Z\"}").assertThat().hasStatus(400);
        mvc.delete().uri("/api/ops/communities/" + community + "/open311/api-keys/" + keyId)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(manager)).exchange().assertThat().hasStatusOk().bodyJson()
                .hasPathSatisfying("$.active", v -> v.assertThat().isEqualTo(false))
                .hasPathSatisfying("$.revokedBy", v -> v.assertThat().isEqualTo("manager-" + community));
        partnerGet("/api/ops/open311/v2/requests.json", key).assertThat().hasStatus(401);

        String expiring = JsonPath.read(body(post(manager, "/api/ops/communities/" + community + "/open311/api-keys",
                "{\"name\":\"Trial\",\"expiresAt\":\"" + Instant.now().plus(Duration.ofDays(30)) + "\"}")), "$.key");
        partnerGet("/api/ops/open311/v2/services.json", expiring).assertThat().hasStatusOk();
        jdbc.update("UPDATE open311_partner_key SET created_at = now() - interval '60 days', expires_at = now() - interval '1 day' "
                + "WHERE community_id = ? AND name = 'Trial'", community);
        partnerGet("/api/ops/open311/v2/services.json", expiring).assertThat().hasStatus(401);
    }

    @Test
    void theUpdatesExtensionListsEachStepOfTheCommunitysRequestsWithTheCountdownAndEscalation() {
        Instant start = Instant.now().minusSeconds(1);
        String id = JsonPath.read(body(file(resident, "service_code=drop-point&address_string=Drop+point+B")),
                "$[0].service_request_id");
        UUID order = EventIds.derived(UUID.fromString(id), "work-order");
        post(manager, "/api/ops/work-orders/" + order + "/assign", "{\"assignee\":\"cleaning-team\"}").assertThat().hasStatusOk();
        jdbc.update("UPDATE work_order SET opened_at = opened_at - interval '5 hours', deadline = deadline - interval '5 hours' "
                + "WHERE id = ?", order);
        escalations.check();
        post(manager, "/api/ops/work-orders/" + order + "/comment", "{\"note\":\"Truck on its way\"}").assertThat().hasStatusOk();
        post(manager, "/api/ops/work-orders/" + order + "/resolve", "{\"note\":\"Emptied and washed\"}").assertThat().hasStatusOk();

        String path = "/api/ops/open311/v2/servicerequestupdates.json?start_date=" + start;
        String updates = body(get(neighbour, path));
        List<String> descriptions = JsonPath.read(updates, "$[?(@.service_request_id == '" + id + "')].description");
        assertThat(descriptions).hasSize(5);
        assertThat(descriptions.get(0)).isEqualTo("Received; waiting for the property company");
        assertThat(descriptions.get(1)).isEqualTo("Assigned; someone is on it");
        assertThat(descriptions.get(2)).startsWith("Escalated to the residents' committee").contains("due by");
        assertThat(descriptions.get(3)).isEqualTo("Note: Truck on its way");
        assertThat(descriptions.get(4)).isEqualTo("Resolved: Emptied and washed");
        List<String> statuses = JsonPath.read(updates, "$[?(@.service_request_id == '" + id + "')].status");
        assertThat(statuses).containsExactly("open", "open", "open", "open", "closed");
        List<String> updateIds = JsonPath.read(updates, "$[*].update_id");
        assertThat(updateIds).doesNotHaveDuplicates();
        assertThat(body(get(resident, "/api/ops/open311/v2/servicerequestupdates.xml?start_date=" + start)))
                .contains("<service_request_updates><request_update><update_id>")
                .contains("<description>Resolved: Emptied and washed</description>");
        // nothing after the end date, nothing of another community, bounded spans
        get(resident, "/api/ops/open311/v2/servicerequestupdates.json?end_date=" + start).assertThat().bodyJson()
                .hasPathSatisfying("$", v -> v.assertThat().asList().isEmpty());
        get(TestTokens.resident("other-" + community, "h-1"), path).assertThat().bodyJson()
                .hasPathSatisfying("$", v -> v.assertThat().asList().isEmpty());
        get(resident, "/api/ops/open311/v2/servicerequestupdates.json?start_date=2020-01-01T00:00:00Z").assertThat()
                .hasStatus(400).bodyJson()
                .hasPathSatisfying("$[0].description", v -> v.assertThat().asString().startsWith("start_date:"));
        mvc.get().uri(path).exchange().assertThat().hasStatus(401);
    }

    @Test
    void theReportingHouseholdEvaluatesTheResolutionOnceSatisfiedClosesUnsatisfiedReopens() {
        String id = JsonPath.read(body(file(resident, "service_code=noise&address_string=Building+5")), "$[0].service_request_id");
        UUID order = EventIds.derived(UUID.fromString(id), "work-order");
        String evaluation = "/api/ops/me/service-requests/" + id + "/evaluation";
        post(resident, evaluation, "{\"satisfied\":true}").assertThat().hasStatus(409);
        post(manager, "/api/ops/work-orders/" + order + "/resolve", "{\"note\":\"Spoke to the workshop\"}").assertThat().hasStatusOk();
        get(resident, "/api/ops/me/service-requests").assertThat().hasStatusOk().bodyJson()
                .hasPathSatisfying("$[0].serviceRequestId", v -> v.assertThat().isEqualTo(id))
                .hasPathSatisfying("$[0].evaluable", v -> v.assertThat().isEqualTo(true));
        get(neighbour, "/api/ops/me/service-requests").assertThat().bodyJson()
                .hasPathSatisfying("$", v -> v.assertThat().asList().isEmpty());

        // another household of the community, a resident elsewhere, the property manager: not theirs to evaluate
        post(neighbour, evaluation, "{\"satisfied\":true}").assertThat().hasStatus(403);
        post(TestTokens.resident("other-" + community, "h-1"), evaluation, "{\"satisfied\":true}").assertThat().hasStatus(404);
        post(manager, evaluation, "{\"satisfied\":true}").assertThat().hasStatus(403);
        post(resident, evaluation, "{\"satisfied\":false}").assertThat().hasStatus(400).bodyJson()
                .hasPathSatisfying("$['invalid-params'][0].name", v -> v.assertThat().isEqualTo("comment"));
        post(resident, evaluation, "{}").assertThat().hasStatus(400);

        post(resident, evaluation, "{\"satisfied\":false,\"comment\":\"Still drilling after 22:00\"}").assertThat()
                .hasStatusOk().bodyJson()
                .hasPathSatisfying("$.status", v -> v.assertThat().isEqualTo("open"))
                .hasPathSatisfying("$.workOrderStatus", v -> v.assertThat().isEqualTo("OPEN"));
        get(resident, "/api/ops/open311/v2/requests/" + id + ".json").assertThat().bodyJson()
                .hasPathSatisfying("$[0].status", v -> v.assertThat().isEqualTo("open"))
                .hasPathSatisfying("$[0].status_notes", v -> v.assertThat()
                        .isEqualTo("Reopened: Evaluated by the reporting resident: not satisfied — Still drilling after 22:00"));
        // once: resolved again, the manager verifies it
        post(manager, "/api/ops/work-orders/" + order + "/resolve", "{\"note\":\"Workshop moved\"}").assertThat().hasStatusOk();
        post(resident, evaluation, "{\"satisfied\":true}").assertThat().hasStatus(409);

        String second = JsonPath.read(body(file(resident, "service_code=litter&address_string=Gate+3")), "$[0].service_request_id");
        UUID secondOrder = EventIds.derived(UUID.fromString(second), "work-order");
        post(manager, "/api/ops/work-orders/" + secondOrder + "/resolve", "{\"note\":\"Swept\"}").assertThat().hasStatusOk();
        post(resident, "/api/ops/me/service-requests/" + second + "/evaluation", "{\"satisfied\":true,\"comment\":\"Thanks\"}")
                .assertThat().hasStatusOk().bodyJson()
                .hasPathSatisfying("$.status", v -> v.assertThat().isEqualTo("closed"))
                .hasPathSatisfying("$.workOrderStatus", v -> v.assertThat().isEqualTo("CLOSED"));
        get(resident, "/api/ops/open311/v2/requests/" + second + ".json").assertThat().bodyJson()
                .hasPathSatisfying("$[0].status_notes", v -> v.assertThat()
                        .isEqualTo("Closed: Evaluated by the reporting resident: satisfied — Thanks"));

        // each evaluation is a transition of the order, announced on ops.work-orders with the resident as the actor
        List<WorkOrderChanged> reopened = changes(order, 3);
        assertThat(reopened.get(1).toState()).isEqualTo(WorkOrderState.OPEN);
        assertThat(reopened.get(1).actor()).isEqualTo("resident-h-1");
        List<WorkOrderChanged> closed = changes(secondOrder, 2);
        assertThat(closed.get(1).toState()).isEqualTo(WorkOrderState.CLOSED);
    }

    private MvcTestResult partnerGet(String path, String key) {
        return mvc.get().uri(path + (path.contains("?") ? "&" : "?") + "api_key=" + java.net.URLEncoder.encode(key,
                java.nio.charset.StandardCharsets.UTF_8)).exchange();
    }

    private MvcTestResult partnerFile(String key, String form) {
        return mvc.post().uri("/api/ops/open311/v2/requests.json").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .content("api_key=" + key + "&" + form).exchange();
    }

    /** The order's changes on ops.work-orders once {@code expected} have arrived, in sequence. */
    private List<WorkOrderChanged> changes(UUID order, int expected) {
        List<WorkOrderChanged> seen = new ArrayList<>();
        try (var consumer = new KafkaTestConsumer(EmbeddedInfrastructure.shared().kafka().bootstrapServers(), OpsTopics.WORK_ORDERS)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                for (ConsumerRecord<String, byte[]> record : consumer.drain(Duration.ofMillis(200))) {
                    WorkOrderChanged change = codec.decode(record.value(), WorkOrderChanged.class);
                    if (change.workOrderId().equals(order)) {
                        seen.add(change);
                    }
                }
                return seen.size() >= expected;
            });
        }
        seen.sort(java.util.Comparator.comparingInt(WorkOrderChanged::sequence));
        return seen;
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
