package org.communitycarbon.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/** The checks the contract records run in their constructors. */
public final class Require {

    /** Identifiers travel in MQTT topics and URLs: no slashes, wildcards or spaces. */
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}");

    private Require() {
    }

    /** The envelope every event carries: see {@link PlatformEvent}. */
    public static void envelope(@Nullable UUID eventId, int schemaVersion, int supportedVersion, @Nullable String communityId,
            @Nullable Instant occurredAt) {
        present(eventId, "eventId");
        schemaVersion(schemaVersion, supportedVersion);
        identifier(communityId, "communityId");
        present(occurredAt, "occurredAt");
    }

    public static <T> T present(@Nullable T value, String field) {
        if (value == null) {
            throw new ContractViolation(field, "is required");
        }
        return value;
    }

    public static String identifier(@Nullable String value, String field) {
        present(value, field);
        if (!IDENTIFIER.matcher(value).matches()) {
            throw new ContractViolation(field,
                    "must be 1 to 64 letters, digits, '.', '_', ':' or '-', starting with a letter or digit");
        }
        return value;
    }

    public static @Nullable String optionalIdentifier(@Nullable String value, String field) {
        return value == null ? null : identifier(value, field);
    }

    public static String text(@Nullable String value, String field, int maxLength) {
        present(value, field);
        if (value.isBlank() || value.length() > maxLength) {
            throw new ContractViolation(field, "must be non-blank and at most " + maxLength + " characters");
        }
        return value;
    }

    public static BigDecimal between(@Nullable BigDecimal value, String field, BigDecimal min, BigDecimal max) {
        present(value, field);
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new ContractViolation(field,
                    "must be between " + min.toPlainString() + " and " + max.toPlainString() + ", was " + value.toPlainString());
        }
        return value;
    }

    public static BigDecimal positive(@Nullable BigDecimal value, String field, BigDecimal max) {
        present(value, field);
        if (value.signum() <= 0 || value.compareTo(max) > 0) {
            throw new ContractViolation(field,
                    "must be above 0 and at most " + max.toPlainString() + ", was " + value.toPlainString());
        }
        return value;
    }

    public static int schemaVersion(int value, int supported) {
        if (value < 1 || value > supported) {
            throw new ContractViolation("schemaVersion", "version " + value + " is not supported; this reader knows 1 to " + supported);
        }
        return value;
    }

    public static Quantity unit(@Nullable Quantity quantity, String field, Unit expected) {
        present(quantity, field);
        if (quantity.unit() != expected) {
            throw new ContractViolation(field, "must be in " + expected + ", was " + quantity.unit());
        }
        return quantity;
    }
}
