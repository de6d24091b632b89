package org.communitycarbon.credits.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class EntryHashTest {

    private static final UUID ID = UUID.fromString("1e397b08-356e-3c2c-9305-a9cfbe18f78e");
    private static final UUID SOURCE = UUID.fromString("686c7e33-6f22-3b82-830c-b3ab3248b73e");

    @Test
    void writesTheDocumentedCanonicalForm() {
        var entry = new EntryHash.Content(ID, "maple-court", "b01-0101", 1, 250, 250, "REDUCTION_AWARD",
                "sorted perishable waste: 1.250 kg = 0.250 kg CO2e (wuhan-pilot)", SOURCE, Instant.parse("2026-11-22T08:00:00Z"),
                Instant.parse("2026-11-22T08:00:01.5Z"), EntryHash.GENESIS);

        assertThat(EntryHash.canonical(entry)).isEqualTo("""
                cc-ledger-entry/1
                1e397b08-356e-3c2c-9305-a9cfbe18f78e
                maple-court
                b01-0101
                1
                250
                250
                REDUCTION_AWARD
                sorted perishable waste: 1.250 kg = 0.250 kg CO2e (wuhan-pilot)
                686c7e33-6f22-3b82-830c-b3ab3248b73e
                2026-11-22T08:00:00.000000Z
                2026-11-22T08:00:01.500000Z
                0000000000000000000000000000000000000000000000000000000000000000
                """);
        // as docs/credits.md shows: printf '%s\\n' ... | sha256sum
        assertThat(EntryHash.hex(EntryHash.of(entry))).isEqualTo(DOCUMENTED_HASH);
    }

    /** The hash docs/credits.md shows for its example entry. */
    static final String DOCUMENTED_HASH = "84c0c886f7b069f239b410ddbd7caa4f4bbbf891f97669c3e1f269a89f6fea52";

    @Test
    void refusesWhatTheFormCouldNotTellApart() {
        assertThatThrownBy(() -> new EntryHash.Content(ID, "maple-court", "b01-0101", 1, 250, 250, "REDUCTION_AWARD",
                "two\nlines", SOURCE, Instant.EPOCH, Instant.EPOCH, EntryHash.GENESIS)).hasMessageContaining("reason");
        assertThatThrownBy(() -> new EntryHash.Content(ID, "maple-court", "b01-0101", 1, 250, 250, "REDUCTION_AWARD",
                "ok", SOURCE, Instant.parse("2026-11-22T08:00:00.123456789Z"), Instant.EPOCH, EntryHash.GENESIS))
                .hasMessageContaining("microseconds");
    }

    @Test
    void keepsInstantsToPostgresMicroseconds() {
        assertThat(EntryHash.micros(Instant.parse("2026-11-22T08:00:00.123456789Z"))).isEqualTo(Instant.parse("2026-11-22T08:00:00.123456Z"));
    }
}
