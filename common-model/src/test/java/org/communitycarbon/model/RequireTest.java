package org.communitycarbon.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;

import org.communitycarbon.model.device.DeviceTopic;
import org.communitycarbon.model.device.WasteDepositMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class RequireTest {

    @Test
    @Timeout(5)
    void refusesAHugeExponentWithoutFormattingItsDigits() {
        BigDecimal huge = new BigDecimal("1e999999999");
        assertThatThrownBy(() -> Require.decimal(huge, "totalActiveEnergyImport", BigDecimal.ZERO, new BigDecimal("999999999"), 6))
                .isInstanceOf(ContractViolation.class)
                .hasMessage("totalActiveEnergyImport: must be between 0 and 999999999, was 1E+999999999");
        assertThatThrownBy(() -> Require.decimal(new BigDecimal("1e-999999999"), "weight", BigDecimal.ZERO, BigDecimal.TEN, 3))
                .hasMessage("weight: must be between 0 and 10, was 1E-999999999");
        assertThat(Require.show(new BigDecimal("-1e-999999999"))).isEqualTo("-1E-999999999");
    }

    @Test
    void roundsToTheColumnScaleAndRefusesWhatRoundsOutOfRange() {
        assertThat(Require.decimal(new BigDecimal("1.23456"), "weight", new BigDecimal("0.001"), BigDecimal.TEN, 3))
                .isEqualTo(new BigDecimal("1.235"));
        assertThatThrownBy(() -> Require.decimal(new BigDecimal("0.0004"), "weight", new BigDecimal("0.001"), BigDecimal.TEN, 3))
                .hasMessage("weight: must be between 0.001 and 10, was 0.0004");
        assertThatThrownBy(() -> Require.decimal(new BigDecimal("9.9996"), "level", BigDecimal.ZERO, BigDecimal.TEN.subtract(
                new BigDecimal("0.0001")), 3))
                .hasMessage("level: must be between 0 and 9.9999 with at most 3 decimal places, was 9.9996");
    }

    @Test
    void aDepositLighterThanAGramIsRefusedNotRoundedToZero() {
        assertThatThrownBy(() -> new WasteDepositMessage(java.time.Instant.now(), "hh-1",
                org.communitycarbon.model.sensing.WasteKind.PERISHABLE, new BigDecimal("0.0001"), true))
                .hasMessage("weight: must be between 0.001 and 100, was 0.0001");
    }

    @Test
    void boundsEveryMessageWhateverTheInput() {
        String topic = "cc/" + "x/".repeat(10_000) + "reading";
        long started = System.nanoTime();
        assertThatThrownBy(() -> DeviceTopic.parse(topic))
                .isInstanceOf(ContractViolation.class)
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThanOrEqualTo(ContractViolation.MAX_MESSAGE));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
        assertThat(new ContractViolation("f".repeat(5_000), "p".repeat(5_000)).getMessage())
                .hasSizeLessThanOrEqualTo(ContractViolation.MAX_MESSAGE).endsWith("…");
    }

    @Test
    void identifiersMatchTheDocumentedPattern() {
        java.util.regex.Pattern pattern = java.util.regex.Pattern.compile(Require.IDENTIFIER_PATTERN);
        for (String candidate : java.util.List.of("a", "maple-court", "b01-0101", "x".repeat(64), "x".repeat(65), "", "-a", ".a",
                "a/b", "a b", "a#", "a+", "中文", "A.b_c:d-e", "9")) {
            assertThat(Require.isIdentifier(candidate)).as(candidate).isEqualTo(pattern.matcher(candidate).matches());
        }
    }

    @Test
    void eventIdsAreNameBasedUuidsOfTheJoinedParts() {
        java.util.UUID expected = java.util.UUID.nameUUIDFromBytes("c-1\u001fem-1\u001freading\u001f2026-11-22T08:00:00Z"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(EventIds.of("c-1", "em-1", "reading", "2026-11-22T08:00:00Z")).isEqualTo(expected);
        assertThat(EventIds.of("c-1", "em-1", "reading", "2026-11-22T08:00:00Z").version()).isEqualTo(3);
    }
}
