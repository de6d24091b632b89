package org.communitycarbon.sensing.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.communitycarbon.model.Unit;
import org.communitycarbon.model.device.DeviceType;
import org.communitycarbon.model.sensing.ScaleTopics;
import org.communitycarbon.model.sensing.ScaleWeighingReported;
import org.communitycarbon.sensing.inbound.DeviceMessageTranslator.Accepted;
import org.communitycarbon.sensing.inbound.DeviceMessageTranslator.Rejected;
import org.communitycarbon.sensing.inbound.DeviceMessageTranslator.Translation;
import org.communitycarbon.sensing.registry.Binding;
import org.communitycarbon.support.messaging.EventCodec;
import org.junit.jupiter.api.Test;

/** A connected recycling scale's {@code weighing} (docs/mqtt-api.md): what is forwarded, and what is refused with which field. */
class ScaleWeighingTranslationTest {

    private static final Instant NOW = Instant.parse("2026-11-22T08:00:30Z");
    private static final String TOPIC = "cc/c1/recycling-scale/scale-1/weighing";
    private static final String PICKUP = "0b7c4f6e-2d0a-4c1e-9a53-6f1d2e3c4b5a";

    private final DeviceMessageTranslator translator = new DeviceMessageTranslator(EventCodec.lenientEnums(),
            new IngestSettings(Duration.ofMinutes(5), Duration.ofDays(7), 65536),
            new RegisteredDevices()
                    .device("c1", "scale-1", "recycling-scale", Binding.DROP_POINT, "dp1")
                    .device("c1", "bin-1", "waste-bin", Binding.DROP_POINT, "dp1"));

    @Test
    void forwardsAWeighingKeyedByTheScaleWithAnIdFromItsWeighingId() {
        Accepted accepted = accept(TOPIC, weighing("2026-11-22T08:00:00Z", "w-17", "PAPER", "3.2"));

        assertThat(accepted.kafkaTopic()).isEqualTo(ScaleTopics.SCALE_WEIGHINGS);
        assertThat(accepted.key()).isEqualTo("c1/scale-1");
        assertThat(accepted.deviceType()).isEqualTo(DeviceType.RECYCLING_SCALE);
        ScaleWeighingReported event = (ScaleWeighingReported) accepted.event();
        event.validate();
        assertThat(event.eventId()).isEqualTo(ScaleWeighingReported.eventIdOf("c1", "scale-1", "w-17"));
        assertThat(event.pickupId()).isEqualTo(UUID.fromString(PICKUP));
        assertThat(event.category()).isEqualTo("PAPER");
        assertThat(event.weight().value()).isEqualByComparingTo("3.2");
        assertThat(event.weight().unit()).isEqualTo(Unit.KG);
        assertThat(event.occurredAt()).isEqualTo(Instant.parse("2026-11-22T08:00:00Z"));

        ScaleWeighingReported again = (ScaleWeighingReported) accept(TOPIC, weighing("2026-11-22T08:00:20Z", "w-17", "PAPER", "3.2")).event();
        assertThat(again.eventId()).as("the same weighing sent again, later").isEqualTo(event.eventId());
    }

    @Test
    void refusesWeightsOutsideTheCollectorsBoundsAndNamesTheField() {
        assertThat(reject(TOPIC, weighing("2026-11-22T08:00:00Z", "w-1", "PAPER", "0")).field()).isEqualTo("weight");
        assertThat(reject(TOPIC, weighing("2026-11-22T08:00:00Z", "w-1", "PAPER", "1000.001")).field()).isEqualTo("weight");
        assertThat(reject(TOPIC, weighing("2026-11-22T08:00:00Z", "w-1", "PAPER", "3.2001")).field()).isEqualTo("weight");
        assertThat(reject(TOPIC, weighing("2026-11-22T08:00:00Z", "w-1", "PAPER", "1e999999999")).field()).isEqualTo("weight");
        assertThat(accept(TOPIC, weighing("2026-11-22T08:00:00Z", "w-1", "PAPER", "1000")).event()).isNotNull();
        assertThat(accept(TOPIC, weighing("2026-11-22T08:00:00Z", "w-1", "PAPER", "0.001")).event()).isNotNull();
    }

    @Test
    void refusesAWeighingWithoutItsIdsOrWithABadCategory() {
        assertThat(reject(TOPIC, weighing("2026-11-22T08:00:00Z", "w 1", "PAPER", "1")).field()).isEqualTo("weighingId");
        assertThat(reject(TOPIC, weighing("2026-11-22T08:00:00Z", "w-1", "paper", "1")).field()).isEqualTo("category");
        assertThat(reject(TOPIC, "{\"dateObserved\":\"2026-11-22T08:00:00Z\",\"weighingId\":\"w-1\",\"category\":\"PAPER\",\"weight\":1}")
                .field()).isEqualTo("pickupId");
        assertThat(reject(TOPIC, "{\"dateObserved\":\"2026-11-22T08:00:00Z\",\"weighingId\":\"w-1\",\"pickupId\":\"order-7\","
                + "\"category\":\"PAPER\",\"weight\":1}").field()).isEqualTo("pickupId");
        assertThat(reject(TOPIC, weighing("2026-11-22T09:00:00Z", "w-1", "PAPER", "1")).field()).as("an hour ahead").isEqualTo("dateObserved");
    }

    @Test
    void onlyAScalePublishesWeighingsAndAScalePublishesNothingElse() {
        assertThat(reject("cc/c1/waste-bin/bin-1/weighing", weighing("2026-11-22T08:00:00Z", "w-1", "PAPER", "1")).field())
                .isEqualTo("topic.message");
        assertThat(reject("cc/c1/recycling-scale/scale-1/status", "{\"dateObserved\":\"2026-11-22T08:00:00Z\"}").field())
                .isEqualTo("topic.message");
        assertThat(reject("cc/c1/recycling-scale/bin-1/weighing", weighing("2026-11-22T08:00:00Z", "w-1", "PAPER", "1")).field())
                .as("a bin posing as a scale").isEqualTo("topic.deviceType");
        assertThat(reject("cc/c1/recycling-scale/scale-9/weighing", weighing("2026-11-22T08:00:00Z", "w-1", "PAPER", "1")).field())
                .as("an unregistered scale").isEqualTo("topic.deviceId");
    }

    private static String weighing(String at, String weighingId, String category, String kg) {
        return "{\"dateObserved\":\"" + at + "\",\"weighingId\":\"" + weighingId + "\",\"pickupId\":\"" + PICKUP + "\",\"category\":\""
                + category + "\",\"weight\":" + kg + "}";
    }

    private Accepted accept(String topic, String payload) {
        Translation translation = translator.translate(topic, payload.getBytes(StandardCharsets.UTF_8), NOW);
        assertThat(translation).isInstanceOf(Accepted.class);
        return (Accepted) translation;
    }

    private Rejected reject(String topic, String payload) {
        Translation translation = translator.translate(topic, payload.getBytes(StandardCharsets.UTF_8), NOW);
        assertThat(translation).as("refused: %s", payload).isInstanceOf(Rejected.class);
        return (Rejected) translation;
    }
}
