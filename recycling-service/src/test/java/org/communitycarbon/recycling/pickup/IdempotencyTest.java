package org.communitycarbon.recycling.pickup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.communitycarbon.model.ContractViolation;
import org.junit.jupiter.api.Test;

class IdempotencyTest {

    private static final Instant FROM = Instant.parse("2026-11-23T01:00:00Z");
    private static final Instant UNTIL = Instant.parse("2026-11-23T04:00:00Z");

    @Test
    void createsWhenNothingIsStoredUnderTheKey() {
        assertThat(IdempotencyDecision.of(null, fingerprint(request(List.of("PAPER"), "5", "by the door"))))
                .isEqualTo(IdempotencyDecision.CREATE);
    }

    @Test
    void replaysTheSameRequest() {
        String first = fingerprint(request(List.of("PAPER", "METAL"), "5", "by the door"));

        assertThat(IdempotencyDecision.of(first, fingerprint(request(List.of("PAPER", "METAL"), "5", "by the door"))))
                .isEqualTo(IdempotencyDecision.REPLAY);
    }

    @Test
    void treatsRequestsThatMeanTheSameBookingAsTheSame() {
        String first = fingerprint(request(List.of("PAPER", "METAL"), "5", "by the door"));

        assertThat(fingerprint(request(List.of("METAL", "PAPER", "METAL"), "5.000", "  by the door "))).isEqualTo(first);
        assertThat(fingerprint(new PickupRequest(List.of("PAPER"), new BigDecimal("5"), "", null, null, " ", null)))
                .isEqualTo(fingerprint(new PickupRequest(List.of("PAPER"), new BigDecimal("5"), null, null, null, null, null)));
    }

    @Test
    void refusesTheKeyForADifferentRequest() {
        String first = fingerprint(request(List.of("PAPER"), "5", "by the door"));

        assertThat(IdempotencyDecision.of(first, fingerprint(request(List.of("PAPER"), "6", "by the door"))))
                .isEqualTo(IdempotencyDecision.CONFLICT);
        assertThat(IdempotencyDecision.of(first, fingerprint(request(List.of("PAPER", "GLASS"), "5", "by the door"))))
                .isEqualTo(IdempotencyDecision.CONFLICT);
        assertThat(IdempotencyDecision.of(first, fingerprint(request(List.of("PAPER"), "5", "ring twice"))))
                .isEqualTo(IdempotencyDecision.CONFLICT);
        assertThat(IdempotencyDecision.of(first, fingerprint(new PickupRequest(List.of("PAPER"), new BigDecimal("5"), null,
                FROM, UNTIL.plusSeconds(1), "by the door", null)))).isEqualTo(IdempotencyDecision.CONFLICT);
    }

    @Test
    void fieldValuesCannotBleedIntoEachOther() {
        assertThat(fingerprint(new PickupRequest(List.of("PAPER"), BigDecimal.ONE, "a", null, null, "b", null)))
                .isNotEqualTo(fingerprint(new PickupRequest(List.of("PAPER"), BigDecimal.ONE, null, null, null, "a\nnote=1:b", null)));
    }

    @Test
    void acceptsKeysOfLettersDigitsUnderscoresAndHyphens() {
        assertThat(new IdempotencyKey("7f3c1a2e-booking_1").value()).isEqualTo("7f3c1a2e-booking_1");
        assertThat(new IdempotencyKey("k".repeat(64)).value()).hasSize(64);
    }

    @Test
    void refusesAMalformedKeyNamingTheHeader() {
        for (String malformed : List.of("", "k".repeat(65), "has space", "semi;colon", "中文")) {
            assertThatThrownBy(() -> new IdempotencyKey(malformed))
                    .isInstanceOfSatisfying(ContractViolation.class, e -> assertThat(e.field()).isEqualTo("Idempotency-Key"));
        }
    }

    private static PickupRequest request(List<String> categories, String kg, String note) {
        return new PickupRequest(categories, new BigDecimal(kg), "Building 3, room 501", FROM, UNTIL, note, null);
    }

    private static String fingerprint(PickupRequest request) {
        return PickupTerms.of(request).fingerprint();
    }
}
