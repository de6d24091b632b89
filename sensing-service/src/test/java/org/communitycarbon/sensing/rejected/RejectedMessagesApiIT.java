package org.communitycarbon.sensing.rejected;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import org.communitycarbon.infra.EmbeddedInfrastructure;
import org.communitycarbon.sensing.SensingServiceTest;
import org.communitycarbon.testing.MqttTestClient;
import org.communitycarbon.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

@SensingServiceTest
class RejectedMessagesApiIT {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    @Autowired
    RejectedMessageRetention retention;

    private final String community = "c-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void showsACommunitysRefusedMessagesToThoseWhoOverseeIt() {
        try (var device = MqttTestClient.platform(EmbeddedInfrastructure.shared().mqtt())) {
            device.publish("cc/" + community + "/electricity-meter/em-7/reading", "{not json");
        }
        String manager = TestTokens.bearer(TestTokens.propertyManager(community));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                mvc.get().uri("/api/sensing/rejected-messages?communityId={c}", community).header(HttpHeaders.AUTHORIZATION, manager))
                .hasStatusOk()
                .bodyJson()
                .hasPathSatisfying("$.items[0].mqttTopic", v -> v.assertThat().isEqualTo("cc/" + community + "/electricity-meter/em-7/reading"))
                .hasPathSatisfying("$.items[0].payloadText", v -> v.assertThat().isEqualTo("{not json"))
                .hasPathSatisfying("$.items[0].reason", v -> v.assertThat()
                        .isEqualTo("unknown device: em-7 is not a registered, active device of " + community)));

        assertThat(mvc.get().uri("/api/sensing/rejected-messages?communityId={c}", community)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.propertyManager("elsewhere"))))
                .hasStatus(HttpStatus.FORBIDDEN);
        assertThat(mvc.get().uri("/api/sensing/rejected-messages?communityId={c}", community)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.resident(community, "h1"))))
                .hasStatus(HttpStatus.FORBIDDEN);
        assertThat(mvc.get().uri("/api/sensing/rejected-messages?communityId={c}", community)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.streetOffice("east-lake", community))))
                .as("raw payloads are not for a street office, which sees aggregates").hasStatus(HttpStatus.FORBIDDEN);
        assertThat(mvc.get().uri("/api/sensing/rejected-messages?communityId={c}", community)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.staff(community))))
                .hasStatusOk();
    }

    @Test
    void refusedMessagesAreKeptForTheRetentionOnly() {
        java.time.Instant now = java.time.Instant.now();
        jdbc.update("INSERT INTO rejected_message (id, kafka_topic, kafka_partition, kafka_offset, mqtt_topic, community_id, reason, "
                + "payload, received_at) VALUES (?, 'retention-test', 0, ?, 'cc/x', ?, 'old', '\\x00', ?), "
                + "(?, 'retention-test', 0, ?, 'cc/x', ?, 'recent', '\\x00', ?)",
                UUID.randomUUID(), now.toEpochMilli(), community, java.sql.Timestamp.from(now.minus(java.time.Duration.ofDays(31))),
                UUID.randomUUID(), now.toEpochMilli() + 1, community, java.sql.Timestamp.from(now.minus(java.time.Duration.ofDays(29))));
        assertThat(retention.purge()).isGreaterThanOrEqualTo(1);
        assertThat(jdbc.queryForList("SELECT reason FROM rejected_message WHERE community_id = ?", String.class, community))
                .containsExactly("recent");
    }

    @Test
    void refusesAMessageOnAMalformedTopicWithAReason() {
        String topic = "cc/" + community + "/electricity-meter/em-1";
        try (var device = MqttTestClient.platform(EmbeddedInfrastructure.shared().mqtt())) {
            device.publish(topic, "{}");
        }
        String manager = TestTokens.bearer(TestTokens.propertyManager(community));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                mvc.get().uri("/api/sensing/rejected-messages?communityId={c}", community).header(HttpHeaders.AUTHORIZATION, manager))
                .hasStatusOk()
                .bodyJson()
                .hasPathSatisfying("$.items[0].mqttTopic", v -> v.assertThat().isEqualTo(topic))
                .hasPathSatisfying("$.items[0].field", v -> v.assertThat().isEqualTo("topic")));
    }

    @Test
    void showsEverythingIncludingUnattributedMessagesToAnAdminOnly() {
        String topic = "cc/No Community " + community + "/electricity-meter/em-1/reading";
        try (var device = MqttTestClient.platform(EmbeddedInfrastructure.shared().mqtt())) {
            device.publish(topic, "{}");
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                mvc.get().uri("/api/sensing/rejected-messages?size=200").header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.admin())))
                .hasStatusOk()
                .bodyJson().extractingPath("$.items[*].mqttTopic").asArray().contains(topic));

        assertThat(mvc.get().uri("/api/sensing/rejected-messages")
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.propertyManager(community))))
                .hasStatus(HttpStatus.FORBIDDEN);
        assertThat(mvc.get().uri("/api/sensing/rejected-messages")).hasStatus(HttpStatus.UNAUTHORIZED);
    }
}
