package org.communitycarbon.support.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class EventCodecTest {

    record Reading(java.math.BigDecimal value) {
    }

    @Test
    void explainsALimitWithoutNamingJacksonsSettings() {
        assertThatThrownBy(() -> EventCodec.create().decode("{\"a\":".repeat(20).getBytes(StandardCharsets.UTF_8), Reading.class))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessage("not valid JSON: Document nesting depth (17) exceeds the maximum allowed (16)");
        assertThatThrownBy(() -> EventCodec.create().decode("{\"value\":NaN}".getBytes(StandardCharsets.UTF_8), Reading.class))
                .hasMessage("not valid JSON: Non-standard token 'NaN'");
    }

    @Test
    void readsUnknownFieldsAsNothing() {
        assertThat(EventCodec.create().decode("{\"value\":1.5,\"addedLater\":true}".getBytes(StandardCharsets.UTF_8), Reading.class)
                .value()).isEqualByComparingTo("1.5");
    }
}
