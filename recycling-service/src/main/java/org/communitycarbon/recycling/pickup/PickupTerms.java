package org.communitycarbon.recycling.pickup;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;

import org.communitycarbon.model.recycling.Settlement;
import org.jspecify.annotations.Nullable;

/**
 * What a booking asks for, normalised: categories without repeats, text without surrounding blanks
 * (blank text is no text), the window to the microsecond. Its {@link #fingerprint()} identifies the
 * request for idempotency: two requests that mean the same booking have the same fingerprint.
 */
record PickupTerms(List<String> categories, BigDecimal estimatedWeightKg, @Nullable String address, PickupWindow window,
        @Nullable String note, @Nullable Settlement settlement) {

    PickupTerms {
        categories = List.copyOf(categories);
    }

    static PickupTerms of(PickupRequest request) {
        return new PickupTerms(List.copyOf(new LinkedHashSet<>(request.categories())), request.estimatedWeightKg(),
                text(request.address()), new PickupWindow(request.preferredFrom(), request.preferredUntil()),
                text(request.note()), request.settlement());
    }

    /**
     * SHA-256, in hex, of a canonical form in which category order and the scale of the weight do not
     * matter ({@code ["PAPER","METAL"]} with 5 kg is {@code ["METAL","PAPER"]} with 5.000 kg). Each value is
     * length-prefixed, so no two different requests share a canonical form.
     */
    String fingerprint() {
        StringBuilder canonical = new StringBuilder();
        field(canonical, "categories", String.join(",", categories.stream().sorted().toList()));
        field(canonical, "estimatedWeightKg", estimatedWeightKg.stripTrailingZeros().toPlainString());
        field(canonical, "address", address);
        field(canonical, "preferredFrom", window.from() == null ? null : window.from().toString());
        field(canonical, "preferredUntil", window.until() == null ? null : window.until().toString());
        field(canonical, "note", note);
        // added later: left out when not chosen, so the fingerprints of earlier requests stay as they were
        if (settlement != null) {
            field(canonical, "settlement", settlement.name());
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private static void field(StringBuilder canonical, String name, @Nullable String value) {
        canonical.append(name).append('=');
        if (value == null) {
            canonical.append('-');
        }
        else {
            canonical.append(value.length()).append(':').append(value);
        }
        canonical.append('\n');
    }

    private static @Nullable String text(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
