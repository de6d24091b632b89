package org.communitycarbon.ops.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.communitycarbon.infra.EmbeddedInfrastructure;
import org.communitycarbon.model.Quantity;
import org.communitycarbon.model.Unit;
import org.communitycarbon.model.audit.ActionAudited;
import org.communitycarbon.model.audit.AuditActor;
import org.communitycarbon.model.audit.AuditKind;
import org.communitycarbon.model.audit.AuditTopics;
import org.communitycarbon.model.sensing.BinStatusReported;
import org.communitycarbon.model.sensing.WasteKind;
import org.communitycarbon.ops.OpsTicketServiceTest;
import org.communitycarbon.ops.workorder.WorkOrders;
import org.communitycarbon.support.messaging.EventCodec;
import org.communitycarbon.testing.KafkaTestConsumer;
import org.communitycarbon.testing.TestTokens;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/** The audit log of the platform, fed by the ops-ticket service's own audit trail through Kafka. */
@OpsTicketServiceTest
class AuditLogIT {

    private static final Duration WITHIN = Duration.ofSeconds(30);

    @Autowired
    MockMvcTester mvc;

    @Autowired
    WorkOrders workOrders;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    @Autowired
    EventCodec codec;

    private final String community = "c-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void anAuditedWriteAndRefusedWritesAreLoggedOnceEvenWhenTheirRecordsAreDeliveredAgain() throws Exception {
        UUID order = anOpenWorkOrder();
        String path = "/api/ops/work-orders/" + order + "/resolve";
        assertThat(resolve(order, TestTokens.staff(community))).hasStatusOk();
        assertThat(resolve(order, TestTokens.resident(community, "hh-1"))).hasStatus(HttpStatus.FORBIDDEN);
        assertThat(mvc.post().uri(path).contentType(MediaType.APPLICATION_JSON).content("{\"note\": \"x\"}"))
                .hasStatus(HttpStatus.UNAUTHORIZED);

        await().atMost(WITHIN).until(() -> statusesOf(path).size() == 3);
        assertThat(statusesOf(path)).containsExactlyInAnyOrder(200, 403, 401);
        assertThat(jdbc.queryForMap("SELECT kind, actor_subject, actor_roles::text AS roles, community_id, route, path_variables::text AS variables"
                + " FROM audit_entry WHERE path = ? AND status = 200", path))
                .containsEntry("kind", "WRITE").containsEntry("actor_subject", "staff-" + community)
                .containsEntry("roles", "{STAFF}").containsEntry("community_id", community)
                .containsEntry("route", "/api/ops/work-orders/{id}/resolve")
                .containsEntry("variables", "{\"id\": \"" + order + "\"}");

        // Kafka delivers at least once: the very same records again, then a marker behind them on each of their keys.
        List<ConsumerRecord<String, byte[]>> records;
        try (var topic = new KafkaTestConsumer(EmbeddedInfrastructure.shared().kafka().bootstrapServers(), AuditTopics.AUDIT)) {
            topic.await(r -> recordsOf(List.of(r), path).size() == 1 && decode(r).status() == 401, WITHIN);
            records = recordsOf(topic.drain(Duration.ZERO), path);
        }
        assertThat(records).hasSize(3);
        Set<UUID> markers = new java.util.HashSet<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            kafka.send(AuditTopics.AUDIT, record.key(), record.value()).get();
        }
        for (String key : records.stream().map(ConsumerRecord::key).collect(Collectors.toSet())) {
            ActionAudited marker = marker(key);
            markers.add(marker.eventId());
            kafka.send(AuditTopics.AUDIT, key, codec.encode(marker)).get();
        }
        await().atMost(WITHIN).until(() -> jdbc.queryForObject("SELECT count(*) FROM audit_entry WHERE event_id = ANY(?::uuid[])",
                Integer.class, (Object) markers.stream().map(UUID::toString).toArray(String[]::new)) == markers.size());
        assertThat(statusesOf(path)).containsExactlyInAnyOrder(200, 403, 401);
    }

    @Test
    void onlyAnAdminSearchesTheLogAndEachSearchIsItselfLogged() {
        UUID order = UUID.randomUUID();
        assertThat(resolve(order, TestTokens.propertyManager(community))).hasStatus(HttpStatus.NOT_FOUND);
        await().atMost(WITHIN).until(() -> !statusesOf("/api/ops/work-orders/" + order + "/resolve").isEmpty());

        for (String token : List.of(TestTokens.resident(community, "hh-1"), TestTokens.propertyManager(community),
                TestTokens.staff(community), TestTokens.streetOffice("s-1", community), TestTokens.merchant())) {
            assertThat(mvc.get().uri("/api/ops/audit").header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(token)))
                    .hasStatus(HttpStatus.FORBIDDEN);
        }
        assertThat(mvc.get().uri("/api/ops/audit")).hasStatus(HttpStatus.UNAUTHORIZED);

        assertThat(mvc.get().uri("/api/ops/audit?communityId={c}&actor={a}&kind=WRITE&method=POST&path=/api/ops/work-orders&status=404",
                community, "manager-" + community).header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.admin())))
                .hasStatusOk().bodyJson()
                .hasPathSatisfying("$.totalItems", v -> v.assertThat().isEqualTo(1))
                .hasPathSatisfying("$.items[0].path", v -> v.assertThat().isEqualTo("/api/ops/work-orders/" + order + "/resolve"))
                .hasPathSatisfying("$.items[0].service", v -> v.assertThat().isEqualTo("ops-ticket-service"))
                .hasPathSatisfying("$.items[0].actor.roles", v -> v.assertThat().asList().containsExactly("PROPERTY_MANAGER"))
                .hasPathSatisfying("$.items[0].pathVariables.id", v -> v.assertThat().isEqualTo(order.toString()))
                .hasPathSatisfying("$.items[0].status", v -> v.assertThat().isEqualTo(404));
        assertThat(mvc.get().uri("/api/ops/audit?communityId={c}&from={f}", community, Instant.now().plusSeconds(3600).toString())
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.admin())))
                .hasStatusOk().bodyJson().hasPathSatisfying("$.totalItems", v -> v.assertThat().isEqualTo(0));

        await().atMost(WITHIN).until(() -> jdbc.queryForObject("SELECT count(*) FROM audit_entry WHERE path = '/api/ops/audit'"
                + " AND community_id = ? AND kind = 'PRIVILEGED_READ' AND actor_subject = 'admin' AND status = 200", Integer.class, community) == 2);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_entry WHERE path = '/api/ops/audit' AND status = 403"
                + " AND actor_subject = ?", Integer.class, "street-s-1")).as("refusals of the log are logged too").isPositive();
    }

    @Test
    void anOrdinaryReadIsNotLogged() {
        String ordinary = "/api/ops/communities/" + community + "/work-orders";
        assertThat(mvc.get().uri(ordinary).header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.propertyManager(community))))
                .hasStatusOk();
        // A logged read behind it, under the same key: once it is in the log, so would the ordinary read be.
        assertThat(mvc.get().uri("/api/ops/audit?communityId={c}", community)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.admin()))).hasStatusOk();

        await().atMost(WITHIN).until(() -> jdbc.queryForObject("SELECT count(*) FROM audit_entry WHERE path = '/api/ops/audit'"
                + " AND community_id = ?", Integer.class, community) == 1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_entry WHERE path = ?", Integer.class, ordinary)).isZero();
    }

    @Test
    void postgresRefusesToChangeOrDeleteAnEntry() {
        ActionAudited entry = marker(community);
        auditLog.append(List.of(entry, entry));
        auditLog.append(List.of(entry));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_entry WHERE event_id = ?", Integer.class, entry.eventId()))
                .as("the same event twice in one batch, and again").isEqualTo(1);

        // The service's own connection: refused by PostgreSQL's privileges where the service runs as a role of its own,
        // by the trigger where it does not.
        refusesChanges(jdbc, entry.eventId(), "append-only|permission denied");
        // The schema owner's, that runs the migrations: refused by the trigger.
        refusesChanges(new JdbcTemplate(flyway.getConfiguration().getDataSource()), entry.eventId(), "append-only");
        assertThat(jdbc.queryForObject("SELECT status FROM audit_entry WHERE event_id = ?", Integer.class, entry.eventId()))
                .isEqualTo(entry.status());
    }

    private static void refusesChanges(JdbcTemplate as, UUID eventId, String because) {
        assertThatThrownBy(() -> as.update("UPDATE ops.audit_entry SET status = 200 WHERE event_id = ?", eventId))
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageFindingMatch(because);
        assertThatThrownBy(() -> as.update("DELETE FROM ops.audit_entry WHERE event_id = ?", eventId))
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageFindingMatch(because);
        assertThatThrownBy(() -> as.execute("TRUNCATE ops.audit_entry"))
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageFindingMatch(because);
    }

    @Test
    void namesABadSearchCriterion() {
        String admin = TestTokens.bearer(TestTokens.admin());
        assertThat(mvc.get().uri("/api/ops/audit?status=99").header(HttpHeaders.AUTHORIZATION, admin))
                .hasStatus(HttpStatus.BAD_REQUEST).bodyJson()
                .hasPathSatisfying("$.invalid-params[0].name", v -> v.assertThat().isEqualTo("status"));
        assertThat(mvc.get().uri("/api/ops/audit?kind=EVERYTHING").header(HttpHeaders.AUTHORIZATION, admin))
                .hasStatus(HttpStatus.BAD_REQUEST).bodyJson()
                .hasPathSatisfying("$.invalid-params[0].name", v -> v.assertThat().isEqualTo("kind"));
        assertThat(mvc.get().uri("/api/ops/audit?from=yesterday").header(HttpHeaders.AUTHORIZATION, admin))
                .hasStatus(HttpStatus.BAD_REQUEST).bodyJson()
                .hasPathSatisfying("$.invalid-params[0].name", v -> v.assertThat().isEqualTo("from"));
    }

    @Test
    void describesTheAuditApiInOpenApi() {
        assertThat(mvc.get().uri("/api/ops/openapi")).hasStatusOk().bodyJson()
                .hasPathSatisfying("$.paths['/api/ops/audit'].get.parameters[*].name", v -> v.assertThat().asList()
                        .contains("actor", "service", "communityId", "kind", "method", "path", "status", "from", "to", "page", "size"));
    }

    @Autowired
    AuditLog auditLog;

    @Autowired
    Flyway flyway;

    private UUID anOpenWorkOrder() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        workOrders.recordBinStatuses(List.of(new BinStatusReported(UUID.randomUUID(), BinStatusReported.SCHEMA_VERSION, community,
                now, now, "bin-1", "dp-1", WasteKind.PERISHABLE, Quantity.of("0.9", Unit.RATIO))));
        return jdbc.queryForObject("SELECT id FROM work_order WHERE community_id = ?", UUID.class, community);
    }

    private org.springframework.test.web.servlet.assertj.MvcTestResult resolve(UUID order, String token) {
        return mvc.post().uri("/api/ops/work-orders/{id}/resolve", order).header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(token))
                .contentType(MediaType.APPLICATION_JSON).content("{\"note\": \"Emptied\"}").exchange();
    }

    private List<Integer> statusesOf(String path) {
        return jdbc.queryForList("SELECT status FROM audit_entry WHERE path = ?", Integer.class, path);
    }

    private List<ConsumerRecord<String, byte[]>> recordsOf(List<ConsumerRecord<String, byte[]>> records, String path) {
        return records.stream().filter(r -> decode(r).path().equals(path)).toList();
    }

    private ActionAudited decode(ConsumerRecord<String, byte[]> record) {
        return codec.decode(record.value(), ActionAudited.class);
    }

    private static ActionAudited marker(String key) {
        return new ActionAudited(UUID.randomUUID(), ActionAudited.SCHEMA_VERSION, key, Instant.now(), AuditKind.WRITE, "test",
                AuditActor.ANONYMOUS, "POST", null, "/api/test/marker", null, Map.of(), 401, null, null, null);
    }
}
