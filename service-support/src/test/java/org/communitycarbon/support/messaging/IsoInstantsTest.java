package org.communitycarbon.support.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;

class IsoInstantsTest {

    @Test
    void readsWhatTheStandardFormatterReads() {
        for (String text : List.of("2026-11-22T08:00:00Z", "2026-11-22T08:00:00.250Z", "2026-11-22T16:00:00+08:00",
                "2026-11-22T02:30:00-05:30", "2024-02-29T23:59:59.123456789Z", "2026-11-22t08:00:00z", "2026-11-22T08:00Z",
                "2026-11-22T08:00:00+08:00:00")) {
            assertThat(IsoInstants.parse(text)).as(text).isEqualTo(OffsetDateTime.parse(text).toInstant());
        }
    }

    @Test
    void refusesATimeWithoutAnOffsetAndImpossibleDates() {
        for (String text : List.of("2026-11-22T16:00:00", "2026-02-30T08:00:00Z", "2026-11-22T24:00:00Z", "yesterday",
                "2026-11-22T08:00:00.1234567890Z", "")) {
            assertThat(IsoInstants.parse(text)).as(text).isNull();
        }
    }

    @Test
    void aDeviceMessageGetsTheDocumentedReason() {
        record Message(Instant dateObserved) {
        }
        assertThat(EventCodec.create().decode("{\"dateObserved\":\"2026-11-22T16:00:00+08:00\"}".getBytes(), Message.class).dateObserved())
                .isEqualTo(Instant.parse("2026-11-22T08:00:00Z"));
        assertThatThrownBy(() -> EventCodec.create().decode("{\"dateObserved\":\"2026-11-22T16:00:00\"}".getBytes(), Message.class))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessage("dateObserved: must be an ISO-8601 instant with an offset, such as 2026-11-22T08:00:00Z or "
                        + "2026-11-22T16:00:00+08:00, was \"2026-11-22T16:00:00\"");
        assertThatThrownBy(() -> EventCodec.create().decode("{\"dateObserved\":1732262400}".getBytes(), Message.class))
                .isInstanceOf(InvalidMessageException.class).hasMessageStartingWith("dateObserved: must be an ISO-8601 instant");
    }

    @Test
    void writesWhatInstantToStringWrites() {
        for (String text : List.of("2026-11-22T08:00:00Z", "2026-11-22T08:00:00.250Z", "2026-11-22T08:00:00.000250Z",
                "2026-11-22T08:00:00.000000250Z", "1970-01-01T00:00:00Z", "1969-12-31T23:59:59.999Z", "9999-12-31T23:59:59Z",
                "0000-01-01T00:00:00Z")) {
            Instant instant = Instant.parse(text);
            assertThat(IsoInstants.format(instant)).as(text).isEqualTo(instant.toString());
        }
        assertThat(IsoInstants.format(Instant.parse("+10000-01-01T00:00:00Z"))).isEqualTo("+10000-01-01T00:00:00Z");
    }
}
