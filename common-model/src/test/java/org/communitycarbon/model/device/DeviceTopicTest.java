package org.communitycarbon.model.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.communitycarbon.model.ContractViolation;
import org.junit.jupiter.api.Test;

class DeviceTopicTest {

    @Test
    void parsesAndFormatsTheTopicScheme() {
        DeviceTopic topic = DeviceTopic.parse("cc/maple-court/waste-bin/bin-dp1-perishable/deposit");

        assertThat(topic.communityId()).isEqualTo("maple-court");
        assertThat(topic.deviceType()).isEqualTo(DeviceType.WASTE_BIN);
        assertThat(topic.deviceId()).isEqualTo("bin-dp1-perishable");
        assertThat(topic.message()).isEqualTo(DeviceMessage.DEPOSIT);
        assertThat(topic.path()).isEqualTo("cc/maple-court/waste-bin/bin-dp1-perishable/deposit");
    }

    @Test
    void rejectsTopicsOutsideTheScheme() {
        assertThatThrownBy(() -> DeviceTopic.parse("cc/maple-court/electricity-meter/em-1"))
                .isInstanceOf(ContractViolation.class).hasMessageContaining("cc/{communityId}/{deviceType}/{deviceId}/{message}");
        assertThatThrownBy(() -> DeviceTopic.parse("other/maple-court/electricity-meter/em-1/reading"))
                .isInstanceOf(ContractViolation.class);
    }

    @Test
    void namesTheUnknownDeviceType() {
        assertThatThrownBy(() -> DeviceTopic.parse("cc/maple-court/toaster/t-1/reading"))
                .isInstanceOf(ContractViolation.class)
                .hasMessageContaining("unknown device type 'toaster'")
                .satisfies(e -> assertThat(((ContractViolation) e).field()).isEqualTo("topic.deviceType"));
    }

    @Test
    void rejectsAMessageTheDeviceTypeDoesNotPublish() {
        assertThatThrownBy(() -> DeviceTopic.parse("cc/maple-court/electricity-meter/em-1/deposit"))
                .isInstanceOf(ContractViolation.class)
                .hasMessageContaining("a electricity-meter publishes reading, not deposit");
    }

    @Test
    void rejectsIdentifiersThatCannotBeTopicLevels() {
        assertThatThrownBy(() -> DeviceTopic.parse("cc/maple court/electricity-meter/em-1/reading"))
                .isInstanceOf(ContractViolation.class)
                .satisfies(e -> assertThat(((ContractViolation) e).field()).isEqualTo("topic.communityId"));
    }
}
