package org.communitycarbon.ops.workorder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.communitycarbon.infra.EmbeddedInfrastructure;
import org.communitycarbon.model.ops.AlertRaised;
import org.communitycarbon.model.ops.AlertType;
import org.communitycarbon.model.ops.OpsTopics;
import org.communitycarbon.model.registry.Connectivity;
import org.communitycarbon.model.registry.DeviceChanged;
import org.communitycarbon.model.registry.DeviceStatus;
import org.communitycarbon.model.registry.DeviceStatusChanged;
import org.communitycarbon.model.registry.PlaceKind;
import org.communitycarbon.model.registry.RegistryTopics;
import org.communitycarbon.ops.OpsTicketServiceTest;
import org.communitycarbon.support.messaging.EventCodec;
import org.communitycarbon.testing.KafkaTestConsumer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Device statuses published to Kafka as the sensing service does, and the work orders for silent devices and
 * buildings they lead to (offline for 30 minutes by default).
 */
@OpsTicketServiceTest
class DeviceOfflineIT {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    @Autowired
    EventCodec codec;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DeviceConnectivity connectivity;

    private final String community = BinStatuses.community();
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    @Test
    void aDeviceSilentPastTheLimitOpensOneOrderWhichClosesWhenItSpeaksAgain() throws Exception {
        DeviceStatusChanged offline = status("em-1", Connectivity.OFFLINE, now.minus(40, ChronoUnit.MINUTES), "b01");
        publish(offline, offline); // delivered twice
        awaitApplied("em-1", offline);

        await().atMost(PATIENCE).until(() -> {
            connectivity.check(); // another instance may hold the check's lock for a moment
            return orders("DEVICE_OFFLINE").size() == 1;
        });
        connectivity.check();
        List<Map<String, Object>> orders = orders("DEVICE_OFFLINE");
        assertThat(orders).hasSize(1);
        assertThat(orders.get(0)).containsEntry("source_id", "em-1").containsEntry("status", "OPEN").containsEntry("unit", "MINUTE")
                .containsEntry("id", NewWorkOrder.idFor(offline.eventId()));
        assertThat(orders.get(0).get("title").toString()).startsWith("Device em-1 (electricity-meter) silent since");
        AlertRaised alert = alert();
        assertThat(alert.alertType()).isEqualTo(AlertType.DEVICE_OFFLINE);
        assertThat(alert.observed().value().intValue()).isBetween(40, 41);

        DeviceStatusChanged online = status("em-1", Connectivity.ONLINE, now, "b01");
        publish(online);
        awaitApplied("em-1", online);
        await().atMost(PATIENCE).until(() -> {
            connectivity.check();
            return orders("DEVICE_OFFLINE").get(0).get("status").equals("RESOLVED");
        });
        assertThat(orders("DEVICE_OFFLINE").get(0)).containsEntry("resolved_by", DeviceConnectivity.PLATFORM);
        assertThat(jdbc.queryForList("SELECT actor, from_state, to_state, note FROM work_order_change WHERE work_order_id = ?",
                orders("DEVICE_OFFLINE").get(0).get("id")))
                .containsExactly(Map.of("actor", DeviceConnectivity.PLATFORM, "from_state", "OPEN", "to_state", "RESOLVED",
                        "note", "Resolved by the platform: the device is online again"));
    }

    @Test
    void aShortSilenceOrAStatusOvertakenByANewerOneOpensNothing() throws Exception {
        DeviceStatusChanged recent = status("em-2", Connectivity.OFFLINE, now.minus(5, ChronoUnit.MINUTES), null);
        DeviceStatusChanged online = status("em-3", Connectivity.ONLINE, now.minus(1, ChronoUnit.MINUTES), null);
        DeviceStatusChanged olderOffline = status("em-3", Connectivity.OFFLINE, now.minus(50, ChronoUnit.MINUTES), null);
        publish(recent, online, olderOffline); // the older offline status arrives last
        awaitApplied("em-2", recent);
        awaitApplied("em-3", online);
        connectivity.check();
        assertThat(orders("DEVICE_OFFLINE")).isEmpty();
    }

    @Test
    void mostOfABuildingSilentOpensOneOrderForTheBuildingNotOnePerDevice() throws Exception {
        Instant longAgo = now.minus(45, ChronoUnit.MINUTES);
        publish(status("wm-1", Connectivity.OFFLINE, longAgo, "b02"), status("wm-2", Connectivity.OFFLINE, longAgo, "b02"),
                status("wm-3", Connectivity.OFFLINE, longAgo.plusSeconds(60), "b02"), status("wm-4", Connectivity.ONLINE, now, "b02"));
        await().atMost(PATIENCE).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM device_connectivity WHERE community_id = ? AND building_id = 'b02'", Integer.class, community) == 4);

        await().atMost(PATIENCE).until(() -> {
            connectivity.check();
            return orders("BUILDING_DEVICES_OFFLINE").size() == 1;
        });
        connectivity.check();
        Map<String, Object> order = orders("BUILDING_DEVICES_OFFLINE").get(0);
        assertThat(order).containsEntry("source_id", "b02").containsEntry("unit", "RATIO");
        assertThat(order.get("title")).asString().startsWith("3 of 4 devices of building b02 offline since");
        assertThat(orders("DEVICE_OFFLINE")).as("no order per device of that building").isEmpty();

        DeviceStatusChanged back = status("wm-1", Connectivity.ONLINE, now.plusSeconds(1), "b02");
        DeviceStatusChanged back2 = status("wm-2", Connectivity.ONLINE, now.plusSeconds(1), "b02");
        publish(back, back2);
        awaitApplied("wm-2", back2);
        awaitApplied("wm-1", back);
        await().atMost(PATIENCE).until(() -> {
            connectivity.check();
            return orders("BUILDING_DEVICES_OFFLINE").get(0).get("status").equals("RESOLVED");
        });
        // one of four is still silent: now it has an order of its own
        assertThat(orders("DEVICE_OFFLINE")).extracting(o -> o.get("source_id")).containsExactly("wm-3");
    }

    @Test
    void aRetiredDeviceIsForgottenAndItsOrderResolved() throws Exception {
        DeviceStatusChanged offline = status("gm-1", Connectivity.OFFLINE, now.minus(40, ChronoUnit.MINUTES), null);
        publish(offline);
        awaitApplied("gm-1", offline);
        await().atMost(PATIENCE).until(() -> {
            connectivity.check();
            return orders("DEVICE_OFFLINE").size() == 1;
        });

        kafka.send(RegistryTopics.DEVICES, RegistryTopics.deviceKey(community, "gm-1"), codec.encode(new DeviceChanged(
                DeviceChanged.eventIdOf(community, "gm-1", 7), DeviceChanged.SCHEMA_VERSION, community, now, 7, "gm-1", "gas-meter",
                "test meter", null, PlaceKind.HOUSEHOLD, "h-1", DeviceStatus.RETIRED, LocalDate.of(2025, 1, 1), LocalDate.now(), null)))
                .get();
        await().atMost(PATIENCE).until(() -> orders("DEVICE_OFFLINE").get(0).get("status").equals("RESOLVED"));
        // a late status of the retired device changes nothing
        publish(status("gm-1", Connectivity.OFFLINE, now.minus(35, ChronoUnit.MINUTES).plusSeconds(1), null));
        connectivity.check();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM device_connectivity WHERE community_id = ?", Integer.class, community))
                .isZero();
        assertThat(orders("DEVICE_OFFLINE")).hasSize(1);
    }

    private DeviceStatusChanged status(String device, Connectivity connectivity, Instant at, @Nullable String building) {
        return new DeviceStatusChanged(DeviceStatusChanged.eventIdOf(community, device, connectivity, at), DeviceStatusChanged.SCHEMA_VERSION,
                community, at, device, device.startsWith("em") ? "electricity-meter" : device.startsWith("wm") ? "water-meter" : "gas-meter",
                connectivity, at.minusSeconds(300), building);
    }

    private void publish(DeviceStatusChanged... statuses) throws Exception {
        for (DeviceStatusChanged status : statuses) {
            kafka.send(RegistryTopics.DEVICE_STATUS, RegistryTopics.deviceKey(community, status.deviceId()), codec.encode(status)).get();
        }
    }

    private void awaitApplied(String device, DeviceStatusChanged status) {
        await().atMost(PATIENCE).until(() -> jdbc.queryForList(
                "SELECT status_event_id FROM device_connectivity WHERE community_id = ? AND device_id = ?", community, device)
                .stream().anyMatch(row -> row.get("status_event_id").equals(status.eventId())));
    }

    private List<Map<String, Object>> orders(String type) {
        return jdbc.queryForList("SELECT * FROM work_order WHERE community_id = ? AND type = ? ORDER BY opened_at, source_id",
                community, type);
    }

    private AlertRaised alert() {
        try (var consumer = new KafkaTestConsumer(EmbeddedInfrastructure.shared().kafka().bootstrapServers(), OpsTopics.ALERTS)) {
            ConsumerRecord<String, byte[]> record = consumer.await(r -> community.equals(r.key()), PATIENCE);
            return codec.decode(record.value(), AlertRaised.class);
        }
    }
}
